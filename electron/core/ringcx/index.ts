/**
 * RingCX Messaging: the engine's room. Its vocabulary is common/ringcx/.
 */
import { RINGCX } from '../../common/ringcx'
import type { RingcxKeyMaterial } from '../../common/ringcx/keys'
import type { Scheme } from '../scheme'
import { RINGCX_DETECTORS, type RingcxPayload } from './detect'
import { diagnoseRingcx, inspectRingcx } from './inspect'
import { RINGCX_KEYS, type RingcxRing } from './keys'

export type { RingcxPayload } from './detect'

export type { RingcxRing, RingcxVerificationKey } from './keys'

export interface RingcxEngineTypes {
  readonly payload: RingcxPayload
  readonly material: RingcxKeyMaterial
  readonly ring: RingcxRing
}

export const RINGCX_SCHEME: Scheme<RingcxEngineTypes> = {
  id: RINGCX.id,
  vocabulary: RINGCX,
  detect: RINGCX_DETECTORS,
  keys: RINGCX_KEYS,
  inspect: inspectRingcx,
  diagnose: diagnoseRingcx,
}
