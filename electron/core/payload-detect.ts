/**
 * Says what a pasted text, file or object is: a payload of one of the registered schemes (a
 * RingCX signed or unsigned identity, a Rox.Chat provided visitor or logout, …), or a QA sample
 * file wrapping one of those. Each scheme's detectors (core/<scheme>/detect.ts) say what is theirs.
 */
import type { ErrorCode } from '../common/codes'
import type { PayloadForm } from '../common/inspection'
import { MAX_INPUT_BYTES } from '../common/limits'
import { isSchemeId, schemeIdList, vocabularyOf, type SchemeId } from '../common/schemes'
import { displayValue, isPlainObject } from '../common/values'
import { invalidPayload as invalid } from './detect-kit'
import { parseObjectLiteral } from './object-literal'
import type { InvalidPayload, Sample, SnippetMatch } from './scheme'
import { schemeById, schemes, type EngineType } from './schemes'

export type { Sample, StartPage } from './scheme'

/** A payload of one of the schemes, or input none of them can read. */
export type DetectedPayload = EngineType<'payload'> | InvalidPayload

export interface DetectedInput {
  readonly payload: DetectedPayload
  readonly sample: Sample | null
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
  const readers = [...schemes()].sort((a, b) => a.detect.objectPrecedence - b.detect.objectPrecedence)
  for (const reader of readers) {
    const found = reader.detect.object(value, form, false)
    if (found !== null) return found as Detected
  }
  if (!isPlainObject(value)) return invalid('input-unrecognised', 'The JSON is not an object.')
  return invalid('input-unrecognised', `The object has neither ${readers.map((reader) => reader.detect.objectHint).join(' nor ')}.`)
}

/** Finds the earliest identity call or assignment of any scheme inside page script or HTML. */
function findSnippet(text: string): Detected | null {
  const matches: SnippetMatch[] = schemes().flatMap((scheme) => scheme.detect.snippets?.(text) ?? [])
  const first = matches.reduce<SnippetMatch | null>((best, match) => (best === null || match.index < best.index ? match : best), null)
  return first === null ? null : (first.read() as Detected)
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    // Mobile SDK payloads and hand-written samples are often JSON5-ish.
    return parseObjectLiteral(text)
  }
}

function firstOf(read: (detectors: ReturnType<typeof schemes>[number]['detect']) => unknown): Detected | null {
  for (const scheme of schemes()) {
    const found = read(scheme.detect)
    if (found !== null && found !== undefined) return found as Detected
  }
  return null
}

function detectText(text: string, scheme: SchemeId | undefined, allowSample: boolean): DetectedInput {
  const trimmed = text.trim()
  const whole = firstOf((detect) => detect.text?.(trimmed))
  if (whole !== null) return { payload: whole, sample: null }

  if (/^[{[]|^null$/.test(trimmed)) {
    const parsed = readJson(trimmed)
    if (parsed.ok) return detectValue(parsed.value, 'json', scheme, allowSample)
    const snippet = findSnippet(trimmed)
    if (snippet !== null) return { payload: snippet, sample: null }
    const code: ErrorCode = scheme === undefined ? 'input-unrecognised' : (vocabularyOf(scheme)?.codes.malformed as ErrorCode | undefined) ?? 'input-unrecognised'
    return { payload: invalid(code, `The text looks like JSON but could not be read: ${parsed.message}`, scheme ?? null), sample: null }
  }

  const snippet = findSnippet(text)
  if (snippet !== null) return { payload: snippet, sample: null }

  const loose = firstOf((detect) => detect.looseText?.(trimmed))
  if (loose !== null) return { payload: loose, sample: null }
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
    if (!('payload' in value)) {
      const identified = firstOf((detect) => detect.sample?.(sample))
      if (identified !== null) return { payload: identified, sample }
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
  return names.length > 0 && names.every(isSchemeId)
}
