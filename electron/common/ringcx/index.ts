/**
 * RingCX Messaging in words: the vocabulary every runtime shares (the engine is core/ringcx/).
 */
import type { SchemeVocabulary } from '../scheme-vocabulary'
import { RINGCX_CODE_INFO, RINGCX_ERROR_CODES, RINGCX_WARNING_CODES, type RingcxErrorCode, type RingcxWarningCode } from './codes'
import { RINGCX_FIXIT, type RingcxFixitDescription } from './fixit'
import { RINGCX_KEY_RULES, type RingcxKeyMaterial } from './keys'
import { RINGCX_SETTINGS, type RingcxSettings } from './settings'

/** The predefined identity attributes, in the order the agent panel shows them. */
export const RINGCX_IDENTITY_ATTRIBUTES = ['uuid', 'firstname', 'lastname', 'email', 'screenname', 'avatar_url', 'company'] as const
export type RingcxAttribute = (typeof RINGCX_IDENTITY_ATTRIBUTES)[number]

export const RINGCX_FIELD_LABELS: Readonly<Record<RingcxAttribute, string>> = {
  uuid: 'UUID',
  firstname: 'First name',
  lastname: 'Last name',
  email: 'Email',
  screenname: 'Screen name',
  avatar_url: 'Avatar URL',
  company: 'Company',
}

/**
 * Where a RingCX value came from: `identity` (an identity attribute or a mapped uuid),
 * `extra_values` (an extra value, mapped or not).
 */
export type RingcxSource = 'identity' | 'extra_values'
export type RingcxCheckId = 'mode' | 'kid' | 'algorithm' | 'signature' | 'exp' | 'uuid'
export type RingcxForm = 'jwt' | 'chatq-snippet' | 'chat-url'
export type RingcxDiagnosisCode = 'diagnosis-kid-names-other-key' | 'diagnosis-hex-decoded-secret'

/** A QA sign request: times are `+2h`, `+30m`, `-5m`, ISO 8601 or Unix seconds, read at the moment of signing. */
export interface SignRingcxRequest {
  readonly scheme: 'ringcx'
  readonly kid: string
  /** RS256 with a picked private key; without it, HS256 with the stored secret of `kid`. */
  readonly privateKeyHandle?: string
  /** Identity claims (uuid, firstname, …, extra_values); `exp` comes from {@link exp}. */
  readonly claims: Readonly<Record<string, unknown>>
  readonly exp: string
}

export interface RingcxTypes {
  readonly id: 'ringcx'
  readonly settings: RingcxSettings
  readonly errorCode: RingcxErrorCode
  readonly warningCode: RingcxWarningCode
  readonly checkId: RingcxCheckId
  readonly source: RingcxSource
  readonly form: RingcxForm
  readonly diagnosisCode: RingcxDiagnosisCode
  readonly material: RingcxKeyMaterial
  readonly signRequest: SignRingcxRequest
  readonly fixitDescription: RingcxFixitDescription
}

/** RingCX asks the visitor to refresh when a token runs out; an hour is the vendor's margin. */
const REFRESH_WARNING_SECONDS = 3600

export const RINGCX: SchemeVocabulary<RingcxTypes> = {
  id: 'ringcx',
  name: 'RingCX',
  productName: 'RingCX Messaging',
  codes: { errors: RINGCX_ERROR_CODES, warnings: RINGCX_WARNING_CODES, info: RINGCX_CODE_INFO, malformed: 'ringcx-identity-malformed', noKey: ['ringcx-jwt-unknown-kid'], noMatchingKey: ['ringcx-jwt-bad-signature'], keyId: { missing: 'ringcx-jwt-missing-kid', unknown: 'ringcx-jwt-unknown-kid' } },
  settings: RINGCX_SETTINGS,
  keys: RINGCX_KEY_RULES,
  fields: {
    visitorId: 'uuid',
    order: RINGCX_IDENTITY_ATTRIBUTES,
    labels: RINGCX_FIELD_LABELS,
    sources: ['identity', 'extra_values'],
    sourceTexts: {
      // One concept, one name: a value the website sent, covered by its signature (as Rox.Chat's by its hash).
      identity: {
        verified: { label: 'Provided by website, verified', icon: '✔', description: 'Sent by the website in its identity and covered by its verified signature.' },
        unsigned: { label: 'Sent by website, unsigned', icon: '!', description: 'An attribute of an unsigned identity: anyone could have sent it.' },
        notAccepted: { label: 'Sent by website, not verified', icon: '✖', description: 'An identity attribute of an identity the chat would reject.' },
        plain: 'identity attribute',
      },
      extra_values: {
        verified: { label: 'Mapped extra value', icon: '↦', description: 'An extra value shown in the agent panel through a mapping in Settings.' },
        unsigned: { label: 'Mapped extra value, unsigned', icon: '↦', description: 'An extra value of an unsigned identity, shown through a mapping.' },
        notAccepted: { label: 'Extra value, not accepted', icon: '✖', description: 'An extra value of an identity the chat would reject.' },
        unmapped: { label: 'Extra value', icon: '+', description: 'An extra value the website sent that no mapping shows in the agent panel.' },
        plain: 'extra value',
      },
    },
  },
  checks: {
    mode: 'Signed-identity mode',
    kid: 'Key ID',
    algorithm: 'Signing algorithm',
    signature: 'Signature',
    exp: 'Expiry (exp)',
    uuid: 'Visitor UUID',
  },
  forms: { jwt: 'JWT', 'chatq-snippet': '_chatq.push(...) snippet', 'chat-url': 'chat URL' },
  diagnoses: ['diagnosis-kid-names-other-key', 'diagnosis-hex-decoded-secret'],
  signRequest: {
    claims: { kind: 'json-object' },
    privateKeyHandle: { kind: 'handle', optional: true },
    exp: { kind: 'time' },
  },
  panel: {
    unmappedReason: 'The agent’s panel shows an extra value only through a mapping in Settings: these have no mapping configured, or their value failed the mapping’s pattern.',
    mappedKeys: (settings) => settings.extraValueMappings.map((mapping) => mapping.key),
    expiry: {
      title: 'Token expiry',
      none: 'This identity carries no expiry time.',
      soonSeconds: REFRESH_WARNING_SECONDS,
      soonSecondsFrom: (settings) => settings.minExpirySeconds,
      advice(secondsLeft) {
        if (secondsLeft <= 0) return 'The token has run out: the chat asks the visitor to refresh the page, and the website must issue a new token.'
        if (secondsLeft < REFRESH_WARNING_SECONDS) {
          return 'Less than an hour left: the website must issue a new token before the chat asks the visitor to refresh the page.'
        }
        return null
      },
    },
  },
  fixit: RINGCX_FIXIT,
}
