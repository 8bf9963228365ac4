#!/usr/bin/env -S node --max-semi-space-size=4
/**
 * `visitor-inspector …` (and `npm run --silent cli -- …`): the process edge of the command line. It owns what only a
 * process has: standard input, closed pipes and signals.
 */
import { visibleText } from '../core/visible-text'
import { removeTemporariesNow } from '../io/temporary-files'
import { colorWanted } from './cli-io'
import { EXIT_CLOSED_PIPE, EXIT_USAGE, runCli } from './run-cli'

const EXIT_SIGNAL: Readonly<Record<'SIGHUP' | 'SIGINT' | 'SIGTERM', number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }

let stopping = false
/** Removes the run's temporary files and ends the process now, without a word or a stack trace. */
function stop(status: number): void {
  if (stopping) return
  stopping = true
  removeTemporariesNow()
  process.exit(status)
}

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => stop(error.code === 'EPIPE' ? EXIT_CLOSED_PIPE : EXIT_USAGE))
}
for (const [signal, status] of Object.entries(EXIT_SIGNAL)) process.on(signal, () => stop(status))

// runCli turns every failure into a line of its own; should anything still escape it, the user
// gets one line with the code, not a stack trace.
function lastResort(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  try {
    process.stderr.write(`${visibleText(`an internal error stopped the command (${message})`)} [internal-error]\n`)
  } finally {
    stop(EXIT_USAGE)
  }
}
process.on('uncaughtException', lastResort)
process.on('unhandledRejection', lastResort)

/** Standard input's bytes, stopping one past `maxBytes` so that a too large input is still told apart. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer
    chunks.push(buffer)
    size += buffer.length
    if (size > maxBytes) break
  }
  return Buffer.concat(chunks)
}

const status = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  color: colorWanted(process.stdout.isTTY, process.env),
  ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
  readStdin,
})
removeTemporariesNow()
process.exitCode = status
