/**
 * The command line over the core: `inspect`, `batch`, `sign`, `fixit` and `audit`. Free of process globals so
 * tests can run it.
 */
import { visibleText } from '../core/visible-text'
import { EXIT_OK, EXIT_USAGE, UsageError, errorMessage, type CliIo } from './cli-io'
import { COMMAND_USAGE, USAGE, isCommandName, packageVersion, type CommandName } from './usage'

export { EXIT_CLOSED_PIPE, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, type CliIo } from './cli-io'
export { USAGE } from './usage'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

/**
 * Each command is loaded when it runs, and only then: `help` and `--version` load no engine, and
 * `inspect` no batch, capture or fix-it code (in the built bin each is a chunk of its own).
 */
const COMMAND_LOADERS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  inspect: async () => (await import('./inspect-command')).runInspectCommand,
  batch: async () => (await import('./batch-command')).runBatchCommand,
  sign: async () => (await import('./sign-command')).runSignCommand,
  fixit: async () => (await import('./fixit-command')).runFixitCommand,
  audit: async () => (await import('./audit-command')).runAuditCommand,
}

const HELP_FLAGS = new Set(['--help', '-h'])

/**
 * Runs the command line and returns its exit status. Never throws for bad input.
 *
 * @example
 * const status = await runCli(['inspect', 'token.jwt', '--key', 'keys.json', '--json'], io)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === '--version' || command === '-V') {
      io.stdout.write(`${packageVersion()}\n`)
      return EXIT_OK
    }
    if (command === undefined || command === 'help' || HELP_FLAGS.has(command)) {
      const topic = command === 'help' ? rest[0] : undefined
      if (topic !== undefined && !isCommandName(topic)) throw new UsageError(`help ${topic}: no such command; try "help"`)
      io.stdout.write(topic === undefined ? USAGE : COMMAND_USAGE[topic])
      return command === undefined ? EXIT_USAGE : EXIT_OK
    }
    if (!isCommandName(command)) throw new UsageError(`unknown command "${command}"; try "help"`)
    // `COMMAND --help` anywhere before a `--` shows that command's help instead of running it.
    const beforeDashes = rest.indexOf('--') === -1 ? rest : rest.slice(0, rest.indexOf('--'))
    if (beforeDashes.some((arg) => HELP_FLAGS.has(arg))) {
      io.stdout.write(COMMAND_USAGE[command])
      return EXIT_OK
    }
    return await (await COMMAND_LOADERS[command]())(rest, io)
  } catch (error) {
    // A UsageError's text is made visible line by line already; node:util's parse errors echo
    // the argument as it was typed.
    if (error instanceof UsageError) io.stderr.write(`${error.message}\n`)
    else if ((error as { code?: unknown } | null)?.code?.toString().startsWith('ERR_PARSE_ARGS')) io.stderr.write(`${visibleText(errorMessage(error))}\n`)
    else io.stderr.write(`${visibleText(`${command ?? 'cli'}: an internal error stopped the command (${errorMessage(error)})`)} [internal-error]\n`)
    return EXIT_USAGE
  }
}
