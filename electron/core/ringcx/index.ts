/**
 * RingCX Messaging: the engine's room. Its vocabulary is common/ringcx/.
 */
import { RINGCX, type SignRingcxRequest } from '../../common/ringcx'
import type { RingcxKeyMaterial } from '../../common/ringcx/keys'
import { buildRenewalTimelines } from '../capture/renewal-timeline'
import type { Scheme } from '../scheme'
import { RINGCX_DETECTORS, type RingcxPayload } from './detect'
import { diagnoseRingcx, inspectRingcx, ringcxTimeLimits } from './inspect'
import { RINGCX_KEYS, type RingcxRing } from './keys'
import { RINGCX_SIGNER, type RingcxSigningKey } from './signer'

export type { RingcxPayload } from './detect'
export type { RingcxSigningKey } from './signer'

export type { RingcxRing, RingcxVerificationKey } from './keys'

export interface RingcxEngineTypes {
  readonly payload: RingcxPayload
  readonly material: RingcxKeyMaterial
  readonly ring: RingcxRing
  readonly signRequest: SignRingcxRequest
  readonly signingKey: RingcxSigningKey
}

export const RINGCX_SCHEME: Scheme<RingcxEngineTypes> = {
  id: RINGCX.id,
  vocabulary: RINGCX,
  detect: RINGCX_DETECTORS,
  keys: RINGCX_KEYS,
  inspect: inspectRingcx,
  diagnose: diagnoseRingcx,
  timeLimits: ringcxTimeLimits,
  renewalTimelines: (identities, spans, settings) => buildRenewalTimelines(identities, spans, settings.ringcx.minExpirySeconds),
  signer: RINGCX_SIGNER,
}
