/**
 * RingCX keys: HS256 secrets and RS256 public keys, named by the community's Key IDs.
 */
import type { PublicKeyMaterial, SecretKeyMaterial } from '../key-material'
import type { KeyRules } from '../scheme-vocabulary'

export const RINGCX_ALGORITHMS = ['HS256', 'RS256'] as const
export type RingcxAlgorithm = (typeof RINGCX_ALGORITHMS)[number]

export type RingcxKeyMaterial = SecretKeyMaterial<'ringcx', 'HS256'> | PublicKeyMaterial<'ringcx', 'RS256'>

/** RingCX Key IDs: "a-z 0-9 and _", no spaces. */
export const RINGCX_KID_PATTERN = /^[a-z0-9_]{1,128}$/
/** RingCX HMAC secret: "a string of 24 characters (0-9 and a-f)". */
export const RINGCX_SECRET_PATTERN = /^[0-9a-f]{24}$/

export const RINGCX_KEY_RULES: KeyRules = {
  kidPattern: RINGCX_KID_PATTERN,
  kidRule: 'lower-case letters, digits and _',
  kidHint: 'RingCX Key IDs use only a–z, 0–9 and _ (up to 128 characters).',
  algorithms: { HS256: 'secret', RS256: 'rsa-public' },
  secretProblem: (secret) => (RINGCX_SECRET_PATTERN.test(secret) ? null : 'not a 24-character RingCX secret (0-9, a-f)'),
}
