/**
 * QA tools: what signing samples of every scheme shares — the expectation a signed sample records
 * about itself, times such as `+2h`, and RSA private keys QA picks. Each scheme's signer is in its
 * room (core/<scheme>/signer.ts).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { MIN_RSA_BITS } from '../common/key-material'
import type { Inspection } from '../common/inspection'
import type { Expectation } from './expectation'
import { rsaExponentProblem } from './rsa-exponent'
import { setOwnMember } from '../common/values'

/**
 * Reads an unencrypted PEM RSA private key of at least 2048 bits.
 *
 * @example
 * readRsaPrivateKey(pemText) // { ok: true, privateKey: KeyObject }
 */
export function readRsaPrivateKey(pem: string): { ok: true; privateKey: KeyObject } | { ok: false; message: string } {
  try {
    const privateKey = createPrivateKey(pem)
    if (privateKey.asymmetricKeyType !== 'rsa' || (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
      return { ok: false, message: 'RS256 needs an RSA private key of at least 2048 bits' }
    }
    const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' })
    const exponentProblem = typeof n === 'string' && typeof e === 'string' ? rsaExponentProblem({ n, e }) : 'the RSA key could not be read'
    if (exponentProblem !== null) return { ok: false, message: exponentProblem }
    return { ok: true, privateKey }
  } catch {
    return { ok: false, message: 'the file is not a readable unencrypted PEM private key' }
  }
}

/** The expectation an inspection meets: what a signed sample records about itself. */
export function expectationFrom(inspection: Inspection): Expectation {
  const fields: Record<string, { value: string; source: Inspection['fields'][number]['source'] }> = {}
  for (const field of inspection.fields) setOwnMember(fields, field.name, { value: field.value, source: field.source })
  return {
    verdict: inspection.verdict,
    errors: inspection.errors.map((error) => error.code),
    warnings: inspection.warnings.map((warning) => warning.code),
    fields,
    unmapped: inspection.unmapped.map((field) => field.name),
    expiryStatus: inspection.expiry.status,
  }
}

/**
 * Reads a time for `--exp` / `--expires`: `+2h`, `+30m`, `+90s`, `+1d`, `-5m`, ISO 8601, or Unix seconds.
 *
 * @example
 * parseTimeSpec('+2h', new Date('2026-01-01T00:00:00Z')) // 1767232800
 */
export function parseTimeSpec(spec: string, now: Date): number | null {
  const nowSeconds = Math.floor(now.getTime() / 1000)
  const relative = /^([+-])(\d+)([smhd])$/.exec(spec.trim())
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[relative[3] as 's' | 'm' | 'h' | 'd']
    return nowSeconds + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit
  }
  if (/^\d+$/.test(spec.trim())) return Number(spec.trim())
  if (/^\d{4}-\d{2}-\d{2}/.test(spec.trim())) {
    const time = new Date(spec.trim()).getTime()
    return Number.isNaN(time) ? null : Math.floor(time / 1000)
  }
  return null
}
