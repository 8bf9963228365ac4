import type { Scheme } from './inspection'

/**
 * Key material as it is stored: the one place a secret lives in plain form.
 * Never send these objects to the renderer; send {@link KeyInfo} instead.
 */
export type KeyMaterial =
  | { readonly scheme: 'ringcx'; readonly kid: string; readonly alg: 'HS256'; readonly secret: string }
  | { readonly scheme: 'ringcx'; readonly kid: string; readonly alg: 'RS256'; readonly publicJwk: RsaPublicJwk }
  | { readonly scheme: 'roxchat'; readonly kid: string; readonly alg: 'secret'; readonly secret: string }

export type KeyAlgorithm = KeyMaterial['alg']

export interface RsaPublicJwk {
  readonly kty: 'RSA'
  readonly n: string
  readonly e: string
}

/** What may be shown about a key anywhere: no secret, no key bytes. */
export interface KeyInfo {
  readonly scheme: Scheme
  readonly kid: string
  readonly alg: KeyAlgorithm
  readonly fingerprint: string
  /** RSA modulus length; absent for secrets. */
  readonly bits?: number
}

/** RingCX Key IDs: "a-z 0-9 and _", no spaces. */
export const RINGCX_KID_PATTERN = /^[a-z0-9_]{1,128}$/
/** Rox.Chat keys have no vendor ID; ours is a name without spaces. */
export const ROXCHAT_KID_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/
/** RingCX HMAC secret: "a string of 24 characters (0-9 and a-f)". */
export const RINGCX_SECRET_PATTERN = /^[0-9a-f]{24}$/
export const MIN_RSA_BITS = 2048
export const MAX_ROXCHAT_SECRET_LENGTH = 4096

export function kidPatternFor(scheme: Scheme): RegExp {
  return scheme === 'ringcx' ? RINGCX_KID_PATTERN : ROXCHAT_KID_PATTERN
}

/** Why a key in a file cannot be imported; stable, like the inspection codes. */
export type KeyErrorCode =
  | 'key-file-too-large'
  | 'key-file-empty'
  | 'key-format-unrecognised'
  | 'key-json-invalid'
  | 'key-scheme-invalid'
  | 'key-kid-missing'
  | 'key-kid-invalid'
  | 'key-alg-invalid'
  | 'key-secret-invalid'
  | 'key-rsa-invalid'
  | 'key-rsa-too-small'
  | 'key-encrypted'
  | 'key-material-missing'
  | 'key-duplicate-kid'

export type KeyWarningCode = 'key-private-reduced'

export type KeyFileFormat = 'manifest' | 'jwks' | 'jwk' | 'pem' | 'certificate' | 'secret'
