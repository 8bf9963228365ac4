/**
 * Says what a pasted text, file or object is: a payload of one of the registered schemes (a
 * RingCX signed or unsigned identity, a Rox.Chat provided visitor or logout, …), or a QA sample
 * file wrapping one of those. Each scheme's detectors (core/<scheme>/detect.ts) say what is theirs.
 */
import type { ErrorCode } from '../common/codes'
import type { PayloadForm } from '../common/inspection'
import { MAX_INPUT_BYTES, MAX_NESTING_DEPTH } from '../common/limits'
import { isSchemeId, schemeIdList, vocabularyOf, type SchemeId } from '../common/schemes'
import { displayValue, isPlainObject, ownMember, setOwnMember, valueBoundProblem } from '../common/values'
import { invalidPayload as invalid } from './detect-kit'
import { duplicateMembersOutside, readJsonText } from './json-source'
import { parseObjectLiteral } from './object-literal'
import { commentedSpans, isInSpans } from './page-comments'
import type { InvalidPayload, Sample, SnippetMatch } from './scheme'
import { schemeById, schemes, type EngineType } from './schemes'

export type { Sample, StartPage } from './scheme'

/** A payload of one of the schemes, or input none of them can read. */
export type DetectedPayload = EngineType<'payload'> | InvalidPayload

/** The ways page text hands an identity to the chat, as each scheme's detectors name them (`identityForms`). */
export type IdentityForm = string

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
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

// The registry erases each scheme's payload type; the schemes' own types are those of EngineType<'payload'>.
type Detected = DetectedPayload

function classifyObject(value: unknown, form: PayloadForm, scheme: SchemeId | undefined): Detected {
  if (scheme !== undefined) {
    const named = schemeById(scheme)?.detect.object(value, form, true)
    if (named !== undefined && named !== null) return named as Detected
  }
  const readers = inPrecedenceOrder(schemes())
  for (const reader of readers) {
    const found = reader.detect.object(value, form, false)
    if (found !== null) return found as Detected
  }
  if (!isPlainObject(value)) return invalid('input-unrecognised', 'The JSON is not an object.')
  return invalid('input-unrecognised', `The object has neither ${readers.map((reader) => reader.detect.objectHint).join(' nor ')}.`)
}

/** Each form of identity in words, for messages: the registered schemes' forms. */
export function identityFormName(form: IdentityForm): string {
  for (const scheme of schemes()) {
    const words = scheme.detect.identityForms
    if (words !== undefined && Object.hasOwn(words, form)) return words[form] as string
  }
  return form
}

/** "a _setSignedIdentity call at line 3, column 5", for a message. */
export function describeIdentity(identity: FoundIdentity): string {
  return `${identityFormName(identity.form)} at line ${identity.line}, column ${identity.column}`
}

/** The identities in words, one after another; at most `limit` named, then how many more. */
export function describeIdentities(identities: readonly FoundIdentity[], limit = 5): string {
  const named = identities.slice(0, limit).map(describeIdentity)
  const rest = identities.length - named.length
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ')
}

/** A scheme's match, with the scheme it belongs to. */
interface SchemeMatch {
  readonly scheme: SchemeId
  readonly match: SnippetMatch
}

/** Every identity call, assignment and chat URL of every scheme in page script or HTML, in page order. */
function snippetMatches(text: string, limit = Infinity): SchemeMatch[] {
  // Each scheme's matches come in text order: the first `limit` of all are among each scheme's first `limit`.
  const matches: SchemeMatch[] = schemes().flatMap((scheme) =>
    (scheme.detect.snippets?.(text, limit) ?? []).map((match) => ({ scheme: scheme.id as SchemeId, match })))
  matches.sort((a, b) => a.match.index - b.match.index)
  return matches.length > limit ? matches.slice(0, limit) : matches
}

/** Each match's place in the text, and whether it is commented out. */
function locateMatches(text: string, matches: readonly SchemeMatch[]): FoundIdentity[] {
  const comments = commentedSpans(text)
  const identities: FoundIdentity[] = []
  let line = 1
  let lineStart = 0
  let counted = 0
  for (const { match } of matches) {
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
  readonly scheme: SchemeId
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
  return locateMatches(text, matches).map((found, index) => new Listed(found, text, matches[index] as SchemeMatch))
}

/** A listed identity whose own text is cut from the page when first read. */
class Listed implements ListedIdentity {
  readonly form: IdentityForm
  readonly offset: number
  readonly line: number
  readonly column: number
  readonly commented: boolean
  readonly scheme: SchemeId
  readonly #page: string
  readonly #match: SnippetMatch
  #text: string | undefined

  constructor(found: FoundIdentity, page: string, { scheme, match }: SchemeMatch) {
    this.form = found.form
    this.offset = found.offset
    this.line = found.line
    this.column = found.column
    this.commented = found.commented
    this.scheme = scheme
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
  if (live >= 0) return { payload: (matches[live] as SchemeMatch).match.read() as Detected, identities }
  const first = matches[0] as SchemeMatch
  const where = describeIdentities(identities)
  return { payload: invalid('input-identity-commented-out', `Commented out: ${where}.`, first.scheme), identities }
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; message: string; tooDeep?: boolean } {
  const json = readJsonText(text, 'json')
  if (json.ok || json.tooDeep) return json
  // Mobile SDK payloads and hand-written samples are often JSON5-ish.
  return parseObjectLiteral(text)
}

/** Each registry list in its precedence order, sorted once. */
const byPrecedence = new WeakMap<ReturnType<typeof schemes>, ReturnType<typeof schemes>>()

function inPrecedenceOrder(list: ReturnType<typeof schemes>): ReturnType<typeof schemes> {
  let sorted = byPrecedence.get(list)
  if (sorted === undefined) {
    sorted = [...list].sort((a, b) => a.detect.objectPrecedence - b.detect.objectPrecedence)
    byPrecedence.set(list, sorted)
  }
  return sorted
}

/** The first reader's answer, the readers taken in their precedence order (see `objectPrecedence`). */
function firstOf(read: (detectors: ReturnType<typeof schemes>[number]['detect']) => unknown): Detected | null {
  for (const scheme of inPrecedenceOrder(schemes())) {
    const found = read(scheme.detect)
    if (found !== null && found !== undefined) return found as Detected
  }
  return null
}

function detectText(text: string, scheme: SchemeId | undefined, allowSample: boolean): DetectedInput {
  const trimmed = text.trim()
  // A scheme named by the caller reads a form it shares with others (a bare JWT) first.
  const named = scheme === undefined ? null : (schemeById(scheme)?.detect.text?.(trimmed, true) as Detected | null | undefined) ?? null
  const whole = named ?? firstOf((detect) => detect.text?.(trimmed, false))
  if (whole !== null) return { payload: whole, sample: null, identities: [] }

  if (/^[{[]|^null$/.test(trimmed)) {
    const parsed = readJson(trimmed)
    if (parsed.ok) return detectValue(parsed.value, 'json', scheme, allowSample)
    if (parsed.tooDeep) return { payload: invalid('input-too-deep', `The text could not be read: ${parsed.message}`, scheme ?? null), sample: null, identities: [] }
    const snippet = findSnippet(text)
    if (snippet !== null) return { ...snippet, sample: null }
    const code: ErrorCode = scheme === undefined ? 'input-unrecognised' : (vocabularyOf(scheme)?.codes.malformed as ErrorCode | undefined) ?? 'input-unrecognised'
    return { payload: invalid(code, `The text looks like JSON but could not be read: ${parsed.message}`, scheme ?? null), sample: null, identities: [] }
  }

  const snippet = findSnippet(text)
  if (snippet !== null) return { ...snippet, sample: null }

  const loose = firstOf((detect) => detect.looseText?.(trimmed))
  if (loose !== null) return { payload: loose, sample: null, identities: [] }
  return { payload: invalid('input-unrecognised', `None of the forms the inspector reads was found: ${knownFormsInWords()}.`), sample: null, identities: [] }
}

/** Every registered scheme's forms in words ("a JWT, a _setSignedIdentity call, …, or visitor JSON"), for the message. */
function knownFormsInWords(): string {
  const forms = new Set(schemes().flatMap((scheme) => Object.values(scheme.detect.identityForms ?? {})))
  return ['a JWT', ...forms, 'visitor JSON'].join(', ').replace(/, (?=[^,]*$)/, ' or ')
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
  let scheme: SchemeId | undefined
  if (own('scheme') !== undefined) {
    const named = own('scheme')
    if (!isSchemeId(named)) throw new SampleError(`"scheme" must be ${schemeIdList(true)}.`)
    scheme = named
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

function detectValue(value: unknown, form: PayloadForm, scheme: SchemeId | undefined, allowSample: boolean): DetectedInput {
  if (allowSample && isPlainObject(value) && (Object.hasOwn(value, 'payload') || Object.hasOwn(value, 'authToken'))) {
    let sample: Sample
    try {
      sample = { ...readSample(value), duplicateMembers: duplicateMembersOutside(value, 'payload') }
    } catch (error) {
      if (!(error instanceof SampleError)) throw error
      return { payload: invalid('sample-invalid', error.message, scheme ?? null), sample: null, identities: [] }
    }
    const sampleScheme = scheme ?? sample.scheme
    if (!Object.hasOwn(value, 'payload')) {
      const identified = firstOf((detect) => detect.sample?.(sample))
      if (identified !== null) return { payload: identified, sample, identities: [] }
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
export function detectPayload(input: unknown, options: { readonly scheme?: SchemeId } = {}): DetectedInput {
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
  return names.length > 0 && names.every(isSchemeId)
}
