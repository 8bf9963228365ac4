/**
 * Text from outside (payload values, field names, file names, start pages, error text) made safe
 * to show: nothing in it can move a terminal's cursor, repaint the screen, start a new line or
 * reorder what follows. Browser-safe (no Node), so the renderer can use the same rule.
 */

/**
 * C0 controls (line feed, carriage return, tab and escape among them), DEL, C1 controls (U+0085
 * is a line break), the bidirectional controls (embeddings, overrides, isolates, the marks and
 * the Arabic letter mark), the line and paragraph separators, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Characters JSON.stringify leaves raw although a terminal or a line reader acts on them. */
const UNSAFE_IN_JSON = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Writes every unsafe character as a visible escape, the way JSON writes it (`\n`, `\u001B`,
 * `\u202E`); everything else, backslashes included, stays as it is.
 *
 * @example
 * visibleText('a.json\nPASS  b.json') // 'a.json\\nPASS  b.json'
 * visibleText('\u001B[2J') // '\\u001B[2J'
 */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (char) => SHORT_ESCAPES[char] ?? unicodeEscape(char))
}

/**
 * JSON.stringify whose output shows no raw control, bidirectional control or line separator:
 * JSON.stringify already escapes C0 controls and lone surrogates; the rest can only occur inside
 * strings, where a `\u` escape stands for the same character, so the value parses back unchanged.
 *
 * @example
 * safeJson({ name: 'a\u2028b' }) // '{"name":"a\\u2028b"}'
 */
export function safeJson(value: unknown, space?: number): string {
  // `undefined` (a member an expectation names but the inspection lacks) has no JSON form.
  const json = JSON.stringify(value, null, space) as string | undefined
  return json === undefined ? 'undefined' : json.replace(UNSAFE_IN_JSON, unicodeEscape)
}
