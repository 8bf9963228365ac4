/**
 * Help Scout: the engine's room (vocabulary in common/helpscout/, sources in SOURCES.md). The page
 * calls `Beacon('identify', {name, email, signature})`; the signature is the lower-case hex
 * HMAC-SHA256 of the email with the Beacon's secret key.
 */
import { HELPSCOUT, HELPSCOUT_FIELDS, type HelpscoutKeyMaterial, type SignHelpscoutRequest } from '../../common/helpscout'
import type { Diagnosis, PayloadForm } from '../../common/inspection'
import { isPlainObject } from '../../common/values'
import { invalidPayload, literalEnd, matchesOf, readLiteralAt, type LiteralWords } from '../detect-kit'
import { diagnoseHmac, hmacHex, hmacSchemeKeys, inspectHmacIdentity, isWellFormedText, own, type HmacIdentitySpec, type HmacKey } from '../hmac-kit'
import type { InvalidPayload, Scheme, SchemeContext, SchemeOutcome, SchemeSigner, SnippetMatch } from '../scheme'

export type HelpscoutPayload = { readonly kind: 'helpscout-identify'; readonly form: PayloadForm; readonly user: Readonly<Record<string, unknown>> }

const IDENTIFY = /\bBeacon\(\s*(["'])identify\1\s*,\s*/g
const WORDS: LiteralWords = { scheme: 'helpscout', code: 'helpscout-identify-malformed', call: 'The Beacon("identify") call', object: 'The customer object' }

function object(value: unknown, form: PayloadForm, forced: boolean): HelpscoutPayload | InvalidPayload | null {
  if (!isPlainObject(value)) return forced ? invalidPayload('helpscout-identify-malformed', 'The customer must be an object.', 'helpscout') : null
  return forced ? { kind: 'helpscout-identify', form, user: value } : null
}

function spec(payload: HelpscoutPayload, keys: readonly HmacKey[]): HmacIdentitySpec {
  const { user } = payload
  const email = own(user, 'email')
  const message: HmacIdentitySpec['message'] = typeof email !== 'string' || email.length === 0
    ? { ok: false, code: email === undefined ? 'helpscout-missing-email' : 'helpscout-identify-malformed', detail: email === undefined ? '' : 'The email must be non-empty text.' }
    : !isWellFormedText(email) ? { ok: false, code: 'helpscout-identify-malformed', detail: 'The email is not well-formed text.' } : { ok: true, text: email }
  const names = [...HELPSCOUT_FIELDS.filter((name) => Object.hasOwn(user, name)), ...Object.keys(user).filter((name) => name !== 'signature' && !(HELPSCOUT_FIELDS as readonly string[]).includes(name))]
  return {
    form: payload.form,
    visitor: user,
    sent: names.map((name) => ({ name, value: user[name] })),
    known: HELPSCOUT_FIELDS,
    signedName: 'email',
    message,
    hash: own(user, 'signature'),
    keys,
    checks: { identifier: 'helpscout-email', hash: 'helpscout-signature' },
    codes: { noKey: 'helpscout-no-key', mismatch: 'helpscout-signature-mismatch', malformed: 'helpscout-identify-malformed', duplicate: 'helpscout-duplicate-member' },
    where: 'The Beacon customer',
    missingHash: { level: 'warning', code: 'helpscout-signature-missing' },
    sources: { signed: 'helpscout-signed', unsigned: 'helpscout-sent' },
  }
}

async function diagnoseHelpscout(payload: HelpscoutPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  const email = own(payload.user, 'email')
  const signature = own(payload.user, 'signature')
  if (typeof email !== 'string' || typeof signature !== 'string' || !outcome.checks.some((check) => check.code === 'helpscout-signature-mismatch')) return null
  return diagnoseHmac({ message: email, given: signature, keys: context.keys.helpscout, spelling: { uppercase: 'diagnosis-uppercase-hex', base64: 'diagnosis-base64-digest', dashed: 'diagnosis-dashed-hex' } })
}

export interface HelpscoutSigningKey {
  readonly scheme: 'helpscout'
  readonly kid: string
  readonly secret: string
}

export function helpscoutSnippet(user: Readonly<Record<string, string>>): string {
  return `Beacon('identify', ${JSON.stringify(user)})`
}

const HELPSCOUT_SIGNER: SchemeSigner<SignHelpscoutRequest, HelpscoutSigningKey> = {
  signingKey: (material) => ({ scheme: 'helpscout', kid: material.kid, secret: (material as HelpscoutKeyMaterial).secret }),
  verificationMaterial: (key) => ({ scheme: 'helpscout', kid: key.kid, alg: 'secret', secret: key.secret }),
  async sign(request, key) {
    return { payload: helpscoutSnippet({ ...request.fields, signature: hmacHex(key.secret, request.fields['email'] ?? '') }) }
  },
}

export interface HelpscoutEngineTypes {
  readonly payload: HelpscoutPayload
  readonly material: HelpscoutKeyMaterial
  readonly ring: readonly HmacKey[]
  readonly signRequest: SignHelpscoutRequest
  readonly signingKey: HelpscoutSigningKey
}

export const HELPSCOUT_SCHEME: Scheme<HelpscoutEngineTypes> = {
  id: HELPSCOUT.id,
  vocabulary: HELPSCOUT,
  detect: {
    kinds: ['helpscout-identify'],
    snippets: (text, limit) =>
      [...matchesOf(text, IDENTIFY, limit)].map((match): SnippetMatch<HelpscoutPayload> => {
        const start = match.index + match[0].length
        return {
          form: 'helpscout-identify',
          index: match.index,
          end: () => literalEnd(text, start),
          read: () => readLiteralAt(text, start, WORDS, (value) => object(value, 'helpscout-identify', true) as HelpscoutPayload | InvalidPayload),
        }
      }),
    identityForms: { 'helpscout-identify': 'a Beacon("identify") call' },
    identityMarkers: ["beacon('identify'", 'beacon("identify"'],
    object,
    objectPrecedence: 61,
    objectHint: 'a Help Scout Beacon customer',
  },
  keys: hmacSchemeKeys('helpscout', 'Help Scout'),
  inspect: async (payload, context) => inspectHmacIdentity(spec(payload, context.keys.helpscout)),
  diagnose: diagnoseHelpscout,
  signer: HELPSCOUT_SIGNER,
}
