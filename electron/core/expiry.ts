import type { Expiry, ExpiryStatus } from '../common/inspection'
import { NO_EXPIRY } from '../common/inspection'

/**
 * Describes an expiry time relative to `nowSeconds`.
 *
 * @example
 * describeExpiry(1_700_003_600, 1_700_000_000, { soonSeconds: 3600, toleranceSeconds: 10 })
 * // { expiresAt: '2023-11-14T23:13:20.000Z', secondsLeft: 3600, status: 'valid' }
 */
export function describeExpiry(
  expiresAtSeconds: number | undefined,
  nowSeconds: number,
  rule: { readonly soonSeconds: number; readonly toleranceSeconds: number },
): Expiry {
  if (expiresAtSeconds === undefined || !Number.isFinite(expiresAtSeconds)) return NO_EXPIRY
  const date = new Date(expiresAtSeconds * 1000)
  if (Number.isNaN(date.getTime())) return NO_EXPIRY
  const secondsLeft = expiresAtSeconds - nowSeconds
  let status: ExpiryStatus = 'valid'
  if (expiresAtSeconds + rule.toleranceSeconds <= nowSeconds) status = 'expired'
  else if (secondsLeft < rule.soonSeconds) status = 'expiring-soon'
  return { expiresAt: date.toISOString(), secondsLeft, status }
}

/** An expiry in seconds above this reads as milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
export const MILLISECONDS_EXPIRY_THRESHOLD = 1e11
/** An expiry further ahead than this is suspicious: identities are meant to be short-lived. */
export const FAR_FUTURE_EXPIRY_SECONDS = 365 * 24 * 60 * 60
/** The largest Unix time in seconds a JavaScript Date can hold. */
const MAX_DATE_SECONDS = 8.64e12

/** What makes a valid-looking expiry unlikely to be meant. */
export type ExpiryConcern = 'out-of-range' | 'in-milliseconds' | 'far-future'

/**
 * The one concern (the first that applies, in this order) about an integer expiry in seconds:
 * beyond the exact integers or the Date range, in milliseconds, or more than a year ahead.
 *
 * @example
 * expiryConcern(1_772_373_600_000, 1_772_366_400) // 'in-milliseconds'
 * expiryConcern(1_772_373_600, 1_772_366_400) // null
 */
export function expiryConcern(expiresAtSeconds: number, nowSeconds: number): ExpiryConcern | null {
  if (!Number.isSafeInteger(expiresAtSeconds) || Math.abs(expiresAtSeconds) > MAX_DATE_SECONDS) return 'out-of-range'
  if (expiresAtSeconds > MILLISECONDS_EXPIRY_THRESHOLD) return 'in-milliseconds'
  if (expiresAtSeconds - nowSeconds > FAR_FUTURE_EXPIRY_SECONDS) return 'far-future'
  return null
}
