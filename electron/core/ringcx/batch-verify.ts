/**
 * RingCX's part of the core's batch path (see ../batch-verify.ts).
 */
import type { KeyRing } from '../key-ring'
import type { InspectionSettings } from '../../common/settings'
import { VERIFY_WINDOW, type BatchVerdict } from '../batch-verify'
import { verifyRingcxJwt } from './jwt'

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
