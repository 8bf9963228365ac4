import { describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { createKeyRing } from '../../../electron/core/key-ring'
import { timeLimits } from '../../../electron/core/time-limits'
import { NO_EXPIRY } from '../../../electron/common/inspection'

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString()

describe('timeLimits', () => {
  const expiry = { expiresAt: iso(2_000_000_000), secondsLeft: 7200, status: 'valid' as const }

  it('gives a verified RingCX token its minimum time left, then its expiry with the tolerance', () => {
    const limits = timeLimits({ scheme: 'ringcx', verdict: 'verified', expiry, raw: { claims: { exp: 2_000_000_000 } } }, DEFAULT_SETTINGS)
    expect(limits).toEqual([
      { at: iso(2_000_000_000 - 3600 + 1), check: 'exp', code: 'ringcx-jwt-exp-too-soon', kind: 'too-soon' },
      { at: iso(2_000_000_010), check: 'exp', code: 'ringcx-jwt-expired', kind: 'expired' },
    ])
  })

  it('has no minimum when the settings ask for none', () => {
    const settings = { ...DEFAULT_SETTINGS, ringcx: { ...DEFAULT_SETTINGS.ringcx, minExpirySeconds: 0, clockToleranceSeconds: 0 } }
    expect(timeLimits({ scheme: 'ringcx', verdict: 'verified', expiry, raw: { claims: { exp: 2_000_000_000 } } }, settings))
      .toEqual([{ at: iso(2_000_000_000), check: 'exp', code: 'ringcx-jwt-expired', kind: 'expired' }])
  })

  it('gives a verified Rox.Chat visitor its expires', () => {
    expect(timeLimits({ scheme: 'roxchat', verdict: 'verified', expiry, raw: { visitor: { fields: {}, expires: 2_000_000_000 } } }, DEFAULT_SETTINGS))
      .toEqual([{ at: iso(2_000_000_000), check: 'expires', code: 'provided-visitor-expired', kind: 'expired' }])
  })

  it('gives nothing to what is not verified or does not expire', () => {
    expect(timeLimits({ scheme: 'ringcx', verdict: 'rejected', expiry, raw: { claims: { exp: 2_000_000_000 } } }, DEFAULT_SETTINGS)).toEqual([])
    expect(timeLimits({ scheme: 'roxchat', verdict: 'verified', expiry: NO_EXPIRY, raw: { visitor: { fields: {} } } }, DEFAULT_SETTINGS)).toEqual([])
  })

  it('matches what inspecting again at those moments finds', async () => {
    const { SignJWT } = await import('jose')
    const secret = '0123456789abcdef01234567'
    const ring = await createKeyRing([{ material: { scheme: 'ringcx', kid: 'k1', alg: 'HS256', secret }, info: { scheme: 'ringcx', kid: 'k1', alg: 'HS256', fingerprint: 'secret:x' } }])
    const now = new Date('2026-06-01T09:00:00Z')
    const exp = now.getTime() / 1000 + 7200
    const token = await new SignJWT({ uuid: 'u1', exp }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode(secret))
    const first = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now })
    expect(first.verdict).toBe('verified')
    const limits = first.timeLimits ?? []
    expect(limits).toHaveLength(2)
    for (const limit of limits) {
      const at = new Date(limit.at)
      const before = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: new Date(at.getTime() - 1000) })
      const after = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: at })
      expect(before.errors.map((error) => error.code)).not.toContain(limit.code)
      expect(after.errors.map((error) => error.code)).toContain(limit.code)
    }
  })
})

describe('times in messages and reports are written for people', () => {
  const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/
  const secret = '0123456789abcdef01234567'
  const now = new Date('2026-06-01T09:00:00Z')
  const nowS = now.getTime() / 1000

  async function inspected(exp: number): Promise<Awaited<ReturnType<typeof inspect>>> {
    const { SignJWT } = await import('jose')
    const ring = await createKeyRing([{ material: { scheme: 'ringcx', kid: 'k1', alg: 'HS256', secret }, info: { scheme: 'ringcx', kid: 'k1', alg: 'HS256', fingerprint: 'secret:x' } }])
    const token = await new SignJWT({ uuid: 'u1', exp }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode(secret))
    return inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now })
  }

  it('an expired token says when, not an ISO string', async () => {
    const { errors } = await inspected(nowS - 3600)
    const message = errors.find((error) => error.code === 'ringcx-jwt-expired')?.message ?? ''
    expect(message).toMatch(/It expired at .*2026/)
    expect(message).not.toMatch(ISO)
  })

  it('a token that expires too soon says how long in hours and minutes', async () => {
    const { errors } = await inspected(nowS + 1797)
    expect(errors.find((error) => error.code === 'ringcx-jwt-exp-too-soon')?.message)
      .toContain('It expires in 29 minutes, 57 seconds; it must have at least 1 hour left.')
  })

  it('the report for the website team writes times and spans in words', async () => {
    const { escalationReport } = await import('../../../electron/common/escalation-report')
    const report = escalationReport(await inspected(nowS + 367_178_600))
    expect(report).not.toMatch(ISO)
    expect(report).not.toMatch(/\d s left/)
    expect(report).toContain('11 years, 234 days left when checked')
  })
})
