/**
 * The keys one inspection may use, keyed by scheme: each scheme imports its keys once into the
 * form its checks use (see its keys.ts).
 */
import type { AnyKeyMaterial, KeyInfo, KeyMaterial } from '../common/key-material'
import type { SchemeId } from '../common/schemes'
import { schemes, type EngineTypes } from './schemes'

/** Every scheme's part of the key ring. */
export type KeyRing = { readonly [S in SchemeId]: EngineTypes[S]['ring'] }

export interface KeyRingEntry<M extends AnyKeyMaterial = KeyMaterial> {
  readonly material: M
  /**
   * What is known of the key, its fingerprint above all. Left out by the command line: a secret's
   * fingerprint costs a slow scrypt, so it is computed only for a key that matches, when read
   * (see fingerprintSource in key-fingerprint.ts).
   */
  readonly info?: KeyInfo
}

/**
 * Imports every key once into the form verification uses.
 *
 * @example
 * const ring = await createKeyRing(report.keys)
 * ring.ringcx.get('rsa_2026')?.alg // 'RS256'
 */
export async function createKeyRing(entries: readonly KeyRingEntry[]): Promise<KeyRing> {
  const ring: Record<string, unknown> = {}
  for (const scheme of schemes()) {
    ring[scheme.id] = await scheme.keys.ring(entries.filter((entry) => entry.material.scheme === scheme.id))
  }
  return ring as KeyRing
}

/** A scheme's part of the ring, for a scheme the ring's type does not name (one registered at run time). */
export function ringPart(ring: KeyRing, id: string): unknown {
  return (ring as Readonly<Record<string, unknown>>)[id]
}
