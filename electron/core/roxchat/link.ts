/**
 * Rox.Chat visitors carried in URLs: the `provided-visitor` parameter of a `client.php` chat link
 * (URL-encoded JSON, v1 or v2) and the `visitor-ext` parameter the mobile SDKs send on
 * `…/l/v/m/init?event=init` (and, up to Android SDK 3.0.1, on `…/l/v/m/delta?event=init`).
 *
 * The parameter is found in page text; the URL around it is the run of characters up to white
 * space, a quote or an angle bracket. Its query is read as a server reads a form-encoded query
 * (`+` is a space, then percent-decoding as UTF-8), so the visitor checked is the one the server
 * gets. A parameter given twice is refused rather than guessed.
 */
import type { PayloadForm } from '../../common/inspection'
import { displayJson } from '../../common/values'
import { invalidPayload } from '../detect-kit'
import { readJsonText } from '../json-source'
import type { InvalidPayload, SchemePayload, SnippetMatch } from '../scheme'

export type LinkParameter = 'provided-visitor' | 'visitor-ext'

/** Where each parameter is found: the identity form and the payload form it reads as. */
export const LINK_FORMS: Readonly<Record<LinkParameter, { readonly identity: string; readonly payload: PayloadForm }>> = {
  'provided-visitor': { identity: 'chat-link', payload: 'chat-link' },
  'visitor-ext': { identity: 'sdk-init-request', payload: 'sdk-init' },
}

// Global, for matchAll.
const PARAMETER = /[?&](provided-visitor|visitor-ext)=/g
function isBoundary(code: number): boolean {
  // The characters that end a URL (see urlSpanAt): quotes, angle brackets, backtick, and white space.
  return code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e || code === 0x60 || /\s/.test(String.fromCharCode(code))
}

export interface UrlSpan {
  readonly start: number
  readonly end: number
}

/** The URL around `index`: back to the previous boundary (not before `floor`), forward to the next. */
export function urlSpanAt(text: string, index: number, floor: number): UrlSpan {
  let start = index
  while (start > floor && !isBoundary(text.charCodeAt(start - 1))) start--
  // What ends a URL in page text, HTML or a log line; a literal per call, for a search from an index.
  const boundary = /[\s"'<>`]/g
  boundary.lastIndex = index
  const next = boundary.exec(text)
  return { start, end: next === null ? text.length : next.index }
}

/** One query's raw `name=value` pairs (the query ends at `#`). */
function queryPairs(url: string): { readonly name: string; readonly value: string }[] {
  const question = url.indexOf('?')
  if (question < 0) return []
  const hash = url.indexOf('#', question)
  const query = url.slice(question + 1, hash < 0 ? url.length : hash)
  return query.split('&').map((pair) => {
    const equals = pair.indexOf('=')
    return equals < 0 ? { name: pair, value: '' } : { name: pair.slice(0, equals), value: pair.slice(equals + 1) }
  })
}

/** A query component as a server decodes it: `+` is a space; percent-escapes are UTF-8. Null when they are not. */
export function decodeQueryComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return null
  }
}

/** Why the mobile SDK request is not the one the SDK sends, in words; null when it is. */
function sdkPathNote(url: string): string | null {
  const question = url.indexOf('?')
  if (/\/l\/v\/m\/(?:init|delta)$/.test(question < 0 ? url : url.slice(0, question))) return null
  return 'The mobile SDKs send visitor-ext on …/l/v/m/init?event=init (…/l/v/m/delta before Android SDK 3.0.2).'
}

/**
 * The visitor JSON of one URL parameter, read and handed to `read`; the URL's problems as an
 * invalid payload of their own code.
 */
export function readLinkVisitor<P>(url: string, parameter: LinkParameter, read: (value: unknown, plusAsSpace: boolean) => P | InvalidPayload): P | InvalidPayload {
  const pairs = queryPairs(url)
  const named = pairs.filter((pair) => decodeQueryComponent(pair.name) === parameter)
  if (named.length > 1) {
    return invalidPayload('roxchat-link-duplicate-parameter', `The URL carries ${parameter} ${named.length} times.`, 'roxchat')
  }
  const raw = named[0]?.value ?? ''
  const decoded = decodeQueryComponent(raw)
  if (decoded === null) {
    return invalidPayload('roxchat-link-malformed', `The ${parameter} parameter is not valid percent-encoding of UTF-8 text.`, 'roxchat')
  }
  if (decoded.trim().length === 0) return invalidPayload('roxchat-link-malformed', `The ${parameter} parameter is empty.`, 'roxchat')
  const json = readJsonText(decoded.trim(), 'json')
  if (!json.ok) {
    if (json.tooDeep) return invalidPayload('input-too-deep', `The ${parameter} parameter could not be read: ${json.message}`, 'roxchat')
    const note = parameter === 'visitor-ext' ? sdkPathNote(url) : null
    return invalidPayload(
      'roxchat-link-malformed',
      `The ${parameter} parameter is not JSON (${json.message}); it starts ${displayJson(decoded.slice(0, 40), { maxLength: 60 })}.${note === null ? '' : ` ${note}`}`,
      'roxchat',
    )
  }
  return read(json.value, raw.includes('+'))
}

/**
 * Every `provided-visitor=` and `visitor-ext=` URL parameter in text order, at most `limit`. A
 * URL that carries one parameter twice is one identity (refused as such), not two.
 */
export function linkSnippets<P extends SchemePayload>(
  text: string,
  limit: number,
  read: (value: unknown, form: PayloadForm, plusAsSpace: boolean) => P | InvalidPayload,
): SnippetMatch<P>[] {
  const matches: SnippetMatch<P>[] = []
  let previous: (UrlSpan & { parameter: string }) | null = null
  for (const match of text.matchAll(PARAMETER)) {
    if (matches.length >= limit) break
    const parameter = match[1] as LinkParameter
    if (previous !== null && match.index < previous.end && previous.parameter === parameter) continue
    const sameUrl = previous !== null && match.index < previous.end
    const span = urlSpanAt(text, match.index, previous === null ? 0 : sameUrl ? previous.start : previous.end)
    previous = { ...span, parameter }
    const url = text.slice(span.start, span.end)
    const forms = LINK_FORMS[parameter]
    matches.push({
      form: forms.identity,
      index: match.index,
      end: () => span.end,
      read: () => readLinkVisitor(url, parameter, (value, plusAsSpace) => read(value, forms.payload, plusAsSpace)),
    })
  }
  return matches
}
