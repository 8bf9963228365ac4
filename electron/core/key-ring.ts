import { createSecretKey, webcrypto, type KeyObject } from 'node:crypto'
import { importJWK, type CryptoKey } from 'jose'
import type { KeyInfo, KeyMaterial } from '../common/key-material'

/** A RingCX key ready for verification: imported once, bound to one algorithm. */
export interface RingcxVerificationKey {
  readonly kid: string
  readonly alg: 'HS256' | 'RS256'
  readonly fingerprint: string
  readonly cryptoKey: CryptoKey
  /** HS256 only: the secret text, for the near-miss diagnosis. Main process only. */
  readonly secret?: string
}

/** A Rox.Chat private key ready for hashing. */
export interface RoxchatHashKey {
  readonly kid: string
  readonly fingerprint: string
  /** The key as text: the SHA/MD5 variants append it to the message. */
  readonly secret: string
  /** The same key for HMAC, created once. */
  readonly hmacKey: KeyObject
}

/** The keys one inspection may use. Lookups by kid go through a Map, never a plain object. */
export interface KeyRing {
  readonly ringcx: ReadonlyMap<string, RingcxVerificationKey>
  readonly roxchat: readonly RoxchatHashKey[]
}

export const EMPTY_KEY_RING: KeyRing = { ringcx: new Map(), roxchat: [] }

export interface KeyRingEntry {
  readonly material: KeyMaterial
  readonly info: KeyInfo
}

async function importRingcxKey(material: Extract<KeyMaterial, { scheme: 'ringcx' }>): Promise<CryptoKey> {
  if (material.alg === 'HS256') {
    // The ASCII bytes of the 24-character secret, as standard JWT libraries use a string secret.
    return webcrypto.subtle.importKey('raw', Buffer.from(material.secret, 'ascii'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
  }
  return (await importJWK({ ...material.publicJwk, alg: 'RS256' }, 'RS256')) as CryptoKey
}

/**
 * Imports every key once into the form verification uses.
 *
 * @example
 * const ring = await createKeyRing(report.keys)
 * ring.ringcx.get('rsa_2026')?.alg // 'RS256'
 */
export async function createKeyRing(entries: readonly KeyRingEntry[]): Promise<KeyRing> {
  const ringcx = new Map<string, RingcxVerificationKey>()
  const roxchat: RoxchatHashKey[] = []
  for (const { material, info } of entries) {
    if (material.scheme === 'ringcx') {
      ringcx.set(material.kid, {
        kid: material.kid,
        alg: material.alg,
        fingerprint: info.fingerprint,
        cryptoKey: await importRingcxKey(material),
        ...(material.alg === 'HS256' ? { secret: material.secret } : {}),
      })
    } else {
      roxchat.push({
        kid: material.kid,
        fingerprint: info.fingerprint,
        secret: material.secret,
        hmacKey: createSecretKey(Buffer.from(material.secret, 'utf8')),
      })
    }
  }
  return { ringcx, roxchat }
}
