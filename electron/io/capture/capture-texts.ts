/**
 * From a HAR entry to the texts the audit searches: the request URL and its percent-decoded query
 * parameters, the request body (form bodies decoded too), the response body (base64 decoded
 * strictly, UTF-8 checked). What cannot be searched is said, not silently dropped.
 */
import type { CaptureAudit, CaptureText } from '../../core/capture'
import type { CaptureLimits, CaptureLocation } from '../../core/capture'
import { formatBytes } from '../../common/format'
import type { HarBody, HarEntry, HarString } from './har-reader'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Media that holds no script or page text: counted, not searched. */
const BINARY_MIME = /^(?:image|audio|video|font)\/|^application\/(?:octet-stream|wasm|pdf|zip|gzip|x-protobuf|protobuf|vnd\.ms-fontobject|font-\w+)\b/i
const FORM_MIME = /^application\/x-www-form-urlencoded\b/i
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The entry's `startedDateTime` as ISO 8601 UTC, or null when it is not a time. */
export function entryTime(value: string | null): string | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : new Date(at).toISOString()
}

/** Strict base64: canonical, padded, no whitespace. Null when it is not. */
export function strictBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null
  const bytes = Buffer.from(text, 'base64')
  return bytes.toString('base64') === text ? bytes : null
}

/** Query or form parameters, percent-decoded, that decoding changed (the raw text is searched anyway). */
function decodedParameters(query: string): { name: string; value: string }[] {
  const changed: { name: string; value: string }[] = []
  for (const pair of query.split('&')) {
    if (!/[%+]/.test(pair)) continue
    const [entry] = new URLSearchParams(pair)
    if (entry === undefined) continue
    const [name, value] = entry
    if (value !== '' && /[%+]/.test(pair.slice(pair.indexOf('=') + 1))) changed.push({ name, value })
  }
  return changed
}

interface EntryContext {
  readonly capture: string
  readonly audit: CaptureAudit
  readonly limits: CaptureLimits
}

function tooLarge(context: EntryContext, entry: HarEntry, what: string, bytes: number, limit: number): void {
  context.audit.notice(
    what === 'request URL' ? 'url-too-large' : 'body-too-large',
    context.capture,
    entry.index,
    `${context.capture}: entry ${entry.index} ${what} (${formatBytes(bytes)}) was not searched: over the ${formatBytes(limit)} limit.`,
  )
}

function notText(context: EntryContext, entry: HarEntry, what: string, why: string): void {
  context.audit.notice('body-not-text', context.capture, entry.index, `${context.capture}: entry ${entry.index} ${what} was not searched: ${why}.`)
}

/** A string the reader kept, or null after saying why it was not. */
function kept(context: EntryContext, entry: HarEntry, what: string, value: HarString | null, limit: number): string | null {
  if (value === null) return null
  if (value.ok) return value.value
  if (value.problem === 'too-large') tooLarge(context, entry, what, value.bytes, limit)
  else notText(context, entry, what, 'it is not UTF-8 text')
  return null
}

function urlTexts(context: EntryContext, entry: HarEntry, base: Omit<CaptureLocation, 'part'>): CaptureText[] {
  const url = kept(context, entry, 'request URL', entry.url, context.limits.maxUrlBytes)
  if (url === null || url === '') return []
  const texts: CaptureText[] = [{ location: { ...base, part: 'request-url' }, text: url, script: false }]
  const queryStart = url.indexOf('?')
  if (queryStart >= 0) {
    const hash = url.indexOf('#', queryStart)
    for (const { name, value } of decodedParameters(url.slice(queryStart + 1, hash < 0 ? undefined : hash))) {
      texts.push({ location: { ...base, part: 'request-url', parameter: name }, text: value, script: false })
    }
  }
  return texts
}

function requestTexts(context: EntryContext, entry: HarEntry, body: HarBody, base: Omit<CaptureLocation, 'part'>): CaptureText[] {
  const location = { ...base, part: 'request-body' as const }
  const text = kept(context, entry, 'request body', body.text, context.limits.maxBodyBytes)
  if (text !== null && text !== '') {
    if (Buffer.byteLength(text, 'utf8') > context.limits.maxBodyBytes) {
      tooLarge(context, entry, 'request body', Buffer.byteLength(text, 'utf8'), context.limits.maxBodyBytes)
      return []
    }
    if (!FORM_MIME.test(body.mimeType ?? '')) return [{ location, text, script: false }]
    // A form body reads like a query string: `&` before it lets `jwt_identity=` at its start be found.
    return [
      { location, text, script: false, identityPrefix: '&' },
      ...decodedParameters(text).map(({ name, value }) => ({ location: { ...location, parameter: name }, text: value, script: false })),
    ]
  }
  // No text, only the parameters the browser recorded (decoded already).
  const texts: CaptureText[] = []
  for (const param of body.params) {
    const name = kept(context, entry, 'request parameter name', param.name, 4096)
    const value = kept(context, entry, 'request parameter', param.value, context.limits.maxBodyBytes)
    if (name === null || value === null || value === '') continue
    texts.push({ location: { ...location, parameter: name }, text: value, script: false, identityPrefix: `&${name}=` })
  }
  return texts
}

function responseTexts(context: EntryContext, entry: HarEntry, body: HarBody, base: Omit<CaptureLocation, 'part'>): CaptureText[] {
  const raw = kept(context, entry, 'response body', body.text, context.limits.maxBodyBytes)
  if (raw === null || raw === '') return []
  const binary = BINARY_MIME.test(body.mimeType ?? '')
  let text = raw
  if (body.encoding === 'base64') {
    if (binary) {
      context.audit.binaryBody(context.capture)
      return []
    }
    const bytes = strictBase64(raw)
    if (bytes === null) {
      context.audit.notice('body-bad-base64', context.capture, entry.index, `${context.capture}: entry ${entry.index} response body was not searched: it is marked base64 but is not valid base64.`)
      return []
    }
    if (bytes.length > context.limits.maxBodyBytes) {
      tooLarge(context, entry, 'response body', bytes.length, context.limits.maxBodyBytes)
      return []
    }
    try {
      text = utf8.decode(bytes)
    } catch {
      notText(context, entry, 'response body', 'its bytes are not UTF-8 text')
      return []
    }
  } else if (body.encoding !== null) {
    notText(context, entry, 'response body', `its encoding "${body.encoding.slice(0, 40)}" is not one this reads`)
    return []
  } else if (Buffer.byteLength(raw, 'utf8') > context.limits.maxBodyBytes) {
    tooLarge(context, entry, 'response body', Buffer.byteLength(raw, 'utf8'), context.limits.maxBodyBytes)
    return []
  }
  return [{ location: { ...base, part: 'response-body' }, text: text.startsWith('\uFEFF') ? text.slice(1) : text, script: true }]
}

/**
 * The texts of one HAR entry, in the order they are searched: URL, request body, response body.
 *
 * @example
 * for (const text of entryTexts(entry, { capture: 'session.har', audit, limits })) await audit.addText(text)
 */
export function entryTexts(entry: HarEntry, context: EntryContext): CaptureText[] {
  const time = entryTime(entry.startedDateTime)
  context.audit.entryTime(context.capture, time)
  const url = entry.url?.ok === true ? entry.url.value : null
  const base = { capture: context.capture, entry: entry.index, url, time }
  return [
    ...urlTexts(context, entry, base),
    ...(entry.requestBody === null ? [] : requestTexts(context, entry, entry.requestBody, base)),
    ...(entry.responseBody === null ? [] : responseTexts(context, entry, entry.responseBody, base)),
  ]
}
