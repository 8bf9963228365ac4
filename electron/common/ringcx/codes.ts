/**
 * RingCX's codes and their plain-language explanations. Codes never change once released.
 */
import type { CodeInfo } from '../scheme-vocabulary'

export const RINGCX_ERROR_CODES = [
  'ringcx-identity-malformed',
  'ringcx-signed-identity-rejected',
  'ringcx-unsigned-identity-rejected',
  'ringcx-jwt-missing-kid',
  'ringcx-jwt-unknown-kid',
  'ringcx-jwt-alg-not-allowed',
  'ringcx-jwt-bad-signature',
  'ringcx-jwt-missing-exp',
  'ringcx-jwt-expired',
  'ringcx-jwt-exp-too-soon',
  'ringcx-jwt-not-yet-valid',
  'ringcx-jwt-missing-uuid',
  // A token of the vendor's mobile messaging SDK: other claim names, no exp, no uuid.
  'ringcx-mobile-sdk-token',
] as const
export type RingcxErrorCode = (typeof RINGCX_ERROR_CODES)[number]

export const RINGCX_WARNING_CODES = [
  'ringcx-extra-value-regex-mismatch',
  // The text holds a member name twice in one object: parsers disagree which one counts.
  'ringcx-duplicate-member',
  // An expiry that is valid but unlikely to be meant.
  'ringcx-jwt-exp-out-of-range',
  'ringcx-jwt-exp-in-milliseconds',
  'ringcx-jwt-exp-far-future',
] as const
export type RingcxWarningCode = (typeof RINGCX_WARNING_CODES)[number]

export const RINGCX_CODE_INFO: Readonly<Record<RingcxErrorCode | RingcxWarningCode, CodeInfo>> = {
  'ringcx-identity-malformed': {
    summary: 'The RingCX identity is not a well-formed JWT or identity object.',
    advice: 'Ask the website developers to send a compact JWT (three base64url parts) whose header and claims are JSON objects of well-formed Unicode text.',
  },
  'ringcx-signed-identity-rejected': {
    summary: 'The community rejects JWT-signed identities, but this identity is signed.',
    advice: 'Either switch the RingCX mode to "Require JWT signed identities" or have the website send an unsigned identity.',
  },
  'ringcx-unsigned-identity-rejected': {
    summary: 'The community requires JWT-signed identities, but this identity is not signed.',
    advice: 'The website must sign the identity with a configured key and pass it with _setSignedIdentity.',
  },
  'ringcx-jwt-missing-kid': {
    summary: 'The JWT header has no "kid", so no key can be chosen for it.',
    advice: 'The website must put the community Key ID in the JWT header as "kid".',
  },
  'ringcx-jwt-unknown-kid': {
    summary: 'The JWT names a key ID that is not in the key store.',
    advice: 'Import the key with that Key ID, or have the website use one of the configured Key IDs.',
  },
  'ringcx-jwt-alg-not-allowed': {
    summary: 'The JWT uses a signing algorithm that is not allowed for its key.',
    advice: 'Only HS256 (shared secret) and RS256 (public key) are accepted, and each key only with the algorithm it was imported for.',
  },
  'ringcx-jwt-bad-signature': {
    summary: 'The JWT signature does not match the key: the token was altered or signed with another key.',
    advice: 'Check that the website signs with the same secret or private key as the one imported for this Key ID.',
  },
  'ringcx-jwt-missing-exp': {
    summary: 'The JWT has no valid "exp" expiry (an integer Unix time in seconds).',
    advice: 'The website must set "exp" to a whole number of seconds since 1970, at least one hour ahead.',
  },
  'ringcx-jwt-expired': {
    summary: 'The JWT has expired (the integration guide\'s rule: "exp" must be in the future, with 10 seconds of leeway).',
    advice: 'The website must issue a fresh token; the visitor has to reload the page to continue.',
  },
  'ringcx-jwt-exp-too-soon': {
    summary: 'The JWT expires less than the required time ahead (the community page\'s rule: at least one hour ahead; the setting "minExpirySeconds").',
    advice: 'The website must set "exp" at least one hour in the future when it hands the token to the chat.',
  },
  'ringcx-jwt-not-yet-valid': {
    summary: 'The JWT is not valid yet ("nbf" is in the future).',
    advice: 'Check the clock of the website\'s server, or remove "nbf" from the token.',
  },
  'ringcx-jwt-missing-uuid': {
    summary: 'The JWT has no "uuid", which RingCX requires in a signed identity.',
    advice: 'The website must put the visitor\'s unique ID in the "uuid" claim.',
  },
  'ringcx-mobile-sdk-token': {
    summary: 'This is a token of the RingCX (Engage Digital) mobile messaging SDK for Android or iOS, not a web chat identity: it names the visitor "userId" and carries "extra", "installationId" and "apiKey" or "token", with no "uuid" and no "exp".',
    advice: 'The website must sign its own web identity: "uuid" (the mobile "userId"), "exp" at least one hour ahead, and "extra_values" (the mobile "extra"); firstname, lastname, email and company keep their names. The header needs "kid", "alg" and "typ".',
  },
  'ringcx-extra-value-regex-mismatch': {
    summary: 'An extra value does not match its mapping\'s pattern, so it was not mapped.',
    advice: 'Check the value the website sends or the pattern configured for the mapping.',
  },
  'ringcx-duplicate-member': {
    summary: 'The identity\'s JSON holds the same member name twice in one object; this inspector (like jose) reads the last, other parsers may read the first.',
    advice: 'The website must send each member once: what RingCX reads may not be what was checked here.',
  },
  'ringcx-jwt-exp-out-of-range': {
    summary: 'The JWT\'s "exp" is beyond the range of exact integers or of dates, so no real expiry time is meant.',
    advice: 'The website must set "exp" to a Unix time in seconds, such as now plus two hours.',
  },
  'ringcx-jwt-exp-in-milliseconds': {
    summary: 'The JWT\'s "exp" looks like milliseconds: read as seconds it lies thousands of years ahead.',
    advice: 'The website must divide its millisecond clock by 1000: "exp" is in seconds.',
  },
  'ringcx-jwt-exp-far-future': {
    summary: 'The JWT\'s "exp" is more than a year ahead, so a stolen token would stay usable that long.',
    advice: 'Have the website issue short-lived tokens (hours, not years) and renew them.',
  },
}
