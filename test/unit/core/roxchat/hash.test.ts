import { createSecretKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareUtf8, computeRoxchatHash, roxchatHashMessage } from '../../../../electron/core/roxchat/hash'
import { ROX_SECRET, expectedRoxchatHash } from '../helpers'
import { ROXCHAT_HASH_ALGORITHMS } from '../../../../electron/common/roxchat/settings'

/** Length of the hex digest each algorithm produces. */
const HEX_LENGTH = { 'hmac-sha256': 64, sha256: 64, sha512: 128, md5: 32 } as const

const key = { secret: ROX_SECRET, hmacKey: createSecretKey(Buffer.from(ROX_SECRET, 'utf8')) }

describe('roxchatHashMessage', () => {
  it('joins the values in sorted key order, then expires (the vendor notes\' example)', () => {
    expect(roxchatHashMessage({ id: '12345', display_name: 'John' }, 1481195621)).toBe('John123451481195621')
  })

  it('appends nothing without expires, and "0" for expires 0', () => {
    expect(roxchatHashMessage({ id: '1', email: 'a@b' })).toBe('a@b1')
    expect(roxchatHashMessage({ id: '1' }, 0)).toBe('10')
  })

  it('ignores insertion order, including the integer-like keys JavaScript puts first', () => {
    expect(roxchatHashMessage({ phone: 'P', id: 'I', email: 'E' })).toBe('EIP')
    // Object.keys gives "2", "9", "10"; byte order is "10", "2", "9".
    expect(roxchatHashMessage({ 9: 'c', 10: 'a', 2: 'b' })).toBe('abc')
  })

  it('sorts by bytes: upper case before "_" before lower case', () => {
    expect(roxchatHashMessage({ ab: '3', a_b: '2', Ab: '1' })).toBe('123')
  })

  it('sorts by UTF-8 bytes, not by UTF-16 code units', () => {
    // U+FF21 is EF BC A1 in UTF-8 and 0xFF21 in UTF-16; U+1F600 is F0 9F 98 80 and 0xD83D 0xDE00.
    const fields = { '\u{1F600}': 'emoji', '\uFF21': 'fullwidth' }
    expect([...Object.keys(fields)].sort()).toEqual(['\u{1F600}', '\uFF21'])
    expect(roxchatHashMessage(fields)).toBe('fullwidthemoji')
    expect(roxchatHashMessage({ 'é': 'E', z: 'Z' })).toBe('ZE')
  })

  it('keeps empty values and does not separate values', () => {
    expect(roxchatHashMessage({ a: '', b: 'x', c: '' }, 5)).toBe('x5')
  })
})

describe('compareUtf8', () => {
  it('orders by UTF-8 bytes and says equal for equal strings', () => {
    expect(compareUtf8('a', 'b')).toBeLessThan(0)
    expect(compareUtf8('b', 'a')).toBeGreaterThan(0)
    expect(compareUtf8('\uFF21', '\u{1F600}')).toBeLessThan(0)
    expect(compareUtf8('same', 'same')).toBe(0)
    expect(compareUtf8('ab', 'abc')).toBeLessThan(0)
  })
})

describe('computeRoxchatHash', () => {
  const message = 'John123451481195621'

  it.each(ROXCHAT_HASH_ALGORITHMS)('computes %s exactly as the vendor notes state', (algorithm) => {
    const hash = computeRoxchatHash(message, key, algorithm)
    expect(hash).toBe(expectedRoxchatHash(message, ROX_SECRET, algorithm))
    expect(hash).toMatch(new RegExp(`^[0-9a-f]{${HEX_LENGTH[algorithm]}}$`))
  })

  it('hashes text as UTF-8', () => {
    const unicode = 'Jürgen✓😀'
    for (const algorithm of ROXCHAT_HASH_ALGORITHMS) {
      expect(computeRoxchatHash(unicode, key, algorithm)).toBe(expectedRoxchatHash(unicode, ROX_SECRET, algorithm))
    }
  })

  it('gives four different hashes for the four algorithms', () => {
    const hashes = ROXCHAT_HASH_ALGORITHMS.map((algorithm) => computeRoxchatHash(message, key, algorithm))
    expect(new Set(hashes).size).toBe(4)
  })
})

describe('compareUtf8 agrees with the UTF-8 bytes', () => {
  it('orders any two strings as Buffer.compare orders their UTF-8 encodings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))))
      }),
      { numRuns: 2000 },
    )
  })

  it('puts an astral character after U+FFFD, unlike UTF-16 order', () => {
    expect(compareUtf8('\u{1F600}', '\uFFFD')).toBeGreaterThan(0)
    expect('\u{1F600}' < '\uFFFD').toBe(true)
  })
})
