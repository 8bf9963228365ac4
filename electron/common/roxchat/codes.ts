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
  // A chat link's provided-visitor or an SDK request's visitor-ext that cannot be read.
  'roxchat-link-malformed',
  'roxchat-link-duplicate-parameter',
] as const
export type RoxchatErrorCode = (typeof ROXCHAT_ERROR_CODES)[number]

export const ROXCHAT_WARNING_CODES = [
  // The text holds a member name twice in one object: parsers disagree which one counts.
  'roxchat-duplicate-member',
  // An expiry that is valid but unlikely to be meant.
  'roxchat-expires-out-of-range',
  'roxchat-expires-in-milliseconds',
  'roxchat-expires-far-future',
  'roxchat-expires-not-integer-literal',
  // A legacy (v1) visitor: a crc, no expiry, MD5.
  'roxchat-v1-visitor',
  // The hash covers neither names nor boundaries: an expires that may hold a neighbour's digits.
  'roxchat-expires-boundary-shift',
  // A literal "+" in a URL's visitor parameter: a server reads it as a space.
  'roxchat-link-plus-as-space',
] as const
export type RoxchatWarningCode = (typeof ROXCHAT_WARNING_CODES)[number]

export const ROXCHAT_CODE_INFO: Readonly<Record<RoxchatErrorCode | RoxchatWarningCode, CodeInfo>> = {
  'wrong-provided-visitor-field-value': {
    summary: 'A visitor field is not a string, a field name or value is not well-formed Unicode, or the mandatory "id" is missing or empty.',
    advice: 'Every value in "fields" must be a string of well-formed Unicode (no lone surrogates such as \\ud800), and "id" must be present and not empty.',
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
  'roxchat-link-malformed': {
    summary: 'The visitor in the URL (the provided-visitor parameter of a chat link, or visitor-ext of a mobile SDK request) cannot be read: its percent-encoding is broken, it is empty, or it is not a JSON object.',
    advice: 'The website (or app) must pass the visitor object as JSON, URL-encoded once (encodeURIComponent, PHP rawurlencode or urlencode).',
  },
  'roxchat-link-duplicate-parameter': {
    summary: 'The URL carries the visitor parameter more than once; servers disagree which one counts, so none is checked.',
    advice: 'The website must put provided-visitor (or the app visitor-ext) into the URL exactly once.',
  },
  'roxchat-duplicate-member': {
    summary: 'The visitor\'s text holds the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'The website must send each field once: what Rox.Chat hashes and shows may not be what was checked here.',
  },
  'roxchat-expires-out-of-range': {
    summary: 'The visitor\'s "expires" is beyond the range of exact integers or of dates, so no real expiry time is meant.',
    advice: 'The website must set "expires" to a Unix time in seconds, such as now plus two hours.',
  },
  'roxchat-expires-in-milliseconds': {
    summary: 'The visitor\'s "expires" looks like milliseconds: read as seconds it lies thousands of years ahead.',
    advice: 'The website must divide its millisecond clock by 1000: "expires" is in seconds.',
  },
  'roxchat-expires-far-future': {
    summary: 'The visitor\'s "expires" is more than a year ahead, so stolen visitor data would stay usable that long.',
    advice: 'Choose "expires" with a margin of hours or days and refresh roxchat_visitor before it passes.',
  },
  'roxchat-expires-not-integer-literal': {
    summary: 'The visitor\'s "expires" is written as a decimal fraction or an exponent (such as 2e9) rather than as a plain integer.',
    advice: 'Write "expires" as plain digits: the inspector hashes the integer\'s digits, but Rox.Chat may read the number as a fraction and refuse it.',
  },
  'roxchat-link-plus-as-space': {
    summary: 'The visitor in the URL holds a literal "+", which a server reads as a space (as this check did): a phone number such as +7… arrives as " 7…".',
    advice: 'The website (or app) must percent-encode the visitor JSON completely, so that a plus sign is sent as %2B.',
  },
  'roxchat-v1-visitor': {
    summary: 'A legacy (v1) visitor: its "crc" is an MD5 and it has no expiry, so copied visitor data stays usable until the private key changes.',
    advice: 'The website should move to identification v2: {"fields": {…}, "expires": now plus hours, "hash": HMAC-SHA256}.',
  },
  'roxchat-expires-boundary-shift': {
    summary: 'The "expires" is further ahead than a year (or beyond what Rox.Chat accepts) and longer than ten digits: the hash does not mark where one value ends, so its leading digits may have been moved there from the end of the last-sorted field, and the same hash stays valid.',
    advice: 'The website must send "expires" as now plus hours (ten digits); treat a visitor whose "expires" lies centuries ahead as possibly altered.',
  },
}

/**
 * What the scheme itself allows, for the raw view and the escalation report: the hash runs over
 * the values joined without separators, and over no field names.
 */
export const ROXCHAT_INTEGRITY_NOTE = {
  title: 'What the Rox.Chat hash does not cover',
  text: 'The hash runs over the field values joined with nothing between them (in the order of their names, then "expires"), '
    + 'and over no field name. So the same hash stays valid when characters move between neighbouring values, when fields are '
    + 'renamed in the same order, or when the last digit of the last-sorted value moves into "expires" (the vendor\'s own example then '
    + 'expires in the year 4235). Treat an "expires" centuries ahead, or values that look cut or joined, as possibly altered, '
    + 'and ask the website to send "expires" as now plus hours. Whether the Rox.Chat server refuses such decodings is not known.',
} as const
