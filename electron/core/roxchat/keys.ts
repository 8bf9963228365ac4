/**
 * Rox.Chat keys: the account's private key as text, hashed with directly or as an HMAC key.
 */
import { createSecretKey, type KeyObject } from 'node:crypto'
import { MAX_ROXCHAT_SECRET_LENGTH, type RoxchatKeyMaterial } from '../../common/roxchat/keys'
import type { KeyWarningCode } from '../../common/key-material'
import { fail, type KeyCandidate, type KeyNote } from '../key-candidate'
import { fingerprintSource, withFingerprint } from '../key-fingerprint'
import type { SchemeKeys } from '../scheme'

/** A Rox.Chat private key ready for hashing; `fingerprint` as for a RingCX verification key. */
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

function whitespaceName(char: string): string {
  if (char === ' ') return 'a space'
  if (char === '\t') return 'a tab'
  if (char === '\n' || char === '\r') return 'a line break'
  return `white space U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * A Rox.Chat private key is used exactly as written (the vendor hashes with the whole text), so
 * white space around it is kept; but it is far more often a copy-and-paste slip than intended.
 */
function secretWhitespaceWarnings(secret: string): KeyNote<KeyWarningCode>[] {
  const first = secret.charAt(0)
  const last = secret.charAt(secret.length - 1)
  const leading = /^\s$/u.test(first)
  const trailing = /^\s$/u.test(last)
  if (!leading && !trailing) return []
  const where = [leading ? `begins with ${whitespaceName(first)}` : null, trailing ? `ends with ${whitespaceName(last)}` : null].filter(Boolean).join(' and ')
  return [{
    code: 'key-secret-whitespace',
    message: `the Rox.Chat private key ${where}; it is kept as written, so only a website hashing with that white space will match: check that it was not copied with it by mistake`,
  }]
}

function secretCandidate(kid: string, secret: string): KeyCandidate<RoxchatKeyMaterial> {
  return { material: { scheme: 'roxchat', kid, alg: 'secret', secret: roxchatSecret(secret) }, warnings: secretWhitespaceWarnings(secret) }
}

export const ROXCHAT_KEYS: SchemeKeys<RoxchatKeyMaterial, RoxchatRing> = {
  fromManifestEntry({ secret, alg }, kid) {
    if (alg !== undefined) fail('key-alg-invalid', 'a Rox.Chat key is not bound to an algorithm: the account setting chooses it')
    if (typeof secret !== 'string') fail('key-material-missing', 'a Rox.Chat key needs "secret" (the account\'s private key as text)')
    return secretCandidate(kid, secret)
  },

  fromSecretText: (secret, kid) => secretCandidate(kid, secret),

  async ring(entries) {
    const ring: RoxchatHashKey[] = []
    for (const entry of entries) {
      const { material } = entry
      ring.push(withFingerprint({
        kid: material.kid,
        secret: material.secret,
        hmacKey: createSecretKey(Buffer.from(material.secret, 'utf8')),
      }, await fingerprintSource(entry)))
    }
    return ring
  },

  secrets: (ring) => ring,
}
