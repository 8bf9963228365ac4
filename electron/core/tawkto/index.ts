/**
 * tawk.to: the engine's room (vocabulary in common/tawkto/, sources in SOURCES.md).
 * `Tawk_API.visitor = {name, email, hash}`: hash = hex HMAC-SHA256 of the email (confirmed);
 * `Tawk_API.login({hash, userId, name, email}, cb)`: of the userId (unconfirmed), with the
 * property's Secure Mode API key.
 */
import type { Diagnosis, PayloadForm } from '../../common/inspection'
import { TAWKTO, TAWKTO_FIELDS, type SignTawktoRequest, type TawktoForm, type TawktoKeyMaterial } from '../../common/tawkto'
import { isPlainObject } from '../../common/values'
import { invalidPayload, literalEnd, matchesOf, readLiteralAt, type LiteralWords } from '../detect-kit'
import { diagnoseHmac, hmacHex, hmacSchemeKeys, inspectHmacIdentity, isWellFormedText, own, type HmacIdentitySpec, type HmacKey } from '../hmac-kit'
import type { InvalidPayload, Scheme, SchemeContext, SchemeOutcome, SchemeSigner, SnippetMatch } from '../scheme'

export type TawktoPayload = { readonly kind: 'tawkto-visitor'; readonly form: PayloadForm; readonly login: boolean; readonly visitor: Readonly<Record<string, unknown>> }

const VISITOR = /\bTawk_API\.visitor\s*=(?!=)\s*/g
const LOGIN = /\bTawk_API\.login\(\s*/g
const WORDS: LiteralWords = { scheme: 'tawkto', code: 'tawkto-bad-attributes', call: 'The Tawk_API call', object: 'The visitor object' }

/** The member each form signs. */
const signedMember = (login: boolean): 'userId' | 'email' => (login ? 'userId' : 'email')

function spec(payload: TawktoPayload, keys: readonly HmacKey[]): HmacIdentitySpec {
  const { visitor, login } = payload
  const member = signedMember(login)
  const value = own(visitor, member)
  const message: HmacIdentitySpec['message'] = typeof value !== 'string' || value.length === 0
    ? { ok: false, code: 'tawkto-bad-attributes', detail: `${member} must be non-empty text${login ? ' (login hashes the userId; unconfirmed)' : ''}.` }
    : !isWellFormedText(value) ? { ok: false, code: 'tawkto-bad-attributes', detail: `${member} is not well-formed text.` } : { ok: true, text: value }
  const names = [...TAWKTO_FIELDS.filter((name) => Object.hasOwn(visitor, name)), ...Object.keys(visitor).filter((name) => name !== 'hash' && !(TAWKTO_FIELDS as readonly string[]).includes(name))]
  return {
    form: payload.form,
    visitor,
    sent: names.map((name) => ({ name, value: visitor[name] })),
    known: TAWKTO_FIELDS,
    signedName: member,
    message,
    hash: own(visitor, 'hash'),
    keys,
    checks: { identifier: 'tawkto-identifier', hash: 'tawkto-hash' },
    codes: { noKey: 'tawkto-no-key', mismatch: 'tawkto-hash-mismatch', malformed: 'tawkto-bad-attributes', duplicate: 'tawkto-duplicate-member' },
    where: 'The tawk.to visitor',
    missingHash: login ? { level: 'error', code: 'tawkto-missing-hash' } : { level: 'warning', code: 'tawkto-visitor-unverified' },
    sources: { signed: 'tawkto-signed', unsigned: 'tawkto-sent' },
  }
}

async function diagnoseTawkto(payload: TawktoPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  const member = signedMember(payload.login)
  const other = signedMember(!payload.login)
  const value = own(payload.visitor, member)
  const otherValue = own(payload.visitor, other)
  const hash = own(payload.visitor, 'hash')
  if (typeof value !== 'string' || typeof hash !== 'string' || !outcome.checks.some((check) => check.code === 'tawkto-hash-mismatch')) return null
  return diagnoseHmac({
    message: value,
    given: hash,
    keys: context.keys.tawkto,
    spelling: { uppercase: 'diagnosis-uppercase-hex', base64: 'diagnosis-base64-digest' },
    variants: typeof otherValue === 'string' && otherValue.length > 0 && otherValue !== value
      ? [{ code: 'diagnosis-other-identifier', message: otherValue, explain: (kid) => `The hash is of the ${other} (key "${kid}"), but ${payload.login ? 'Tawk_API.login hashes the userId (unconfirmed: tawk.to\'s samples differ — if tawk.to accepts it, this rule is wrong)' : 'Tawk_API.visitor hashes the email'}.` }]
      : [],
  })
}

export interface TawktoSigningKey {
  readonly scheme: 'tawkto'
  readonly kid: string
  readonly secret: string
}

export function tawktoSnippet(form: TawktoForm, visitor: Readonly<Record<string, string>>): string {
  return form === 'tawkto-login' ? `Tawk_API.login(${JSON.stringify(visitor)}, function (error) {});` : `Tawk_API.visitor = ${JSON.stringify(visitor)};`
}

const TAWKTO_SIGNER: SchemeSigner<SignTawktoRequest, TawktoSigningKey> = {
  signingKey: (material) => ({ scheme: 'tawkto', kid: material.kid, secret: (material as TawktoKeyMaterial).secret }),
  verificationMaterial: (key) => ({ scheme: 'tawkto', kid: key.kid, alg: 'secret', secret: key.secret }),
  async sign(request, key) {
    const login = request.form === 'login'
    const hash = hmacHex(key.secret, request.fields[signedMember(login)] ?? '')
    return { payload: tawktoSnippet(login ? 'tawkto-login' : 'tawkto-visitor', login ? { hash, ...request.fields } : { ...request.fields, hash }) }
  },
}

function reader(text: string, login: boolean, form: TawktoForm) {
  return (match: RegExpExecArray): SnippetMatch<TawktoPayload> => {
    const start = match.index + match[0].length
    return {
      form,
      index: match.index,
      end: () => literalEnd(text, start),
      read: () => readLiteralAt(text, start, WORDS, (value): TawktoPayload | InvalidPayload =>
        isPlainObject(value) ? { kind: 'tawkto-visitor', form, login, visitor: value } : invalidPayload('tawkto-bad-attributes', 'The visitor must be an object.', 'tawkto')),
    }
  }
}

export interface TawktoEngineTypes {
  readonly payload: TawktoPayload
  readonly material: TawktoKeyMaterial
  readonly ring: readonly HmacKey[]
  readonly signRequest: SignTawktoRequest
  readonly signingKey: TawktoSigningKey
}

export const TAWKTO_SCHEME: Scheme<TawktoEngineTypes> = {
  id: TAWKTO.id,
  vocabulary: TAWKTO,
  detect: {
    kinds: ['tawkto-visitor'],
    snippets: (text, limit) =>
      [...[...matchesOf(text, VISITOR, limit)].map(reader(text, false, 'tawkto-visitor')), ...[...matchesOf(text, LOGIN, limit)].map(reader(text, true, 'tawkto-login'))]
        .sort((a, b) => a.index - b.index)
        .slice(0, limit),
    identityForms: { 'tawkto-visitor': 'a Tawk_API.visitor assignment', 'tawkto-login': 'a Tawk_API.login call' },
    identityMarkers: ['tawk_api.visitor', 'tawk_api.login'],
    object(value, form, forced) {
      if (!forced) return null
      if (!isPlainObject(value)) return invalidPayload('tawkto-bad-attributes', 'The visitor must be an object.', 'tawkto')
      return { kind: 'tawkto-visitor', form, login: own(value, 'userId') !== undefined, visitor: value }
    },
    objectPrecedence: 62,
    objectHint: 'a tawk.to visitor',
  },
  keys: hmacSchemeKeys('tawkto', 'tawk.to'),
  inspect: async (payload, context) => inspectHmacIdentity(spec(payload, context.keys.tawkto)),
  diagnose: diagnoseTawkto,
  signer: TAWKTO_SIGNER,
}
