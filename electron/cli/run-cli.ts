/**
 * The command line over the core: `inspect` today. Pure of process globals so tests can run it.
 */
import { parseArgs } from 'node:util'
import type { ErrorCode } from '../core/codes'
import { CODE_INFO } from '../core/codes'
import type { Inspection, Scheme } from '../core/inspection'
import { NO_EXPIRY, SCHEMES } from '../core/inspection'
import { inspect } from '../core/inspect'
import { createKeyRing, type KeyRingEntry } from '../core/key-ring'
import { MAX_INPUT_BYTES } from '../core/limits'
import { DEFAULT_SETTINGS, resolveSettings, type InspectionSettings } from '../core/settings'
import { readBoundedTextFile } from '../io/bounded-text-file'
import { loadKeyFile, parseKeyArgument } from '../io/key-files'
import { readPlainKeyStore } from '../main/key-store'
import { formatInspection, inspectionJsonLine } from './format-inspection'

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

export const USAGE = `Visitor Inspector command line

Usage:
  cli inspect FILE... [options]     inspect payload or sample files ("-" reads standard input)
  cli help                          show this help

Options for inspect:
  --key FILE                 a self-describing key file (manifest, JWK with kid, JWKS); repeatable
  --key SCHEME:KID=FILE      a bare key file (PEM, certificate, JWK without kid, text secret),
                             e.g. --key ringcx:rsa_2026=public.pem or --key roxchat:main=secret.txt
  --keystore DIR             the keys of DIR/keystore.json, a store whose secrets are not encrypted by
                             the operating system (an exported or test store); the app's own store
                             with OS-encrypted secrets can only be opened by the app
  --config FILE              settings JSON: {"ringcx":{...},"roxchat":{...}}; missing values take defaults
  --now TIME                 judge at this time (ISO 8601, or Unix seconds); wins over a sample's "now"
  --scheme ringcx|roxchat    read ambiguous payloads as this scheme's
  --json                     one JSON object per file, one per line

Exit status: 0 all verified / accepted / logged out, 1 any rejected, 2 usage error or unreadable file.
`

class UsageError extends Error {}

function parseNow(value: string): Date {
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value)
  if (!/^\d+$/.test(value) && !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new UsageError(`--now ${value}: use ISO 8601 (2026-01-31T12:00:00Z) or Unix seconds`)
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now ${value}: not a valid time`)
  return date
}

async function loadSettings(path: string | undefined): Promise<InspectionSettings> {
  if (path === undefined) return DEFAULT_SETTINGS
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
  return result.value
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

async function loadKeys(values: readonly string[], storeDir: string | undefined): Promise<KeyRingEntry[]> {
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

function failedInspection(code: ErrorCode, detail: string, now: Date): Inspection {
  return {
    scheme: null,
    verdict: 'rejected',
    errors: [{ code, message: `${CODE_INFO[code].summary} ${detail}` }],
    warnings: [],
    checks: [{ id: 'format', status: 'fail', code }],
    key: null,
    expiry: NO_EXPIRY,
    fields: [],
    unmapped: [],
    rejectedFields: [],
    now: now.toISOString(),
    raw: {},
  }
}

async function runInspect(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      key: { type: 'string', multiple: true },
      keystore: { type: 'string' },
      config: { type: 'string' },
      now: { type: 'string' },
      scheme: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  if (positionals.length === 0) throw new UsageError('inspect needs at least one FILE')
  if (values.scheme !== undefined && !(SCHEMES as readonly string[]).includes(values.scheme)) {
    throw new UsageError(`--scheme ${values.scheme}: use ringcx or roxchat`)
  }
  const scheme = values.scheme as Scheme | undefined
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const settings = await loadSettings(values.config)
  const keys = await createKeyRing(await loadKeys(values.key ?? [], values.keystore))

  let exitCode = EXIT_OK
  for (const file of positionals) {
    const now = explicitNow ?? io.now()
    let inspection: Inspection
    const read = file === '-' && io.readStdin
      ? await io.readStdin().then((text) => ({ ok: true as const, text }), () => ({ ok: false as const, reason: 'unreadable' as const, message: 'standard input could not be read' }))
      : await readBoundedTextFile(file, MAX_INPUT_BYTES)
    if (!read.ok) {
      const code: ErrorCode = read.reason === 'too-large' ? 'input-too-large' : 'input-unreadable'
      inspection = failedInspection(code, `${file}: ${read.message}.`, now)
      io.stderr.write(`${file}: ${read.message}\n`)
      exitCode = code === 'input-unreadable' ? EXIT_USAGE : Math.max(exitCode, EXIT_REJECTED)
    } else {
      inspection = await inspect(read.text, {
        keys,
        settings,
        now,
        ignoreSampleNow: explicitNow !== undefined,
        ...(scheme === undefined ? {} : { scheme }),
      })
      if (inspection.verdict === 'rejected' && exitCode !== EXIT_USAGE) exitCode = EXIT_REJECTED
    }
    io.stdout.write(values.json ? inspectionJsonLine(file, inspection) : formatInspection(file, inspection, { color: io.color }))
  }
  return exitCode
}

/**
 * Runs the command line and returns its exit status. Never throws for bad input.
 *
 * @example
 * const status = await runCli(['inspect', 'token.jwt', '--key', 'keys.json', '--json'], io)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'inspect':
        return await runInspect(rest, io)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE)
        return command === undefined ? EXIT_USAGE : EXIT_OK
      default:
        throw new UsageError(`unknown command "${command}"; try "help"`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`${(error as Error).message}\n`)
      return EXIT_USAGE
    }
    io.stderr.write(`internal error: ${(error as Error).message}\n`)
    return EXIT_USAGE
  }
}
