/**
 * One description, one language, one complete program that signs the identity on the website's
 * server. Pure and browser-safe: the renderer calls it as the language picker changes.
 */
import {
  FIXIT_LANGUAGES,
  fixitDescriptionProblem,
  type FixitDescription,
  type FixitJsonValue,
  type FixitLanguage,
} from './description'
import { csharp } from './languages/csharp'
import { go } from './languages/go'
import { java } from './languages/java'
import type { LanguageGenerator } from './languages/language'
import { node } from './languages/node'
import { php } from './languages/php'
import { python } from './languages/python'
import { ruby } from './languages/ruby'
import { wellFormed } from './literals'
import { commentBlock, headerLines } from './program-text'

const GENERATORS: Readonly<Record<FixitLanguage, LanguageGenerator>> = { node, python, php, java, go, csharp, ruby }
const COMMENT_MARKERS: Readonly<Record<FixitLanguage, string>> = { node: '//', python: '#', php: '//', java: '//', go: '//', csharp: '//', ruby: '#' }

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
 * Generates the program that prints the identity's token (RingCX) or visitor object (Rox.Chat),
 * reading the key from SIGNING_KEY. Every value of the description is embedded as an escaped
 * literal (see literals.ts); no key, signature or hash is ever part of a description.
 *
 * @throws TypeError when the description is not sound (see {@link fixitDescriptionProblem}).
 * @example
 * generateFixitProgram({ scheme: 'roxchat', algorithm: 'hmac-sha256', fields: { id: '42' }, lifetimeSeconds: 3600 }, 'python').text
 */
export function generateFixitProgram(description: FixitDescription, language: FixitLanguage): FixitProgram {
  if (!(FIXIT_LANGUAGES as readonly string[]).includes(language)) throw new TypeError(`unknown language "${String(language)}"`)
  const problem = fixitDescriptionProblem(description) ?? namesProblem(description)
  if (problem !== null) throw new TypeError(`cannot generate a program: ${problem}`)
  const generator = GENERATORS[language]
  const facts = generator.facts(description)
  const comment = commentBlock(headerLines(description, facts), COMMENT_MARKERS[language])
  const text = description.scheme === 'ringcx' ? generator.ringcx(description, comment) : generator.roxchat(description, comment)
  return { language, fileName: facts.fileName, run: facts.run, library: facts.library.join(' '), text }
}

/** Every language's program for one description, in picker order. */
export function generateFixitPrograms(description: FixitDescription): readonly FixitProgram[] {
  return FIXIT_LANGUAGES.map((language) => generateFixitProgram(description, language))
}

/**
 * Names that become one name once lone surrogates are repaired would be duplicate keys in the
 * program (a compile error in Go, a silently lost value elsewhere).
 */
function namesProblem(description: FixitDescription): string | null {
  const root: FixitJsonValue = description.scheme === 'ringcx' ? description.claims : description.fields
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
