/**
 * The command line run in this process with its output captured: what the CLI tests share.
 */
import { runCli, type CliIo } from '../../electron/cli/run-cli'

export interface CapturedRun {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
  /** With `--json`, the lines of standard output, parsed; otherwise none. */
  readonly lines: Record<string, unknown>[]
}

export interface CaptureOptions {
  /** The CLI's clock; a command given `--now` never reads it. */
  readonly now?: Date
  /** Standard input, for a FILE of "-". */
  readonly stdin?: string | Uint8Array
  readonly color?: boolean
}

/**
 * Runs `argv` as the bin would, with standard output and error kept as text.
 *
 * @example
 * const run = await runCaptured(['inspect', 'token.jwt', '--json'], { now: NOW })
 * run.lines[0]?.['verdict'] // 'verified'
 */
export async function runCaptured(argv: readonly string[], options: CaptureOptions = {}): Promise<CapturedRun> {
  let stdout = ''
  let stderr = ''
  const { stdin } = options
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => options.now ?? new Date(),
    color: options.color ?? false,
    ...(stdin === undefined ? {} : { readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin) }),
  }
  const status = await runCli(argv, io)
  const lines = argv.includes('--json') ? stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) : []
  return { status, stdout, stderr, lines }
}
