/**
 * Rox.Chat's codes and their plain-language explanations: the first four are the vendor's own
 * server codes. Codes never change once released.
 */
import type { CodeInfo } from '../scheme-vocabulary'

export const ROXCHAT_ERROR_CODES = [
  'wrong-provided-visitor-field-value',
  'wrong-provided-visitor-expires-value',
  'provided-visitor-expired',
  'wrong-provided-visitor-hash-value',
  'roxchat-no-key',
  'roxchat-visitor-malformed',
  'provided-auth-token-not-found',
] as const
export type RoxchatErrorCode = (typeof ROXCHAT_ERROR_CODES)[number]

export const ROXCHAT_CODE_INFO: Readonly<Record<RoxchatErrorCode, CodeInfo>> = {
  'wrong-provided-visitor-field-value': {
    summary: 'A visitor field is not a string, or the mandatory "id" is missing or empty.',
    advice: 'Every value in "fields" must be a string, and "id" must be present and not empty.',
  },
  'wrong-provided-visitor-expires-value': {
    summary: 'The "expires" value is not a whole number of seconds, or it is too large.',
    advice: '"expires" must be an integer Unix time in seconds, at most 2147483647.',
  },
  'provided-visitor-expired': {
    summary: 'The visitor data has expired.',
    advice: 'The website must refresh roxchat_visitor with a later "expires" and a new hash.',
  },
  'wrong-provided-visitor-hash-value': {
    summary: 'The visitor hash is missing, empty or does not match the fields and any Rox.Chat key.',
    advice: 'Check the key, the algorithm and that the values are joined in sorted key order with "expires" last.',
  },
  'roxchat-no-key': {
    summary: 'No Rox.Chat private key is loaded, so the hash cannot be checked.',
    advice: 'Import the account\'s private key (Settings → Private Keys in Rox.Chat) into the key store.',
  },
  'roxchat-visitor-malformed': {
    summary: 'The Rox.Chat visitor object could not be read.',
    advice: 'It must be an object with "fields", an optional "expires" and a "hash", or null to log out.',
  },
  'provided-auth-token-not-found': {
    summary: 'The visitor\'s auth token is not in the token table.',
    advice: 'Check the token the website passes to provide_visitor_fields, or load the token table that holds it.',
  },
}
