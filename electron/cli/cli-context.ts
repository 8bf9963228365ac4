/**
 * What every command reads from its options: keys, settings, time, scheme and token table.
 */
import type { KeyRingEntry } from '../core/key-ring'
import { MAX_INPUT_BYTES } from '../common/limits'
import { DEFAULT_SETTINGS, resolveSettings, type InspectionSettings } from '../common/settings'
import type { TokenTable } from '../core/token-table'
import { readBoundedTextFile } from '../io/bounded-text-file'
import { loadKeyFile, parseKeyArgument } from '../io/key-files'
import { readTokenTableFile } from '../io/token-table-file'
import { readPlainKeyStore } from '../io/key-store-file'
import { isSchemeId, schemeIdList, type SchemeId } from '../common/schemes'

export interface CliIo {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown }
  readonly now: () => Date
  readonly color: boolean
  readonly readStdin?: () => Promise<string>
}

export const EXIT_OK = 0
export const EXIT_REJECTED = 1
export const EXIT_USAGE = 2

/** A problem with how the command was called, or with a file it was told to read. */
export class UsageError extends Error {}

/** Options shared by `inspect` and `batch`, for node:util parseArgs. */
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
  if (!read.ok) throw new UsageError(`--config ${path}: ${read.message}`)
  let json: unknown
  try {
    json = JSON.parse(read.text)
  } catch {
    throw new UsageError(`--config ${path}: not valid JSON`)
  }
  const result = resolveSettings(json)
  if (!result.ok) throw new UsageError(result.problems.map((problem) => `--config ${path}: ${problem.message}`).join('\n'))
  return { settings: result.value, raw: json }
}

async function loadKeyStore(dir: string): Promise<KeyRingEntry[]> {
  const read = await readPlainKeyStore(dir)
  switch (read.kind) {
    case 'loaded':
      return [...read.keys]
    case 'os-encrypted':
      throw new UsageError(
        `--keystore ${dir}: ${read.count} secret${read.count === 1 ? ' is' : 's are'} encrypted by the operating system for the Visitor Inspector app; ` +
        'only the app, under the user account that stored them, can open them. Use --key with the key files instead.',
      )
    default:
      throw new UsageError(`--keystore ${dir}: ${read.reason}`)
  }
}

/** Keys from `--keystore` and every `--key`; a Key ID given twice is a usage error. */
export async function loadKeys(values: readonly string[], storeDir: string | undefined): Promise<KeyRingEntry[]> {
  const entries: KeyRingEntry[] = storeDir === undefined ? [] : await loadKeyStore(storeDir)
  const seen = new Map<string, string>(entries.map((entry) => [`${entry.material.scheme}:${entry.material.kid}`, `--keystore ${storeDir ?? ''}`]))
  const problems: string[] = []
  for (const value of values) {
    const argument = parseKeyArgument(value)
    const loaded = await loadKeyFile(argument)
    if (!loaded.ok) {
      problems.push(loaded.message)
      continue
    }
    for (const entry of loaded.report.entries) {
      if (entry.error) problems.push(`key file ${argument.path}${entry.kid ? ` (${entry.kid})` : ''}: ${entry.error.message} [${entry.error.code}]`)
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
  if (problems.length > 0) throw new UsageError(problems.join('\n'))
  return entries
}

export async function loadTokens(path: string | undefined): Promise<TokenTable | undefined> {
  if (path === undefined) return undefined
  const read = await readTokenTableFile(path)
  if (!read.ok) throw new UsageError(`--tokens: ${read.message}`)
  return read.table
}
