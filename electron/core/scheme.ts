/**
 * A vendor ("scheme") as the engine sees it: its vocabulary and the rules it brings. Each scheme
 * implements this once under core/<scheme>/ and is registered in core/schemes.ts; the
 * orchestrators (key parsing, the key ring, detection, inspection, signing) dispatch through it.
 */
import type { KeyMaterial } from '../common/key-material'
import type { SchemeVocabulary } from '../common/scheme-vocabulary'
import type { KeyCandidate, KeyEntryMembers } from './key-candidate'
import type { KeyRingEntry } from './key-ring'

/** The types a scheme's engine is made of. */
export interface EngineTypeBundle {
  readonly material: KeyMaterial
  /** The scheme's part of the key ring: its keys imported once, in the form its checks use. */
  readonly ring: unknown
}

/** How a scheme reads key files and builds its part of the key ring. */
export interface SchemeKeys<M extends KeyMaterial = KeyMaterial, R = unknown> {
  /** A key manifest entry of this scheme (its scheme and Key ID already read). */
  fromManifestEntry(members: KeyEntryMembers, kid: string): KeyCandidate<M>
  /** A one-line text secret named with `SCHEME:KID=FILE`. */
  fromSecretText(secret: string, kid: string): KeyCandidate<M>
  /** A JWK (alone or in a JWKS): only the scheme whose keys JWKs are takes them. */
  fromJwk?(jwk: Readonly<Record<string, unknown>>, kid: string): KeyCandidate<M>
  /** A PEM public or private key or an X.509 certificate: only the scheme that takes RSA keys. */
  fromPem?(pem: string, kid: string): KeyCandidate<M>
  /** Imports the scheme's keys once into the form its checks use. */
  ring(entries: readonly KeyRingEntry<M>[]): Promise<R>
}

export interface Scheme<T extends EngineTypeBundle = EngineTypeBundle> {
  readonly id: string
  readonly vocabulary: SchemeVocabulary
  readonly keys: SchemeKeys<T['material'], T['ring']>
}
