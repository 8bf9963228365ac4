/**
 * Rox.Chat's fix programs: the hook its vocabulary offers as `fixit` (see common/fixit/scheme-fixit.ts).
 */
import type { SchemeFixit } from '../../fixit/scheme-fixit'
import { ROXCHAT_HASH_ALGORITHMS, type RoxchatSettings } from '../settings'
import { csharp } from './csharp'
import { describeRoxchat } from './describe'
import { ROXCHAT_FIXIT_FILE_WORDS, roxchatFixitHeader, roxchatFixitProblem, type RoxchatFixitDescription } from './description'
import { go } from './go'
import { java } from './java'
import { node } from './node'
import { php } from './php'
import { python } from './python'
import { ruby } from './ruby'

export { ROXCHAT_DEFAULT_LIFETIME_SECONDS, type RoxchatFixitNoteCode } from './describe'
export type { RoxchatFixitDescription } from './description'

export const ROXCHAT_FIXIT: SchemeFixit<RoxchatFixitDescription, RoxchatSettings> = {
  fileWords: ROXCHAT_FIXIT_FILE_WORDS,
  algorithms: ROXCHAT_HASH_ALGORITHMS,
  describe: describeRoxchat,
  problem: roxchatFixitProblem,
  names: (description) => description.fields,
  header: roxchatFixitHeader,
  languages: { node, python, php, java, go, csharp, ruby },
}
