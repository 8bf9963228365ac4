/**
 * Reads a JavaScript object literal out of page script without evaluating anything.
 */
import { readJsonText } from './json-source'

/**
 * Returns the text of the balanced `{…}` starting at `start`, skipping braces inside strings
 * and comments, or null when it is not closed.
 *
 * @example
 * balancedObjectAt('x = {a: "}"}; y', 4) // '{a: "}"}'
 */
export function balancedObjectAt(text: string, start: number): string | null {
  if (text[start] !== '{') return null
  let depth = 0
  for (let index = start; index < text.length; index++) {
    const char = text[index]
    if (char === '"' || char === "'" || char === '`') {
      index = endOfString(text, index, char)
      if (index < 0) return null
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index)
      if (end < 0) return null
      index = end
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2)
      if (end < 0) return null
      index = end + 1
    } else if (char === '{') {
      depth++
    } else if (char === '}') {
      depth--
      if (depth === 0) return text.slice(start, index + 1)
    }
  }
  return null
}

function endOfString(text: string, start: number, quote: string): number {
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]
    if (char === '\\') index++
    else if (char === quote) return index
  }
  return -1
}

/**
 * Parses an object literal (unquoted keys, single quotes, trailing commas) with JSON5.
 * Never evaluates script. Literals nested deeper than MAX_NESTING_DEPTH are refused
 * (`tooDeep`) before parsing; duplicate member names and `expires` literals are kept for
 * the checks (see json-source.ts).
 */
export function parseObjectLiteral(literal: string): { ok: true; value: unknown } | { ok: false; message: string; tooDeep?: true } {
  const read = readJsonText(literal, 'json5')
  if (read.ok) return { ok: true, value: read.value }
  return read.tooDeep ? { ok: false, message: read.message, tooDeep: true } : { ok: false, message: read.message }
}
