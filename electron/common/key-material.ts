import type { SchemeId, SchemeType } from './schemes'

/** A secret key as it is stored: the one place a secret lives in plain form. */
export interface SecretKeyMaterial<S extends string = string, A extends string = string> {
  readonly scheme: S
  readonly kid: string
  readonly alg: A
  readonly secret: string
}

/** An RSA public key as it is stored. */
export interface PublicKeyMaterial<S extends string = string, A extends string = string> {
  readonly scheme: S
  readonly kid: string
  readonly alg: A
  readonly publicJwk: RsaPublicJwk
}

/**
 * Key material as it is stored, of every scheme (see each scheme's keys.ts).
 * Never send these objects to the renderer; send {@link KeyInfo} instead.
 */
export type KeyMaterial = SchemeType<'material'>

/** Key material of any scheme, a scheme registered at run time included. */
export type AnyKeyMaterial = SecretKeyMaterial | PublicKeyMaterial

export type KeyAlgorithm = KeyMaterial['alg']

export interface RsaPublicJwk {
  readonly kty: 'RSA'
  readonly n: string
  readonly e: string
}

/** What may be shown about a key anywhere: no secret, no key bytes. */
export interface KeyInfo {
  readonly scheme: SchemeId
  readonly kid: string
  readonly alg: KeyAlgorithm
  readonly fingerprint: string
  /** RSA modulus length; absent for secrets. */
  readonly bits?: number
}

export const MIN_RSA_BITS = 2048

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
  | 'key-rsa-exponent-weak'
  | 'key-encrypted'
  | 'key-material-missing'
  | 'key-duplicate-kid'
  | 'key-set-too-large'

export type KeyWarningCode =
  | 'key-private-reduced'
  | 'key-certificate-chain'
  | 'key-pem-several-blocks'
  | 'key-secret-whitespace'

export type KeyFileFormat = 'manifest' | 'jwks' | 'jwk' | 'pem' | 'certificate' | 'secret'
