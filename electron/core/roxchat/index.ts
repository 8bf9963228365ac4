/**
 * Rox.Chat: the engine's room. Its vocabulary is common/roxchat/.
 */
import { ROXCHAT, type SignRoxchatRequest } from '../../common/roxchat'
import type { RoxchatKeyMaterial } from '../../common/roxchat/keys'
import type { Scheme } from '../scheme'
import { ROXCHAT_DETECTORS, type RoxchatPayload } from './detect'
import { diagnoseRoxchat, inspectRoxchat, roxchatTimeLimits } from './inspect'
import { ROXCHAT_KEYS, type RoxchatRing } from './keys'
import { ROXCHAT_SIGNER, type RoxchatSigningKey } from './signer'

export type { RoxchatPayload } from './detect'
export type { RoxchatSigningKey } from './signer'

export type { RoxchatHashKey, RoxchatRing } from './keys'

export interface RoxchatEngineTypes {
  readonly payload: RoxchatPayload
  readonly material: RoxchatKeyMaterial
  readonly ring: RoxchatRing
  readonly signRequest: SignRoxchatRequest
  readonly signingKey: RoxchatSigningKey
}

export const ROXCHAT_SCHEME: Scheme<RoxchatEngineTypes> = {
  id: ROXCHAT.id,
  vocabulary: ROXCHAT,
  detect: ROXCHAT_DETECTORS,
  keys: ROXCHAT_KEYS,
  inspect: inspectRoxchat,
  diagnose: diagnoseRoxchat,
  timeLimits: roxchatTimeLimits,
  signer: ROXCHAT_SIGNER,
}
