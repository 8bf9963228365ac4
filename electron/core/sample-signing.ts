/**
 * QA tools: build signed samples (a RingCX JWT or a Rox.Chat visitor) with a key QA owns, and
 * fill their `expect` from an inspection of the result.
 */
import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto'
import { SignJWT } from 'jose'
import type { Expectation } from './expectation'
import type { Inspection } from '../common/inspection'
import type { KeyMaterial } from '../common/key-material'
import { computeRoxchatHash, roxchatHashMessage } from './roxchat/hash'
import type { RoxchatHashAlgorithm } from '../common/roxchat/settings'
import { RINGCX_KID_PATTERN, RINGCX_SECRET_PATTERN } from '../common/ringcx/keys'
import { ROXCHAT_KID_PATTERN } from '../common/roxchat/keys'

export type SigningKey =
  | { readonly scheme: 'ringcx'; readonly kid: string; readonly alg: 'HS256'; readonly secret: string }
  | { readonly scheme: 'ringcx'; readonly kid: string; readonly alg: 'RS256'; readonly privateKey: KeyObject }
  | { readonly scheme: 'roxchat'; readonly kid: string; readonly secret: string }

/** The verification material matching a signing key, to check the sample just signed. */
export function verificationMaterial(key: SigningKey): KeyMaterial {
  if (key.scheme === 'roxchat') return { scheme: 'roxchat', kid: key.kid, alg: 'secret', secret: key.secret }
  if (key.alg === 'HS256') return { scheme: 'ringcx', kid: key.kid, alg: 'HS256', secret: key.secret }
  const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' })
  return { scheme: 'ringcx', kid: key.kid, alg: 'RS256', publicJwk: { kty: 'RSA', n: jwk.n as string, e: jwk.e as string } }
}

/** A stored key that can sign: secrets can, stored RSA keys cannot (only their public part is kept). */
export function signingKeyFromMaterial(material: KeyMaterial): SigningKey | null {
  if (material.scheme === 'roxchat') return { scheme: 'roxchat', kid: material.kid, secret: material.secret }
  if (material.alg === 'HS256') return { scheme: 'ringcx', kid: material.kid, alg: 'HS256', secret: material.secret }
  return null
}

/**
 * Reads a PEM RSA private key as an RS256 signing key for `kid`.
 *
 * @example
 * rsaSigningKey(pemText, 'rsa_2026') // { ok: true, key: { alg: 'RS256', … } }
 */
export function rsaSigningKey(pem: string, kid: string): { ok: true; key: SigningKey } | { ok: false; message: string } {
  if (!RINGCX_KID_PATTERN.test(kid)) return { ok: false, message: `Key ID "${kid}" is not allowed: use a-z, 0-9 and _` }
  try {
    const privateKey = createPrivateKey(pem)
    if (privateKey.asymmetricKeyType !== 'rsa' || (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      return { ok: false, message: 'RS256 needs an RSA private key of at least 2048 bits' }
    }
    return { ok: true, key: { scheme: 'ringcx', kid, alg: 'RS256', privateKey } }
  } catch {
    return { ok: false, message: 'the file is not a readable unencrypted PEM private key' }
  }
}

/** Checks a secret given for signing the way imports check it. */
export function secretSigningKey(scheme: 'ringcx' | 'roxchat', kid: string, secret: string): { ok: true; key: SigningKey } | { ok: false; message: string } {
  if (scheme === 'ringcx') {
    if (!RINGCX_KID_PATTERN.test(kid)) return { ok: false, message: `Key ID "${kid}" is not allowed: use a-z, 0-9 and _` }
    if (!RINGCX_SECRET_PATTERN.test(secret)) return { ok: false, message: 'a RingCX secret must be exactly 24 characters 0-9 and a-f' }
    return { ok: true, key: { scheme, kid, alg: 'HS256', secret } }
  }
  if (!ROXCHAT_KID_PATTERN.test(kid)) return { ok: false, message: `key name "${kid}" is not allowed` }
  if (secret.length === 0) return { ok: false, message: 'the Rox.Chat key is empty' }
  return { ok: true, key: { scheme, kid, secret } }
}

/**
 * Signs RingCX identity claims into a compact JWT with `typ`, `alg` and `kid` in the header.
 *
 * @example
 * await signRingcxToken(key, { uuid: 'u1', firstname: 'Ann' }, 1_900_000_000)
 */
export async function signRingcxToken(key: Extract<SigningKey, { scheme: 'ringcx' }>, claims: Readonly<Record<string, unknown>>, exp: number): Promise<string> {
  const jwt = new SignJWT({ ...claims, exp }).setProtectedHeader({ typ: 'JWT', alg: key.alg, kid: key.kid })
  return key.alg === 'HS256' ? jwt.sign(new TextEncoder().encode(key.secret)) : jwt.sign(key.privateKey)
}

export interface RoxchatVisitor {
  readonly fields: Readonly<Record<string, string>>
  readonly expires?: number
  readonly hash: string
}

/**
 * Builds a Rox.Chat provided visitor with its hash.
 *
 * @example
 * signRoxchatVisitor('e64e…', { id: '1' }, 'hmac-sha256', 1_900_000_000).hash
 */
export function signRoxchatVisitor(secret: string, fields: Readonly<Record<string, string>>, algorithm: RoxchatHashAlgorithm, expires?: number): RoxchatVisitor {
  const message = roxchatHashMessage(fields, expires)
  const hash = computeRoxchatHash(message, { secret, hmacKey: createSecretKey(Buffer.from(secret, 'utf8')) }, algorithm)
  return expires === undefined ? { fields, hash } : { fields, expires, hash }
}

/** The expectation an inspection meets: what a signed sample records about itself. */
export function expectationFrom(inspection: Inspection): Expectation {
  const fields: Record<string, { value: string; source: Inspection['fields'][number]['source'] }> = {}
  for (const field of inspection.fields) Object.defineProperty(fields, field.name, { value: { value: field.value, source: field.source }, enumerable: true })
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
