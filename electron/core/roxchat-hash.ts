/**
 * Rox.Chat visitor hash: the message, the four algorithms and a constant-time comparison.
 * The rules are those of vendor-notes.md, not the vendor page's (broken) example.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { RoxchatHashAlgorithm } from './settings'
import type { RoxchatHashKey } from './key-ring'

/** Compares key names by their UTF-8 bytes, as Python 2's sorted() did on byte strings. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

/**
 * The string the hash is computed over: field values in the byte order of their sorted
 * names, then `expires` when present.
 *
 * @example
 * roxchatHashMessage({ id: '12345', display_name: 'John' }, 1481195621)
 * // 'John123451481195621'
 */
export function roxchatHashMessage(fields: Readonly<Record<string, string>>, expires?: number): string {
  const names = Object.keys(fields).sort(compareUtf8)
  let message = ''
  for (const name of names) message += fields[name]
  if (expires !== undefined) message += String(expires)
  return message
}

/**
 * The lower-case hex hash of `message` with one key. Text is hashed as UTF-8; raw bytes are
 * hashed as they are (the known-answer vectors hold messages that are not UTF-8).
 *
 * @example
 * computeRoxchatHash('John123451481195621', key, 'hmac-sha256') // '…64 hex digits'
 */
export function computeRoxchatHash(message: string | Uint8Array, key: Pick<RoxchatHashKey, 'secret' | 'hmacKey'>, algorithm: RoxchatHashAlgorithm): string {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message
  switch (algorithm) {
    case 'hmac-sha256':
      return createHmac('sha256', key.hmacKey).update(bytes).digest('hex')
    case 'sha256':
    case 'sha512':
    case 'md5':
      return createHash(algorithm).update(bytes).update(key.secret, 'utf8').digest('hex')
  }
}

/** Length of the hex digest each algorithm produces. */
export const HEX_LENGTH: Readonly<Record<RoxchatHashAlgorithm, number>> = {
  'hmac-sha256': 64,
  sha256: 64,
  sha512: 128,
  md5: 32,
}

/** Constant-time equality of two hex strings, exact spelling (the server wants lower case). */
export function hexEquals(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
