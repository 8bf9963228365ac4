/**
 * RingCX keys: HS256 secrets (text, a JWK of type oct) and RS256 public keys (PEM, certificate,
 * JWK; a private key is reduced to its public part), and their import for verification.
 */
import { X509Certificate, createPrivateKey, createPublicKey, webcrypto, type JsonWebKey, type KeyObject } from 'node:crypto'
import { importJWK, type CryptoKey } from 'jose'
import { MIN_RSA_BITS, type KeyWarningCode, type RsaPublicJwk } from '../../common/key-material'
import { RINGCX_SECRET_PATTERN, type RingcxAlgorithm, type RingcxKeyMaterial } from '../../common/ringcx/keys'
import { isPlainObject } from '../../common/values'
import { KeyFileError, checkAlg, fail, type KeyCandidate, type KeyNote } from '../key-candidate'
import type { SchemeKeys } from '../scheme'

/** A RingCX key ready for verification: imported once, bound to one algorithm. */
export interface RingcxVerificationKey {
  readonly kid: string
  readonly alg: RingcxAlgorithm
  readonly fingerprint: string
  readonly cryptoKey: CryptoKey
  /** HS256 only: the secret text, for the near-miss diagnosis. Main process only. */
  readonly secret?: string
}

/** RingCX's part of the key ring. Lookups by kid go through a Map, never a plain object. */
export type RingcxRing = ReadonlyMap<string, RingcxVerificationKey>

function ringcxSecret(secret: string): string {
  if (!RINGCX_SECRET_PATTERN.test(secret)) {
    fail('key-secret-invalid', `a RingCX secret must be exactly 24 characters 0-9 and a-f (this one has ${secret.length} characters${/[A-F]/.test(secret) ? ', some upper case' : ''})`)
  }
  return secret
}

interface RsaResult {
  readonly publicJwk: RsaPublicJwk
  readonly bits: number
  readonly wasPrivate: boolean
}

function rsaFromKeyObject(key: KeyObject, wasPrivate: boolean): RsaResult {
  if (key.asymmetricKeyType !== 'rsa') {
    fail('key-rsa-invalid', `the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, but RS256 needs an RSA key`)
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
  if (bits < MIN_RSA_BITS) fail('key-rsa-too-small', `the RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`)
  const jwk = key.export({ format: 'jwk' })
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') fail('key-rsa-invalid', 'the RSA key could not be read')
  return { publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e }, bits, wasPrivate }
}

function rsaFromPem(pem: string): RsaResult & { certificate: boolean } {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    fail('key-encrypted', 'the private key is password-protected; import the public key instead')
  }
  if (pem.includes('-----BEGIN CERTIFICATE-----')) {
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(pem)
    } catch {
      fail('key-rsa-invalid', 'the certificate could not be read')
    }
    return { ...rsaFromKeyObject(certificate.publicKey, false), certificate: true }
  }
  const isPrivate = /-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)
  try {
    const key = isPrivate ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem)
    return { ...rsaFromKeyObject(key, isPrivate), certificate: false }
  } catch (error) {
    if (error instanceof KeyFileError) throw error
    fail('key-rsa-invalid', 'the PEM block is not a readable RSA public or private key')
  }
}

function rsaFromJwk(jwk: Readonly<Record<string, unknown>>): RsaResult {
  const isPrivate = typeof jwk['d'] === 'string'
  try {
    const input = { format: 'jwk' as const, key: jwk as JsonWebKey }
    const key = isPrivate ? createPublicKey(createPrivateKey(input)) : createPublicKey(input)
    return rsaFromKeyObject(key, isPrivate)
  } catch (error) {
    if (error instanceof KeyFileError) throw error
    fail('key-rsa-invalid', 'the JWK is not a readable RSA key')
  }
}

const PRIVATE_REDUCED: KeyNote<KeyWarningCode> = {
  code: 'key-private-reduced',
  message: 'a private key was given: only its public part was kept; the private key was not stored',
}

function publicKeyCandidate(kid: string, rsa: RsaResult): KeyCandidate<RingcxKeyMaterial> {
  return {
    material: { scheme: 'ringcx', kid, alg: 'RS256', publicJwk: rsa.publicJwk },
    bits: rsa.bits,
    warnings: rsa.wasPrivate ? [PRIVATE_REDUCED] : [],
  }
}

function secretCandidate(kid: string, secret: string): KeyCandidate<RingcxKeyMaterial> {
  return { material: { scheme: 'ringcx', kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] }
}

function candidateFromJwk(jwk: Readonly<Record<string, unknown>>, kid: string): KeyCandidate<RingcxKeyMaterial> {
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') fail('key-alg-invalid', 'the JWK is not for signatures ("use" is not "sig")')
  if (jwk['kty'] === 'oct') {
    checkAlg(jwk['alg'], 'HS256')
    if (typeof jwk['k'] !== 'string') fail('key-material-missing', 'the JWK has no "k"')
    return secretCandidate(kid, Buffer.from(jwk['k'], 'base64url').toString('latin1'))
  }
  if (jwk['kty'] === 'RSA') {
    checkAlg(jwk['alg'], 'RS256')
    return publicKeyCandidate(kid, rsaFromJwk(jwk))
  }
  fail('key-alg-invalid', `JWK type ${JSON.stringify(jwk['kty'])} cannot sign RingCX identities (use "oct" for HS256 or "RSA" for RS256)`)
}

async function importVerificationKey(material: RingcxKeyMaterial): Promise<CryptoKey> {
  if ('secret' in material) {
    // The ASCII bytes of the 24-character secret, as standard JWT libraries use a string secret.
    return webcrypto.subtle.importKey('raw', Buffer.from(material.secret, 'ascii'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
  }
  return (await importJWK({ ...material.publicJwk, alg: 'RS256' }, 'RS256')) as CryptoKey
}

export const RINGCX_KEYS: SchemeKeys<RingcxKeyMaterial, RingcxRing> = {
  fromManifestEntry({ secret, publicKeyPem, jwk, alg }, kid) {
    if (typeof secret === 'string') {
      checkAlg(alg, 'HS256')
      return secretCandidate(kid, secret)
    }
    if (typeof publicKeyPem === 'string') {
      checkAlg(alg, 'RS256')
      return publicKeyCandidate(kid, rsaFromPem(publicKeyPem))
    }
    if (isPlainObject(jwk)) {
      checkAlg(alg, jwk['kty'] === 'oct' ? 'HS256' : 'RS256')
      return candidateFromJwk(jwk, kid)
    }
    fail('key-material-missing', '"secret" and "publicKeyPem" must be text and "jwk" an object')
  },

  fromSecretText: (secret, kid) => secretCandidate(kid, secret),

  fromJwk: candidateFromJwk,

  fromPem: (pem, kid) => publicKeyCandidate(kid, rsaFromPem(pem)),

  async ring(entries) {
    const ring = new Map<string, RingcxVerificationKey>()
    for (const { material, info } of entries) {
      ring.set(material.kid, {
        kid: material.kid,
        alg: material.alg,
        fingerprint: info.fingerprint,
        cryptoKey: await importVerificationKey(material),
        ...('secret' in material ? { secret: material.secret } : {}),
      })
    }
    return ring
  },
}
