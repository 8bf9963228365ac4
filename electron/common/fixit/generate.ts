/**
 * One description, one language, one complete program that signs the identity on the website's
 * server. Pure and browser-safe: the renderer calls it as the language picker changes. The
 * scheme's hook (common/<scheme>/fixit/) writes the program; this checks, names and frames it.
 */
import { fixitDescriptionProblem, fixitOf, type FixitDescription } from './description'
import type { FixitJsonValue } from './describe-kit'
import { FIXIT_LANGUAGES, type FixitLanguage } from './languages/language'
import { wellFormed } from './literals'
import { commentBlock, headerLines, languageFacts } from './program-text'
import type { SchemeFixit } from './scheme-fixit'

export interface FixitProgram {
  readonly language: FixitLanguage
  /** The file name the program expects (Java: the class name; C#: the project's Program.cs). */
  readonly fileName: string
  /** The command that runs it once SIGNING_KEY is set. */
  readonly run: string
  /** Which library it uses, and the usual one where that is another (the program says so too). */
  readonly library: string
  /** The program's source text, printable ASCII only. */
  readonly text: string
}

/**
 * Generates the program that prints the identity (RingCX: its token; Rox.Chat: its visitor
 * object), reading the key from SIGNING_KEY. Every value of the description is embedded as an
 * escaped literal (see literals.ts); no key, signature or hash is ever part of a description.
 *
 * @throws TypeError when the description is not sound (see {@link fixitDescriptionProblem}).
 * @example
 * generateFixitProgram({ scheme: 'roxchat', algorithm: 'hmac-sha256', fields: { id: '42' }, lifetimeSeconds: 3600 }, 'python').text
 */
export function generateFixitProgram(description: FixitDescription, language: FixitLanguage): FixitProgram {
  if (!(FIXIT_LANGUAGES as readonly string[]).includes(language)) throw new TypeError(`unknown language "${String(language)}"`)
  const fixit = fixitOf(description.scheme) as SchemeFixit<FixitDescription> | undefined
  const problem = fixitDescriptionProblem(description) ?? (fixit === undefined ? null : namesProblem(fixit.names(description)))
  if (problem !== null || fixit === undefined) throw new TypeError(`cannot generate a program: ${problem ?? 'the scheme offers none'}`)
  const generator = fixit.languages[language]
  const facts = languageFacts(language, fixit.fileWords, generator.library(description))
  const comment = commentBlock(headerLines(fixit.header(description), facts), language)
  return { language, fileName: facts.fileName, run: facts.run, library: facts.library.join(' '), text: generator.text(description, comment) }
}

/** Every language's program for one description, in picker order. */
export function generateFixitPrograms(description: FixitDescription): readonly FixitProgram[] {
  return FIXIT_LANGUAGES.map((language) => generateFixitProgram(description, language))
}

/**
 * Names that become one name once lone surrogates are repaired would be duplicate keys in the
 * program (a compile error in Go, a silently lost value elsewhere).
 */
function namesProblem(root: FixitJsonValue): string | null {
  const pending: FixitJsonValue[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      pending.push(...(value as readonly FixitJsonValue[]))
      continue
    }
    const record = value as Readonly<Record<string, FixitJsonValue>>
    const seen = new Set<string>()
    for (const name of Object.keys(record)) {
      const repaired = wellFormed(name)
      if (seen.has(repaired)) return `two names are the same text once lone surrogates are replaced (${JSON.stringify(repaired)})`
      seen.add(repaired)
      pending.push(record[name] as FixitJsonValue)
    }
  }
  return null
}
