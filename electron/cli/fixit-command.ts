/**
 * `fixit FILE --lang LANG`: prints the server-side program that signs FILE's identity correctly.
 * The program goes to standard output alone (so it can be redirected to a file); what was
 * inspected and what the program changes go to standard error.
 */
import { parseArgs } from 'node:util'
import { FIXIT_LANGUAGES, describeFixit, fixitAlgorithms, generateFixitProgram, isFixitLanguage } from '../common/fixit'
import { inspect } from '../core/inspect'
import { visibleText } from '../core/visible-text'
import type { Inspection } from '../common/inspection'
import { schemeName, vocabularyOf } from '../common/schemes'
import { createKeyRing } from '../core/key-ring'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, UsageError, loadKeys, loadSettings, parseNow, parseScheme, readInput, stderrLines, type CliIo } from './cli-context'
import { FIXIT_USAGE } from './usage'

const LANGUAGES = FIXIT_LANGUAGES.join('|')

/** `a, b, c or d`. */
function wordList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`
}

/**
 * What was inspected, in one line. Without a key for it a signature cannot be checked: the line
 * says so instead of "rejected" with the scheme's no-key code.
 */
function inspectedLine(inspection: Inspection, keysGiven: boolean): string {
  const scheme = schemeName(inspection.scheme, 'Unknown')
  const noKey = new Set<string>(inspection.scheme === null ? [] : vocabularyOf(inspection.scheme)?.codes.noKey ?? [])
  const codes = inspection.errors.map((error) => error.code)
  if (!codes.some((code) => noKey.has(code))) {
    return `${scheme} identity, inspected as ${inspection.verdict}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`
  }
  const others = codes.filter((code) => !noKey.has(code))
  const why = keysGiven ? `no ${scheme} key given for it` : 'no --key given'
  return `${scheme} identity, not verified (${why})${others.length > 0 ? `; other problems: ${others.join(', ')}` : ''}`
}

export async function runFixitCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      lang: { type: 'string' },
      algorithm: { type: 'string' },
      config: { type: 'string' },
      now: { type: 'string' },
      scheme: { type: 'string' },
      key: { type: 'string', multiple: true },
      keystore: { type: 'string' },
    },
  })
  if (values.lang === undefined) throw new UsageError(`fixit needs --lang ${LANGUAGES}`)
  if (!isFixitLanguage(values.lang)) throw new UsageError(`--lang ${values.lang}: use one of ${LANGUAGES}`)
  const language = values.lang
  if (positionals.length !== 1) throw new UsageError('fixit takes exactly one FILE ("-" reads standard input)')
  const file = positionals[0] as string
  const algorithm = values.algorithm
  if (algorithm !== undefined && !fixitAlgorithms().includes(algorithm)) throw new UsageError(`--algorithm ${algorithm}: use ${wordList(fixitAlgorithms())}`)
  const scheme = parseScheme(values.scheme)
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const { settings } = await loadSettings(values.config)
  // No key is needed to generate; keys only let the inspection name the one that matched.
  const keyEntries = await loadKeys(values.key ?? [], values.keystore, stderrLines(io))
  const keys = await createKeyRing(keyEntries)

  const read = await readInput(file, io)
  if (!read.ok) {
    io.stderr.write(`${visibleText(file)}: ${read.message}\n`)
    return read.reason === 'too-large' ? EXIT_REJECTED : EXIT_USAGE
  }
  const inspection = await inspect(read.text, {
    keys,
    settings,
    now: explicitNow ?? io.now(),
    nowIsExplicit: explicitNow !== undefined,
    ...(scheme === undefined ? {} : { scheme }),
  })
  const described = describeFixit(inspection, settings, algorithm === undefined ? {} : { algorithm })
  if (!described.ok) {
    io.stderr.write(`${visibleText(file)}: ${visibleText(described.message)} [${described.code}]\n`)
    return EXIT_REJECTED
  }
  io.stderr.write(`${visibleText(file)}: ${inspectedLine(inspection, keyEntries.length > 0)}\n`)
  for (const note of described.notes) io.stderr.write(`note: ${visibleText(note.message)} [${note.code}]\n`)
  io.stdout.write(generateFixitProgram(described.description, language).text)
  return EXIT_OK
}

export { FIXIT_USAGE }
