/**
 * RingCX's fix programs: the hook its vocabulary offers as `fixit` (see common/fixit/scheme-fixit.ts).
 */
import type { SchemeFixit } from '../../fixit/scheme-fixit'
import type { RingcxSettings } from '../settings'
import { csharp } from './csharp'
import { describeRingcx } from './describe'
import { RINGCX_FIXIT_FILE_WORDS, ringcxFixitHeader, ringcxFixitProblem, type RingcxFixitDescription } from './description'
import { go } from './go'
import { java } from './java'
import { node } from './node'
import { php } from './php'
import { python } from './python'
import { ruby } from './ruby'

export { FIXIT_PLACEHOLDER_KID, RINGCX_LIFETIME_MARGIN_SECONDS, type RingcxFixitNoteCode } from './describe'
export type { FixitRingcxAlg, RingcxFixitDescription } from './description'

export const RINGCX_FIXIT: SchemeFixit<RingcxFixitDescription, RingcxSettings> = {
  fileWords: RINGCX_FIXIT_FILE_WORDS,
  describe: describeRingcx,
  problem: ringcxFixitProblem,
  names: (description) => description.claims,
  header: ringcxFixitHeader,
  languages: { node, python, php, java, go, csharp, ruby },
}
