/**
 * Zendesk messaging: the engine's room. Its vocabulary is common/zendesk/; its sources are in SOURCES.md.
 */
import { ZENDESK, type SignZendeskRequest, type ZendeskKeyMaterial } from '../../common/zendesk'
import type { Scheme } from '../scheme'
import { ZENDESK_DETECTORS, type ZendeskPayload } from './detect'
import { diagnoseZendesk, inspectZendesk, zendeskTimeLimits } from './inspect'
import { ZENDESK_KEYS, type ZendeskRing } from './keys'
import { ZENDESK_SIGNER, type ZendeskSigningKey } from './signer'

export type { ZendeskPayload } from './detect'

export interface ZendeskEngineTypes {
  readonly payload: ZendeskPayload
  readonly material: ZendeskKeyMaterial
  readonly ring: ZendeskRing
  readonly signRequest: SignZendeskRequest
  readonly signingKey: ZendeskSigningKey
}

export const ZENDESK_SCHEME: Scheme<ZendeskEngineTypes> = {
  id: ZENDESK.id,
  vocabulary: ZENDESK,
  detect: ZENDESK_DETECTORS,
  keys: ZENDESK_KEYS,
  inspect: inspectZendesk,
  diagnose: diagnoseZendesk,
  timeLimits: zendeskTimeLimits,
  signer: ZENDESK_SIGNER,
}
