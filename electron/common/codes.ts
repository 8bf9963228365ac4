/**
 * Stable codes for every error and warning an inspection can report.
 *
 * Codes never change once released: the renderer, the command line's JSON and QA's
 * expectation files switch on them. Message text may change freely.
 */

export const INPUT_ERROR_CODES = ['input-too-large', 'input-unrecognised', 'input-unreadable', 'sample-invalid'] as const

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

export const WARNING_CODES = ['ringcx-extra-value-regex-mismatch'] as const
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
  'input-unrecognised': {
    summary: 'The text is not a RingCX identity, a Rox.Chat visitor or a sample file.',
    advice: 'Paste a JWT, a chat URL with jwt_identity=, a _chatq.push(...) call, a roxchat_visitor = {...} snippet or its JSON.',
  },
  'input-unreadable': {
    summary: 'The file could not be read.',
    advice: 'Check that the file exists, is readable and is a text file.',
  },
  'sample-invalid': {
    summary: 'The sample file has a member of the wrong kind.',
    advice: 'A sample is {"payload", "fields"?, "opFields"?, "now"? (ISO 8601), "scheme"? ("ringcx" or "roxchat"), "config"?}.',
  },
  'ringcx-identity-malformed': {
    summary: 'The RingCX identity is not a well-formed JWT or identity object.',
    advice: 'Ask the website developers to send a compact JWT (three base64url parts) whose header and claims are JSON objects.',
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
  'ringcx-extra-value-regex-mismatch': {
    summary: 'An extra value does not match its mapping\'s pattern, so it was not mapped.',
    advice: 'Check the value the website sends or the pattern configured for the mapping.',
  },
}
