/**
 * Signing RingCX QA samples: a compact JWT with `typ`, `alg` and `kid` in the header, with a stored
 * HS256 secret or an RSA private key QA picked (stored RSA keys are public only).
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { SignJWT } from 'jose'
import type { SignRingcxRequest } from '../../common/ringcx'
import { RINGCX_KID_PATTERN, type RingcxKeyMaterial } from '../../common/ringcx/keys'
import { readRsaPrivateKey } from '../sample-signing'
import type { SchemeSigner } from '../scheme'

export type RingcxSigningKey =
  | { readonly scheme: 'ringcx'; readonly kid: string; readonly alg: 'HS256'; readonly secret: string }
  | { readonly scheme: 'ringcx'; readonly kid: string; readonly alg: 'RS256'; readonly privateKey: KeyObject }

function kidProblem(kid: string): string | null {
  return RINGCX_KID_PATTERN.test(kid) ? null : `Key ID "${kid}" is not allowed: use a-z, 0-9 and _`
}

function withPrivateKey(privateKey: KeyObject, kid: string): { ok: true; key: RingcxSigningKey } | { ok: false; message: string } {
  const problem = kidProblem(kid)
  return problem === null ? { ok: true, key: { scheme: 'ringcx', kid, alg: 'RS256', privateKey } } : { ok: false, message: problem }
}

/**
 * Reads a PEM RSA private key as an RS256 signing key for `kid`.
 *
 * @example
 * rsaSigningKey(pemText, 'rsa_2026') // { ok: true, key: { alg: 'RS256', … } }
 */
export function rsaSigningKey(pem: string, kid: string): { ok: true; key: RingcxSigningKey } | { ok: false; message: string } {
  const problem = kidProblem(kid)
  if (problem !== null) return { ok: false, message: problem }
  const read = readRsaPrivateKey(pem)
  return read.ok ? withPrivateKey(read.privateKey, kid) : read
}

/**
 * Signs RingCX identity claims into a compact JWT with `typ`, `alg` and `kid` in the header.
 *
 * @example
 * await signRingcxToken(key, { uuid: 'u1', firstname: 'Ann' }, 1_900_000_000)
 */
export async function signRingcxToken(key: RingcxSigningKey, claims: Readonly<Record<string, unknown>>, exp: number): Promise<string> {
  const jwt = new SignJWT({ ...claims, exp }).setProtectedHeader({ typ: 'JWT', alg: key.alg, kid: key.kid })
  return key.alg === 'HS256' ? jwt.sign(new TextEncoder().encode(key.secret)) : jwt.sign(key.privateKey)
}

export const RINGCX_SIGNER: SchemeSigner<SignRingcxRequest, RingcxSigningKey> = {
  signingKey(material) {
    const ringcx = material as RingcxKeyMaterial
    return 'secret' in ringcx ? { scheme: 'ringcx', kid: ringcx.kid, alg: 'HS256', secret: ringcx.secret } : null
  },

  verificationMaterial(key) {
    if (key.alg === 'HS256') return { scheme: 'ringcx', kid: key.kid, alg: 'HS256', secret: key.secret }
    const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' })
    return { scheme: 'ringcx', kid: key.kid, alg: 'RS256', publicJwk: { kty: 'RSA', n: jwk.n as string, e: jwk.e as string } }
  },

  withPrivateKey,

  async sign(request, key, context) {
    return { payload: await signRingcxToken(key, request.claims, context.time(request.exp, 'exp')) }
  },
}
