import { createHash, randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KeyRing } from '../../../../electron/core/key-ring'
import { verifyRingcxJwt } from '../../../../electron/core/ringcx/jwt'
import { isMobileSdkClaims } from '../../../../electron/core/ringcx/mobile-sdk'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { NOW, NOW_S, checkOf, codes, manifest, ringFrom } from '../helpers'

/** A fresh RingCX secret for this run: 24 characters 0-9a-f. */
const SECRET = randomBytes(12).toString('hex')
const installationId = '2b1f6c1e-7a0d-4f55-9a64-5c0d7e0a1f42'

let ring: KeyRing
beforeAll(async () => {
  ring = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_site', secret: SECRET }))
})

async function mobileToken(claims: Record<string, unknown>, options: { alg?: 'HS256' | 'HS512'; kid?: string; key: Uint8Array }): Promise<string> {
  const header = { typ: 'JWT', alg: options.alg ?? 'HS256', ...(options.kid === undefined ? {} : { kid: options.kid }) }
  return new SignJWT(claims).setProtectedHeader(header).sign(options.key)
}

const verify = (token: string) => verifyRingcxJwt(token, ring, DEFAULT_SETTINGS, NOW)
const mobileDetail = (result: Awaited<ReturnType<typeof verify>>) => result.errors.find((error) => error.code === 'ringcx-mobile-sdk-token')?.message ?? ''

describe('isMobileSdkClaims', () => {
  it('recognises the SDK\'s claims and never a web identity', () => {
    expect(isMobileSdkClaims({ userId: '1', installationId })).toBe(true)
    expect(isMobileSdkClaims({ userId: '1', extra: {} })).toBe(true)
    expect(isMobileSdkClaims({ userId: '1' })).toBe(false)
    expect(isMobileSdkClaims({ uuid: 'u', installationId, userId: '1' })).toBe(false)
    expect(isMobileSdkClaims(JSON.parse('{"__proto__": {"installationId": "x"}, "userName": "a"}') as Record<string, unknown>)).toBe(false)
  })
})

describe('mobile SDK tokens', () => {
  it('token mode: rejected as a web identity, says what it is, what it lacks and how names map, and names the key', async () => {
    const token = await mobileToken({ extra: { plan: 'gold' }, userId: 'u-42', userName: 'Ann', email: 'ann@example.com', token: 'abc', installationId }, { kid: 'hs_site', key: Buffer.from(SECRET) })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-mobile-sdk-token', 'ringcx-jwt-missing-exp', 'ringcx-jwt-missing-uuid'])
    expect(checkOf(result, 'format')?.code).toBe('ringcx-mobile-sdk-token')
    const detail = mobileDetail(result)
    expect(detail).toContain('uuid, exp')
    expect(detail).toContain('userId → uuid')
    expect(detail).toContain('extra → extra_values')
    expect(detail).toContain('key "hs_site"')
    expect(detail).toContain('token mode')
  })

  it('legacy apiSecret mode: no kid, the secret hex-decoded, apiKey derived from it', async () => {
    const decoded = Buffer.from(SECRET, 'hex')
    const apiKey = createHash('sha256').update(decoded).digest('hex')
    const result = await verify(await mobileToken({ userId: 'u-42', apiKey, installationId }, { key: decoded }))
    expect(codes(result)).toEqual(['ringcx-mobile-sdk-token', 'ringcx-jwt-missing-kid', 'ringcx-jwt-bad-signature', 'ringcx-jwt-missing-exp', 'ringcx-jwt-missing-uuid'])
    const detail = mobileDetail(result)
    expect(detail).toContain('kid (header)')
    expect(detail).toContain('legacy apiSecret mode')
    expect(detail).toContain('"apiKey" is the SHA-256 of key "hs_site"')
  })

  it('HS512: recognised, and its signature checked with the store keys', async () => {
    const result = await verify(await mobileToken({ userId: 'u', installationId }, { alg: 'HS512', kid: 'hs_site', key: Buffer.from(SECRET) }))
    expect(codes(result)).toContain('ringcx-mobile-sdk-token')
    expect(codes(result)).toContain('ringcx-jwt-alg-not-allowed')
    expect(mobileDetail(result)).toContain('HS512')
  })

  it('says so when no stored key signed it', async () => {
    const result = await verify(await mobileToken({ userId: 'u', installationId }, { kid: 'x', key: randomBytes(32) }))
    expect(mobileDetail(result)).toContain('No key in the store')
  })

  it('leaves a web identity that happens to carry installationId alone', async () => {
    const token = await mobileToken({ uuid: 'u-1', installationId, exp: NOW_S + 7200 }, { kid: 'hs_site', key: Buffer.from(SECRET) })
    expect(codes(await verify(token))).toEqual([])
  })
})
