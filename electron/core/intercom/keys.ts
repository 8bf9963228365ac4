/**
 * Intercom keys: one identity verification secret per platform (web, iOS, Android), named by the
 * platform in the Key ID (`web`, `ios_2026`).
 */
import { intercomPlatformOf, type IntercomKeyMaterial, type IntercomPlatform } from '../../common/intercom'
import { hmacRing, hmacSchemeKeys, type HmacKey } from '../hmac-kit'
import type { SchemeKeys } from '../scheme'

export interface IntercomKey extends HmacKey {
  readonly platform: IntercomPlatform
}

export type IntercomRing = readonly IntercomKey[]

const base = hmacSchemeKeys('intercom', 'Intercom')

export const INTERCOM_KEYS: SchemeKeys<IntercomKeyMaterial, IntercomRing> = {
  fromManifestEntry: base.fromManifestEntry,
  fromSecretText: base.fromSecretText,
  // Object.assign keeps each key's fingerprint getter (computed when first read).
  ring: async (entries) => (await hmacRing(entries)).map((key) => Object.assign(key, { platform: intercomPlatformOf(key.kid) ?? 'web' })),
  secrets: (ring) => ring,
}

/** The ring's keys of one platform, and those of the others (for the diagnosis). */
export function platformKeys(ring: IntercomRing, platform: IntercomPlatform): { own: IntercomKey[]; others: IntercomKey[] } {
  return { own: ring.filter((key) => key.platform === platform), others: ring.filter((key) => key.platform !== platform) }
}
