/**
 * What every command reads from its options: keys, settings, time, scheme and token table.
 */
import type { KeyRingEntry } from '../core/key-ring'
import { MAX_INPUT_BYTES } from '../common/limits'
import { DEFAULT_SETTINGS, resolveSettings, type InspectionSettings } from '../common/settings'
import type { TokenTable } from '../core/token-table'
import { visibleText } from '../core/visible-text'
import { decodeUtf8Text, readBoundedTextFile, type BoundedReadResult } from '../io/bounded-text-file'
import { loadKeyFile, parseKeyArgument } from '../io/key-files'
import { readTokenTableFile } from '../io/token-table-file'
import { readPlainKeyStore } from '../io/key-store-file'
import { isSchemeId, schemeIdList, type SchemeId } from '../common/schemes'
import { UsageError, type CliIo } from './cli-io'

export { EXIT_CLOSED_PIPE, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, UsageError, errorMessage, type CliIo } from './cli-io'

/** `--config`, `--tokens`…: the file could not be read; with the stable code, as for an input. */
export function optionFileProblem(option: string, path: string, read: Extract<BoundedReadResult, { ok: false }>): UsageError {
  return new UsageError(`${option} ${path}: ${read.message} [${read.reason === 'too-large' ? 'input-too-large' : 'input-unreadable'}]`)
}

/** Options shared by `inspect` and `batch`, for node:util parseArgs. */
/** A file, or standard input for "-": both decoded by the same strict UTF-8 rule. */
export async function readInput(file: string, io: CliIo): Promise<BoundedReadResult> {
  if (file !== '-' || io.readStdin === undefined) return readBoundedTextFile(file, MAX_INPUT_BYTES)
  let bytes: Uint8Array
  try {
    bytes = await io.readStdin(MAX_INPUT_BYTES)
  } catch {
    return { ok: false, reason: 'unreadable', message: 'standard input could not be read' }
  }
  return decodeUtf8Text(bytes, MAX_INPUT_BYTES)
}

export const INSPECTION_OPTIONS = {
  key: { type: 'string', multiple: true },
  keystore: { type: 'string' },
  config: { type: 'string' },
  tokens: { type: 'string' },
  now: { type: 'string' },
  scheme: { type: 'string' },
  json: { type: 'boolean' },
} as const

export function parseNow(value: string): Date {
  if (!/^\d+$/.test(value) && !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new UsageError(`--now ${value}: use ISO 8601 (2026-01-31T12:00:00Z) or Unix seconds`)
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value)
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now ${value}: not a valid time`)
  return date
}

export function parseScheme(value: string | undefined): SchemeId | undefined {
  if (value === undefined) return undefined
  if (!isSchemeId(value)) throw new UsageError(`--scheme ${value}: use ${schemeIdList()}`)
  return value
}

/** The settings JSON of `--config`, validated; without it the defaults. */
export async function loadSettings(path: string | undefined): Promise<{ settings: InspectionSettings; raw: unknown }> {
  if (path === undefined) return { settings: DEFAULT_SETTINGS, raw: undefined }
  const read = await readBoundedTextFile(path, MAX_INPUT_BYTES)
  if (!read.ok) throw optionFileProblem('--config', path, read)
  let json: unknown
  try {
    json = JSON.parse(read.text)
  } catch {
    throw new UsageError(`--config ${path}: not valid JSON`)
  }
  const result = resolveSettings(json)
  if (!result.ok) throw new UsageError(result.problems.map((problem) => `--config ${path}: ${problem.message}`))
  return { settings: result.value, raw: json }
}

/** Where a command's warnings about its inputs go, one line each. */
export type WarningSink = (line: string) => void

/** Warnings on standard error: the JSON on standard output stays one object per line. */
export function stderrLines(io: CliIo): WarningSink {
  // A line names key files and Key IDs read from them: escaped like all human output.
  return (line) => io.stderr.write(`${visibleText(line)}\n`)
}

async function loadKeyStore(dir: string, warn: WarningSink): Promise<KeyRingEntry[]> {
  const read = await readPlainKeyStore(dir)
  switch (read.kind) {
    case 'loaded':
      for (const key of read.refused) warn(`warning: --keystore ${dir} (${key.kid}): ${key.message}; this key is not used [${key.code}]`)
      return [...read.keys]
    case 'os-encrypted':
      throw new UsageError(
        `--keystore ${dir}: ${read.count} secret${read.count === 1 ? ' is' : 's are'} encrypted by the operating system for the Visitor Inspector app; ` +
        'only the app, under the user account that stored them, can open them. Use --key with the key files instead.',
      )
    case 'damaged':
      throw new UsageError(`--keystore ${dir}: ${read.reason}`)
    default:
      throw new UsageError(`--keystore ${dir}: ${read.reason} [input-unreadable]`)
  }
}

/**
 * Keys from `--keystore` and every `--key`; a Key ID given twice is a usage error. Warnings
 * (a certificate chain, white space around a secret, an unsafe stored key left out) go to `warn`.
 * Fingerprints are left to the key ring, which computes them only for keys that match.
 */
export async function loadKeys(values: readonly string[], storeDir: string | undefined, warn: WarningSink): Promise<KeyRingEntry[]> {
  const entries: KeyRingEntry[] = storeDir === undefined ? [] : await loadKeyStore(storeDir, warn)
  const seen = new Map<string, string>(entries.map((entry) => [`${entry.material.scheme}:${entry.material.kid}`, `--keystore ${storeDir ?? ''}`]))
  const problems: string[] = []
  for (const value of values) {
    const argument = parseKeyArgument(value)
    const loaded = await loadKeyFile(argument)
    if (!loaded.ok) {
      problems.push(`${loaded.message} [${loaded.code}]`)
      continue
    }
    for (const entry of loaded.report.entries) {
      const where = `key file ${argument.path}${entry.kid ? ` (${entry.kid})` : ''}`
      if (entry.error) problems.push(`${where}: ${entry.error.message} [${entry.error.code}]`)
      for (const warning of entry.warnings) warn(`warning: ${where}: ${warning.message} [${warning.code}]`)
    }
    for (const key of loaded.report.keys) {
      const identity = `${key.material.scheme}:${key.material.kid}`
      const earlier = seen.get(identity)
      if (earlier !== undefined) {
        problems.push(`key file ${argument.path}: Key ID "${key.material.kid}" is also in ${earlier}`)
        continue
      }
      seen.set(identity, argument.path)
      entries.push(key)
    }
  }
  if (problems.length > 0) throw new UsageError(problems)
  return entries
}

export async function loadTokens(path: string | undefined): Promise<TokenTable | undefined> {
  if (path === undefined) return undefined
  const read = await readTokenTableFile(path)
  if (!read.ok) throw new UsageError(`--tokens: ${read.message}${read.code === undefined ? '' : ` [${read.code}]`}`)
  return read.table
}
