/**
 * The languages a program can be generated in, and what each scheme's program in one of them
 * must provide. Browser-safe; imports nothing of ours.
 */

/** The languages a program can be generated in, in the order the picker shows them. */
export const FIXIT_LANGUAGES = ['node', 'python', 'php', 'java', 'go', 'csharp', 'ruby'] as const
export type FixitLanguage = (typeof FIXIT_LANGUAGES)[number]

export const FIXIT_LANGUAGE_LABELS: Readonly<Record<FixitLanguage, string>> = {
  node: 'Node.js',
  python: 'Python',
  php: 'PHP',
  java: 'Java',
  go: 'Go',
  csharp: 'C#',
  ruby: 'Ruby',
}

export function isFixitLanguage(value: unknown): value is FixitLanguage {
  return typeof value === 'string' && (FIXIT_LANGUAGES as readonly string[]).includes(value)
}

/** One scheme's program in one language. */
export interface SchemeProgram<Description> {
  /** Which library the program uses, and the usual one where that is another (lines of its opening comment). */
  library(description: Description): readonly string[]
  /** The program text after its opening comment (`comment` is that comment, already marked). */
  text(description: Description, comment: string): string
}

/** Joins program lines, ending the text with one line break. */
export function program(...lines: readonly (string | false)[]): string {
  return `${lines.filter((line): line is string => line !== false).join('\n')}\n`
}
