/**
 * Stable codes for every error and warning an inspection can report.
 *
 * Codes never change once released: the renderer, the command line's JSON and QA's
 * expectation files switch on them. Message text may change freely.
 */

export const INPUT_ERROR_CODES = ['input-too-large', 'input-too-deep', 'input-unrecognised', 'input-unreadable', 'input-identity-commented-out', 'sample-invalid', 'internal-error'] as const

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
] as const

/** Rox.Chat codes: the first four are the vendor's own server codes. */
export const ROXCHAT_ERROR_CODES = [
  'wrong-provided-visitor-field-value',
  'wrong-provided-visitor-expires-value',
  'provided-visitor-expired',
  'wrong-provided-visitor-hash-value',
  'roxchat-no-key',
  'roxchat-visitor-malformed',
  'provided-auth-token-not-found',
] as const

export const ERROR_CODES = [...INPUT_ERROR_CODES, ...RINGCX_ERROR_CODES, ...ROXCHAT_ERROR_CODES] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const WARNING_CODES = [
  'input-several-identities',
  'input-commented-identity',
  'sample-settings-ignored',
  'ringcx-extra-value-regex-mismatch',
  // The text holds a member name twice in one object: parsers disagree which one counts.
  'ringcx-duplicate-member',
  'roxchat-duplicate-member',
  'sample-duplicate-member',
  // An expiry that is valid but unlikely to be meant.
  'ringcx-jwt-exp-out-of-range',
  'ringcx-jwt-exp-in-milliseconds',
  'ringcx-jwt-exp-far-future',
  'roxchat-expires-out-of-range',
  'roxchat-expires-in-milliseconds',
  'roxchat-expires-far-future',
  'roxchat-expires-not-integer-literal',
] as const
export type WarningCode = (typeof WARNING_CODES)[number]

export type IssueCode = ErrorCode | WarningCode

export interface CodeInfo {
  /** What happened, in one sentence a non-developer understands. */
  readonly summary: string
  /** What to do about it. */
  readonly advice: string
}

export const CODE_INFO: Readonly<Record<IssueCode, CodeInfo>> = {
  'input-too-large': {
    summary: 'The payload is larger than 1 MiB, so it was not read.',
    advice: 'Paste only the identity (the token, snippet or visitor object), not a whole page or log.',
  },
  'input-too-deep': {
    summary: 'The payload is nested more than 64 levels deep, so it was not read.',
    advice: 'No identity needs that much nesting: ask who produced it, and paste only the identity itself.',
  },
  'input-unrecognised': {
    summary: 'The text is not a RingCX identity, a Rox.Chat visitor or a sample file.',
    advice: 'Paste a JWT, a chat URL with jwt_identity=, a _chatq.push(...) call, a roxchat_visitor = {...} snippet or its JSON.',
  },
  'input-unreadable': {
    summary: 'The file could not be read.',
    advice: 'Check that the file exists, is readable and is a text file.',
  },
  'input-identity-commented-out': {
    summary: 'The page\'s only identity is commented out, so the page hands the chat no identity at all.',
    advice: 'The website must pass a live identity: one inside <!-- … -->, // or /* … */ is never used.',
  },
  'internal-error': {
    summary: 'Visitor Inspector failed while inspecting this input, so it was not checked.',
    advice: 'Nothing about the payload is known; report the file and the message to the Visitor Inspector team.',
  },
  'sample-invalid': {
    summary: 'The sample file has a member of the wrong kind.',
    advice: 'A sample is {"payload", "fields"?, "opFields"?, "now"? (ISO 8601), "scheme"? ("ringcx" or "roxchat"), "config"?}, and all its text well-formed Unicode.',
  },
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
    summary: 'The JWT has expired.',
    advice: 'The website must issue a fresh token; the visitor has to reload the page to continue.',
  },
  'ringcx-jwt-exp-too-soon': {
    summary: 'The JWT expires less than the required time ahead (one hour by default).',
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
  'input-several-identities': {
    summary: 'The page holds more than one live identity; only the first one was inspected.',
    advice: 'A page should pass exactly one identity: check which one the chat really receives, and remove the others.',
  },
  'input-commented-identity': {
    summary: 'The page also holds a commented-out identity, which was ignored.',
    advice: 'Only the live identity was inspected; remove the commented-out one from the page so nobody mistakes it for the real one.',
  },
  'sample-settings-ignored': {
    summary: 'The file carries its own "now" or "config", which were ignored: your clock and settings judged it.',
    advice: 'To judge a QA sample by its own time and settings, use "inspect --sample", "batch" or the Samples view.',
  },
  'ringcx-extra-value-regex-mismatch': {
    summary: 'An extra value does not match its mapping\'s pattern, so it was not mapped.',
    advice: 'Check the value the website sends or the pattern configured for the mapping.',
  },
  'ringcx-duplicate-member': {
    summary: 'The identity\'s JSON holds the same member name twice in one object; this inspector (like jose) reads the last, other parsers may read the first.',
    advice: 'The website must send each member once: what RingCX reads may not be what was checked here.',
  },
  'roxchat-duplicate-member': {
    summary: 'The visitor\'s text holds the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'The website must send each field once: what Rox.Chat hashes and shows may not be what was checked here.',
  },
  'sample-duplicate-member': {
    summary: 'The sample file holds the same member name twice in one object; this inspector reads the last.',
    advice: 'Keep one of each member in the sample file, so that every tool reads the same sample.',
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
}
