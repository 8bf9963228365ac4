/**
 * Intercom in words: identity verification's `user_hash` and the Messenger security JWT (the
 * engine is core/intercom/). Codes never change once released; the vendor's own words are
 * `hmac_mismatch` ("Failed Identity Verification check") and the console's "Missing user_hash".
 */
import type { SecretKeyMaterial } from '../key-material'
import type { CodeInfo, KeyRules, SchemeVocabulary } from '../scheme-vocabulary'
import { checkMembers, oneOf, type SettingsSection } from '../settings-kit'

export const INTERCOM_ERROR_CODES = [
  'intercom-settings-malformed',
  'intercom-missing-identifier',
  'intercom-missing-user-hash',
  'intercom-hmac-mismatch',
  'intercom-no-key',
  'intercom-jwt-malformed',
  'intercom-jwt-alg-not-allowed',
  'intercom-jwt-bad-signature',
  'intercom-jwt-missing-user-id',
  'intercom-jwt-expired',
] as const
export type IntercomErrorCode = (typeof INTERCOM_ERROR_CODES)[number]

export const INTERCOM_WARNING_CODES = ['intercom-jwt-no-exp', 'intercom-duplicate-member'] as const
export type IntercomWarningCode = (typeof INTERCOM_WARNING_CODES)[number]

export const INTERCOM_CODE_INFO: Readonly<Record<IntercomErrorCode | IntercomWarningCode, CodeInfo>> = {
  'intercom-settings-malformed': {
    summary: 'The Intercom settings object could not be read.',
    advice: 'The website must pass an object to window.intercomSettings or Intercom("boot", {…}), with app_id and the user\'s attributes.',
  },
  'intercom-missing-identifier': {
    summary: 'The Intercom settings carry neither user_id nor email, so there is no user to verify.',
    advice: 'Send user_id (or at least email) with user_hash; visitors without either are leads and cannot be verified.',
  },
  'intercom-missing-user-hash': {
    summary: 'Missing user_hash: Intercom refuses a logged-in user without it while Identity Verification is on.',
    advice: 'The website must compute user_hash on its server (HMAC-SHA256 of user_id, or of email when there is no user_id, as lower-case hex) and send it with the user.',
  },
  'intercom-hmac-mismatch': {
    summary: 'hmac_mismatch: "Failed Identity Verification check" — user_hash is not the HMAC of the user with any Intercom secret in the store.',
    advice: 'Hash user_id when it is sent (email only when there is no user_id), with the secret of the platform the Messenger runs on (web, iOS and Android each have their own), as lower-case hex.',
  },
  'intercom-no-key': {
    summary: 'No Intercom identity verification secret for this platform is in the key store, so the hash or JWT cannot be checked.',
    advice: 'Import the secret from Intercom (Settings → Messenger → Security, one per platform) with the Key ID web, ios or android.',
  },
  'intercom-jwt-malformed': {
    summary: 'intercom_user_jwt is not a well-formed JWT.',
    advice: 'Send a compact JWT (three base64url parts) whose header and claims are JSON objects.',
  },
  'intercom-jwt-alg-not-allowed': {
    summary: 'The Messenger JWT is not signed with HS256, the one algorithm Intercom documents.',
    advice: 'Sign the JWT with HS256 and the identity verification secret.',
  },
  'intercom-jwt-bad-signature': {
    summary: 'The Messenger JWT\'s signature matches no Intercom secret in the store; Intercom rejects such a request with a 400 error.',
    advice: 'Sign with the secret of the platform the Messenger runs on, exactly as Intercom shows it (no added whitespace).',
  },
  'intercom-jwt-missing-user-id': {
    summary: 'The Messenger JWT has no user_id claim; Intercom rejects a token without it.',
    advice: 'Put the user\'s user_id (text) in the JWT\'s claims; email and name are optional signed attributes.',
  },
  'intercom-jwt-expired': {
    summary: 'The Messenger JWT\'s exp has passed.',
    advice: 'Issue a fresh JWT when the Messenger boots. (Intercom keeps an already running session going with its own cookie; this is not confirmed for every SDK.)',
  },
  'intercom-duplicate-member': {
    summary: 'The settings\' (or JWT\'s) text holds the same member name twice in one object; this inspector reads the last, other parsers may read the first.',
    advice: 'The website must send each attribute once: what Intercom hashes and shows may not be what was checked here.',
  },
  'intercom-jwt-no-exp': {
    summary: 'The Messenger JWT has no exp: valid forever once captured.',
    advice: 'Intercom recommends an expiry: add exp (for example an hour ahead) so a captured token stops working.',
  },
}

/** The platforms whose Messenger has its own identity verification secret. */
export const INTERCOM_PLATFORMS = ['web', 'ios', 'android'] as const
export type IntercomPlatform = (typeof INTERCOM_PLATFORMS)[number]

export interface IntercomSettings {
  /** The platform whose secret the Messenger that sent this visitor uses. */
  readonly platform: IntercomPlatform
}

export const INTERCOM_SETTINGS: SettingsSection<IntercomSettings> = {
  defaults: { platform: 'web' },
  read(input, base, problems) {
    checkMembers(input, ['platform'], 'intercom.', problems)
    return { platform: oneOf(input['platform'], INTERCOM_PLATFORMS, 'intercom.platform', base.platform, problems) }
  },
  form: {
    platform: {
      kind: 'one-of',
      label: 'Messenger platform',
      help: 'Whose identity verification secret checks a visitor: web, iOS and Android each have their own. Default: web.',
      choices: {
        web: { label: 'Web', hint: 'the Messenger on a website' },
        ios: { label: 'iOS', hint: 'the iOS SDK' },
        android: { label: 'Android', hint: 'the Android SDK' },
      },
    },
  },
}

export type IntercomKeyMaterial = SecretKeyMaterial<'intercom', 'secret'>

/** A Key ID names the platform, optionally followed by a suffix: `web`, `ios`, `android_2026`. */
export const INTERCOM_KID_PATTERN = /^(web|ios|android)([_.-][A-Za-z0-9_.-]{1,60})?$/

/** The platform a stored key belongs to, from its Key ID. */
export function intercomPlatformOf(kid: string): IntercomPlatform | null {
  const match = INTERCOM_KID_PATTERN.exec(kid)
  return match === null ? null : (match[1] as IntercomPlatform)
}

export const INTERCOM_KEY_RULES: KeyRules = {
  kidPattern: INTERCOM_KID_PATTERN,
  kidRule: 'the platform (web, ios or android), optionally followed by _ and a suffix',
  kidHint: 'Name the platform whose secret this is: web, ios or android (optionally web_2026 and the like).',
  algorithms: { secret: 'secret' },
  secretProblem: (secret) => (secret.length > 0 && secret.length <= 4096 ? null : 'not a usable Intercom secret'),
}

/** The user attributes the Messenger and the agent's user profile show, in Intercom's order. */
export const INTERCOM_FIELDS = ['user_id', 'email', 'name', 'phone', 'created_at', 'company'] as const

/** Members of intercomSettings that configure the Messenger, not the user: never shown as fields. */
export const INTERCOM_SETTING_MEMBERS = [
  'app_id', 'api_base', 'user_hash', 'intercom_user_jwt', 'alignment', 'horizontal_padding', 'vertical_padding',
  'custom_launcher_selector', 'hide_default_launcher', 'session_duration', 'action_color', 'background_color', 'language_override',
] as const

export type IntercomSource = 'intercom-signed' | 'intercom-sent'
export type IntercomCheckId = 'intercom-identifier' | 'intercom-user-hash' | 'intercom-jwt-algorithm' | 'intercom-jwt-signature' | 'intercom-jwt-user-id' | 'intercom-jwt-exp'
export type IntercomForm = 'intercom-settings' | 'intercom-boot' | 'intercom-jwt'
export type IntercomDiagnosisCode = 'diagnosis-uppercase-hex' | 'diagnosis-base64-digest' | 'diagnosis-other-identifier' | 'diagnosis-other-platform'

export interface SignIntercomRequest {
  readonly scheme: 'intercom'
  /** A stored Intercom secret; its platform goes into the sample's settings. */
  readonly kid: string
  /** `user_hash` (the default) or the Messenger security `jwt`. */
  readonly form?: 'user_hash' | 'jwt'
  /** user_id, email, name, …: the user's attributes. */
  readonly fields: Readonly<Record<string, string>>
  /** The JWT's exp; left out, the JWT has none. */
  readonly exp?: string
}

export interface IntercomTypes {
  readonly id: 'intercom'
  readonly settings: IntercomSettings
  readonly errorCode: IntercomErrorCode
  readonly warningCode: IntercomWarningCode
  readonly checkId: IntercomCheckId
  readonly source: IntercomSource
  readonly form: IntercomForm
  readonly diagnosisCode: IntercomDiagnosisCode
  readonly material: IntercomKeyMaterial
  readonly signRequest: SignIntercomRequest
}

export const INTERCOM: SchemeVocabulary<IntercomTypes> = {
  id: 'intercom',
  name: 'Intercom',
  productName: 'Intercom Messenger',
  codes: { errors: INTERCOM_ERROR_CODES, warnings: INTERCOM_WARNING_CODES, info: INTERCOM_CODE_INFO, malformed: 'intercom-settings-malformed', noKey: ['intercom-no-key'], noMatchingKey: ['intercom-hmac-mismatch', 'intercom-jwt-bad-signature'] },
  settings: INTERCOM_SETTINGS,
  keys: INTERCOM_KEY_RULES,
  fields: {
    visitorId: 'user_id',
    order: INTERCOM_FIELDS,
    labels: { user_id: 'User ID', email: 'Email', name: 'Name', phone: 'Phone', created_at: 'Signed up', company: 'Company' },
    sources: ['intercom-signed', 'intercom-sent'],
    sourceTexts: {
      'intercom-signed': {
        verified: { label: 'Verified by Intercom', icon: '✔', description: 'Covered by user_hash, or a claim of the verified Messenger JWT.' },
        notAccepted: { label: 'Sent, not verified', icon: '✖', description: 'Sent by the website, but the hash or JWT failed.' },
        plain: 'verified by user_hash or JWT',
      },
      'intercom-sent': {
        verified: { label: 'Sent beside the hash, not covered', icon: '!', description: 'Sent by the website in intercomSettings but not covered by user_hash: anyone could have changed it.' },
        unsigned: { label: 'Sent, unsigned', icon: '!', description: 'Sent by the website with no hash: anyone could have sent it.' },
        notAccepted: { label: 'Sent, not verified', icon: '✖', description: 'Sent by the website, but the hash or JWT failed.' },
        unmapped: { label: 'Custom attribute', icon: '+', description: 'A custom data attribute, not covered by user_hash.' },
        plain: 'sent, not covered by the hash',
      },
    },
  },
  checks: {
    'intercom-identifier': 'User ID or email',
    'intercom-user-hash': 'user_hash (HMAC-SHA256)',
    'intercom-jwt-algorithm': 'JWT algorithm (HS256)',
    'intercom-jwt-signature': 'JWT signature',
    'intercom-jwt-user-id': 'JWT user_id claim',
    'intercom-jwt-exp': 'JWT expiry (exp, optional; enforcement not confirmed)',
  },
  forms: { 'intercom-settings': 'window.intercomSettings', 'intercom-boot': 'Intercom("boot") call', 'intercom-jwt': 'Intercom Messenger JWT' },
  diagnoses: ['diagnosis-uppercase-hex', 'diagnosis-base64-digest', 'diagnosis-other-identifier', 'diagnosis-other-platform'],
  signRequest: {
    form: { kind: 'one-of', values: ['user_hash', 'jwt'], optional: true },
    fields: { kind: 'text-fields' },
    exp: { kind: 'time', optional: true },
  },
  panel: {
    verifiedExplanation: 'user_hash (or the Messenger JWT) was made with an Intercom secret in your key store: the website vouches for the user ID or email it covers — other attributes beside a user_hash are not covered.',
    unmappedReason: 'Custom data attributes: Intercom stores them on the user, but user_hash does not cover them and the agent sees them only where the workspace shows them.',
    expiry: {
      title: 'Identity expiry',
      none: 'No expiry: valid forever once captured. A user_hash never expires, and a Messenger JWT expires only when it carries exp.',
      soonSeconds: 300,
    },
  },
}
