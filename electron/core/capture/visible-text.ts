/**
 * Text from a capture made safe to show in a terminal or the window: the core's one rule for
 * outside text ({@link visibleText}), plus the cutting and checks the audit needs.
 */
export { visibleText } from '../visible-text'

/** A surrogate not part of a pair (with the `u` flag, a pair is one code point and does not match). */
const LONE_SURROGATE = /[\ud800-\udfff]/u

/** Whether `text` is well-formed UTF-16: no lone surrogate. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text)
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
