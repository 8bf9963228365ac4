/**
 * Says what a pasted text, file or object is: a RingCX signed or unsigned identity, a
 * Rox.Chat provided visitor (or logout), or a QA sample file wrapping one of those.
 */
import type { ErrorCode } from './codes'
import type { PayloadForm, Scheme } from './inspection'
import { SCHEMES } from './inspection'
import { COMPACT_JWT_PATTERN } from './compact-jwt'
import { duplicateMembersOutside, readJsonText, type SourceDuplicates } from './json-source'
import { MAX_INPUT_BYTES, MAX_NESTING_DEPTH } from './limits'
import { balancedObjectAt, parseObjectLiteral } from './object-literal'
import { commentedSpans, isInSpans } from './page-comments'
import { RINGCX_IDENTITY_ATTRIBUTES } from './ringcx-identity'
import { displayValue, isPlainObject, ownMember, setOwnMember, valueBoundProblem } from './values'

export type DetectedPayload =
  | { readonly kind: 'ringcx-jwt'; readonly form: PayloadForm; readonly token: string }
  | { readonly kind: 'ringcx-unsigned'; readonly form: PayloadForm; readonly identity: Readonly<Record<string, unknown>> }
  | { readonly kind: 'roxchat-visitor'; readonly form: PayloadForm; readonly visitor: unknown }
  | { readonly kind: 'roxchat-logout'; readonly form: PayloadForm }
  | { readonly kind: 'roxchat-token'; readonly form: PayloadForm; readonly token: string }
  | { readonly kind: 'invalid'; readonly code: ErrorCode; readonly scheme: Scheme | null; readonly message: string }

/** A QA sample file's own members, besides its payload. */
export interface Sample {
  readonly fields?: Readonly<Record<string, string>>
  readonly opFields?: Readonly<Record<string, string>>
  readonly now?: Date
  readonly scheme?: Scheme
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
  /** Member names the sample file's text holds twice or more, outside its payload. */
  readonly duplicateMembers?: SourceDuplicates
}

export interface StartPage {
  readonly title: string
  readonly url: string
}

/** The ways page text hands an identity to the chat. */
export type IdentityForm = 'signed-identity-call' | 'identity-call' | 'visitor-assignment' | 'chat-url'

/** An identity found in page text. */
export interface FoundIdentity {
  readonly form: IdentityForm
  /** Where it starts in the text: UTF-16 offset, and 1-based line and column. */
  readonly offset: number
  readonly line: number
  readonly column: number
  /** Inside an HTML comment or a script comment: the page does not hand it to the chat. */
  readonly commented: boolean
}

export interface DetectedInput {
  readonly payload: DetectedPayload
  readonly sample: Sample | null
  /**
   * Every identity found in page text (a snippet or page, also as a sample's payload), in page
   * order, commented-out ones included; the payload is the first live one. Empty for other forms.
   */
  readonly identities: readonly FoundIdentity[]
}

const SAMPLE_MEMBERS = new Set(['payload', 'fields', 'opFields', 'now', 'scheme', 'config', 'expect', 'authToken', 'startPage'])
const RINGCX_MEMBERS = new Set<string>([...RINGCX_IDENTITY_ATTRIBUTES, 'extra_values'])
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

// Global, for matchAll (which copies the pattern, so no lastIndex is shared between calls).
const SIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setSignedIdentity\1\s*,\s*(["'])([^"'\\]*)\2\s*\]\s*\)/g
const UNSIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setIdentity\1\s*,\s*/g
// `=` but not `==`/`===`: a comparison such as `roxchat_visitor == null` assigns nothing.
const VISITOR_ASSIGNMENT = /\b(?:roxchat|webim)_visitor\s*=(?!=)\s*/g
const CHAT_URL_PARAMETER = /[?&#;]jwt_identity=([^&#\s"'<>]*)/g

function invalid(code: ErrorCode, message: string, scheme: Scheme | null = null): DetectedPayload {
  return { kind: 'invalid', code, scheme, message }
}

function classifyObject(value: unknown, form: PayloadForm, scheme: Scheme | undefined): DetectedPayload {
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
  if (Object.hasOwn(value, 'fields') || Object.hasOwn(value, 'hash')) return { kind: 'roxchat-visitor', form, visitor: value }
  if (Object.keys(value).some((name) => RINGCX_MEMBERS.has(name))) return { kind: 'ringcx-unsigned', form, identity: value }
  return invalid('input-unrecognised', 'The object has neither Rox.Chat "fields"/"hash" nor RingCX identity attributes.')
}

const LITERAL_WORDS: Readonly<Record<Scheme, { code: ErrorCode; call: string; object: string }>> = {
  ringcx: { code: 'ringcx-identity-malformed', call: 'The _setIdentity call', object: 'The identity object' },
  roxchat: { code: 'roxchat-visitor-malformed', call: 'The roxchat_visitor assignment', object: 'The visitor object' },
}

/** Reads the object literal that starts at `start` in page script as the scheme's payload. */
function readLiteralAt(text: string, start: number, scheme: Scheme, form: PayloadForm): DetectedPayload {
  const words = LITERAL_WORDS[scheme]
  const literal = balancedObjectAt(text, start)
  if (literal === null) return invalid(words.code, `${words.call} has no complete {…} object.`, scheme)
  const parsed = parseObjectLiteral(literal)
  if (!parsed.ok) return invalid(parsed.tooDeep ? 'input-too-deep' : words.code, `${words.object} could not be read: ${parsed.message}`, scheme)
  return classifyObject(parsed.value, form, scheme)
}

interface SnippetMatch {
  readonly form: IdentityForm
  readonly index: number
  /** Where the identity's own text ends: the match, or the object literal (or `null`) after it. */
  readonly end: () => number
  readonly read: () => DetectedPayload
}

/** How each form of identity is found in page text, and read once it is the one inspected. */
const SNIPPET_FORMS: readonly { readonly form: IdentityForm; readonly pattern: RegExp; readonly read: (text: string, match: RegExpExecArray) => DetectedPayload }[] = [
  {
    form: 'signed-identity-call',
    pattern: SIGNED_CALL,
    read: (_text, match) => ({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: (match[3] ?? '').trim() }),
  },
  {
    form: 'identity-call',
    pattern: UNSIGNED_CALL,
    read: (text, match) => readLiteralAt(text, match.index + match[0].length, 'ringcx', 'chatq-snippet'),
  },
  {
    form: 'visitor-assignment',
    pattern: VISITOR_ASSIGNMENT,
    read: (text, match) => {
      const start = match.index + match[0].length
      if (/^null\b/.test(text.slice(start, start + 5))) return { kind: 'roxchat-logout', form: 'page-snippet' }
      return readLiteralAt(text, start, 'roxchat', 'page-snippet')
    },
  },
  {
    form: 'chat-url',
    pattern: CHAT_URL_PARAMETER,
    read: (_text, match) => {
      try {
        return { kind: 'ringcx-jwt', form: 'chat-url', token: decodeURIComponent(match[1] ?? '') }
      } catch {
        return invalid('ringcx-identity-malformed', 'The jwt_identity parameter is not valid URL encoding.', 'ringcx')
      }
    },
  },
]

/** Each form of identity in words, for messages. */
export const IDENTITY_FORM_NAME: Readonly<Record<IdentityForm, string>> = {
  'signed-identity-call': 'a _setSignedIdentity call',
  'identity-call': 'a _setIdentity call',
  'visitor-assignment': 'a roxchat_visitor (or webim_visitor) assignment',
  'chat-url': 'a chat URL with jwt_identity=',
}

/**
 * How far each form's own text reaches: the pattern's match alone, or the object literal (or
 * `null`) that follows it as well.
 */
const IDENTITY_FORM_EXTENT: Readonly<Record<IdentityForm, 'match' | 'literal'>> = {
  'signed-identity-call': 'match',
  'identity-call': 'literal',
  'visitor-assignment': 'literal',
  'chat-url': 'match',
}

const IDENTITY_FORM_SCHEME: Readonly<Record<IdentityForm, Scheme>> = {
  'signed-identity-call': 'ringcx',
  'identity-call': 'ringcx',
  'visitor-assignment': 'roxchat',
  'chat-url': 'ringcx',
}

/** "a _setSignedIdentity call at line 3, column 5", for a message. */
export function describeIdentity(identity: FoundIdentity): string {
  return `${IDENTITY_FORM_NAME[identity.form]} at line ${identity.line}, column ${identity.column}`
}

/** The identities in words, one after another; at most `limit` named, then how many more. */
export function describeIdentities(identities: readonly FoundIdentity[], limit = 5): string {
  const named = identities.slice(0, limit).map(describeIdentity)
  const rest = identities.length - named.length
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ')
}

/** Every identity call, assignment and chat URL in page script or HTML, in page order. */
function snippetMatches(text: string, limit = Infinity): SnippetMatch[] {
  const matches: SnippetMatch[] = []
  for (const { form, pattern, read } of SNIPPET_FORMS) {
    let found = 0
    // Each form's matches come in text order: the first `limit` of all are among each form's first `limit`.
    for (const match of text.matchAll(pattern)) {
      if (found++ >= limit) break
      matches.push({ form, index: match.index, end: () => identityEnd(text, form, match), read: () => read(text, match) })
    }
  }
  matches.sort((a, b) => a.index - b.index)
  return matches.length > limit ? matches.slice(0, limit) : matches
}

function identityEnd(text: string, form: IdentityForm, match: RegExpExecArray): number {
  const end = match.index + match[0].length
  if (IDENTITY_FORM_EXTENT[form] === 'match') return end
  if (/^null\b/.test(text.slice(end, end + 5))) return end + 4
  // No literal larger than an input is looked for: a page of unclosed braces stays linear per identity.
  return end + (balancedObjectAt(text.slice(end, end + MAX_INPUT_BYTES + 1), 0)?.length ?? 0)
}

/** Each match's place in the text, and whether it is commented out. */
function locateMatches(text: string, matches: readonly SnippetMatch[]): FoundIdentity[] {
  const comments = commentedSpans(text)
  const identities: FoundIdentity[] = []
  let line = 1
  let lineStart = 0
  let counted = 0
  for (const match of matches) {
    for (; counted < match.index; counted++) {
      if (text.charCodeAt(counted) === 0x0a) {
        line++
        lineStart = counted + 1
      }
    }
    identities.push({ form: match.form, offset: match.index, line, column: match.index - lineStart + 1, commented: isInSpans(comments, match.index) })
  }
  return identities
}

/** An identity found in page text, with its own text (see {@link listIdentities}). */
export interface ListedIdentity extends FoundIdentity {
  readonly scheme: Scheme
  /**
   * The identity's own text: the call, assignment or URL parameter, through the object literal it
   * carries. `detectPayload(text)` reads it as this identity, live (whatever `commented` says).
   */
  readonly text: string
}

/**
 * Every identity in page script, HTML, a URL or a request body, in text order, commented-out ones
 * included, each with its own text: what a capture audit inspects one by one. Finds the same forms
 * as {@link detectPayload}; the caller bounds the text (no size limit here). With `limit`, only
 * the first so many. Each `text` is read when first asked for, so identities a caller passes over
 * cost only their finding.
 *
 * @example
 * listIdentities('<!-- _chatq.push(["_setSignedIdentity", "eyJ…"]) -->')[0]?.commented // true
 */
export function listIdentities(text: string, options: { readonly limit?: number } = {}): readonly ListedIdentity[] {
  const matches = snippetMatches(text, options.limit)
  if (matches.length === 0) return []
  return locateMatches(text, matches).map((found, index) => new Listed(found, text, matches[index] as SnippetMatch))
}

/** A listed identity whose own text is cut from the page when first read. */
class Listed implements ListedIdentity {
  readonly form: IdentityForm
  readonly offset: number
  readonly line: number
  readonly column: number
  readonly commented: boolean
  readonly scheme: Scheme
  readonly #page: string
  readonly #match: SnippetMatch
  #text: string | undefined

  constructor(found: FoundIdentity, page: string, match: SnippetMatch) {
    this.form = found.form
    this.offset = found.offset
    this.line = found.line
    this.column = found.column
    this.commented = found.commented
    this.scheme = IDENTITY_FORM_SCHEME[found.form]
    this.#page = page
    this.#match = match
  }

  get text(): string {
    this.#text ??= this.#page.slice(this.#match.index, this.#match.end())
    return this.#text
  }
}

/**
 * Finds the identities in page script or HTML and reads the first live one. One that is only
 * commented out is never taken: the page hands the chat no identity at all.
 */
function findSnippet(text: string): { payload: DetectedPayload; identities: readonly FoundIdentity[] } | null {
  const matches = snippetMatches(text)
  if (matches.length === 0) return null
  const identities = locateMatches(text, matches)
  const live = matches.findIndex((_match, index) => !(identities[index] as FoundIdentity).commented)
  if (live >= 0) return { payload: (matches[live] as SnippetMatch).read(), identities }
  const first = identities[0] as FoundIdentity
  const where = describeIdentities(identities)
  return { payload: invalid('input-identity-commented-out', `Commented out: ${where}.`, IDENTITY_FORM_SCHEME[first.form]), identities }
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; message: string; tooDeep?: boolean } {
  const json = readJsonText(text, 'json')
  if (json.ok || json.tooDeep) return json
  // Mobile SDK payloads and hand-written samples are often JSON5-ish.
  return parseObjectLiteral(text)
}

function detectText(text: string, scheme: Scheme | undefined, allowSample: boolean): DetectedInput {
  const trimmed = text.trim()
  if (COMPACT_JWT_PATTERN.test(trimmed)) return { payload: { kind: 'ringcx-jwt', form: 'jwt', token: trimmed }, sample: null, identities: [] }

  if (/^[{[]|^null$/.test(trimmed)) {
    const parsed = readJson(trimmed)
    if (parsed.ok) return detectValue(parsed.value, 'json', scheme, allowSample)
    if (parsed.tooDeep) return { payload: invalid('input-too-deep', `The text could not be read: ${parsed.message}`, scheme ?? null), sample: null, identities: [] }
    const snippet = findSnippet(text)
    if (snippet !== null) return { ...snippet, sample: null }
    const code: ErrorCode = scheme === 'roxchat' ? 'roxchat-visitor-malformed' : scheme === 'ringcx' ? 'ringcx-identity-malformed' : 'input-unrecognised'
    return { payload: invalid(code, `The text looks like JSON but could not be read: ${parsed.message}`, scheme ?? null), sample: null, identities: [] }
  }

  const snippet = findSnippet(text)
  if (snippet !== null) return { ...snippet, sample: null }

  // Something JWT-shaped that failed the strict pattern: let the RingCX checks say why.
  if (/^eyJ[^\s]*\.[\s\S]*$/.test(trimmed) && !/\s/.test(trimmed.slice(0, 20))) {
    return { payload: { kind: 'ringcx-jwt', form: 'jwt', token: trimmed }, sample: null, identities: [] }
  }
  return {
    payload: invalid('input-unrecognised', 'No JWT, chat URL, _chatq.push call, roxchat_visitor snippet or visitor JSON was found.'),
    sample: null,
    identities: [],
  }
}

function stringMap(value: unknown, member: string): Record<string, string> {
  if (!isPlainObject(value)) throw new SampleError(`"${member}" must be an object of field names to values.`)
  const result: Record<string, string> = {}
  for (const [name, raw] of Object.entries(value)) {
    setOwnMember(result, name, displayValue(raw))
  }
  return result
}

class SampleError extends Error {}

function readSample(value: Record<string, unknown>): Sample {
  const extras: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(value)) {
    // A member named "__proto__" stays a member: assigning it would replace the prototype.
    if (!SAMPLE_MEMBERS.has(name)) setOwnMember(extras, name, member)
  }
  const own = (name: string): unknown => ownMember(value, name)
  let scheme: Scheme | undefined
  if (own('scheme') !== undefined) {
    if (!(SCHEMES as readonly unknown[]).includes(own('scheme'))) throw new SampleError('"scheme" must be "ringcx" or "roxchat".')
    scheme = own('scheme') as Scheme
  }
  let now: Date | undefined
  if (own('now') !== undefined) {
    const text = own('now')
    const date = typeof text === 'string' && ISO_8601.test(text) ? new Date(text) : undefined
    if (date === undefined || Number.isNaN(date.getTime())) throw new SampleError('"now" must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z.')
    now = date
  }
  const authToken = own('authToken')
  if (authToken !== undefined && (typeof authToken !== 'string' || authToken.length === 0)) throw new SampleError('"authToken" must be non-empty text.')
  const startPage = own('startPage')
  const title = isPlainObject(startPage) ? ownMember(startPage, 'title') : undefined
  const url = isPlainObject(startPage) ? ownMember(startPage, 'url') : undefined
  if (startPage !== undefined && !(typeof title === 'string' && typeof url === 'string')) {
    throw new SampleError('"startPage" must be {"title": text, "url": text}.')
  }
  const expect = own('expect')
  const fields = own('fields')
  const opFields = own('opFields')
  const config = own('config')
  return {
    ...(expect === undefined ? {} : { expect }),
    ...(authToken === undefined ? {} : { authToken }),
    ...(startPage === undefined ? {} : { startPage: { title: title as string, url: url as string } }),
    ...(fields === undefined ? {} : { fields: stringMap(fields, 'fields') }),
    ...(opFields === undefined ? {} : { opFields: stringMap(opFields, 'opFields') }),
    ...(now === undefined ? {} : { now }),
    ...(scheme === undefined ? {} : { scheme }),
    ...(config === undefined ? {} : { config }),
    extras,
  }
}

function detectValue(value: unknown, form: PayloadForm, scheme: Scheme | undefined, allowSample: boolean): DetectedInput {
  if (allowSample && isPlainObject(value) && (Object.hasOwn(value, 'payload') || Object.hasOwn(value, 'authToken'))) {
    let sample: Sample
    try {
      sample = { ...readSample(value), duplicateMembers: duplicateMembersOutside(value, 'payload') }
    } catch (error) {
      if (!(error instanceof SampleError)) throw error
      return { payload: invalid('sample-invalid', error.message, scheme ?? null), sample: null, identities: [] }
    }
    const sampleScheme = scheme ?? sample.scheme
    if (!Object.hasOwn(value, 'payload') && sample.authToken !== undefined) {
      return { payload: { kind: 'roxchat-token', form: 'object', token: sample.authToken }, sample, identities: [] }
    }
    const inner = ownMember(value, 'payload')
    const detected = typeof inner === 'string'
      ? detectText(inner, sampleScheme, false)
      : detectValue(inner, 'object', sampleScheme, false)
    return { payload: detected.payload, sample, identities: detected.identities }
  }
  return { payload: classifyObject(value, form, scheme), sample: null, identities: [] }
}

/**
 * Detects and parses a payload. Text over 1 MiB is refused before any parsing, and JSON or an
 * object literal nested deeper than MAX_NESTING_DEPTH before it is parsed (`input-too-deep`).
 *
 * @example
 * detectPayload('_chatq.push(["_setSignedIdentity", "eyJ…"])').payload.kind // 'ringcx-jwt'
 * detectPayload('roxchat_visitor = null;').payload.kind // 'roxchat-logout'
 */
export function detectPayload(input: unknown, options: { readonly scheme?: Scheme } = {}): DetectedInput {
  if (typeof input === 'string') {
    if (input.length > MAX_INPUT_BYTES || Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) {
      return { payload: invalid('input-too-large', 'The payload is larger than 1 MiB.'), sample: null, identities: [] }
    }
    return detectText(input, options.scheme, true)
  }
  const bound = valueBoundProblem(input)
  if (bound !== null) {
    const detail = bound === 'too-deep' ? `The object handed in nests more than ${MAX_NESTING_DEPTH} levels deep, or holds itself.` : 'The object handed in holds too many values.'
    return { payload: invalid(bound === 'too-deep' ? 'input-too-deep' : 'input-too-large', detail), sample: null, identities: [] }
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
  if (Array.isArray(ownMember(value, 'keys')) || typeof ownMember(value, 'kty') === 'string') return true
  const names = Object.keys(value)
  return names.length > 0 && names.every((name) => name === 'ringcx' || name === 'roxchat')
}
