/**
 * Rox.Chat visitor hash: the message and the four algorithms.
 * The rules are those of vendor-notes.md, not the vendor page's (broken) example.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import iconv from 'iconv-lite'
import type { RoxchatHashKey } from './keys'
import type { RoxchatHashAlgorithm } from '../../common/roxchat/settings'

/**
 * Compares key names by their UTF-8 bytes, as Python 2's sorted() did on byte strings.
 * UTF-8 byte order is code point order; UTF-16 code units differ from it only where a
 * surrogate meets a unit at or above U+E000, so those two ranges swap places here.
 * Runs on every sort of every visitor, hence no allocation.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) {
    const left = a.charCodeAt(index)
    const right = b.charCodeAt(index)
    if (left !== right) return codePointRank(left) - codePointRank(right)
  }
  return a.length - b.length
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800
  if (unit >= 0xd800) return unit + 0x2000
  return unit
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
  return hasher(message, key, algorithm).digest('hex')
}

/** The same hash as raw bytes, for the diagnosis to try other spellings of it. */
export function computeRoxchatDigest(message: string | Uint8Array, key: Pick<RoxchatHashKey, 'secret' | 'hmacKey'>, algorithm: RoxchatHashAlgorithm): Buffer {
  return hasher(message, key, algorithm).digest()
}

/** The one rule: HMAC-SHA256 keyed with the secret, or the digest of the message with the secret appended. */
function hasher(message: string | Uint8Array, key: Pick<RoxchatHashKey, 'secret' | 'hmacKey'>, algorithm: RoxchatHashAlgorithm): Hash | Hmac {
  const hash = algorithm === 'hmac-sha256' ? createHmac('sha256', key.hmacKey) : createHash(algorithm)
  if (typeof message === 'string') hash.update(message, 'utf8')
  else hash.update(message)
  if (algorithm !== 'hmac-sha256') hash.update(key.secret, 'utf8')
  return hash
}

/** The byte encodings a v1 visitor's values may have been hashed in, in the order they are tried. */
export const ROXCHAT_V1_ENCODINGS = ['utf-8', 'cp1251', 'koi8-r'] as const
export type RoxchatV1Encoding = (typeof ROXCHAT_V1_ENCODINGS)[number]

/**
 * The message's bytes in `encoding` (iconv-lite's codecs), or null when a character has no byte
 * there: iconv-lite would write "?" for it, and a hash over that is a hash over other text.
 *
 * @example
 * encodedMessage('Иван', 'cp1251') // <Buffer c8 e2 e0 ed>
 * encodedMessage('日本', 'koi8-r') // null
 */
export function encodedMessage(message: string, encoding: RoxchatV1Encoding): Uint8Array | null {
  if (encoding === 'utf-8') return Buffer.from(message, 'utf8')
  const bytes = iconv.encode(message, encoding)
  return iconv.decode(bytes, encoding) === message ? bytes : null
}

/** The encodings worth trying for a message: text of ASCII alone has the same bytes in all three. */
export function encodingsFor(message: string): readonly RoxchatV1Encoding[] {
  return /^[\x00-\x7f]*$/.test(message) ? ['utf-8'] : ROXCHAT_V1_ENCODINGS
}
