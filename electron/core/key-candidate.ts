/**
 * What every scheme's key rules build from a key file: a candidate key, or a stable key error.
 */
import type { AnyKeyMaterial, KeyErrorCode, KeyMaterial, KeyWarningCode } from '../common/key-material'

export interface KeyNote<C extends string> {
  readonly code: C
  readonly message: string
}

/** A key that passed its scheme's rules, before it is fingerprinted. */
export interface KeyCandidate<M extends AnyKeyMaterial = KeyMaterial> {
  readonly material: M
  readonly bits?: number
  readonly label?: string
  readonly warnings: KeyNote<KeyWarningCode>[]
}

/** The material members of a key manifest entry, as found (exactly one of the first three is set). */
export interface KeyEntryMembers {
  readonly secret: unknown
  readonly publicKeyPem: unknown
  readonly jwk: unknown
  readonly alg: unknown
}

export class KeyFileError extends Error {
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export function fail(code: KeyErrorCode, message: string): never {
  throw new KeyFileError(code, message)
}

/** A key declared for one algorithm must have material for that algorithm. */
export function checkAlg(declared: unknown, expected: string): void {
  if (declared !== undefined && declared !== expected) {
    fail('key-alg-invalid', `the key is declared for ${JSON.stringify(declared)}, but its material is for ${expected}`)
  }
}
