/**
 * Zendesk messaging in words: the Web Widget's `loginUser` JWT (the engine is core/zendesk/).
 * Zendesk reports a refused JWT to `loginCallback` as a LoginFailedError {type, reason, message}
 * whose reasons it does not list; these codes name what this inspector found. Codes never change
 * once released.
 */
import type { SecretKeyMaterial } from '../key-material'
import type { CodeInfo, KeyRules, SchemeVocabulary } from '../scheme-vocabulary'
import { checkMembers, type SettingsSection } from '../settings-kit'

export const ZENDESK_ERROR_CODES = [
  'zendesk-jwt-malformed',
  'zendesk-jwt-missing-kid',
  'zendesk-jwt-unknown-kid',
  'zendesk-jwt-alg-not-allowed',
  'zendesk-jwt-bad-signature',
  'zendesk-jwt-missing-scope',
  'zendesk-jwt-missing-external-id',
  'zendesk-jwt-expired',
  'zendesk-no-key',
] as const
export type ZendeskErrorCode = (typeof ZENDESK_ERROR_CODES)[number]

export const ZENDESK_WARNING_CODES = ['zendesk-jwt-no-exp', 'zendesk-email-not-verified', 'zendesk-duplicate-member'] as const
export type ZendeskWarningCode = (typeof ZENDESK_WARNING_CODES)[number]

const LOGIN_FAILED = 'Zendesk calls loginCallback with a LoginFailedError and the visitor stays anonymous.'

export const ZENDESK_CODE_INFO: Readonly<Record<ZendeskErrorCode | ZendeskWarningCode, CodeInfo>> = {
  'zendesk-duplicate-member': {
    summary: 'The JWT\'s header or claims give the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'Sign each claim once: what Zendesk reads may not be what was checked here.',
  },
  'zendesk-jwt-malformed': {
    summary: `The loginUser JWT is not a well-formed JWT. ${LOGIN_FAILED}`,
    advice: 'The jwtCallback must pass a compact JWT (three base64url parts) whose header and claims are JSON objects.',
  },
  'zendesk-jwt-missing-kid': {
    summary: `The JWT's header has no kid. ${LOGIN_FAILED}`,
    advice: 'Put the signing key\'s ID (Admin Center → Account → Security → End user authentication, e.g. app_…) in the header\'s kid.',
  },
  'zendesk-jwt-unknown-kid': {
    summary: 'The JWT\'s kid names no Zendesk signing key in the key store (or one that Settings do not list as the account\'s).',
    advice: 'Use the ID of a current signing key; a deleted key\'s ID fails. Zendesk keeps up to 10 keys for rotation.',
  },
  'zendesk-jwt-alg-not-allowed': {
    summary: `The JWT is not signed with HS256. ${LOGIN_FAILED}`,
    advice: 'Sign with HS256 and the signing key\'s shared secret (RS256 and ES256 are not supported).',
  },
  'zendesk-jwt-bad-signature': {
    summary: `The JWT's signature does not match the key its kid names. ${LOGIN_FAILED}`,
    advice: 'Sign with the shared secret of the key whose ID is in kid, used as plain text (not base64-decoded, no added whitespace).',
  },
  'zendesk-jwt-missing-scope': {
    summary: `The JWT's scope is not "user". ${LOGIN_FAILED}`,
    advice: 'Add the claim "scope": "user" (the only value Zendesk supports).',
  },
  'zendesk-jwt-missing-external-id': {
    summary: `The JWT has no usable external_id (text, at most 255 characters). ${LOGIN_FAILED}`,
    advice: 'Put the user\'s stable ID from your system in external_id (not userId or sub).',
  },
  'zendesk-jwt-expired': {
    summary: 'The JWT\'s exp is in the past: Zendesk rejects a request made with it.',
    advice: 'The jwtCallback must fetch a fresh JWT from your server each time it is called.',
  },
  'zendesk-no-key': {
    summary: 'No Zendesk signing key is in the key store, so the JWT cannot be checked.',
    advice: 'Import the signing key\'s shared secret with its key ID (app_…) as the Key ID.',
  },
  'zendesk-jwt-no-exp': {
    summary: 'The JWT has no exp: valid forever once captured.',
    advice: 'Zendesk honours exp and recommends a reasonably short expiry: add one.',
  },
  'zendesk-email-not-verified': {
    summary: 'email_verified is false, so Zendesk does not use the email to identify the user.',
    advice: 'Set email_verified to true only for emails your system has verified.',
  },
}

/** Zendesk keeps at most this many signing keys per account. */
export const ZENDESK_MAX_KEYS = 10

export interface ZendeskSettings {
  /** The account's current signing key IDs; empty: every stored Zendesk key counts. */
  readonly keyIds: readonly string[]
}

export const ZENDESK_KID_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/

export const ZENDESK_SETTINGS: SettingsSection<ZendeskSettings> = {
  defaults: { keyIds: [] },
  read(input, base, problems) {
    checkMembers(input, ['keyIds'], 'zendesk.', problems)
    const value = input['keyIds']
    if (value === undefined) return base
    if (!Array.isArray(value) || value.length > ZENDESK_MAX_KEYS || !value.every((kid) => typeof kid === 'string' && ZENDESK_KID_PATTERN.test(kid)) || new Set(value).size !== value.length) {
      problems.add('zendesk.keyIds', `zendesk.keyIds must list at most ${ZENDESK_MAX_KEYS} different key IDs (letters, digits, _, . and -)`)
      return base
    }
    return { keyIds: value as string[] }
  },
  form: {
    keyIds: {
      kind: 'string-list',
      label: 'The account\'s signing key IDs',
      help: 'The key IDs Zendesk lists as the account\'s current signing keys; a JWT whose kid is not listed is refused. Default: none listed, so every stored Zendesk key counts.',
      maxItems: ZENDESK_MAX_KEYS,
      itemRule: 'letters, digits, _, . and -, up to 128',
    },
  },
}

export type ZendeskKeyMaterial = SecretKeyMaterial<'zendesk', 'secret'>

export const ZENDESK_KEY_RULES: KeyRules = {
  kidPattern: ZENDESK_KID_PATTERN,
  kidRule: 'the key ID Zendesk shows (letters, digits, _, . and -)',
  kidHint: 'Use the signing key\'s ID as Zendesk shows it, e.g. app_67097c94d8a020e6a236ae87 (the app_ form is seen in the wild, not documented).',
  algorithms: { secret: 'secret' },
  secretProblem: (secret) => (secret.length > 0 && secret.length <= 4096 ? null : 'not a usable Zendesk shared secret'),
}

/** The claims the agent's user profile shows, in Zendesk's order. */
export const ZENDESK_FIELDS = ['external_id', 'name', 'email', 'email_verified'] as const

export type ZendeskSource = 'zendesk-signed'
export type ZendeskCheckId = 'zendesk-kid' | 'zendesk-algorithm' | 'zendesk-signature' | 'zendesk-scope' | 'zendesk-external-id' | 'zendesk-exp'
export type ZendeskForm = 'zendesk-login-user' | 'zendesk-jwt'
export type ZendeskDiagnosisCode = 'diagnosis-kid-names-other-key'

export interface SignZendeskRequest {
  readonly scheme: 'zendesk'
  /** A stored Zendesk key: its ID goes into the header's kid. */
  readonly kid: string
  /** external_id, name, email. */
  readonly fields: Readonly<Record<string, string>>
  /** Left out: a JWT without exp. */
  readonly exp?: string
}

export interface ZendeskTypes {
  readonly id: 'zendesk'
  readonly settings: ZendeskSettings
  readonly errorCode: ZendeskErrorCode
  readonly warningCode: ZendeskWarningCode
  readonly checkId: ZendeskCheckId
  readonly source: ZendeskSource
  readonly form: ZendeskForm
  readonly diagnosisCode: ZendeskDiagnosisCode
  readonly material: ZendeskKeyMaterial
  readonly signRequest: SignZendeskRequest
}

export const ZENDESK: SchemeVocabulary<ZendeskTypes> = {
  id: 'zendesk',
  name: 'Zendesk',
  productName: 'Zendesk messaging',
  codes: { errors: ZENDESK_ERROR_CODES, warnings: ZENDESK_WARNING_CODES, info: ZENDESK_CODE_INFO, malformed: 'zendesk-jwt-malformed', noKey: ['zendesk-no-key', 'zendesk-jwt-unknown-kid'], noMatchingKey: ['zendesk-jwt-bad-signature'], keyId: { missing: 'zendesk-jwt-missing-kid', unknown: 'zendesk-jwt-unknown-kid' } },
  settings: ZENDESK_SETTINGS,
  keys: ZENDESK_KEY_RULES,
  fields: {
    visitorId: 'external_id',
    order: ZENDESK_FIELDS,
    labels: { external_id: 'External ID', name: 'Name', email: 'Email', email_verified: 'Email verified' },
    sources: ['zendesk-signed'],
    sourceTexts: {
      'zendesk-signed': {
        verified: { label: 'Signed claim', icon: '✔', description: 'A claim of the verified loginUser JWT.' },
        notAccepted: { label: 'Claim, not accepted', icon: '✖', description: 'A claim of a JWT Zendesk would refuse.' },
        unmapped: { label: 'Other claim', icon: '+', description: 'A claim Zendesk does not read.' },
        plain: 'signed claim',
      },
    },
  },
  checks: {
    'zendesk-kid': 'Key ID (kid)',
    'zendesk-algorithm': 'Algorithm (HS256)',
    'zendesk-signature': 'Signature',
    'zendesk-scope': 'scope = "user"',
    'zendesk-external-id': 'external_id',
    'zendesk-exp': 'Expiry (exp, optional)',
  },
  forms: { 'zendesk-login-user': 'zE("messenger", "loginUser") call', 'zendesk-jwt': 'Zendesk messaging JWT' },
  diagnoses: ['diagnosis-kid-names-other-key'],
  signRequest: { fields: { kind: 'text-fields' }, exp: { kind: 'time', optional: true } },
  panel: {
    unmappedReason: 'Zendesk reads only external_id, name, email and email_verified from the JWT; other claims are ignored.',
    expiry: { title: 'JWT expiry', none: 'No expiry: valid forever once captured (the JWT carries no exp).', soonSeconds: 300 },
  },
}
