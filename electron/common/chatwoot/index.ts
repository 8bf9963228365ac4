/**
 * Chatwoot in words: the website widget's identity validation (the engine is core/chatwoot/).
 * The vendor's own failure is HTTP 401 {"error": "HMAC failed: Invalid Identifier Hash Provided"}.
 * Codes never change once released.
 */
import type { SecretKeyMaterial } from '../key-material'
import type { CodeInfo, SchemeVocabulary } from '../scheme-vocabulary'
import { checkMembers, type SettingsSection } from '../settings-kit'

export const CHATWOOT_ERROR_CODES = ['chatwoot-set-user-malformed', 'chatwoot-hmac-failed', 'chatwoot-no-key'] as const
export type ChatwootErrorCode = (typeof CHATWOOT_ERROR_CODES)[number]
export const CHATWOOT_WARNING_CODES = ['chatwoot-identity-unverified', 'chatwoot-duplicate-member'] as const
export type ChatwootWarningCode = (typeof CHATWOOT_WARNING_CODES)[number]

export const CHATWOOT_CODE_INFO: Readonly<Record<ChatwootErrorCode | ChatwootWarningCode, CodeInfo>> = {
  'chatwoot-duplicate-member': {
    summary: 'The Chatwoot user\'s text holds the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'The website must send each attribute once: what the vendor hashes and shows may not be what was checked here.',
  },
  'chatwoot-set-user-malformed': {
    summary: 'The $chatwoot.setUser(identifier, {…}) call could not be read.',
    advice: 'Call window.$chatwoot.setUser("<identifier>", {name, email, identifier_hash}) with the identifier as text.',
  },
  'chatwoot-hmac-failed': {
    summary: 'HMAC failed: Invalid Identifier Hash Provided — Chatwoot answers 401 and the contact is not identified.',
    advice: 'identifier_hash must be the lower-case hex HMAC-SHA256 of the identifier with the inbox\'s HMAC token (Inboxes → Settings → Configuration → Identity Validation). Chatwoot compares the text exactly: upper-case hex fails.',
  },
  'chatwoot-no-key': {
    summary: 'No Chatwoot inbox HMAC token is in the key store, so identifier_hash cannot be checked.',
    advice: 'Import the website inbox\'s HMAC token (each inbox has its own).',
  },
  'chatwoot-identity-unverified': {
    summary: 'setUser has no identifier_hash: with "Enforce User Identity Validation" off, Chatwoot takes the contact unverified — anyone can claim this identifier.',
    advice: 'Send identifier_hash, and switch on "Enforce User Identity Validation" in the inbox (then Settings → Chatwoot here) so unsigned identities are refused.',
  },
}

export interface ChatwootSettings {
  /** The inbox's "Enforce User Identity Validation": a setUser without identifier_hash is refused. */
  readonly enforceIdentityValidation: boolean
}

export const CHATWOOT_SETTINGS: SettingsSection<ChatwootSettings> = {
  defaults: { enforceIdentityValidation: false },
  read(input, base, problems) {
    checkMembers(input, ['enforceIdentityValidation'], 'chatwoot.', problems)
    const value = input['enforceIdentityValidation']
    if (value === undefined) return base
    if (typeof value !== 'boolean') {
      problems.add('chatwoot.enforceIdentityValidation', 'chatwoot.enforceIdentityValidation must be true or false')
      return base
    }
    return { enforceIdentityValidation: value }
  },
  form: {
    enforceIdentityValidation: {
      kind: 'boolean',
      label: 'Enforce user identity validation',
      help: 'As the inbox\'s "Enforce User Identity Validation": a setUser without identifier_hash is refused. Default: off.',
    },
  },
}

export type ChatwootKeyMaterial = SecretKeyMaterial<'chatwoot', 'secret'>
export type ChatwootSource = 'chatwoot-signed' | 'chatwoot-sent'
export type ChatwootCheckId = 'chatwoot-identifier' | 'chatwoot-identifier-hash'
export type ChatwootForm = 'chatwoot-set-user'
export type ChatwootDiagnosisCode = 'diagnosis-uppercase-hex' | 'diagnosis-base64-digest'

export interface SignChatwootRequest {
  readonly scheme: 'chatwoot'
  readonly kid: string
  /** identifier, name, email, … */
  readonly fields: Readonly<Record<string, string>>
}

export interface ChatwootTypes {
  readonly id: 'chatwoot'
  readonly settings: ChatwootSettings
  readonly errorCode: ChatwootErrorCode
  readonly warningCode: ChatwootWarningCode
  readonly checkId: ChatwootCheckId
  readonly source: ChatwootSource
  readonly form: ChatwootForm
  readonly diagnosisCode: ChatwootDiagnosisCode
  readonly material: ChatwootKeyMaterial
  readonly signRequest: SignChatwootRequest
}

export const CHATWOOT_FIELDS = ['identifier', 'name', 'email', 'phone_number', 'avatar_url', 'company_name', 'description', 'city', 'country_code'] as const

export const CHATWOOT: SchemeVocabulary<ChatwootTypes> = {
  id: 'chatwoot',
  name: 'Chatwoot',
  productName: 'Chatwoot website inbox',
  codes: { errors: CHATWOOT_ERROR_CODES, warnings: CHATWOOT_WARNING_CODES, info: CHATWOOT_CODE_INFO, malformed: 'chatwoot-set-user-malformed', noKey: ['chatwoot-no-key'], noMatchingKey: ['chatwoot-hmac-failed'] },
  settings: CHATWOOT_SETTINGS,
  keys: {
    kidPattern: /^[A-Za-z0-9_.-]{1,128}$/,
    kidRule: 'letters, digits, _, . and -',
    kidHint: 'Name the inbox whose HMAC token this is (letters, digits, “.”, “-” and “_”).',
    algorithms: { secret: 'secret' },
    secretProblem: (secret) => (secret.length > 0 && secret.length <= 4096 ? null : 'not a usable Chatwoot HMAC token'),
  },
  fields: {
    visitorId: 'identifier',
    order: CHATWOOT_FIELDS,
    labels: { identifier: 'Identifier', name: 'Name', email: 'Email', phone_number: 'Phone', avatar_url: 'Avatar URL', company_name: 'Company', description: 'Description', city: 'City', country_code: 'Country' },
    sources: ['chatwoot-signed', 'chatwoot-sent'],
    sourceTexts: {
      'chatwoot-signed': {
        verified: { label: 'Verified identifier', icon: '✔', description: 'Covered by identifier_hash.' },
        notAccepted: { label: 'Sent, not accepted', icon: '✖', description: 'Chatwoot refuses this setUser (401).' },
        plain: 'verified identifier',
      },
      'chatwoot-sent': {
        verified: { label: 'Sent beside the hash, not covered', icon: '!', description: 'Sent in setUser but not covered by identifier_hash: anyone could have changed it.' },
        notAccepted: { label: 'Sent, not accepted', icon: '✖', description: 'Chatwoot refuses this setUser (401).' },
        plain: 'sent, not covered by the hash',
      },
    },
  },
  checks: { 'chatwoot-identifier': 'Identifier', 'chatwoot-identifier-hash': 'identifier_hash (HMAC-SHA256, exact lower-case hex)' },
  forms: { 'chatwoot-set-user': '$chatwoot.setUser(…) call' },
  diagnoses: ['diagnosis-uppercase-hex', 'diagnosis-base64-digest'],
  signRequest: { fields: { kind: 'text-fields' } },
  panel: {
    verifiedExplanation: 'identifier_hash was made with a Chatwoot inbox token in your key store: the website vouches for the identifier. Name, email and the other attributes are not covered by the hash.',
    unmappedReason: 'Chatwoot stores other setUser members as contact attributes; identifier_hash does not cover them.',
    expiry: { title: 'Hash expiry', none: 'No expiry: valid forever once captured (identifier_hash never expires).', soonSeconds: 0 },
  },
}
