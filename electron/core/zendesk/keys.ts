/**
 * Zendesk keys: each signing key's shared secret (as text), named by the key ID Zendesk shows.
 */
import type { ZendeskKeyMaterial } from '../../common/zendesk'
import { hmacSchemeKeys, type HmacKey } from '../hmac-kit'
import type { SchemeKeys } from '../scheme'

export type ZendeskRing = readonly HmacKey[]

export const ZENDESK_KEYS: SchemeKeys<ZendeskKeyMaterial, ZendeskRing> = hmacSchemeKeys('zendesk', 'Zendesk')
