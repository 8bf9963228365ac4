/**
 * Text from a capture made safe to show in a terminal or the window: characters that move the
 * cursor, change colours, reorder text or hide themselves are written as `\u{…}`. (A shared helper
 * for all outside text is on its way; this one serves the capture audit until then.)
 */

// C0 and C1 controls, DEL, bidirectional controls and marks, zero-width characters, line and
// paragraph separators, the byte-order mark and the interlinear annotation characters.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/g

/** A surrogate not part of a pair (with the `u` flag, a pair is one code point and does not match). */
const LONE_SURROGATE = /[\ud800-\udfff]/gu

/** Whether `text` is well-formed UTF-16: no lone surrogate. */
export function isWellFormedText(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0
  return !LONE_SURROGATE.test(text)
}

function escapeCode(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`
}

/**
 * `text` with every invisible or control character (and any lone surrogate) written as `\u{hex}`.
 *
 * @example
 * visibleText('a\u001b[31mb') // 'a\\u{1b}[31mb'
 */
export function visibleText(text: string): string {
  const escaped = text.replace(INVISIBLE, escapeCode)
  return isWellFormedText(escaped) ? escaped : escaped.replace(LONE_SURROGATE, escapeCode)
}

/**
 * At most `max` characters of `text`, cut with "…" (never inside a surrogate pair).
 *
 * @example
 * cutText('abcdef', 4) // 'abc…'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end -= 1
  return `${text.slice(0, end)}…`
}
