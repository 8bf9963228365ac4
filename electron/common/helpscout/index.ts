/**
 * Help Scout in words: Beacon's secure mode (the engine is core/helpscout/). Help Scout documents
 * no error words for a wrong signature; these codes are the inspector's. Codes never change once
 * released.
 */
import type { SecretKeyMaterial } from '../key-material'
import type { CodeInfo, SchemeVocabulary } from '../scheme-vocabulary'
import { checkMembers } from '../settings-kit'

export const HELPSCOUT_ERROR_CODES = ['helpscout-identify-malformed', 'helpscout-missing-email', 'helpscout-signature-mismatch', 'helpscout-no-key'] as const
export type HelpscoutErrorCode = (typeof HELPSCOUT_ERROR_CODES)[number]
export const HELPSCOUT_WARNING_CODES = ['helpscout-signature-missing', 'helpscout-duplicate-member'] as const
export type HelpscoutWarningCode = (typeof HELPSCOUT_WARNING_CODES)[number]

export const HELPSCOUT_CODE_INFO: Readonly<Record<HelpscoutErrorCode | HelpscoutWarningCode, CodeInfo>> = {
  'helpscout-duplicate-member': {
    summary: 'The Beacon customer\'s text holds the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'The website must send each attribute once: what the vendor hashes and shows may not be what was checked here.',
  },
  'helpscout-identify-malformed': {
    summary: 'The Beacon("identify", {…}) call could not be read.',
    advice: 'Call Beacon("identify", {name, email, signature}) with an object literal whose values are text.',
  },
  'helpscout-missing-email': {
    summary: 'Beacon("identify") has no email, which is what secure mode signs.',
    advice: 'Send the customer\'s email with its signature.',
  },
  'helpscout-signature-mismatch': {
    summary: 'The signature is not the HMAC-SHA256 of the email with any Beacon secret key in the store (Help Scout documents no error message for this).',
    advice: 'Sign the email with the Beacon\'s secret key (Beacon → Contact → support history security) and send the lower-case hex digest — not base64, no dashes.',
  },
  'helpscout-no-key': {
    summary: 'No Help Scout Beacon secret key is in the key store, so the signature cannot be checked.',
    advice: 'Import the Beacon\'s secret key.',
  },
  'helpscout-signature-missing': {
    summary: 'Beacon("identify") has no signature: the customer is identified without secure mode, so anyone could claim this email.',
    advice: 'Turn on secure mode for the Beacon and send the signature computed on your server.',
  },
}

export type HelpscoutKeyMaterial = SecretKeyMaterial<'helpscout', 'secret'>
export type HelpscoutSource = 'helpscout-signed' | 'helpscout-sent'
export type HelpscoutCheckId = 'helpscout-email' | 'helpscout-signature'
export type HelpscoutForm = 'helpscout-identify'
export type HelpscoutDiagnosisCode = 'diagnosis-uppercase-hex' | 'diagnosis-base64-digest' | 'diagnosis-dashed-hex'

export interface SignHelpscoutRequest {
  readonly scheme: 'helpscout'
  readonly kid: string
  /** email, name, … */
  readonly fields: Readonly<Record<string, string>>
}

export interface HelpscoutTypes {
  readonly id: 'helpscout'
  readonly settings: Readonly<Record<string, never>>
  readonly errorCode: HelpscoutErrorCode
  readonly warningCode: HelpscoutWarningCode
  readonly checkId: HelpscoutCheckId
  readonly source: HelpscoutSource
  readonly form: HelpscoutForm
  readonly diagnosisCode: HelpscoutDiagnosisCode
  readonly material: HelpscoutKeyMaterial
  readonly signRequest: SignHelpscoutRequest
}

export const HELPSCOUT_FIELDS = ['name', 'email', 'company', 'jobTitle', 'phone', 'avatar'] as const

export const HELPSCOUT: SchemeVocabulary<HelpscoutTypes> = {
  id: 'helpscout',
  name: 'Help Scout',
  productName: 'Help Scout Beacon',
  codes: { errors: HELPSCOUT_ERROR_CODES, warnings: HELPSCOUT_WARNING_CODES, info: HELPSCOUT_CODE_INFO, malformed: 'helpscout-identify-malformed', noKey: ['helpscout-no-key'], noMatchingKey: ['helpscout-signature-mismatch'] },
  settings: {
    defaults: {},
    read(input, base, problems) {
      checkMembers(input, [], 'helpscout.', problems)
      return base
    },
    /** Nothing to set: the Settings view shows no section. */
    form: {},
  },
  keys: {
    kidPattern: /^[A-Za-z0-9_.-]{1,128}$/,
    kidRule: 'letters, digits, _, . and -',
    kidHint: 'Beacon keys have no ID: name the Beacon (letters, digits, “.”, “-” and “_”).',
    algorithms: { secret: 'secret' },
    secretProblem: (secret) => (secret.length > 0 && secret.length <= 4096 ? null : 'not a usable Beacon secret key'),
  },
  fields: {
    visitorId: 'email',
    order: HELPSCOUT_FIELDS,
    labels: { name: 'Name', email: 'Email', company: 'Company', jobTitle: 'Job title', phone: 'Phone', avatar: 'Avatar' },
    sources: ['helpscout-signed', 'helpscout-sent'],
    sourceTexts: {
      'helpscout-signed': {
        verified: { label: 'Verified email', icon: '✔', description: 'Covered by the secure-mode signature.' },
        notAccepted: { label: 'Sent, not verified', icon: '✖', description: 'The signature failed.' },
        plain: 'verified email',
      },
      'helpscout-sent': {
        verified: { label: 'Sent beside the signature, not covered', icon: '!', description: 'Sent in Beacon("identify") but not covered by the signature.' },
        notAccepted: { label: 'Sent, not verified', icon: '✖', description: 'The signature failed.' },
        plain: 'sent, not covered by the signature',
      },
    },
  },
  checks: { 'helpscout-email': 'Email', 'helpscout-signature': 'Signature (HMAC-SHA256 of the email)' },
  forms: { 'helpscout-identify': 'Beacon("identify", …) call' },
  diagnoses: ['diagnosis-uppercase-hex', 'diagnosis-base64-digest', 'diagnosis-dashed-hex'],
  signRequest: { fields: { kind: 'text-fields' } },
  panel: {
    verifiedExplanation: 'The secure-mode signature was made with a Beacon secret key in your key store: the website vouches for the email. Name and the other attributes are not covered.',
    unmappedReason: 'Custom Beacon attributes: the signature does not cover them.',
    expiry: { title: 'Signature expiry', none: 'No expiry: valid forever once captured (a Beacon signature never expires).', soonSeconds: 0 },
  },
}
