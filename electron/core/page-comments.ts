/**
 * Finds the commented-out parts of page text (HTML comments, and `//` and `/* … *\/` comments in
 * script) so that an identity a developer commented out is never taken for the live one.
 *
 * A scanner, not a parser: it follows strings, template literals and regular expression literals
 * well enough for page snippets, in one pass over the text (no backtracking, whatever the input).
 * Text with markup (a `<script>` element, an HTML comment, or a leading tag) is read as HTML,
 * where only the contents of `<script>` elements are script; any other text is read as script.
 */

/** A half-open range `[start, end)` of UTF-16 offsets. */
export type Span = readonly [start: number, end: number]

const MARKUP_NEXT = /<!--|<script\b/gi
const SCRIPT_END = /<\/script/gi

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029
}

function lineEnd(text: string, from: number, end: number): number {
  for (let index = from; index < end; index++) if (isLineBreak(text.charCodeAt(index))) return index
  return end
}

/** After a quoted string that starts at `start`; an unterminated one ends at its line's end. */
function afterQuoted(text: string, start: number, end: number, quote: number): number {
  for (let index = start + 1; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x5c) index++
    else if (code === quote) return index + 1
    else if (quote !== 0x60 && isLineBreak(code)) return index
  }
  return end
}

/** After a regular expression literal at `start`, or null when the `/` cannot start one (a line break first). */
function afterRegex(text: string, start: number, end: number): number | null {
  let inClass = false
  for (let index = start + 1; index < end; index++) {
    const code = text.charCodeAt(index)
    if (isLineBreak(code)) return null
    if (code === 0x5c) index++
    else if (code === 0x5b) inClass = true
    else if (code === 0x5d) inClass = false
    else if (code === 0x2f && !inClass) return index + 1
  }
  return null
}

function isIdentifierCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x24 || code === 0x5f || code > 0x7f
}

/** `//` right after a whole word `http:` or `https:` in text read as script: a bare URL, not a comment. */
function isUrlSlashes(text: string, slashes: number): boolean {
  const before = text.slice(Math.max(0, slashes - 6), slashes).toLowerCase()
  const length = before.endsWith('https:') ? 6 : before.endsWith('http:') ? 5 : 0
  if (length === 0) return false
  const prior = slashes - length - 1
  return prior < 0 || !isIdentifierCode(text.charCodeAt(prior))
}

/** Adds the comments of the script in `[start, end)` to `spans`. */
function scanScript(text: string, start: number, end: number, spans: Span[]): void {
  // Whether a `/` here would start a regular expression literal rather than divide.
  let regexAllowed = true
  let index = start
  while (index < end) {
    const code = text.charCodeAt(index)
    if (code === 0x22 || code === 0x27 || code === 0x60) {
      index = afterQuoted(text, index, end, code)
      regexAllowed = false
    } else if (code === 0x2f && text.charCodeAt(index + 1) === 0x2f && index + 1 < end) {
      if (isUrlSlashes(text, index)) {
        index += 2
        regexAllowed = false
        continue
      }
      const stop = lineEnd(text, index, end)
      spans.push([index, stop])
      index = stop
    } else if (code === 0x2f && text.charCodeAt(index + 1) === 0x2a && index + 1 < end) {
      const close = text.indexOf('*/', index + 2)
      const stop = close < 0 || close + 2 > end ? end : close + 2
      spans.push([index, stop])
      index = stop
    } else if (code === 0x3c && text.startsWith('<!--', index)) {
      // HTML-like comment in script (ECMAScript Annex B): to the end of the line.
      const stop = lineEnd(text, index, end)
      spans.push([index, stop])
      index = stop
    } else if (code === 0x2f) {
      const after: number | null = regexAllowed ? afterRegex(text, index, end) : null
      index = after ?? index + 1
      regexAllowed = after === null
    } else {
      if (code > 0x20 && !isLineBreak(code)) regexAllowed = !(isIdentifierCode(code) || code === 0x29 || code === 0x5d)
      index++
    }
  }
}

/** Adds the HTML comments of markup, and the comments inside its `<script>` elements, to `spans`. */
function scanMarkup(text: string, spans: Span[]): void {
  let index = 0
  while (index < text.length) {
    MARKUP_NEXT.lastIndex = index
    const next = MARKUP_NEXT.exec(text)
    if (next === null) return
    const at = next.index
    if (next[0] === '<!--') {
      const close = text.indexOf('-->', at + 4)
      const stop = close < 0 ? text.length : close + 3
      spans.push([at, stop])
      index = stop
      continue
    }
    const tagEnd = text.indexOf('>', at)
    if (tagEnd < 0) return
    const contentStart = tagEnd + 1
    SCRIPT_END.lastIndex = contentStart
    const close = SCRIPT_END.exec(text)
    const contentEnd = close === null ? text.length : close.index
    scanScript(text, contentStart, contentEnd, spans)
    index = close === null ? text.length : contentEnd + '</script'.length
  }
}

/**
 * The commented-out spans of page text, in order.
 *
 * @example
 * commentedSpans('<!-- a --><script>b // c\n</script>') // [[0, 10], [20, 24]]
 */
export function commentedSpans(text: string): readonly Span[] {
  const spans: Span[] = []
  if (/^\s*</.test(text) || /<!--|<script\b/i.test(text)) scanMarkup(text, spans)
  else scanScript(text, 0, text.length, spans)
  return spans
}

/** Whether `offset` lies inside one of `spans` (as {@link commentedSpans} returns them, in order). */
export function isInSpans(spans: readonly Span[], offset: number): boolean {
  let low = 0
  let high = spans.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const [start, end] = spans[middle] as Span
    if (offset < start) high = middle - 1
    else if (offset >= end) low = middle + 1
    else return true
  }
  return false
}
