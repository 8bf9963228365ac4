/**
 * `fixit FILE --lang LANG`: prints the server-side program that signs FILE's identity correctly.
 * The program goes to standard output alone (so it can be redirected to a file); what was
 * inspected and what the program changes go to standard error.
 */
import { parseArgs } from 'node:util'
import { FIXIT_LANGUAGES, FIXIT_ROXCHAT_ALGORITHMS, describeFixit, generateFixitProgram, isFixitLanguage, type FixitInspection, type FixitRoxchatAlgorithm } from '../common/fixit'
import { inspect } from '../core/inspect'
import { visibleText } from '../core/visible-text'
import type { Inspection } from '../common/inspection'
import { schemeName } from '../common/schemes'
import { createKeyRing } from '../core/key-ring'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, UsageError, loadKeys, loadSettings, parseNow, parseScheme, readInput, stderrLines, type CliIo } from './cli-context'

const LANGUAGES = FIXIT_LANGUAGES.join('|')
const NO_KEY_CODES = new Set<string>(['roxchat-no-key', 'ringcx-jwt-unknown-kid'])

export const FIXIT_USAGE = `  cli fixit FILE --lang ${LANGUAGES}
                  [--algorithm hmac-sha256|sha256|sha512|md5] [--config FILE] [--now TIME]
                  [--scheme ringcx|roxchat] [--key FILE]... [--keystore DIR]
                                         print the server-side program that signs FILE's identity
                                         (a payload or a sample) correctly; it reads the key from
                                         SIGNING_KEY. Rox.Chat: --algorithm, else the --config one.
`

/** Without keys a signature cannot be checked: say so instead of "rejected (roxchat-no-key)". */
function inspectedLine(inspection: Inspection, withKeys: boolean): string {
  const scheme = schemeName(inspection.scheme, 'Unknown')
  if (withKeys) {
    const codes = inspection.errors.map((error) => error.code)
    return `${scheme} identity, inspected as ${inspection.verdict}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`
  }
  const codes = inspection.errors.map((error) => error.code).filter((code) => !NO_KEY_CODES.has(code))
  return `${scheme} identity, not verified (no --key given)${codes.length > 0 ? `; other problems: ${codes.join(', ')}` : ''}`
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
  let algorithm: FixitRoxchatAlgorithm | undefined
  if (values.algorithm !== undefined) {
    if (!(FIXIT_ROXCHAT_ALGORITHMS as readonly string[]).includes(values.algorithm)) throw new UsageError(`--algorithm ${values.algorithm}: use hmac-sha256, sha256, sha512 or md5`)
    algorithm = values.algorithm as FixitRoxchatAlgorithm
  }
  const scheme = parseScheme(values.scheme)
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const { settings } = await loadSettings(values.config)
  // No key is needed to generate; keys only let the inspection name the one that matched.
  const keys = await createKeyRing(await loadKeys(values.key ?? [], values.keystore, stderrLines(io)))

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
  // A scheme without fix programs (no fixit hook yet) is answered "fixit-no-identity" at run time; FixitInspection names only the seed schemes until the per-scheme hook lands.
  const described = describeFixit(inspection as FixitInspection, {
    roxchatAlgorithm: algorithm ?? settings.roxchat.hashAlgorithm,
    minExpirySeconds: settings.ringcx.minExpirySeconds,
  })
  if (!described.ok) {
    io.stderr.write(`${visibleText(file)}: ${visibleText(described.message)} [${described.code}]\n`)
    return EXIT_REJECTED
  }
  io.stderr.write(`${visibleText(file)}: ${inspectedLine(inspection, keys.ringcx.size + keys.roxchat.length > 0)}\n`)
  for (const note of described.notes) io.stderr.write(`note: ${visibleText(note.message)} [${note.code}]\n`)
  io.stdout.write(generateFixitProgram(described.description, language).text)
  return EXIT_OK
}
