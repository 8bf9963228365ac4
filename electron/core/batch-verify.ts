/**
 * The core's batch path: many identities of one kind verified with the same keys, results in
 * input order. WebCrypto work runs off the JavaScript thread, so a window of verifications is
 * kept in flight; callers spread batches over threads for more cores.
 */
import type { ErrorCode } from '../common/codes'
import type { KeyRing } from './key-ring'
import { verifyRingcxJwt } from './ringcx/jwt'
import { verifyRoxchatVisitor } from './roxchat/visitor'
import type { InspectionSettings } from '../common/settings'

export interface BatchVerdict {
  readonly verified: boolean
  readonly errors: readonly ErrorCode[]
  /** The key that verified the signature or hash, if any. */
  readonly kid: string | null
}

/** Verifications in flight at once: enough to keep the crypto threads busy. */
export const VERIFY_WINDOW = 32

/**
 * Verifies compact JWTs with every RingCX check, keeping up to `window` in flight.
 *
 * @example
 * const verdicts = await verifyRingcxTokens(tokens, ring, settings, new Date())
 * verdicts.filter((v) => v.verified).length
 */
export async function verifyRingcxTokens(
  tokens: readonly string[],
  ring: KeyRing,
  settings: InspectionSettings,
  now: Date,
  window: number = VERIFY_WINDOW,
): Promise<BatchVerdict[]> {
  const verdicts: BatchVerdict[] = new Array<BatchVerdict>(tokens.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < tokens.length) {
      const index = next++
      const result = await verifyRingcxJwt(tokens[index] as string, ring, settings, now)
      verdicts[index] = { verified: result.errors.length === 0, errors: result.errors.map((error) => error.code), kid: result.key?.kid ?? null }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, tokens.length)) }, lane))
  return verdicts
}

/**
 * Verifies Rox.Chat provided visitors (already parsed objects).
 *
 * @example
 * verifyRoxchatVisitors([{ fields: { id: '1' }, hash: '…' }], ring, settings, nowSeconds)[0].verified
 */
export function verifyRoxchatVisitors(
  visitors: readonly unknown[],
  ring: KeyRing,
  settings: InspectionSettings,
  nowSeconds: number,
): BatchVerdict[] {
  return visitors.map((visitor) => {
    const result = verifyRoxchatVisitor(visitor, ring.roxchat, settings, nowSeconds)
    return { verified: result.errors.length === 0, errors: result.errors.map((error) => error.code), kid: result.key?.kid ?? null }
  })
}
