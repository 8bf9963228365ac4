/**
 * `inspect FILE...`: one panel or JSON line per file, in argument order.
 */
import { parseArgs } from 'node:util'
import type { Inspection } from '../common/inspection'
import { inspect, refusedInspection } from '../core/inspect'
import { createKeyRing } from '../core/key-ring'
import { MAX_INPUT_BYTES } from '../common/limits'
import { readBoundedTextFile, type BoundedReadResult } from '../io/bounded-text-file'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, INSPECTION_OPTIONS, UsageError, loadKeys, loadSettings, loadTokens, parseNow, parseScheme, type CliIo } from './cli-context'
import { formatInspection, inspectionJsonLine } from './format-inspection'

async function readInput(file: string, io: CliIo): Promise<BoundedReadResult> {
  if (file !== '-' || io.readStdin === undefined) return readBoundedTextFile(file, MAX_INPUT_BYTES)
  try {
    return { ok: true, text: await io.readStdin() }
  } catch {
    return { ok: false, reason: 'unreadable', message: 'standard input could not be read' }
  }
}

export async function runInspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: INSPECTION_OPTIONS })
  if (positionals.length === 0) throw new UsageError('inspect needs at least one FILE')
  const scheme = parseScheme(values.scheme)
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const { settings } = await loadSettings(values.config)
  const keys = await createKeyRing(await loadKeys(values.key ?? [], values.keystore))
  const authTokens = await loadTokens(values.tokens)

  let exitCode = EXIT_OK
  for (const file of positionals) {
    const now = explicitNow ?? io.now()
    let inspection: Inspection
    const read = await readInput(file, io)
    if (!read.ok) {
      const code = read.reason === 'too-large' ? 'input-too-large' : 'input-unreadable'
      inspection = refusedInspection(code, `${file}: ${read.message}.`, now)
      io.stderr.write(`${file}: ${read.message}\n`)
      exitCode = code === 'input-unreadable' ? EXIT_USAGE : Math.max(exitCode, EXIT_REJECTED)
    } else {
      inspection = await inspect(read.text, {
        keys,
        settings,
        now,
        ignoreSampleNow: explicitNow !== undefined,
        ...(scheme === undefined ? {} : { scheme }),
        ...(authTokens === undefined ? {} : { authTokens }),
      })
      if (inspection.verdict === 'rejected' && exitCode !== EXIT_USAGE) exitCode = EXIT_REJECTED
    }
    io.stdout.write(values.json ? inspectionJsonLine(file, inspection) : formatInspection(file, inspection, { color: io.color }))
  }
  return exitCode
}
