/**
 * Signing Rox.Chat QA samples: a provided visitor with its hash, made with a stored key.
 */
import { createSecretKey } from 'node:crypto'
import type { SignRoxchatRequest } from '../../common/roxchat'
import type { RoxchatKeyMaterial } from '../../common/roxchat/keys'
import type { RoxchatHashAlgorithm } from '../../common/roxchat/settings'
import type { SchemeSigner } from '../scheme'
import { computeRoxchatHash, roxchatHashMessage } from './hash'

export interface RoxchatSigningKey {
  readonly scheme: 'roxchat'
  readonly kid: string
  readonly secret: string
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

export const ROXCHAT_SIGNER: SchemeSigner<SignRoxchatRequest, RoxchatSigningKey> = {
  signingKey(material) {
    const roxchat = material as RoxchatKeyMaterial
    return { scheme: 'roxchat', kid: roxchat.kid, secret: roxchat.secret }
  },

  verificationMaterial: (key) => ({ scheme: 'roxchat', kid: key.kid, alg: 'secret', secret: key.secret }),

  async sign(request, key, context) {
    const expires = request.expires === undefined ? undefined : context.time(request.expires, 'expires')
    const algorithm = request.algorithm ?? context.settings.roxchat.hashAlgorithm
    // The algorithm travels with the sample, so it verifies whatever the account setting is later.
    return { payload: signRoxchatVisitor(key.secret, request.fields, algorithm, expires), config: { roxchat: { hashAlgorithm: algorithm } } }
  },
}
