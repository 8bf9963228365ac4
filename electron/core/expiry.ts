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
