/**
 * RingCX near-miss diagnosis: when a signature fails, try the usual mistakes a website's
 * developers make and name the one that explains the failure. Bounded, and only ever with keys
 * from the store.
 */
import { compactVerify } from 'jose'
import type { Diagnosis } from '../../common/inspection'
import { AttemptBudget, UNEXPLAINED, diagnosis } from '../diagnosis-kit'
import type { KeyRing } from '../key-ring'

export interface RingcxDiagnosisInput {
  readonly token: string
  readonly alg: 'HS256' | 'RS256'
  /** The kid in the header, when it names a key in the store. */
  readonly namedKid?: string
  readonly ring: KeyRing
}

async function verifiesWith(token: string, key: Parameters<typeof compactVerify>[1], alg: string): Promise<boolean> {
  try {
    await compactVerify(token, key, { algorithms: [alg] })
    return true
  } catch {
    return false
  }
}

/**
 * Explains a RingCX signature failure, or says that nothing usual does.
 *
 * @example
 * await diagnoseRingcxSignature({ token, alg: 'HS256', namedKid: 'old_key', ring })
 * // [{ code: 'diagnosis-kid-names-other-key', … }]
 */
export async function diagnoseRingcxSignature(input: RingcxDiagnosisInput): Promise<Diagnosis[]> {
  const { token, alg, namedKid, ring } = input
  const budget = new AttemptBudget()
  const sameAlg = [...ring.ringcx.values()].filter((key) => key.alg === alg)

  if (namedKid !== undefined) {
    for (const key of sameAlg.filter((candidate) => candidate.kid !== namedKid)) {
      if (!budget.take()) return [UNEXPLAINED]
      if (await verifiesWith(token, key.cryptoKey, alg)) {
        return diagnosis('diagnosis-kid-names-other-key', `The token verifies with key "${key.kid}", but its header names "${namedKid}": fix the kid the website puts in the header.`)
      }
    }
  }

  const suspects = namedKid === undefined ? sameAlg : sameAlg.filter((key) => key.kid === namedKid)
  for (const key of suspects) {
    if (key.secret === undefined) continue
    if (!budget.take()) return [UNEXPLAINED]
    if (await verifiesWith(token, Buffer.from(key.secret, 'hex'), 'HS256')) {
      return diagnosis('diagnosis-hex-decoded-secret', `The website signs with the 12 bytes hex-decoded from key "${key.kid}"; RingCX uses the 24 characters as text.`)
    }
    for (const spelled of [`${key.secret}\n`, `${key.secret}\r\n`, ` ${key.secret}`, `${key.secret} `, key.secret.toUpperCase()]) {
      if (spelled === key.secret) continue
      if (!budget.take()) return [UNEXPLAINED]
      if (await verifiesWith(token, Buffer.from(spelled, 'utf8'), 'HS256')) {
        const what = spelled === key.secret.toUpperCase() ? 'in upper case' : 'with surrounding whitespace or a line break'
        return diagnosis('diagnosis-key-whitespace', `The website's copy of key "${key.kid}" is ${what}: use the key exactly as configured.`)
      }
    }
  }
  return [UNEXPLAINED]
}
