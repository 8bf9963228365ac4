/**
 * `inspect FILE...`: one panel or JSON line per file, in argument order. A file that cannot be
 * read, or whose inspection fails, gets its own line with a code; the files after it are still
 * inspected.
 */
import { parseArgs } from 'node:util'
import type { Inspection } from '../common/inspection'
import { inspect, refusedInspection } from '../core/inspect'
import { createKeyRing } from '../core/key-ring'
import { visibleText } from '../core/visible-text'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, INSPECTION_OPTIONS, UsageError, errorMessage, loadKeys, loadSettings, loadTokens, parseNow, parseScheme, readInput, stderrLines, type CliIo } from './cli-context'
import { formatInspection, inspectionJsonLine } from './format-inspection'

type InspectionOptions = Omit<Parameters<typeof inspect>[1], 'now' | 'nowIsExplicit'>

/** One file's inspection and its share of the exit status. */
async function inspectFile(file: string, io: CliIo, options: InspectionOptions, now: Date, explicitNow: boolean): Promise<{ inspection: Inspection; status: number }> {
  const read = await readInput(file, io)
  if (read.ok) {
    const inspection = await inspect(read.text, { ...options, now, nowIsExplicit: explicitNow })
    return { inspection, status: inspection.verdict === 'rejected' ? EXIT_REJECTED : EXIT_OK }
  }
  const name = file === '-' ? 'standard input' : file
  io.stderr.write(`${visibleText(name)}: ${read.message} [${read.reason === 'too-large' ? 'input-too-large' : 'input-unreadable'}]\n`)
  if (read.reason === 'too-large') return { inspection: refusedInspection('input-too-large', `${name}: ${read.message}.`, now), status: EXIT_REJECTED }
  return { inspection: refusedInspection('input-unreadable', `${name}: ${read.message}.`, now), status: EXIT_USAGE }
}

export async function runInspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { ...INSPECTION_OPTIONS, sample: { type: 'boolean' } },
  })
  if (positionals.length === 0) throw new UsageError('inspect needs at least one FILE')
  const scheme = parseScheme(values.scheme)
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const { settings } = await loadSettings(values.config)
  const keys = await createKeyRing(await loadKeys(values.key ?? [], values.keystore, stderrLines(io)))
  const authTokens = await loadTokens(values.tokens)
  const options: InspectionOptions = {
    keys,
    settings,
    // A sample file's own now and config judge it only when asked for with --sample.
    sampleSemantics: values.sample === true,
    ...(scheme === undefined ? {} : { scheme }),
    ...(authTokens === undefined ? {} : { authTokens }),
  }

  let exitCode = EXIT_OK
  for (const file of positionals) {
    const now = explicitNow ?? io.now()
    let output: string
    let status: number
    try {
      const result = await inspectFile(file, io, options, now, explicitNow !== undefined)
      status = result.status
      output = values.json ? inspectionJsonLine(file, result.inspection) : formatInspection(file, result.inspection, { color: io.color })
    } catch (error) {
      // A failure of ours, not of the file: it is named with its file and the run goes on.
      const message = `an internal error stopped the inspection of ${file} (${errorMessage(error)})`
      io.stderr.write(`${visibleText(file)}: ${visibleText(message)} [internal-error]\n`)
      const inspection = refusedInspection('internal-error', `${message}.`, now)
      status = EXIT_USAGE
      output = values.json ? inspectionJsonLine(file, inspection) : formatInspection(file, inspection, { color: io.color })
    }
    exitCode = Math.max(exitCode, status)
    io.stdout.write(output)
  }
  return exitCode
}
