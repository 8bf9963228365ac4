/**
 * Rox.Chat (formerly Webim) in words: the vocabulary every runtime shares (the engine is core/roxchat/).
 */
import type { SchemeVocabulary } from '../scheme-vocabulary'
import { ROXCHAT_CODE_INFO, ROXCHAT_ERROR_CODES, ROXCHAT_INTEGRITY_NOTE, ROXCHAT_WARNING_CODES, type RoxchatErrorCode, type RoxchatWarningCode } from './codes'
import { ROXCHAT_FIXIT, type RoxchatFixitDescription } from './fixit'
import { ROXCHAT_KEY_RULES, type RoxchatKeyMaterial } from './keys'
import { ROXCHAT_HASH_ALGORITHMS, ROXCHAT_SETTINGS, type RoxchatFieldSet, type RoxchatHashAlgorithm, type RoxchatSettings } from './settings'

/** The fields the agent's visitor panel shows, in the vendor's order. */
export const ROXCHAT_KNOWN_FIELDS = [
  'id',
  'display_name',
  'phone',
  'email',
  'icq',
  'profile_url',
  'avatar_url',
  'login',
  'comment',
  'info',
  'high_priority',
] as const

export const ROXCHAT_FIELD_LABELS: Readonly<Record<(typeof ROXCHAT_KNOWN_FIELDS)[number], string>> = {
  id: 'ID',
  display_name: 'Display name',
  phone: 'Phone',
  email: 'Email',
  icq: 'ICQ',
  profile_url: 'Profile URL',
  avatar_url: 'Avatar URL',
  login: 'Login',
  comment: 'Comment',
  info: 'Info',
  high_priority: 'Priority',
}

/** Rox.Chat identities are "expiring soon" this close to `expires`. */
export const ROXCHAT_EXPIRING_SOON_SECONDS = 300

/**
 * Where a Rox.Chat value came from: `providedFields` (the website's signed visitor), `fields`
 * (recognised by the service), `opFields` (typed by an agent).
 */
export type RoxchatSource = RoxchatFieldSet
export type RoxchatCheckId = 'fields' | 'expires' | 'hash' | 'token'
/** `chat-link`: a client.php link's provided-visitor; `sdk-init`: a mobile SDK init request's visitor-ext. */
export type RoxchatForm = 'page-snippet' | 'chat-link' | 'sdk-init'
export type RoxchatDiagnosisCode =
  | 'diagnosis-other-algorithm'
  | 'diagnosis-unsorted-fields'
  | 'diagnosis-expires-left-out'
  | 'diagnosis-expires-added'
  | 'diagnosis-expires-milliseconds'
  | 'diagnosis-uppercase-hex'
  | 'diagnosis-base64-digest'
  | 'diagnosis-number-formatting'
  | 'diagnosis-expires-zero-dropped'
  | 'diagnosis-key-value-sorted'
  | 'diagnosis-v1-crc-hmac'

export interface SignRoxchatRequest {
  readonly scheme: 'roxchat'
  /** A stored Rox.Chat key. */
  readonly kid: string
  readonly fields: Readonly<Record<string, string>>
  /** Left out: a visitor without expiry. */
  readonly expires?: string
  /** Left out: the algorithm in Settings. */
  readonly algorithm?: RoxchatHashAlgorithm
}

export interface RoxchatTypes {
  readonly id: 'roxchat'
  readonly settings: RoxchatSettings
  readonly errorCode: RoxchatErrorCode
  readonly warningCode: RoxchatWarningCode
  readonly checkId: RoxchatCheckId
  readonly source: RoxchatSource
  readonly form: RoxchatForm
  readonly diagnosisCode: RoxchatDiagnosisCode
  readonly material: RoxchatKeyMaterial
  readonly signRequest: SignRoxchatRequest
  readonly fixitDescription: RoxchatFixitDescription
}

export const ROXCHAT: SchemeVocabulary<RoxchatTypes> = {
  id: 'roxchat',
  name: 'Rox.Chat',
  productName: 'Rox.Chat',
  codes: { errors: ROXCHAT_ERROR_CODES, warnings: ROXCHAT_WARNING_CODES, info: ROXCHAT_CODE_INFO, malformed: 'roxchat-visitor-malformed', noKey: ['roxchat-no-key'], noMatchingKey: ['wrong-provided-visitor-hash-value'] },
  settings: ROXCHAT_SETTINGS,
  keys: ROXCHAT_KEY_RULES,
  fields: {
    visitorId: 'id',
    order: ROXCHAT_KNOWN_FIELDS,
    labels: ROXCHAT_FIELD_LABELS,
    sources: ['providedFields', 'fields', 'opFields'],
    sourceTexts: {
      providedFields: {
        verified: { label: 'Provided by website, verified', icon: '✔', description: 'Sent by the website in roxchat_visitor (or a chat link or app) and covered by its verified hash.' },
        notAccepted: { label: 'Sent by website, not verified', icon: '✖', description: 'Sent in roxchat_visitor, but the hash or another check failed.' },
        plain: 'provided by website',
      },
      fields: {
        verified: { label: 'Recognised by service', icon: '⚙', description: 'Filled in by the Rox.Chat service itself.' },
        plain: 'recognised by service',
      },
      opFields: {
        verified: { label: 'Entered by agent', icon: '✎', description: 'Typed by an agent in the visitor panel.' },
        plain: 'entered by agent',
      },
    },
  },
  checks: { fields: 'Field values', expires: 'Expiry (expires)', hash: 'Hash', token: 'Auth token' },
  forms: { 'page-snippet': 'page snippet', 'chat-link': 'chat link (provided-visitor)', 'sdk-init': 'mobile SDK request (visitor-ext)' },
  diagnoses: [
    'diagnosis-other-algorithm',
    'diagnosis-unsorted-fields',
    'diagnosis-expires-left-out',
    'diagnosis-expires-added',
    'diagnosis-expires-milliseconds',
    'diagnosis-uppercase-hex',
    'diagnosis-base64-digest',
    'diagnosis-number-formatting',
    'diagnosis-expires-zero-dropped',
    'diagnosis-key-value-sorted',
    'diagnosis-v1-crc-hmac',
  ],
  signRequest: {
    fields: { kind: 'text-fields' },
    expires: { kind: 'time', optional: true },
    algorithm: { kind: 'one-of', values: ROXCHAT_HASH_ALGORITHMS, optional: true },
  },
  panel: {
    verifiedExplanation: 'The visitor data carries a valid hash made with a key in your key store: the website vouches for these details.',
    integrityNote: ROXCHAT_INTEGRITY_NOTE,
    unmappedReason: 'Rox.Chat sends these fields with the visitor’s first message and through its API, but the agent’s visitor panel does not show them.',
    expiry: {
      title: 'Visitor data expiry',
      none: 'The visitor data has no “expires” value, so it does not expire.',
      soonSeconds: ROXCHAT_EXPIRING_SOON_SECONDS,
    },
  },
  fixit: ROXCHAT_FIXIT,
}
