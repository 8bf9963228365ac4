/**
 * What every scheme's near-miss diagnosis shares: a bounded budget of attempts and the answer
 * when nothing usual explains a failure.
 */
import type { Diagnosis, DiagnosisCode } from '../common/inspection'

/** At most this many hash or signature computations per diagnosis. */
export const MAX_DIAGNOSIS_ATTEMPTS = 64

export const UNEXPLAINED: Diagnosis = {
  code: 'diagnosis-unexplained',
  // Each scheme tries its own usual mistakes: the words name none, so they fit every vendor.
  message: 'None of the usual mistakes this inspector tries for the vendor explains the failure: the data or the key itself differs.',
}

export function diagnosis(code: DiagnosisCode, message: string): Diagnosis[] {
  return [{ code, message }]
}

export class AttemptBudget {
  private used = 0
  take(): boolean {
    this.used++
    return this.used <= MAX_DIAGNOSIS_ATTEMPTS
  }
}
