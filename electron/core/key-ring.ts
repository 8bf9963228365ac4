import { createSecretKey, webcrypto, type KeyObject } from 'node:crypto'
import { importJWK, type CryptoKey } from 'jose'
import { fingerprintKey, fingerprintKeySync } from './key-fingerprint'
import type { KeyInfo, KeyMaterial } from './key-material'

/**
 * A RingCX key ready for verification: imported once, bound to one algorithm.
 * `fingerprint` of a key that came without one is computed when first read (see {@link KeyRingEntry}).
 */
export interface RingcxVerificationKey {
  readonly kid: string
  readonly alg: 'HS256' | 'RS256'
  readonly fingerprint: string
  readonly cryptoKey: CryptoKey
  /** HS256 only: the secret text, for the near-miss diagnosis. Main process only. */
  readonly secret?: string
}

/** A Rox.Chat private key ready for hashing; `fingerprint` as for {@link RingcxVerificationKey}. */
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
  /**
   * What is known of the key, its fingerprint above all. Left out by the command line: a secret's
   * fingerprint costs a slow scrypt, so it is computed only for a key that matches, when read.
   */
  readonly info?: KeyInfo
}

/** The fingerprint now when it is known or cheap (RSA), else a function that computes it once. */
async function fingerprintSource(entry: KeyRingEntry): Promise<string | (() => string)> {
  if (entry.info !== undefined) return entry.info.fingerprint
  if (entry.material.alg === 'RS256') return fingerprintKey(entry.material)
  const { material } = entry
  let computed: string | undefined
  return () => (computed ??= fingerprintKeySync(material))
}

/** Adds a `fingerprint` member: a value, or a getter over the function. */
function withFingerprint<T extends object>(key: T, source: string | (() => string)): T & { readonly fingerprint: string } {
  if (typeof source === 'string') return { ...key, fingerprint: source }
  return Object.defineProperty(key, 'fingerprint', { get: source, enumerable: true }) as T & { readonly fingerprint: string }
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
  for (const entry of entries) {
    const { material } = entry
    const fingerprint = await fingerprintSource(entry)
    if (material.scheme === 'ringcx') {
      ringcx.set(material.kid, withFingerprint({
        kid: material.kid,
        alg: material.alg,
        cryptoKey: await importRingcxKey(material),
        ...(material.alg === 'HS256' ? { secret: material.secret } : {}),
      }, fingerprint))
    } else {
      roxchat.push(withFingerprint({
        kid: material.kid,
        secret: material.secret,
        hmacKey: createSecretKey(Buffer.from(material.secret, 'utf8')),
      }, fingerprint))
    }
  }
  return { ringcx, roxchat }
}
