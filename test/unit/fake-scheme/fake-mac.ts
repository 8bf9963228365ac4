/**
 * A minimal third vendor, "FakeMAC": the website sends `fakemac:<value>.<hex HMAC-SHA256 of the
 * value>`, and the key is a shared secret. Everything the scheme needs is in this folder; it
 * reaches the app only through the registry (`registerScheme`).
 *
 * A scheme registered at run time is not part of the built-in unions (SchemeId, ErrorCode,
 * CheckId, FieldSource…), which a vendor added to the registry's lists would join: its own
 * identifiers are cast once, below.
 */
import { createHmac } from 'node:crypto'
import type { ErrorCode } from '../../../electron/common/codes'
import type { CheckId, FieldSource, PayloadForm } from '../../../electron/common/inspection'
import type { SecretKeyMaterial } from '../../../electron/common/key-material'
import type { SchemeVocabulary, VocabularyTypes } from '../../../electron/common/scheme-vocabulary'
import { checkMembers } from '../../../electron/common/settings-kit'
import { constantTimeEquals } from '../../../electron/core/constant-time'
import { fail, type KeyCandidate } from '../../../electron/core/key-candidate'
import { issue } from '../../../electron/core/issue'
import { ringPart } from '../../../electron/core/key-ring'
import type { Scheme } from '../../../electron/core/scheme'
import { fingerprintSource, withFingerprint } from '../../../electron/core/key-fingerprint'

type FakeMaterial = SecretKeyMaterial<'fakemac', 'secret'>

interface FakeTypes extends VocabularyTypes {
  readonly id: 'fakemac'
  readonly settings: Record<string, never>
  readonly errorCode: 'fakemac-malformed' | 'fakemac-bad-mac' | 'fakemac-no-key'
  readonly warningCode: never
  readonly checkId: 'mac'
  readonly source: 'signed-value'
  readonly form: 'fakemac-text'
  readonly diagnosisCode: never
  readonly material: FakeMaterial
  readonly signRequest: { readonly scheme: 'fakemac'; readonly kid: string }
}

interface FakePayload {
  readonly kind: 'fakemac-value'
  readonly form: PayloadForm
  readonly value: string
  readonly mac: string
}

interface FakeKey {
  readonly kid: string
  readonly fingerprint: string
  readonly secret: string
}

/** The scheme's own identifiers, as the built-in unions see them. */
const FORM = 'fakemac-text' as PayloadForm
const MAC_CHECK = 'mac' as CheckId
const SIGNED = 'signed-value' as FieldSource
const code = (name: FakeTypes['errorCode']): ErrorCode => name as ErrorCode

export const FAKE_MAC_VOCABULARY: SchemeVocabulary<FakeTypes> = {
  id: 'fakemac',
  name: 'FakeMAC',
  productName: 'FakeMAC Chat',
  codes: {
    errors: ['fakemac-malformed', 'fakemac-bad-mac', 'fakemac-no-key'],
    warnings: [],
    info: {
      'fakemac-malformed': { summary: 'The FakeMAC payload could not be read.', advice: 'Send fakemac:<value>.<hex HMAC>.' },
      'fakemac-bad-mac': { summary: 'The FakeMAC signature matches no key.', advice: 'Sign the value with the shared secret.' },
      'fakemac-no-key': { summary: 'No FakeMAC key is loaded.', advice: 'Import the shared secret.' },
    },
    malformed: 'fakemac-malformed',
    noKey: ['fakemac-no-key'],
    noMatchingKey: ['fakemac-bad-mac'],
  },
  settings: {
    defaults: {},
    read(input, base, problems) {
      checkMembers(input, [], 'fakemac.', problems)
      return base
    },
  },
  keys: {
    kidPattern: /^[a-z0-9_]{1,64}$/,
    kidRule: 'lower-case letters, digits and _',
    kidHint: 'Lower-case letters, digits and _.',
    algorithms: { secret: 'secret' },
    secretProblem: (secret) => (secret.length > 0 ? null : 'an empty FakeMAC secret'),
  },
  fields: {
    order: ['value'],
    labels: { value: 'Value' },
    sources: ['signed-value'],
    sourceTexts: { 'signed-value': { verified: { label: 'Signed value', icon: '✔', description: 'Covered by the MAC.' }, plain: 'signed value' } },
  },
  checks: { mac: 'MAC' },
  forms: { 'fakemac-text': 'FakeMAC text' },
  diagnoses: [],
  panel: {
    unmappedReason: 'FakeMAC shows every field.',
    expiry: { title: 'FakeMAC expiry', none: 'FakeMAC payloads do not expire.', soonSeconds: 60 },
  },
}

const PAYLOAD = /^fakemac:([^.\s]+)\.([0-9a-f]{64})$/

function secretCandidate(kid: string, secret: unknown): KeyCandidate<FakeMaterial> {
  if (typeof secret !== 'string' || secret.length === 0) fail('key-secret-invalid', 'a FakeMAC key needs a non-empty secret')
  return { material: { scheme: 'fakemac', kid, alg: 'secret', secret }, warnings: [] }
}

const mac = (secret: string, value: string): string => createHmac('sha256', secret).update(value, 'utf8').digest('hex')

export const FAKE_MAC_SCHEME: Scheme<{ payload: FakePayload; material: FakeMaterial; ring: readonly FakeKey[]; signRequest: never; signingKey: never }> = {
  id: 'fakemac',
  vocabulary: FAKE_MAC_VOCABULARY,
  detect: {
    kinds: ['fakemac-value'],
    text(trimmed) {
      const match = PAYLOAD.exec(trimmed)
      return match === null ? null : { kind: 'fakemac-value', form: FORM, value: match[1] as string, mac: match[2] as string }
    },
    object: () => null,
    objectPrecedence: 90,
    objectHint: 'a FakeMAC value',
  },
  keys: {
    fromManifestEntry: ({ secret }, kid) => secretCandidate(kid, secret),
    fromSecretText: (secret, kid) => secretCandidate(kid, secret),
    // A key the command line left unfingerprinted gets its fingerprint when first read.
    ring: async (entries) => Promise.all(entries.map(async (entry) => withFingerprint({ kid: entry.material.kid, secret: entry.material.secret }, await fingerprintSource(entry)))),
  },
  async inspect(payload, context) {
    const keys = ringPart(context.keys, 'fakemac') as readonly FakeKey[]
    const format = { id: 'format', status: 'pass' } as const
    const fields = [{ name: 'value', value: payload.value, source: SIGNED, overridden: [] }]
    if (keys.length === 0) {
      return { errors: [issue(code('fakemac-no-key'))], checks: [format, { id: MAC_CHECK, status: 'fail', code: code('fakemac-no-key') }], rejectedFields: fields, raw: { form: FORM } }
    }
    const matched = keys.find((key) => constantTimeEquals(mac(key.secret, payload.value), payload.mac))
    if (matched === undefined) {
      return {
        errors: [issue(code('fakemac-bad-mac'), `No key gives ${payload.mac.slice(0, 8)}….`)],
        checks: [format, { id: MAC_CHECK, status: 'fail', code: code('fakemac-bad-mac') }],
        rejectedFields: fields,
        raw: { form: FORM },
      }
    }
    return {
      verdict: 'verified',
      errors: [],
      checks: [format, { id: MAC_CHECK, status: 'pass', kid: matched.kid }],
      key: { kid: matched.kid, fingerprint: matched.fingerprint },
      fields,
      unmapped: [],
      raw: { form: FORM },
    }
  },
}

/** A payload of the scheme, signed with `secret`. */
export function fakeMacPayload(value: string, secret: string): string {
  return `fakemac:${value}.${mac(secret, value)}`
}
