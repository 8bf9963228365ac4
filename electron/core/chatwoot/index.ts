/**
 * Chatwoot: the engine's room (vocabulary in common/chatwoot/, sources in SOURCES.md). The page
 * calls `$chatwoot.setUser(identifier, {…, identifier_hash})`; the hash is the hex HMAC-SHA256 of
 * `identifier.to_s` with the inbox's HMAC token, compared as exact text (upper case fails).
 */
import { CHATWOOT, CHATWOOT_FIELDS, type ChatwootKeyMaterial, type SignChatwootRequest } from '../../common/chatwoot'
import type { Diagnosis, PayloadForm } from '../../common/inspection'
import { isPlainObject } from '../../common/values'
import { invalidPayload, literalEnd, matchesOf, readLiteralAt, type LiteralWords } from '../detect-kit'
import { diagnoseHmac, hmacHex, hmacSchemeKeys, inspectHmacIdentity, isWellFormedText, own, scriptLiteralAt, type HmacIdentitySpec, type HmacKey, type SentField } from '../hmac-kit'
import type { InvalidPayload, Scheme, SchemeContext, SchemeOutcome, SchemeSigner, SnippetMatch } from '../scheme'

export type ChatwootPayload = {
  readonly kind: 'chatwoot-user'
  readonly form: PayloadForm
  readonly identifier: unknown
  readonly attributes: Readonly<Record<string, unknown>>
}

const SET_USER = /\$chatwoot\.setUser\(\s*/g
const WORDS: LiteralWords = { scheme: 'chatwoot', code: 'chatwoot-set-user-malformed', call: 'The setUser call', object: 'The user object' }

/** Where setUser's user object starts (after the identifier literal and its comma), or where reading stopped. */
function objectStart(text: string, start: number): { readonly identifier: { readonly value: string | number; readonly end: number } | null; readonly at: number | null } {
  const identifier = scriptLiteralAt(text, start)
  if (identifier === null) return { identifier, at: null }
  const comma = /^\s*,\s*/.exec(text.slice(identifier.end, identifier.end + 1000))
  return { identifier, at: comma === null ? null : identifier.end + comma[0].length }
}

function callEnd(text: string, start: number): number {
  const { identifier, at } = objectStart(text, start)
  return at === null ? (identifier?.end ?? start) : literalEnd(text, at)
}

function readCall(text: string, start: number): ChatwootPayload | InvalidPayload {
  const { identifier, at } = objectStart(text, start)
  if (identifier === null) return invalidPayload('chatwoot-set-user-malformed', 'The identifier is not a text or number literal (a variable cannot be read from the page).', 'chatwoot')
  if (at === null) return invalidPayload('chatwoot-set-user-malformed', 'setUser has no {…} user object after the identifier.', 'chatwoot')
  return readLiteralAt(text, at, WORDS, (value) =>
    isPlainObject(value) ? { kind: 'chatwoot-user', form: 'chatwoot-set-user', identifier: identifier.value, attributes: value } : invalidPayload('chatwoot-set-user-malformed', 'The user must be an object.', 'chatwoot'))
}

/** Ruby's `identifier.to_s` for what a page can pass: text, or a whole or decimal number. */
function identifierText(identifier: unknown): HmacIdentitySpec['message'] {
  if (typeof identifier === 'number' && Number.isFinite(identifier)) return { ok: true, text: String(identifier) }
  if (typeof identifier !== 'string' || identifier.length === 0) return { ok: false, code: 'chatwoot-set-user-malformed', detail: 'The identifier must be non-empty text.' }
  if (!isWellFormedText(identifier)) return { ok: false, code: 'chatwoot-set-user-malformed', detail: 'The identifier is not well-formed text.' }
  return { ok: true, text: identifier }
}

function spec(payload: ChatwootPayload, keys: readonly HmacKey[], enforced: boolean): HmacIdentitySpec {
  const { attributes } = payload
  const names = [...CHATWOOT_FIELDS.filter((name) => name !== 'identifier' && Object.hasOwn(attributes, name)), ...Object.keys(attributes).filter((name) => name !== 'identifier_hash' && !(CHATWOOT_FIELDS as readonly string[]).includes(name))]
  const sent: SentField[] = [{ name: 'identifier', value: payload.identifier }, ...names.map((name) => ({ name, value: attributes[name] }))]
  return {
    form: payload.form,
    visitor: { identifier: payload.identifier, ...attributes },
    parsed: attributes,
    where: 'The Chatwoot user',
    sent,
    known: CHATWOOT_FIELDS,
    signedName: 'identifier',
    message: identifierText(payload.identifier),
    hash: own(attributes, 'identifier_hash'),
    keys,
    checks: { identifier: 'chatwoot-identifier', hash: 'chatwoot-identifier-hash' },
    codes: { noKey: 'chatwoot-no-key', mismatch: 'chatwoot-hmac-failed', malformed: 'chatwoot-set-user-malformed', duplicate: 'chatwoot-duplicate-member' },
    missingHash: enforced ? { level: 'error', code: 'chatwoot-hmac-failed' } : { level: 'warning', code: 'chatwoot-identity-unverified' },
    sources: { signed: 'chatwoot-signed', unsigned: 'chatwoot-sent' },
  }
}

async function diagnoseChatwoot(payload: ChatwootPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  const hash = own(payload.attributes, 'identifier_hash')
  const message = identifierText(payload.identifier)
  if (typeof hash !== 'string' || hash.length === 0 || !message.ok || !outcome.checks.some((check) => check.code === 'chatwoot-hmac-failed')) return null
  return diagnoseHmac({ message: message.text, given: hash, keys: context.keys.chatwoot, spelling: { uppercase: 'diagnosis-uppercase-hex', base64: 'diagnosis-base64-digest' } })
}

export interface ChatwootSigningKey {
  readonly scheme: 'chatwoot'
  readonly kid: string
  readonly secret: string
}

export function chatwootSnippet(identifier: string, attributes: Readonly<Record<string, string>>): string {
  return `window.$chatwoot.setUser(${JSON.stringify(identifier)}, ${JSON.stringify(attributes)});`
}

const CHATWOOT_SIGNER: SchemeSigner<SignChatwootRequest, ChatwootSigningKey> = {
  signingKey: (material) => ({ scheme: 'chatwoot', kid: material.kid, secret: (material as ChatwootKeyMaterial).secret }),
  verificationMaterial: (key) => ({ scheme: 'chatwoot', kid: key.kid, alg: 'secret', secret: key.secret }),
  async sign(request, key) {
    const { identifier = '', ...attributes } = request.fields
    return { payload: chatwootSnippet(identifier, { ...attributes, identifier_hash: hmacHex(key.secret, identifier) }) }
  },
}

export interface ChatwootEngineTypes {
  readonly payload: ChatwootPayload
  readonly material: ChatwootKeyMaterial
  readonly ring: readonly HmacKey[]
  readonly signRequest: SignChatwootRequest
  readonly signingKey: ChatwootSigningKey
}

export const CHATWOOT_SCHEME: Scheme<ChatwootEngineTypes> = {
  id: CHATWOOT.id,
  vocabulary: CHATWOOT,
  detect: {
    kinds: ['chatwoot-user'],
    snippets: (text, limit) =>
      [...matchesOf(text, SET_USER, limit)].map((match): SnippetMatch<ChatwootPayload> => {
        const start = match.index + match[0].length
        return { form: 'chatwoot-set-user', index: match.index, end: () => callEnd(text, start), read: () => readCall(text, start) }
      }),
    identityForms: { 'chatwoot-set-user': 'a $chatwoot.setUser call' },
    identityMarkers: ['$chatwoot', 'setuser', 'identifier_hash'],
    object(value, form, forced) {
      if (!isPlainObject(value)) return forced ? invalidPayload('chatwoot-set-user-malformed', 'A Chatwoot user is an object.', 'chatwoot') : null
      if (!forced && own(value, 'identifier_hash') === undefined) return null
      return { kind: 'chatwoot-user', form, identifier: own(value, 'identifier'), attributes: value }
    },
    objectPrecedence: 7,
    objectHint: 'Chatwoot identifier_hash',
  },
  keys: hmacSchemeKeys('chatwoot', 'Chatwoot'),
  inspect: async (payload, context) => inspectHmacIdentity(spec(payload, context.keys.chatwoot, context.settings.chatwoot.enforceIdentityValidation)),
  diagnose: diagnoseChatwoot,
  signer: CHATWOOT_SIGNER,
}
