/**
 * "Show the website team the fix": the server-side program that signs an inspected identity
 * correctly, in seven languages. Browser-safe; the one entry the CLI and the renderer import.
 */
export {
  FIXIT_LANGUAGES,
  FIXIT_LANGUAGE_LABELS,
  FIXIT_RINGCX_ALGS,
  FIXIT_ROXCHAT_ALGORITHMS,
  FIXIT_MAX_DEPTH,
  FIXIT_MAX_LIFETIME_SECONDS,
  RINGCX_LIFETIME_MARGIN_SECONDS,
  RINGCX_MIN_EXPIRY_SECONDS,
  ROXCHAT_DEFAULT_LIFETIME_SECONDS,
  fixitDescriptionProblem,
  isFixitLanguage,
  type FixitDescription,
  type FixitJsonValue,
  type FixitLanguage,
  type FixitRingcxAlg,
  type FixitRoxchatAlgorithm,
  type RingcxFixitDescription,
  type RoxchatFixitDescription,
} from './description'
export {
  FIXIT_PLACEHOLDER_KID,
  describeFixit,
  type DescribeFixitOptions,
  type DescribeFixitResult,
  type FixitFailureCode,
  type FixitInspection,
  type FixitNote,
  type FixitNoteCode,
} from './from-inspection'
export { generateFixitProgram, generateFixitPrograms, type FixitProgram } from './generate'
