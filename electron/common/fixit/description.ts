/**
 * What a "how the website should sign this" program is generated from: a plain description of one
 * identity, free of any key, signature or hash. Each scheme describes its own (its vocabulary's
 * `fixit` hook, common/<scheme>/fixit/); this checks one through the registry. Browser-safe.
 */
import { vocabularies, vocabularyOf, type SchemeType } from '../schemes'
import { isPlainRecord } from './describe-kit'
import type { SchemeFixit } from './scheme-fixit'

/** A description of any scheme that offers fix programs. */
export type FixitDescription = NonNullable<SchemeType<'fixitDescription'>>

/** The fix-program hook of a registered scheme, or undefined for a scheme that offers none. */
export function fixitOf(scheme: unknown): SchemeFixit | undefined {
  return typeof scheme === 'string' ? vocabularyOf(scheme)?.fixit : undefined
}

/** The ids of the registered schemes that offer fix programs. */
export function fixitSchemeIds(): readonly string[] {
  return vocabularies().filter((vocabulary) => vocabulary.fixit !== undefined).map((vocabulary) => vocabulary.id)
}

/** Every algorithm some scheme lets one ask for (`cli fixit --algorithm`), without repeats. */
export function fixitAlgorithms(): readonly string[] {
  return [...new Set(vocabularies().flatMap((vocabulary) => vocabulary.fixit?.algorithms ?? []))]
}

/** Why a description cannot be generated from: the first problem, or null when it is sound. */
export function fixitDescriptionProblem(description: unknown): string | null {
  if (!isPlainRecord(description)) return 'the description must be an object'
  const fixit = fixitOf(description['scheme'])
  if (fixit === undefined) return `scheme must be ${fixitSchemeIds().join(' or ')}`
  return fixit.problem(description)
}
