/**
 * "Show the website team the fix": the server-side program that signs an inspected identity
 * correctly, in seven languages. Browser-safe; the one entry the CLI and the renderer import.
 * Each scheme brings its own programs (its vocabulary's `fixit` hook, common/<scheme>/fixit/);
 * a scheme without them offers none, and describeFixit says so (`fixit-not-offered`).
 */
export { FIXIT_LANGUAGES, FIXIT_LANGUAGE_LABELS, isFixitLanguage, type FixitLanguage } from './languages/language'
export { FIXIT_MAX_DEPTH, FIXIT_MAX_LIFETIME_SECONDS, type FixitJsonValue } from './describe-kit'
export { fixitAlgorithms, fixitDescriptionProblem, fixitSchemeIds, type FixitDescription } from './description'
export { describeFixit, type DescribeFixitOptions } from './from-inspection'
export { generateFixitProgram, generateFixitPrograms, type FixitProgram } from './generate'
export type { DescribeFixitResult, FixitFailureCode, FixitInspection, FixitNote, SchemeFixit } from './scheme-fixit'
