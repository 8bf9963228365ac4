/**
 * Says what a pasted text, file or object is: a RingCX signed or unsigned identity, a
 * Rox.Chat provided visitor (or logout), or a QA sample file wrapping one of those.
 */
import type { ErrorCode } from '../common/codes'
import type { PayloadForm } from '../common/inspection'
import { COMPACT_JWT_PATTERN } from './ringcx/compact-jwt'
import { MAX_INPUT_BYTES } from '../common/limits'
import { balancedObjectAt, parseObjectLiteral } from './object-literal'
import { displayValue, isPlainObject } from '../common/values'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../common/ringcx'
import { isSchemeId, schemeIdList, type SchemeId } from '../common/schemes'

export type DetectedPayload =
  | { readonly kind: 'ringcx-jwt'; readonly form: PayloadForm; readonly token: string }
  | { readonly kind: 'ringcx-unsigned'; readonly form: PayloadForm; readonly identity: Readonly<Record<string, unknown>> }
  | { readonly kind: 'roxchat-visitor'; readonly form: PayloadForm; readonly visitor: unknown }
  | { readonly kind: 'roxchat-logout'; readonly form: PayloadForm }
  | { readonly kind: 'roxchat-token'; readonly form: PayloadForm; readonly token: string }
  | { readonly kind: 'invalid'; readonly code: ErrorCode; readonly scheme: SchemeId | null; readonly message: string }

/** A QA sample file's own members, besides its payload. */
export interface Sample {
  readonly fields?: Readonly<Record<string, string>>
  readonly opFields?: Readonly<Record<string, string>>
  readonly now?: Date
  readonly scheme?: SchemeId
  /** Partial settings, validated by the inspection. */
  readonly config?: unknown
  /** What the inspection must produce (checked by the expectation checker). */
  readonly expect?: unknown
  /** Rox.Chat identification by token, resolved against a token table. */
  readonly authToken?: string
  /** The page the chat started from. */
  readonly startPage?: StartPage
  /** Members this version does not interpret, kept as they are. */
  readonly extras: Readonly<Record<string, unknown>>
}

export interface StartPage {
  readonly title: string
  readonly url: string
}

export interface DetectedInput {
  readonly payload: DetectedPayload
  readonly sample: Sample | null
}

const SAMPLE_MEMBERS = new Set(['payload', 'fields', 'opFields', 'now', 'scheme', 'config', 'expect', 'authToken', 'startPage'])
const RINGCX_MEMBERS = new Set<string>([...RINGCX_IDENTITY_ATTRIBUTES, 'extra_values'])
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

const SIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setSignedIdentity\1\s*,\s*(["'])([^"'\\]*)\2\s*\]\s*\)/
const UNSIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setIdentity\1\s*,\s*/
const VISITOR_ASSIGNMENT = /\b(?:roxchat|webim)_visitor\s*=\s*/
const CHAT_URL_PARAMETER = /[?&#;]jwt_identity=([^&#\s"'<>]*)/

function invalid(code: ErrorCode, message: string, scheme: SchemeId | null = null): DetectedPayload {
  return { kind: 'invalid', code, scheme, message }
}

function classifyObject(value: unknown, form: PayloadForm, scheme: SchemeId | undefined): DetectedPayload {
  if (value === null) {
    return scheme === 'ringcx'
      ? invalid('ringcx-identity-malformed', 'null is not a RingCX identity.', 'ringcx')
      : { kind: 'roxchat-logout', form }
  }
  if (!isPlainObject(value)) {
    if (scheme === 'roxchat') return invalid('roxchat-visitor-malformed', 'The visitor must be an object.', 'roxchat')
    if (scheme === 'ringcx') return invalid('ringcx-identity-malformed', 'The identity must be an object.', 'ringcx')
    return invalid('input-unrecognised', 'The JSON is not an object.')
  }
  if (scheme === 'roxchat') return { kind: 'roxchat-visitor', form, visitor: value }
  if (scheme === 'ringcx') return { kind: 'ringcx-unsigned', form, identity: value }
  if ('fields' in value || 'hash' in value) return { kind: 'roxchat-visitor', form, visitor: value }
  if (Object.keys(value).some((name) => RINGCX_MEMBERS.has(name))) return { kind: 'ringcx-unsigned', form, identity: value }
  return invalid('input-unrecognised', 'The object has neither Rox.Chat "fields"/"hash" nor RingCX identity attributes.')
}

const LITERAL_WORDS: Readonly<Record<SchemeId, { code: ErrorCode; call: string; object: string }>> = {
  ringcx: { code: 'ringcx-identity-malformed', call: 'The _setIdentity call', object: 'The identity object' },
  roxchat: { code: 'roxchat-visitor-malformed', call: 'The roxchat_visitor assignment', object: 'The visitor object' },
}

/** Reads the object literal that starts at `start` in page script as the scheme's payload. */
function readLiteralAt(text: string, start: number, scheme: SchemeId, form: PayloadForm): DetectedPayload {
  const words = LITERAL_WORDS[scheme]
  const literal = balancedObjectAt(text, start)
  if (literal === null) return invalid(words.code, `${words.call} has no complete {…} object.`, scheme)
  const parsed = parseObjectLiteral(literal)
  if (!parsed.ok) return invalid(words.code, `${words.object} could not be read: ${parsed.message}`, scheme)
  return classifyObject(parsed.value, form, scheme)
}

interface SnippetMatch {
  readonly index: number
  readonly read: () => DetectedPayload
}

/** Finds the earliest identity call or assignment inside page script or HTML. */
function findSnippet(text: string): DetectedPayload | null {
  const matches: SnippetMatch[] = []
  const signed = SIGNED_CALL.exec(text)
  if (signed) {
    matches.push({ index: signed.index, read: () => ({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: (signed[3] ?? '').trim() }) })
  }
  const unsigned = UNSIGNED_CALL.exec(text)
  if (unsigned) {
    matches.push({
      index: unsigned.index,
      read: () => readLiteralAt(text, unsigned.index + unsigned[0].length, 'ringcx', 'chatq-snippet'),
    })
  }
  const assignment = VISITOR_ASSIGNMENT.exec(text)
  if (assignment) {
    matches.push({
      index: assignment.index,
      read: () => {
        const start = assignment.index + assignment[0].length
        if (/^null\b/.test(text.slice(start, start + 5))) return { kind: 'roxchat-logout', form: 'page-snippet' }
        return readLiteralAt(text, start, 'roxchat', 'page-snippet')
      },
    })
  }
  const url = CHAT_URL_PARAMETER.exec(text)
  if (url) {
    matches.push({
      index: url.index,
      read: () => {
        try {
          return { kind: 'ringcx-jwt', form: 'chat-url', token: decodeURIComponent(url[1] ?? '') }
        } catch {
          return invalid('ringcx-identity-malformed', 'The jwt_identity parameter is not valid URL encoding.', 'ringcx')
        }
      },
    })
  }
  const first = matches.reduce<SnippetMatch | null>((best, match) => (best === null || match.index < best.index ? match : best), null)
  return first === null ? null : first.read()
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    // Mobile SDK payloads and hand-written samples are often JSON5-ish.
    return parseObjectLiteral(text)
  }
}

function detectText(text: string, scheme: SchemeId | undefined, allowSample: boolean): DetectedInput {
  const trimmed = text.trim()
  if (COMPACT_JWT_PATTERN.test(trimmed)) return { payload: { kind: 'ringcx-jwt', form: 'jwt', token: trimmed }, sample: null }

  if (/^[{[]|^null$/.test(trimmed)) {
    const parsed = readJson(trimmed)
    if (parsed.ok) return detectValue(parsed.value, 'json', scheme, allowSample)
    const snippet = findSnippet(trimmed)
    if (snippet !== null) return { payload: snippet, sample: null }
    const code: ErrorCode = scheme === 'roxchat' ? 'roxchat-visitor-malformed' : scheme === 'ringcx' ? 'ringcx-identity-malformed' : 'input-unrecognised'
    return { payload: invalid(code, `The text looks like JSON but could not be read: ${parsed.message}`, scheme ?? null), sample: null }
  }

  const snippet = findSnippet(text)
  if (snippet !== null) return { payload: snippet, sample: null }

  // Something JWT-shaped that failed the strict pattern: let the RingCX checks say why.
  if (/^eyJ[^\s]*\.[\s\S]*$/.test(trimmed) && !/\s/.test(trimmed.slice(0, 20))) {
    return { payload: { kind: 'ringcx-jwt', form: 'jwt', token: trimmed }, sample: null }
  }
  return {
    payload: invalid('input-unrecognised', 'No JWT, chat URL, _chatq.push call, roxchat_visitor snippet or visitor JSON was found.'),
    sample: null,
  }
}

function stringMap(value: unknown, member: string): Record<string, string> {
  if (!isPlainObject(value)) throw new SampleError(`"${member}" must be an object of field names to values.`)
  const result: Record<string, string> = {}
  for (const [name, raw] of Object.entries(value)) {
    Object.defineProperty(result, name, { value: displayValue(raw), enumerable: true, writable: true, configurable: true })
  }
  return result
}

class SampleError extends Error {}

function readSample(value: Record<string, unknown>): Sample {
  const extras: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(value)) {
    if (!SAMPLE_MEMBERS.has(name)) extras[name] = member
  }
  let scheme: SchemeId | undefined
  if (value['scheme'] !== undefined) {
    if (!isSchemeId(value['scheme'])) throw new SampleError(`"scheme" must be ${schemeIdList(true)}.`)
    scheme = value['scheme']
  }
  let now: Date | undefined
  if (value['now'] !== undefined) {
    const text = value['now']
    const date = typeof text === 'string' && ISO_8601.test(text) ? new Date(text) : undefined
    if (date === undefined || Number.isNaN(date.getTime())) throw new SampleError('"now" must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z.')
    now = date
  }
  const authToken = value['authToken']
  if (authToken !== undefined && (typeof authToken !== 'string' || authToken.length === 0)) throw new SampleError('"authToken" must be non-empty text.')
  const startPage = value['startPage']
  if (startPage !== undefined && !(isPlainObject(startPage) && typeof startPage['title'] === 'string' && typeof startPage['url'] === 'string')) {
    throw new SampleError('"startPage" must be {"title": text, "url": text}.')
  }
  return {
    ...(value['expect'] === undefined ? {} : { expect: value['expect'] }),
    ...(authToken === undefined ? {} : { authToken }),
    ...(startPage === undefined ? {} : { startPage: { title: startPage['title'] as string, url: startPage['url'] as string } }),
    ...(value['fields'] === undefined ? {} : { fields: stringMap(value['fields'], 'fields') }),
    ...(value['opFields'] === undefined ? {} : { opFields: stringMap(value['opFields'], 'opFields') }),
    ...(now === undefined ? {} : { now }),
    ...(scheme === undefined ? {} : { scheme }),
    ...(value['config'] === undefined ? {} : { config: value['config'] }),
    extras,
  }
}

function detectValue(value: unknown, form: PayloadForm, scheme: SchemeId | undefined, allowSample: boolean): DetectedInput {
  if (allowSample && isPlainObject(value) && ('payload' in value || 'authToken' in value)) {
    let sample: Sample
    try {
      sample = readSample(value)
    } catch (error) {
      if (!(error instanceof SampleError)) throw error
      return { payload: invalid('sample-invalid', error.message, scheme ?? null), sample: null }
    }
    const sampleScheme = scheme ?? sample.scheme
    if (!('payload' in value) && sample.authToken !== undefined) {
      return { payload: { kind: 'roxchat-token', form: 'object', token: sample.authToken }, sample }
    }
    const inner = value['payload']
    const detected = typeof inner === 'string'
      ? detectText(inner, sampleScheme, false)
      : detectValue(inner, 'object', sampleScheme, false)
    return { payload: detected.payload, sample }
  }
  return { payload: classifyObject(value, form, scheme), sample: null }
}

/**
 * Detects and parses a payload. Text over 1 MiB is refused before any parsing.
 *
 * @example
 * detectPayload('_chatq.push(["_setSignedIdentity", "eyJ…"])').payload.kind // 'ringcx-jwt'
 * detectPayload('roxchat_visitor = null;').payload.kind // 'roxchat-logout'
 */
export function detectPayload(input: unknown, options: { readonly scheme?: SchemeId } = {}): DetectedInput {
  if (typeof input === 'string') {
    if (input.length > MAX_INPUT_BYTES || Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) {
      return { payload: invalid('input-too-large', 'The payload is larger than 1 MiB.'), sample: null }
    }
    return detectText(input, options.scheme, true)
  }
  return detectValue(input, 'object', options.scheme, true)
}

/**
 * True for a key file or a settings file: found beside samples in a folder, they are not
 * payloads. Cheap enough to ask only of text that matched no payload form.
 *
 * @example
 * isKeyOrSettingsFile('{"keys":[]}') // true
 */
export function isKeyOrSettingsFile(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) return /^-----BEGIN [A-Z ]+-----/.test(trimmed)
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch {
    return false
  }
  if (!isPlainObject(value)) return false
  if (Array.isArray(value['keys']) || typeof value['kty'] === 'string') return true
  const names = Object.keys(value)
  return names.length > 0 && names.every((name) => name === 'ringcx' || name === 'roxchat')
}
