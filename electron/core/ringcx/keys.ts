/**
 * RingCX keys: HS256 secrets (text, a JWK of type oct) and RS256 public keys (PEM, certificate,
 * JWK; a private key is reduced to its public part), and their import for verification.
 */
import { X509Certificate, createPrivateKey, createPublicKey, webcrypto, type JsonWebKey, type KeyObject } from 'node:crypto'
import { importJWK, type CryptoKey } from 'jose'
import { MIN_RSA_BITS, type KeyWarningCode, type RsaPublicJwk } from '../../common/key-material'
import { RINGCX_SECRET_PATTERN, type RingcxAlgorithm, type RingcxKeyMaterial } from '../../common/ringcx/keys'
import { isPlainObject, ownMember } from '../../common/values'
import { KeyFileError, checkAlg, fail, type KeyCandidate, type KeyNote } from '../key-candidate'
import { fingerprintSource, withFingerprint } from '../key-fingerprint'
import { choosePemBlock, pemBlocks } from '../pem-blocks'
import { rsaExponentProblem } from '../rsa-exponent'
import type { SchemeKeys } from '../scheme'

/**
 * A RingCX key ready for verification: imported once, bound to one algorithm.
 * `fingerprint` of a key that came without one is computed when first read (see KeyRingEntry).
 */
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
  const exponentProblem = rsaExponentProblem({ n: jwk.n, e: jwk.e })
  if (exponentProblem !== null) fail('key-rsa-exponent-weak', exponentProblem)
  return { publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e }, bits, wasPrivate }
}

function rsaFromPem(pem: string): RsaResult & { certificate: boolean; warnings: KeyNote<KeyWarningCode>[] } {
  const blocks = pemBlocks(pem)
  if (blocks.length === 0) fail('key-rsa-invalid', 'the PEM text has no complete -----BEGIN …----- / -----END …----- block')
  const { block, warnings } = choosePemBlock(blocks)
  if (block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(block.text)) {
    fail('key-encrypted', 'the private key is password-protected; import the public key instead')
  }
  if (block.label === 'CERTIFICATE') {
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(block.text)
    } catch {
      fail('key-rsa-invalid', 'the certificate could not be read')
    }
    return { ...rsaFromKeyObject(certificate.publicKey, false), certificate: true, warnings }
  }
  const isPrivate = block.label === 'PRIVATE KEY' || block.label === 'RSA PRIVATE KEY'
  try {
    const key = isPrivate ? createPublicKey(createPrivateKey(block.text)) : createPublicKey(block.text)
    return { ...rsaFromKeyObject(key, isPrivate), certificate: false, warnings }
  } catch (error) {
    if (error instanceof KeyFileError) throw error
    fail('key-rsa-invalid', 'the PEM block is not a readable RSA public or private key')
  }
}

function rsaFromJwk(jwk: Readonly<Record<string, unknown>>): RsaResult {
  const isPrivate = typeof ownMember(jwk, 'd') === 'string'
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

function publicKeyCandidate(kid: string, rsa: RsaResult & { readonly warnings?: readonly KeyNote<KeyWarningCode>[] }): KeyCandidate<RingcxKeyMaterial> {
  return {
    material: { scheme: 'ringcx', kid, alg: 'RS256', publicJwk: rsa.publicJwk },
    bits: rsa.bits,
    warnings: [...(rsa.warnings ?? []), ...(rsa.wasPrivate ? [PRIVATE_REDUCED] : [])],
  }
}

function secretCandidate(kid: string, secret: string): KeyCandidate<RingcxKeyMaterial> {
  return { material: { scheme: 'ringcx', kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] }
}

function candidateFromJwk(jwk: Readonly<Record<string, unknown>>, kid: string): KeyCandidate<RingcxKeyMaterial> {
  const use = ownMember(jwk, 'use')
  const kty = ownMember(jwk, 'kty')
  if (use !== undefined && use !== 'sig') fail('key-alg-invalid', 'the JWK is not for signatures ("use" is not "sig")')
  if (kty === 'oct') {
    checkAlg(ownMember(jwk, 'alg'), 'HS256')
    const k = ownMember(jwk, 'k')
    if (typeof k !== 'string') fail('key-material-missing', 'the JWK has no "k"')
    return secretCandidate(kid, Buffer.from(k, 'base64url').toString('latin1'))
  }
  if (kty === 'RSA') {
    checkAlg(ownMember(jwk, 'alg'), 'RS256')
    return publicKeyCandidate(kid, rsaFromJwk(jwk))
  }
  fail('key-alg-invalid', `JWK type ${JSON.stringify(kty)} cannot sign RingCX identities (use "oct" for HS256 or "RSA" for RS256)`)
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
      checkAlg(alg, ownMember(jwk, 'kty') === 'oct' ? 'HS256' : 'RS256')
      return candidateFromJwk(jwk, kid)
    }
    fail('key-material-missing', '"secret" and "publicKeyPem" must be text and "jwk" an object')
  },

  fromSecretText: (secret, kid) => secretCandidate(kid, secret),

  fromJwk: candidateFromJwk,

  fromPem: (pem, kid) => publicKeyCandidate(kid, rsaFromPem(pem)),

  async ring(entries) {
    const ring = new Map<string, RingcxVerificationKey>()
    for (const entry of entries) {
      const { material } = entry
      const fingerprint = await fingerprintSource(entry)
      ring.set(material.kid, withFingerprint({
        kid: material.kid,
        alg: material.alg,
        cryptoKey: await importVerificationKey(material),
        ...('secret' in material ? { secret: material.secret } : {}),
      }, fingerprint))
    }
    return ring
  },

  // HS256 keys only: an RSA public key is no secret.
  secrets: (ring) => [...ring.values()].flatMap((key) => (key.secret === undefined ? [] : [{ kid: key.kid, secret: key.secret, get fingerprint() { return key.fingerprint } }])),
}
