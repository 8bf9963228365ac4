/**
 * Rox.Chat's part of the core's batch path (see ../batch-verify.ts).
 */
import type { KeyRing } from '../key-ring'
import type { InspectionSettings } from '../../common/settings'
import type { BatchVerdict } from '../batch-verify'
import { verifyRoxchatVisitor } from './visitor'

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
