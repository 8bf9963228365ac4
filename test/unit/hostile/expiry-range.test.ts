/**
 * Suspicious but valid expiries: beyond the exact integers or the Date range, in milliseconds,
 * more than a year ahead, or (Rox.Chat) written as `2e9` rather than plain digits.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { FAR_FUTURE_EXPIRY_SECONDS, MILLISECONDS_EXPIRY_THRESHOLD, expiryConcern } from '../../../electron/core/expiry'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import { numberLiteralOf, readJsonText } from '../../../electron/core/json-source'
import type { KeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import {
  HS_SECRET,
  NOW,
  NOW_S,
  ROX_SECRET,
  codes,
  expectedRoxchatHash,
  goodClaims,
  manifest,
  ringFrom,
  roxchatVisitor,
  signToken,
  warningCodes,
} from '../core/helpers'
import { HEADER_TEXT, hs256OverText } from './helpers'

let ring: KeyRing

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
})

const options = (extra: Partial<InspectOptions> = {}): InspectOptions => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...extra })
const YEAR = 365 * 24 * 60 * 60

describe('expiryConcern', () => {
  it('draws its lines at the safe integers and Date range, 1e11 seconds and one year ahead', () => {
    expect(expiryConcern(NOW_S + 7200, NOW_S)).toBeNull()
    expect(expiryConcern(NOW_S - 7200, NOW_S)).toBeNull()
    expect(expiryConcern(NOW_S + FAR_FUTURE_EXPIRY_SECONDS, NOW_S)).toBeNull()
    expect(expiryConcern(NOW_S + FAR_FUTURE_EXPIRY_SECONDS + 1, NOW_S)).toBe('far-future')
    expect(expiryConcern(MILLISECONDS_EXPIRY_THRESHOLD, NOW_S)).toBe('far-future')
    expect(expiryConcern(MILLISECONDS_EXPIRY_THRESHOLD + 1, NOW_S)).toBe('in-milliseconds')
    expect(expiryConcern((NOW_S + 7200) * 1000, NOW_S)).toBe('in-milliseconds')
    expect(expiryConcern(8.64e12, NOW_S)).toBe('in-milliseconds')
    expect(expiryConcern(8.64e12 + 1, NOW_S)).toBe('out-of-range')
    expect(expiryConcern(Number.MAX_SAFE_INTEGER + 1, NOW_S)).toBe('out-of-range')
    expect(expiryConcern(1e300, NOW_S)).toBe('out-of-range')
    expect(expiryConcern(-1e300, NOW_S)).toBe('out-of-range')
  })
})

describe('numberLiteralOf', () => {
  const read = (text: string, dialect: 'json' | 'json5' = 'json'): Record<string, unknown> => {
    const result = readJsonText(text, dialect)
    if (!result.ok) throw new Error(result.message)
    return result.value as Record<string, unknown>
  }

  it('keeps the spelling of exp and expires only when it is not the plain digits', () => {
    expect(numberLiteralOf(read('{"expires": 2e9}'), 'expires')).toBe('2e9')
    expect(numberLiteralOf(read('{exp: 1.7e9}', 'json5'), 'exp')).toBe('1.7e9')
    expect(numberLiteralOf(read('{"expires": 2000000000}'), 'expires')).toBeUndefined()
    expect(numberLiteralOf(read('{"other": 2e9}'), 'other')).toBeUndefined()
  })

  it('answers for the member the parser kept, even inside a repeated parent', () => {
    const value = read('{"v": {"expires": 2e9}, "v": {"expires": 5}}')
    expect(numberLiteralOf(value['v'], 'expires')).toBeUndefined()
    const kept = read('{"v": {"expires": 5}, "v": {"expires": 5e0}}')
    expect(numberLiteralOf(kept['v'], 'expires')).toBe('5e0')
  })

  it('keeps the spellings of exp and expires apart when one object holds both', () => {
    const both = read('{"exp": 2e9, "expires": 1.8e9}')
    expect(numberLiteralOf(both, 'exp')).toBe('2e9')
    expect(numberLiteralOf(both, 'expires')).toBe('1.8e9')
  })
})

describe('RingCX exp', () => {
  it('in milliseconds still verifies (it is in the future) but warns', async () => {
    const token = await signToken(goodClaims({ exp: (NOW_S + 7200) * 1000 }), { key: HS_SECRET })
    const inspection = await inspect(token, options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['ringcx-jwt-exp-in-milliseconds'])
  })

  it('beyond the safe integers or the Date range warns out-of-range', async () => {
    for (const exp of [1e300, 2 ** 53 + 2, 9e12]) {
      const token = await signToken(goodClaims({ exp }), { key: HS_SECRET })
      const inspection = await inspect(token, options())
      expect(inspection.verdict).toBe('verified')
      expect(warningCodes(inspection)).toEqual(['ringcx-jwt-exp-out-of-range'])
    }
  })

  it('more than a year ahead warns far-future; two hours ahead warns nothing', async () => {
    const far = await inspect(await signToken(goodClaims({ exp: NOW_S + 2 * YEAR }), { key: HS_SECRET }), options())
    expect(far.verdict).toBe('verified')
    expect(warningCodes(far)).toEqual(['ringcx-jwt-exp-far-future'])
    const usual = await inspect(await signToken(goodClaims(), { key: HS_SECRET }), options())
    expect(warningCodes(usual)).toEqual([])
  })

  it('warns even when the token is rejected for another reason', async () => {
    const token = await signToken(goodClaims({ exp: (NOW_S + 7200) * 1000 }), { key: 'ffffffffffffffffffffffff' })
    const inspection = await inspect(token, options())
    expect(codes(inspection)).toEqual(['ringcx-jwt-bad-signature'])
    expect(warningCodes(inspection)).toEqual(['ringcx-jwt-exp-in-milliseconds'])
  })

  it('written 1.7e9 in the claims text is read as the integer it is', async () => {
    const token = hs256OverText(HEADER_TEXT, `{"uuid":"visitor-42","exp":${(NOW_S + 7200) / 100}e2}`)
    const inspection = await inspect(token, options())
    expect(inspection.verdict).toBe('verified')
  })
})

describe('Rox.Chat expires', () => {
  it('in milliseconds is refused as before, and the warning says why', async () => {
    const inspection = await inspect(roxchatVisitor({ id: '42' }, { expires: (NOW_S + 7200) * 1000 }), options())
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-expires-value'])
    expect(warningCodes(inspection)).toEqual(['roxchat-expires-in-milliseconds'])
  })

  it('more than a year ahead verifies but warns', async () => {
    const inspection = await inspect(roxchatVisitor({ id: '42' }, { expires: NOW_S + 2 * YEAR }), options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['roxchat-expires-far-future'])
    const usual = await inspect(roxchatVisitor({ id: '42' }, { expires: NOW_S + 7200 }), options())
    expect(warningCodes(usual)).toEqual([])
  })

  describe('written 2e9', () => {
    // Judged a little before 2e9 seconds, so the expiry is near and only the spelling is odd.
    const nearNow = new Date((2_000_000_000 - 7200) * 1000)
    const { hash } = roxchatVisitor({ id: '42' }, { expires: 2_000_000_000 })

    it('verifies over the integer\'s plain digits and warns about the spelling', async () => {
      const inspection = await inspect(`{"fields":{"id":"42"},"expires":2e9,"hash":"${hash}"}`, options({ now: nearNow }))
      expect(inspection.verdict).toBe('verified')
      expect(warningCodes(inspection)).toEqual(['roxchat-expires-not-integer-literal'])
      expect(inspection.raw.hashedMessage).toBe('422000000000')
      expect(inspection.warnings[0]?.message).toContain('2e9')
    })

    it('warns for 2000000000.0, 2E+9 and the JSON5 spellings 0x77359400 and +2e9 alike', async () => {
      const texts = [
        `{"fields":{"id":"42"},"expires":2000000000.0,"hash":"${hash}"}`,
        `{"fields":{"id":"42"},"expires":2E+9,"hash":"${hash}"}`,
        `roxchat_visitor = {fields: {id: '42'}, expires: 0x77359400, hash: '${hash}'};`,
        `roxchat_visitor = {fields: {id: '42'}, expires: +2e9, hash: '${hash}'};`,
      ]
      for (const text of texts) {
        const inspection = await inspect(text, options({ now: nearNow }))
        expect(inspection.verdict).toBe('verified')
        expect(warningCodes(inspection)).toEqual(['roxchat-expires-not-integer-literal'])
      }
    })

    it('plain digits warn nothing; a hash over Python\'s str(2e9) ("2000000000.0") does not verify', async () => {
      const plain = await inspect(`{"fields":{"id":"42"},"expires":2000000000,"hash":"${hash}"}`, options({ now: nearNow }))
      expect(plain.verdict).toBe('verified')
      expect(warningCodes(plain)).toEqual([])
      const floatHash = expectedRoxchatHash('422000000000.0', ROX_SECRET, 'hmac-sha256')
      const python = await inspect(`{"fields":{"id":"42"},"expires":2e9,"hash":"${floatHash}"}`, options({ now: nearNow }))
      expect(codes(python)).toEqual(['wrong-provided-visitor-hash-value'])
      expect(warningCodes(python)).toEqual(['roxchat-expires-not-integer-literal'])
    })

    it('is also far ahead when judged in 2026, and says both', async () => {
      const inspection = await inspect(`{"fields":{"id":"42"},"expires":2e9,"hash":"${hash}"}`, options())
      expect(inspection.verdict).toBe('verified')
      expect(warningCodes(inspection).sort()).toEqual(['roxchat-expires-far-future', 'roxchat-expires-not-integer-literal'])
    })

    it('the spelling inside a sample file\'s payload is found too, and the last of two "expires" is the one judged', async () => {
      const sample = `{"payload":{"fields":{"id":"42"},"expires":2e9,"hash":"${hash}"}}`
      expect(warningCodes(await inspect(sample, options({ now: nearNow })))).toEqual(['roxchat-expires-not-integer-literal'])
      const twice = `{"fields":{"id":"42"},"expires":2e9,"expires":2000000000,"hash":"${hash}"}`
      expect(warningCodes(await inspect(twice, options({ now: nearNow })))).toEqual(['roxchat-duplicate-member'])
    })
  })
})
