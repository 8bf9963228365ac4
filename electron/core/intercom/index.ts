/**
 * Intercom: the engine's room. Its vocabulary is common/intercom/; its sources are in SOURCES.md.
 */
import { INTERCOM, type IntercomKeyMaterial, type SignIntercomRequest } from '../../common/intercom'
import type { Scheme } from '../scheme'
import { INTERCOM_DETECTORS, type IntercomPayload } from './detect'
import { diagnoseIntercom, inspectIntercom, intercomTimeLimits } from './inspect'
import { INTERCOM_KEYS, type IntercomRing } from './keys'
import { INTERCOM_SIGNER, type IntercomSigningKey } from './signer'

export type { IntercomPayload } from './detect'

export interface IntercomEngineTypes {
  readonly payload: IntercomPayload
  readonly material: IntercomKeyMaterial
  readonly ring: IntercomRing
  readonly signRequest: SignIntercomRequest
  readonly signingKey: IntercomSigningKey
}

export const INTERCOM_SCHEME: Scheme<IntercomEngineTypes> = {
  id: INTERCOM.id,
  vocabulary: INTERCOM,
  detect: INTERCOM_DETECTORS,
  keys: INTERCOM_KEYS,
  inspect: inspectIntercom,
  diagnose: diagnoseIntercom,
  timeLimits: intercomTimeLimits,
  signer: INTERCOM_SIGNER,
}
