/**
 * Extra-value mapping patterns, compiled and matched by re2js: a linear-time engine, so a
 * pattern such as `(a+)+$` cannot take minutes on a long value the way a backtracking engine
 * does. The one place a mapping pattern is compiled — settings validation, the core's mapping
 * and the Settings view's live tester all come here — and never through `RegExp`.
 *
 * Browser-safe: no `node:*`, no `Buffer`.
 */
import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js'

/** Longest pattern accepted, in characters. */
export const MAX_MAPPING_PATTERN_LENGTH = 500
/**
 * Largest compiled program accepted. Matching costs up to one step per instruction per character,
 * so this (with the value bound below) keeps a worst-case test to tens of milliseconds; repeat counts
 * such as `[0-9]{1,1000}` stay well under it.
 */
export const MAX_MAPPING_PATTERN_INSTRUCTIONS = 10_000
/** Longest value a pattern is tested against, in characters; longer values are never mapped. */
export const MAX_MAPPING_VALUE_LENGTH = 1000

export type MappingPatternProblemCode =
  /** Not a pattern at all (unbalanced brackets, a bad escape…). */
  | 'settings-pattern-invalid'
  /** A construct re2js does not run: backreference, lookaround, atomic group, possessive repeat, `\u` escape. */
  | 'settings-pattern-unsupported'
  /** Over {@link MAX_MAPPING_PATTERN_LENGTH} characters or {@link MAX_MAPPING_PATTERN_INSTRUCTIONS} instructions. */
  | 'settings-pattern-too-large'

export interface MappingPatternProblem {
  readonly code: MappingPatternProblemCode
  /** Reads after the setting's path: "ringcx.extraValueMappings[0].regex is longer than …". */
  readonly message: string
}

/** A compiled pattern. It has no `test()` on purpose: a mapping pattern matches whole values only. */
export interface MappingPattern {
  readonly source: string
  /** Whether the whole value matches; 'too-long' (not tested) over {@link MAX_MAPPING_VALUE_LENGTH} characters. */
  matchWhole(value: string): MappingTestResult
}

export type MappingTestResult = 'match' | 'no-match' | 'too-long'

export type CompiledMappingPattern =
  | { readonly ok: true; readonly pattern: MappingPattern }
  | { readonly ok: false; readonly problem: MappingPatternProblem }

const CANNOT = 'which mapping patterns cannot have: they run in linear time, so that no value can make them hang'

/** What re2js's refusal means in the user's words, for the constructs people bring from JavaScript. */
function unsupportedConstruct(error: RE2JSSyntaxException): string | null {
  const at = error.getPattern() ?? ''
  if (/^\\([1-9]|k)/.test(at)) return `uses a backreference (such as \\1), ${CANNOT}`
  if (/^\(\?<?[=!]/.test(at)) return `uses a lookahead or lookbehind ((?=…), (?!…), (?<=…) or (?<!…)), ${CANNOT}`
  if (at.startsWith('(?>')) return `uses an atomic group ((?>…)), ${CANNOT}`
  if (error.getDescription() === 'invalid nested repetition operator' && at.endsWith('+')) return `uses a possessive repeat (such as a++), ${CANNOT}`
  if (at.startsWith('\\u')) return 'uses \\u, which mapping patterns do not know: write a character by its code as \\x{00E9}'
  return null
}

function compileUncached(source: string): CompiledMappingPattern {
  if (source.length > MAX_MAPPING_PATTERN_LENGTH) {
    return { ok: false, problem: { code: 'settings-pattern-too-large', message: `is longer than ${MAX_MAPPING_PATTERN_LENGTH} characters` } }
  }
  let compiled: RE2JS
  try {
    compiled = RE2JS.compile(source)
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) {
      const unsupported = unsupportedConstruct(error)
      if (unsupported !== null) return { ok: false, problem: { code: 'settings-pattern-unsupported', message: unsupported } }
      const at = error.getPattern()
      const where = at === null || at === '' ? '' : ` at “${at.slice(0, 40)}”`
      return { ok: false, problem: { code: 'settings-pattern-invalid', message: `is not a valid regular expression: ${error.getDescription()}${where}` } }
    }
    if (error instanceof RE2JSException) {
      return { ok: false, problem: { code: 'settings-pattern-too-large', message: 'is too complex to test quickly: use smaller repeat counts' } }
    }
    throw error
  }
  if (compiled.re2().numberOfInstructions() > MAX_MAPPING_PATTERN_INSTRUCTIONS) {
    return { ok: false, problem: { code: 'settings-pattern-too-large', message: 'is too complex to test quickly: use smaller repeat counts' } }
  }
  const pattern: MappingPattern = {
    source,
    matchWhole(value) {
      if (value.length > MAX_MAPPING_VALUE_LENGTH) return 'too-long'
      // testExact anchors both ends itself: no wrapping of the source that could change its meaning.
      return compiled.testExact(value) ? 'match' : 'no-match'
    },
  }
  return { ok: true, pattern: Object.freeze(pattern) }
}

/** Compiled patterns by source: settings are validated on every inspection and every keystroke. */
const cache = new Map<string, CompiledMappingPattern>()
const MAX_CACHED = 512

/**
 * Compiles a mapping pattern with re2js, or says in the user's words why it cannot be used.
 * Results are cached by source.
 *
 * @example
 * const compiled = compileMappingPattern('[0-9]{6}')
 * compiled.ok && compiled.pattern.matchWhole('004217') // 'match'
 * compileMappingPattern('(a)\\1') // { ok: false, problem: { code: 'settings-pattern-unsupported', … } }
 */
export function compileMappingPattern(source: string): CompiledMappingPattern {
  let compiled = cache.get(source)
  if (compiled === undefined) {
    compiled = compileUncached(source)
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(source, compiled)
  }
  return compiled
}
