import { scrypt } from 'node:crypto'
import { calculateJwkThumbprint } from 'jose'
import type { KeyMaterial, RsaPublicJwk } from '../common/key-material'

/** Fixed salt: fingerprints must be comparable between machines. */
const SECRET_FINGERPRINT_SALT = 'visitor-inspector/secret-fingerprint/v1'

function scryptAsync(secret: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, SECRET_FINGERPRINT_SALT, 16, { N: 16384, r: 8, p: 1 }, (error, derived) => {
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
export async function fingerprintKey(material: KeyMaterial): Promise<string> {
  if ('publicJwk' in material) return fingerprintPublicJwk(material.publicJwk)
  return `secret:${(await scryptAsync(material.secret)).toString('base64url')}`
}

/** The fingerprint of an RSA public key: its RFC 7638 thumbprint. */
export async function fingerprintPublicJwk(jwk: RsaPublicJwk): Promise<string> {
  return `rsa:${await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e })}`
}
