import { createHash, scrypt, scryptSync } from 'node:crypto'
import { calculateJwkThumbprint } from 'jose'
import type { MatchedKey } from '../common/inspection'
import type { AnyKeyMaterial, KeyInfo, KeyMaterial, RsaPublicJwk } from '../common/key-material'

/** Fixed salt: fingerprints must be comparable between machines. */
const SECRET_FINGERPRINT_SALT = 'visitor-inspector/secret-fingerprint/v1'
const SCRYPT_LENGTH = 16
const SCRYPT_COST = { N: 16384, r: 8, p: 1 } as const

/**
 * Secret fingerprints computed at once. Each scrypt (about 60 ms and 16 MiB) runs on libuv's
 * thread pool, whose four threads also serve file access: three leave one for the files.
 */
export const FINGERPRINT_CONCURRENCY = 3

function scryptAsync(secret: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, SECRET_FINGERPRINT_SALT, SCRYPT_LENGTH, SCRYPT_COST, (error, derived) => {
      if (error) reject(error)
      else resolve(derived)
    })
  })
}

/**
 * A fingerprint that identifies a key without revealing it.
 *
 * RSA keys: the RFC 7638 JWK thumbprint (`rsa:` prefix), the value other JOSE tools show.
 * Secrets: scrypt of the secret (`secret:` prefix), so that a weak Rox.Chat secret cannot be
 * recovered from its fingerprint by a fast dictionary search.
 *
 * @example
 * await fingerprintKey({ scheme: 'ringcx', kid: 'k1', alg: 'HS256', secret: '0123456789abcdef01234567' })
 * // 'secret:…'
 */
export async function fingerprintKey(material: AnyKeyMaterial): Promise<string> {
  if ('publicJwk' in material) return fingerprintPublicJwk(material.publicJwk)
  return `secret:${(await scryptAsync(material.secret)).toString('base64url')}`
}

/**
 * The same fingerprint, computed on the calling thread: for a key that matched and has none yet
 * (the command line fingerprints only the keys it prints).
 */
export function fingerprintKeySync(material: AnyKeyMaterial): string {
  if ('publicJwk' in material) {
    // RFC 7638: the required members in lexicographic order, no white space.
    const { e, n } = material.publicJwk
    return `rsa:${createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url')}`
  }
  return `secret:${scryptSync(material.secret, SECRET_FINGERPRINT_SALT, SCRYPT_LENGTH, SCRYPT_COST).toString('base64url')}`
}

/**
 * Fingerprints of many keys, {@link FINGERPRINT_CONCURRENCY} at a time, in the order given.
 * `onProgress` hears after each one how many are done.
 *
 * @example
 * const fingerprints = await fingerprintKeys(materials, (done, total) => console.log(`${done}/${total}`))
 */
export async function fingerprintKeys(
  materials: readonly KeyMaterial[],
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const fingerprints = new Array<string>(materials.length)
  let next = 0
  let done = 0
  async function worker(): Promise<void> {
    while (next < materials.length) {
      const index = next++
      fingerprints[index] = await fingerprintKey(materials[index] as KeyMaterial)
      done += 1
      onProgress?.(done, materials.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(FINGERPRINT_CONCURRENCY, materials.length) }, worker))
  return fingerprints
}

/** The fingerprint of an RSA public key: its RFC 7638 thumbprint. */
export async function fingerprintPublicJwk(jwk: RsaPublicJwk): Promise<string> {
  return `rsa:${await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e })}`
}

/**
 * A key's fingerprint for its scheme's part of the key ring: the one known already, an RSA key's
 * now (it is cheap), else a function that computes a secret's once, when first read.
 */
export async function fingerprintSource(entry: { readonly material: AnyKeyMaterial; readonly info?: KeyInfo }): Promise<string | (() => string)> {
  if (entry.info !== undefined) return entry.info.fingerprint
  const { material } = entry
  if ('publicJwk' in material) return fingerprintKey(material)
  let computed: string | undefined
  return () => (computed ??= fingerprintKeySync(material))
}

/** Adds a `fingerprint` member to a key of the ring: a value, or a getter over the function. */
export function withFingerprint<T extends object>(key: T, source: string | (() => string)): T & { readonly fingerprint: string } {
  if (typeof source === 'string') return { ...key, fingerprint: source }
  return Object.defineProperty(key, 'fingerprint', { get: source, enumerable: true }) as T & { readonly fingerprint: string }
}

/**
 * The key an inspection names as the one that matched. Its fingerprint is read from the ring's key
 * only when the inspection's key is read in turn: a secret's scrypt then runs only where the
 * fingerprint is shown or written (a panel, a JSON line), not for a batch line that names no key.
 */
export function matchedKeyOf(key: { readonly kid: string; readonly fingerprint: string }): MatchedKey {
  // An own, enumerable getter (JSON and structured clone read it), written as a literal: cheaper
  // than defineProperty, which a batch pays per file.
  return {
    kid: key.kid,
    get fingerprint() {
      return key.fingerprint
    },
  }
}
