import { describe, expect, it } from 'vitest'
import { describeExpiry } from '../../../electron/core/expiry'
import { NOW_S } from './helpers'
import { ROXCHAT_EXPIRING_SOON_SECONDS } from '../../../electron/common/roxchat'

const RINGCX_RULE = { soonSeconds: 3600, toleranceSeconds: 10 }

describe('describeExpiry', () => {
  it('says none for no expiry or one that is not a time', () => {
    const none = { expiresAt: null, secondsLeft: null, status: 'none' }
    expect(describeExpiry(undefined, NOW_S, RINGCX_RULE)).toEqual(none)
    expect(describeExpiry(Number.NaN, NOW_S, RINGCX_RULE)).toEqual(none)
    expect(describeExpiry(Number.POSITIVE_INFINITY, NOW_S, RINGCX_RULE)).toEqual(none)
    expect(describeExpiry(1e300, NOW_S, RINGCX_RULE)).toEqual(none)
  })

  it('gives the time in ISO 8601 UTC and the seconds left', () => {
    expect(describeExpiry(1_700_003_600, 1_700_000_000, RINGCX_RULE)).toEqual({ expiresAt: '2023-11-14T23:13:20.000Z', secondsLeft: 3600, status: 'valid' })
  })

  it('is expired when expiry + tolerance <= now, expiring soon under soonSeconds, valid otherwise', () => {
    expect(describeExpiry(NOW_S - 10, NOW_S, RINGCX_RULE).status).toBe('expired')
    expect(describeExpiry(NOW_S - 9, NOW_S, RINGCX_RULE)).toMatchObject({ status: 'expiring-soon', secondsLeft: -9 })
    expect(describeExpiry(NOW_S + 3599, NOW_S, RINGCX_RULE).status).toBe('expiring-soon')
    expect(describeExpiry(NOW_S + 3600, NOW_S, RINGCX_RULE).status).toBe('valid')
  })

  it('uses five minutes for Rox.Chat', () => {
    expect(ROXCHAT_EXPIRING_SOON_SECONDS).toBe(300)
    const rule = { soonSeconds: ROXCHAT_EXPIRING_SOON_SECONDS, toleranceSeconds: 0 }
    expect(describeExpiry(NOW_S, NOW_S, rule).status).toBe('expired')
    expect(describeExpiry(NOW_S + 299, NOW_S, rule).status).toBe('expiring-soon')
    expect(describeExpiry(NOW_S + 300, NOW_S, rule).status).toBe('valid')
  })
})
