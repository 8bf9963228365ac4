/**
 * Crisp in words: identity verification of the visitor's email (the engine is core/crisp/).
 * Crisp shows no error for a wrong signature: the agent simply sees no green check mark. Codes
 * never change once released.
 */
import type { SecretKeyMaterial } from '../key-material'
import type { CodeInfo, SchemeVocabulary } from '../scheme-vocabulary'
import { checkMembers } from '../settings-kit'

export const CRISP_ERROR_CODES = ['crisp-push-malformed', 'crisp-signature-mismatch', 'crisp-no-key'] as const
export type CrispErrorCode = (typeof CRISP_ERROR_CODES)[number]
export const CRISP_WARNING_CODES = ['crisp-email-unverified'] as const
export type CrispWarningCode = (typeof CRISP_WARNING_CODES)[number]

export const CRISP_CODE_INFO: Readonly<Record<CrispErrorCode | CrispWarningCode, CodeInfo>> = {
  'crisp-push-malformed': {
    summary: 'The $crisp.push(["set", "user:email", …]) call could not be read.',
    advice: 'Push ["set", "user:email", ["<email>", "<signature>"]], with the email and its signature as text.',
  },
  'crisp-signature-mismatch': {
    summary: 'The signature is not the HMAC-SHA256 of this email with any Crisp verification secret in the store: Crisp shows the email without its verified check mark.',
    advice: 'Sign the email exactly as it is pushed (same case, no spaces) with the website\'s identity verification secret, as lower-case hex.',
  },
  'crisp-no-key': {
    summary: 'No Crisp identity verification secret is in the key store, so the signature cannot be checked.',
    advice: 'Import the secret from Crisp (Settings → Website → Identity verification).',
  },
  'crisp-email-unverified': {
    summary: 'The email is pushed without a signature: Crisp takes it, but as unverified (no check mark); anyone could have sent it.',
    advice: 'Push ["<email>", "<signature>"] instead of the email alone, the signature computed on your server.',
  },
}

export type CrispKeyMaterial = SecretKeyMaterial<'crisp', 'secret'>
export type CrispSource = 'crisp-signed' | 'crisp-sent'
export type CrispCheckId = 'crisp-email' | 'crisp-signature'
export type CrispForm = 'crisp-push'
export type CrispDiagnosisCode = 'diagnosis-uppercase-hex' | 'diagnosis-base64-digest' | 'diagnosis-normalised-email'

export interface SignCrispRequest {
  readonly scheme: 'crisp'
  readonly kid: string
  /** email. */
  readonly fields: Readonly<Record<string, string>>
}

export interface CrispTypes {
  readonly id: 'crisp'
  readonly settings: Readonly<Record<string, never>>
  readonly errorCode: CrispErrorCode
  readonly warningCode: CrispWarningCode
  readonly checkId: CrispCheckId
  readonly source: CrispSource
  readonly form: CrispForm
  readonly diagnosisCode: CrispDiagnosisCode
  readonly material: CrispKeyMaterial
  readonly signRequest: SignCrispRequest
}

export const CRISP: SchemeVocabulary<CrispTypes> = {
  id: 'crisp',
  name: 'Crisp',
  productName: 'Crisp chatbox',
  codes: { errors: CRISP_ERROR_CODES, warnings: CRISP_WARNING_CODES, info: CRISP_CODE_INFO, malformed: 'crisp-push-malformed', noKey: ['crisp-no-key'], noMatchingKey: ['crisp-signature-mismatch'] },
  settings: {
    defaults: {},
    read(input, base, problems) {
      checkMembers(input, [], 'crisp.', problems)
      return base
    },
    /** Nothing to set: the Settings view shows no section. */
    form: {},
  },
  keys: {
    kidPattern: /^[A-Za-z0-9_.-]{1,128}$/,
    kidRule: 'letters, digits, _, . and -',
    kidHint: 'Crisp secrets have no ID: name it (letters, digits, “.”, “-” and “_”), e.g. the website’s name.',
    algorithms: { secret: 'secret' },
    secretProblem: (secret) => (secret.length > 0 && secret.length <= 4096 ? null : 'not a usable Crisp secret'),
  },
  fields: {
    visitorId: 'email',
    order: ['email'],
    labels: { email: 'Email' },
    sources: ['crisp-signed', 'crisp-sent'],
    sourceTexts: {
      'crisp-signed': {
        verified: { label: 'Verified email', icon: '✔', description: 'Covered by the signature: Crisp shows it with a green check mark.' },
        notAccepted: { label: 'Email, not verified', icon: '✖', description: 'The signature failed: Crisp shows the email without a check mark.' },
        plain: 'verified email',
      },
      'crisp-sent': {
        verified: { label: 'Sent, unsigned', icon: '!', description: 'Pushed by the website without a signature: anyone could have sent it.' },
        notAccepted: { label: 'Email, not verified', icon: '✖', description: 'The signature failed: Crisp shows the email without a check mark.' },
        plain: 'sent, unsigned',
      },
    },
  },
  checks: { 'crisp-email': 'Email', 'crisp-signature': 'Signature (HMAC-SHA256 of the email as given)' },
  forms: { 'crisp-push': '$crisp.push(["set", "user:email", …]) call' },
  diagnoses: ['diagnosis-uppercase-hex', 'diagnosis-base64-digest', 'diagnosis-normalised-email'],
  signRequest: { fields: { kind: 'text-fields' } },
  panel: {
    verifiedExplanation: 'The email\'s signature was made with a Crisp secret in your key store: Crisp shows it verified. Verification does not bind the session to that user (see Crisp\'s session continuity).',
    unmappedReason: 'Crisp verifies only the email.',
    expiry: { title: 'Signature expiry', none: 'No expiry: valid forever once captured (a Crisp signature never expires).', soonSeconds: 0 },
  },
}
