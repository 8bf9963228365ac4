/**
 * The core's batch path: many identities of one kind verified with the same keys, results in
 * input order (each scheme's in its room: ringcx/batch-verify.ts, roxchat/batch-verify.ts).
 * WebCrypto work runs off the JavaScript thread, so a window of verifications is kept in flight;
 * callers spread batches over threads for more cores.
 */
import type { ErrorCode } from '../common/codes'

export interface BatchVerdict {
  readonly verified: boolean
  readonly errors: readonly ErrorCode[]
  /** The key that verified the signature or hash, if any. */
  readonly kid: string | null
}

/** Verifications in flight at once: enough to keep the crypto threads busy. */
export const VERIFY_WINDOW = 32
