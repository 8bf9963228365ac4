import { createHmac } from 'node:crypto'
import { SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyRingcxTokens } from '../../../electron/core/ringcx/batch-verify'
import { verifyRoxchatVisitors } from '../../../electron/core/roxchat/batch-verify'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing, type KeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'

const SECRET = '0123456789abcdef01234567'
const ROX = 'rox-secret'
const NOW = new Date('2026-02-01T00:00:00Z')
const NOW_SECONDS = NOW.getTime() / 1000
let ring: KeyRing

beforeAll(async () => {
  const report = await parseKeyFile(JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'hs', secret: SECRET }, { scheme: 'roxchat', kid: 'rox', secret: ROX }] }))
  ring = await createKeyRing(report.keys)
})

describe('verifyRingcxTokens', () => {
  it('returns one verdict per token, in input order, with every check applied', async () => {
    const sign = (claims: Record<string, unknown>): Promise<string> => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'hs' }).sign(new TextEncoder().encode(SECRET))
    const tokens = await Promise.all(Array.from({ length: 100 }, (_, index) =>
      sign(index % 10 === 3 ? { exp: NOW_SECONDS + 7200 } : { uuid: `u${index}`, exp: NOW_SECONDS + (index % 10 === 5 ? 60 : 7200) })))
    const verdicts = await verifyRingcxTokens(tokens, ring, DEFAULT_SETTINGS, NOW, 7)
    expect(verdicts).toHaveLength(100)
    verdicts.forEach((verdict, index) => {
      const expected = index % 10 === 3 ? ['ringcx-jwt-missing-uuid'] : index % 10 === 5 ? ['ringcx-jwt-exp-too-soon'] : []
      expect(verdict.errors, `token ${index}`).toEqual(expected)
      expect(verdict.verified).toBe(expected.length === 0)
      expect(verdict.kid).toBe('hs')
    })
  })

  it('handles an empty batch', async () => {
    expect(await verifyRingcxTokens([], ring, DEFAULT_SETTINGS, NOW)).toEqual([])
  })
})

describe('verifyRoxchatVisitors', () => {
  it('verifies each visitor and names the key', () => {
    const good = { fields: { id: '1' }, hash: createHmac('sha256', ROX).update('1').digest('hex') }
    const verdicts = verifyRoxchatVisitors([good, { ...good, hash: 'f'.repeat(64) }, 'not a visitor'], ring, DEFAULT_SETTINGS, NOW_SECONDS)
    expect(verdicts.map((verdict) => [verdict.verified, verdict.errors, verdict.kid])).toEqual([
      [true, [], 'rox'],
      [false, ['wrong-provided-visitor-hash-value'], null],
      [false, ['roxchat-visitor-malformed'], null],
    ])
  })
})
