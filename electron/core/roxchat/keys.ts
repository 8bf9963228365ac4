/**
 * Rox.Chat keys: the account's private key as text, hashed with directly or as an HMAC key.
 */
import { createSecretKey, type KeyObject } from 'node:crypto'
import { MAX_ROXCHAT_SECRET_LENGTH, type RoxchatKeyMaterial } from '../../common/roxchat/keys'
import { fail, type KeyCandidate } from '../key-candidate'
import type { SchemeKeys } from '../scheme'

/** A Rox.Chat private key ready for hashing. */
export interface RoxchatHashKey {
  readonly kid: string
  readonly fingerprint: string
  /** The key as text: the SHA/MD5 variants append it to the message. */
  readonly secret: string
  /** The same key for HMAC, created once. */
  readonly hmacKey: KeyObject
}

/** Rox.Chat's part of the key ring: every key is tried, in import order. */
export type RoxchatRing = readonly RoxchatHashKey[]

function roxchatSecret(secret: string): string {
  if (secret.length === 0) fail('key-secret-invalid', 'the Rox.Chat private key is empty')
  if (secret.length > MAX_ROXCHAT_SECRET_LENGTH) {
    fail('key-secret-invalid', `the Rox.Chat private key is longer than ${MAX_ROXCHAT_SECRET_LENGTH} characters`)
  }
  return secret
}

function secretCandidate(kid: string, secret: string): KeyCandidate<RoxchatKeyMaterial> {
  return { material: { scheme: 'roxchat', kid, alg: 'secret', secret: roxchatSecret(secret) }, warnings: [] }
}

export const ROXCHAT_KEYS: SchemeKeys<RoxchatKeyMaterial, RoxchatRing> = {
  fromManifestEntry({ secret, alg }, kid) {
    if (alg !== undefined) fail('key-alg-invalid', 'a Rox.Chat key is not bound to an algorithm: the account setting chooses it')
    if (typeof secret !== 'string') fail('key-material-missing', 'a Rox.Chat key needs "secret" (the account\'s private key as text)')
    return secretCandidate(kid, secret)
  },

  fromSecretText: (secret, kid) => secretCandidate(kid, secret),

  async ring(entries) {
    return entries.map(({ material, info }) => ({
      kid: material.kid,
      fingerprint: info.fingerprint,
      secret: material.secret,
      hmacKey: createSecretKey(Buffer.from(material.secret, 'utf8')),
    }))
  },
}
