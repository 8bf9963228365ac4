import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  COMPACT_JWT_PATTERN,
  decodeCompactJwt,
  isCanonicalBase64url,
} from '../../../../electron/core/ringcx/compact-jwt'
import { base64urlJson, handmadeToken } from '../helpers'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

describe('COMPACT_JWT_PATTERN', () => {
  it('accepts three base64url parts, the signature part possibly empty', () => {
    expect(COMPACT_JWT_PATTERN.test('eyJh.eyJi.c2ln')).toBe(true)
    expect(COMPACT_JWT_PATTERN.test('eyJh.eyJi.')).toBe(true)
    expect(COMPACT_JWT_PATTERN.test('a-_b.c_-d.e')).toBe(true)
  })

  it.each([
    ['two parts', 'eyJh.eyJi'],
    ['four parts', 'eyJh.eyJi.c2ln.eA'],
    ['empty header', '.eyJi.c2ln'],
    ['empty claims', 'eyJh..c2ln'],
    ['padding', 'eyJh.eyJi.c2ln=='],
    ['standard base64 "+"', 'eyJh.ey+i.c2ln'],
    ['standard base64 "/"', 'eyJh.eyJi.c2/n'],
    ['inner space', 'eyJh.ey Ji.c2ln'],
    ['inner newline', 'eyJh.eyJi\n.c2ln'],
    ['surrounding space', ' eyJh.eyJi.c2ln'],
  ])('refuses %s', (_label, text) => {
    expect(COMPACT_JWT_PATTERN.test(text)).toBe(false)
  })
})

describe('isCanonicalBase64url', () => {
  it('accepts the one canonical spelling of each tail length', () => {
    expect(isCanonicalBase64url('')).toBe(true)
    expect(isCanonicalBase64url('QQ')).toBe(true) // "A"
    expect(isCanonicalBase64url('QUI')).toBe(true) // "AB"
    expect(isCanonicalBase64url('QUJD')).toBe(true) // "ABC"
  })

  it('refuses tails whose unused bits are set, although Node decodes them to the same bytes', () => {
    expect(Buffer.from('QR', 'base64url')).toEqual(Buffer.from('QQ', 'base64url'))
    expect(isCanonicalBase64url('QR')).toBe(false)
    expect(Buffer.from('QUJ', 'base64url')).toEqual(Buffer.from('QUI', 'base64url'))
    expect(isCanonicalBase64url('QUJ')).toBe(false)
  })

  it('refuses impossible lengths, padding and characters outside base64url', () => {
    expect(isCanonicalBase64url('QUJDR')).toBe(false)
    expect(isCanonicalBase64url('QQ==')).toBe(false)
    expect(isCanonicalBase64url('ab+/')).toBe(false)
    expect(isCanonicalBase64url('ab c')).toBe(false)
  })

  it('accepts every encoding Node produces and refuses every other spelling of the last character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64url')
        expect(isCanonicalBase64url(encoded)).toBe(true)
        const head = encoded.slice(0, -1)
        for (const char of ALPHABET) {
          const variant = head + char
          if (variant === encoded) continue
          const sameBytes = Buffer.from(variant, 'base64url').equals(Buffer.from(bytes))
          // A variant that decodes to the same bytes is a second spelling and must be refused.
          if (sameBytes) expect(isCanonicalBase64url(variant)).toBe(false)
        }
      }),
      { numRuns: 100 },
    )
  })
})

describe('decodeCompactJwt', () => {
  it('decodes header and claims and says whether a signature is present', () => {
    const decoded = decodeCompactJwt(handmadeToken({ alg: 'HS256', kid: 'k' }, { uuid: 'u' }, 'c2ln'))
    expect(decoded).toEqual({
      ok: true,
      value: { header: { alg: 'HS256', kid: 'k' }, claims: { uuid: 'u' }, headerJson: '{"alg":"HS256","kid":"k"}', claimsJson: '{"uuid":"u"}', signaturePresent: true },
    })
    const unsigned = decodeCompactJwt(handmadeToken({ alg: 'none' }, { uuid: 'u' }))
    expect(unsigned.ok && unsigned.value.signaturePresent).toBe(false)
  })

  it('reports each problem with its own code', () => {
    const problem = (token: string): string | null => {
      const decoded = decodeCompactJwt(token)
      return decoded.ok ? null : decoded.problem
    }
    expect(problem('not a token')).toBe('not-compact')
    expect(problem(`${base64urlJson({ alg: 'HS256' })}.${base64urlJson({})}.QR`)).toBe('non-canonical-base64url')
    expect(problem(`${base64urlJson([1])}.${base64urlJson({})}.`)).toBe('header-not-json-object')
    expect(problem(`${Buffer.from([0xff, 0xfe]).toString('base64url')}.${base64urlJson({})}.`)).toBe('header-not-json-object')
    expect(problem(`${base64urlJson({ alg: 'HS256' })}.${base64urlJson(null)}.`)).toBe('claims-not-json-object')
    expect(problem(`${base64urlJson({ alg: 'HS256' })}.${Buffer.from('{"a":').toString('base64url')}.`)).toBe('claims-not-json-object')
  })
})
