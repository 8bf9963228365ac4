/**
 * The one constant-time comparison: hashes, signatures and digests are compared here.
 */
import { timingSafeEqual } from 'node:crypto'

/**
 * True when both strings are spelled exactly alike, compared in constant time. Lengths are public
 * (every digest of an algorithm has one): only the contents need constant time.
 *
 * @example
 * constantTimeEquals(computedHex, givenHex)
 */
export function constantTimeEquals(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
