/**
 * tawk.to in words: secure mode (the engine is core/tawkto/). The vendor's failure words are
 * "400 Bad Request — an error in your function's attributes" and "401 Unauthorized — the user ID
 * doesn't match the encrypted hash value, or Secure Mode isn't enabled". Codes never change once
 * released.
 *
 * Unconfirmed: that `Tawk_API.login` hashes the userId (vendor prose says so; no vendor sample
 * code was found). The `Tawk_API.visitor` hash of the email is confirmed.
 */
import type { SecretKeyMaterial } from '../key-material'
import type { CodeInfo, SchemeVocabulary } from '../scheme-vocabulary'
import { checkMembers } from '../settings-kit'

export const TAWKTO_ERROR_CODES = ['tawkto-bad-attributes', 'tawkto-hash-mismatch', 'tawkto-missing-hash', 'tawkto-no-key'] as const
export type TawktoErrorCode = (typeof TAWKTO_ERROR_CODES)[number]
export const TAWKTO_WARNING_CODES = ['tawkto-visitor-unverified', 'tawkto-duplicate-member'] as const
export type TawktoWarningCode = (typeof TAWKTO_WARNING_CODES)[number]

export const TAWKTO_CODE_INFO: Readonly<Record<TawktoErrorCode | TawktoWarningCode, CodeInfo>> = {
  'tawkto-duplicate-member': {
    summary: 'The tawk.to visitor\'s text holds the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'The website must send each attribute once: what the vendor hashes and shows may not be what was checked here.',
  },
  'tawkto-bad-attributes': {
    summary: '400 Bad Request: the visitor\'s attributes could not be read (tawk.to: "an error in your function\'s attributes").',
    advice: 'Pass an object literal with name, email and hash (visitor) or hash, userId, name and email (login), all text.',
  },
  'tawkto-hash-mismatch': {
    summary: '401 Unauthorized: the hash does not match — it is not the HMAC-SHA256 of the signed value with any tawk.to API key in the store.',
    advice: 'Hash the email for Tawk_API.visitor, or the userId for Tawk_API.login (unconfirmed: verify against tawk.to), with the property\'s Secure Mode API key, as lower-case hex.',
  },
  'tawkto-missing-hash': {
    summary: 'Tawk_API.login has no hash: with Secure Mode on, tawk.to answers 401 Unauthorized.',
    advice: 'Compute the hash on your server and pass it to Tawk_API.login({hash, userId, …}).',
  },
  'tawkto-no-key': {
    summary: 'No tawk.to Secure Mode API key is in the key store, so the hash cannot be checked.',
    advice: 'Import the property\'s key (Administration → Overview → JavaScript API → Secure Mode).',
  },
  'tawkto-visitor-unverified': {
    summary: 'Tawk_API.visitor has no hash: tawk.to takes the name and email unverified, so anyone could claim them.',
    advice: 'Enable Secure Mode and send the hash of the email with the visitor.',
  },
}

export type TawktoKeyMaterial = SecretKeyMaterial<'tawkto', 'secret'>
export type TawktoSource = 'tawkto-signed' | 'tawkto-sent'
export type TawktoCheckId = 'tawkto-identifier' | 'tawkto-hash'
export type TawktoForm = 'tawkto-visitor' | 'tawkto-login'
export type TawktoDiagnosisCode = 'diagnosis-uppercase-hex' | 'diagnosis-base64-digest' | 'diagnosis-other-identifier'

export interface SignTawktoRequest {
  readonly scheme: 'tawkto'
  readonly kid: string
  /** `visitor` (hash of the email, the default) or `login` (hash of the userId, unconfirmed). */
  readonly form?: 'visitor' | 'login'
  /** name, email, userId. */
  readonly fields: Readonly<Record<string, string>>
}

export interface TawktoTypes {
  readonly id: 'tawkto'
  readonly settings: Readonly<Record<string, never>>
  readonly errorCode: TawktoErrorCode
  readonly warningCode: TawktoWarningCode
  readonly checkId: TawktoCheckId
  readonly source: TawktoSource
  readonly form: TawktoForm
  readonly diagnosisCode: TawktoDiagnosisCode
  readonly material: TawktoKeyMaterial
  readonly signRequest: SignTawktoRequest
}

export const TAWKTO_FIELDS = ['name', 'email', 'userId', 'phone'] as const

export const TAWKTO: SchemeVocabulary<TawktoTypes> = {
  id: 'tawkto',
  name: 'tawk.to',
  productName: 'tawk.to',
  codes: { errors: TAWKTO_ERROR_CODES, warnings: TAWKTO_WARNING_CODES, info: TAWKTO_CODE_INFO, malformed: 'tawkto-bad-attributes', noKey: ['tawkto-no-key'], noMatchingKey: ['tawkto-hash-mismatch'] },
  settings: {
    defaults: {},
    read(input, base, problems) {
      checkMembers(input, [], 'tawkto.', problems)
      return base
    },
    /** Nothing to set: the Settings view shows no section. */
    form: {},
  },
  keys: {
    kidPattern: /^[A-Za-z0-9_.-]{1,128}$/,
    kidRule: 'letters, digits, _, . and -',
    kidHint: 'tawk.to keys have no ID: name the property (letters, digits, “.”, “-” and “_”).',
    algorithms: { secret: 'secret' },
    secretProblem: (secret) => (secret.length > 0 && secret.length <= 4096 ? null : 'not a usable tawk.to API key'),
  },
  fields: {
    visitorId: 'userId',
    order: TAWKTO_FIELDS,
    labels: { name: 'Name', email: 'Email', userId: 'User ID', phone: 'Phone' },
    sources: ['tawkto-signed', 'tawkto-sent'],
    sourceTexts: {
      'tawkto-signed': {
        verified: { label: 'Verified by the hash', icon: '✔', description: 'Covered by the Secure Mode hash.' },
        notAccepted: { label: 'Sent, not verified', icon: '✖', description: 'The hash failed: tawk.to answers 401.' },
        plain: 'verified by the hash',
      },
      'tawkto-sent': {
        verified: { label: 'Sent beside the hash, not covered', icon: '!', description: 'Sent by the website but not covered by the hash.' },
        unsigned: { label: 'Sent, unsigned', icon: '!', description: 'Sent by the website with no hash: anyone could have sent it.' },
        notAccepted: { label: 'Sent, not verified', icon: '✖', description: 'The hash failed: tawk.to answers 401.' },
        plain: 'sent, not covered by the hash',
      },
    },
  },
  checks: { 'tawkto-identifier': 'Email (visitor) or userId (login; rule unconfirmed)', 'tawkto-hash': 'Secure Mode hash (HMAC-SHA256)' },
  forms: { 'tawkto-visitor': 'Tawk_API.visitor = {…}', 'tawkto-login': 'Tawk_API.login({…}) call (hash of userId: unconfirmed)' },
  diagnoses: ['diagnosis-uppercase-hex', 'diagnosis-base64-digest', 'diagnosis-other-identifier'],
  signRequest: { form: { kind: 'one-of', values: ['visitor', 'login'], optional: true }, fields: { kind: 'text-fields' } },
  panel: {
    verifiedExplanation: 'The Secure Mode hash was made with a tawk.to key in your key store: the website vouches for the email (visitor) or userId (login — this rule is not confirmed by tawk.to\'s sample code). Other attributes are not covered.',
    unmappedReason: 'tawk.to keeps other attributes as custom visitor attributes; the hash does not cover them.',
    expiry: { title: 'Hash expiry', none: 'No expiry: valid forever once captured (a Secure Mode hash never expires).', soonSeconds: 0 },
  },
}
