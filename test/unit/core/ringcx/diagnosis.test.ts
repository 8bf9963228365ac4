import { SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import { parseKeyFile } from '../../../../electron/core/key-parse'
import { createKeyRing, type KeyRing } from '../../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'

const ROX_KEY = 'e64e35642555f3ecd64ae7dbb600dca8'
const OTHER_ROX_KEY = 'a-second-rox-key'
const HS_A = '0123456789abcdef01234567'
const HS_B = 'fedcba9876543210fedcba98'
const NOW = new Date('2026-03-01T00:00:00Z')

let ring: KeyRing
beforeAll(async () => {
  const report = await parseKeyFile(JSON.stringify({
    keys: [
      { scheme: 'roxchat', kid: 'rox_main', secret: ROX_KEY },
      { scheme: 'roxchat', kid: 'rox_other', secret: OTHER_ROX_KEY },
      { scheme: 'ringcx', kid: 'hs_a', secret: HS_A },
      { scheme: 'ringcx', kid: 'hs_b', secret: HS_B },
    ],
  }))
  expect(report.ok).toBe(true)
  ring = await createKeyRing(report.keys)
})

/** The message as the vendor notes define it, built independently of the core. */
describe('RingCX near misses', () => {
  const claims = { uuid: 'u-1', exp: Math.floor(NOW.getTime() / 1000) + 7200 }
  const sign = (key: Uint8Array, kid?: string): Promise<string> =>
    new SignJWT(claims).setProtectedHeader(kid === undefined ? { alg: 'HS256' } : { alg: 'HS256', kid }).sign(key)
  const text = (value: string): Uint8Array => new TextEncoder().encode(value)

  async function ringcxDiagnosis(token: string): Promise<{ errors: string[]; diagnosis: string[] }> {
    const inspection = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    return { errors: inspection.errors.map((error) => error.code), diagnosis: (inspection.diagnosis ?? []).map((entry) => entry.code) }
  }

  it('kid naming another key than the one that verifies', async () => {
    expect(await ringcxDiagnosis(await sign(text(HS_B), 'hs_a'))).toEqual({ errors: ['ringcx-jwt-bad-signature'], diagnosis: ['diagnosis-kid-names-other-key'] })
  })

  it('secret used hex-decoded', async () => {
    expect(await ringcxDiagnosis(await sign(Buffer.from(HS_A, 'hex'), 'hs_a'))).toEqual({ errors: ['ringcx-jwt-bad-signature'], diagnosis: ['diagnosis-hex-decoded-secret'] })
  })

  it('secret with a trailing line break', async () => {
    expect(await ringcxDiagnosis(await sign(text(`${HS_A}\n`), 'hs_a'))).toEqual({ errors: ['ringcx-jwt-bad-signature'], diagnosis: ['diagnosis-key-whitespace'] })
  })

  it('hex-decoded secret found among all keys when the kid is unknown', async () => {
    const result = await ringcxDiagnosis(await sign(Buffer.from(HS_B, 'hex'), 'retired'))
    expect(result.errors).toEqual(['ringcx-jwt-unknown-kid', 'ringcx-jwt-bad-signature'])
    expect(result.diagnosis).toEqual(['diagnosis-hex-decoded-secret'])
  })

  it('says plainly when nothing explains it', async () => {
    expect((await ringcxDiagnosis(await sign(text('not-a-key-we-know-at-all'), 'hs_a'))).diagnosis).toEqual(['diagnosis-unexplained'])
  })

  it('gives no diagnosis when the signature verifies', async () => {
    expect((await ringcxDiagnosis(await sign(text(HS_A), 'hs_a'))).diagnosis).toEqual([])
  })
})
