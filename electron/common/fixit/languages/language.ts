/** The shape of one language's program generator. */
import type { FixitDescription, RingcxFixitDescription, RoxchatFixitDescription } from '../description'
import type { LanguageFacts } from '../program-text'

export interface LanguageGenerator {
  readonly facts: (description: FixitDescription) => LanguageFacts
  /** The program text after its opening comment (`comment` is that comment, already marked). */
  readonly ringcx: (description: RingcxFixitDescription, comment: string) => string
  readonly roxchat: (description: RoxchatFixitDescription, comment: string) => string
}

/** Joins program lines, ending the text with one line break. */
export function program(...lines: readonly (string | false)[]): string {
  return `${lines.filter((line): line is string => line !== false).join('\n')}\n`
}
