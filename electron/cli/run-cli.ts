/**
 * The command line over the core: `inspect`, `batch`, `sign`, `fixit` and `audit`. Free of process globals so
 * tests can run it.
 */
import { SCHEME_IDS } from '../common/schemes'
import { AUDIT_USAGE, runAuditCommand } from './audit-command'
import { runBatchCommand } from './batch-command'
import { visibleText } from '../core/visible-text'
import { EXIT_OK, EXIT_USAGE, UsageError, errorMessage, type CliIo } from './cli-context'
import { FIXIT_USAGE, runFixitCommand } from './fixit-command'
import { runInspectCommand } from './inspect-command'
import { SIGN_USAGE, runSignCommand } from './sign-command'

export { EXIT_CLOSED_PIPE, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, type CliIo } from './cli-context'

export const USAGE = `Visitor Inspector command line

Usage:
  cli inspect FILE... [options]          inspect payload or sample files ("-" reads standard input)
  cli batch DIR|FILE... [options]        inspect every sample below folders, streamed, with a summary
${SIGN_USAGE}${FIXIT_USAGE}${AUDIT_USAGE}  cli help                               show this help

Options for inspect and batch:
  --key FILE                 a self-describing key file (manifest, JWK with kid, JWKS); repeatable
  --key SCHEME:KID=FILE      a bare key file (PEM, certificate, JWK without kid, text secret),
                             e.g. --key ringcx:rsa_2026=public.pem or --key roxchat:main=secret.txt
  --keystore DIR             the keys of DIR/keystore.json, a store whose secrets are not encrypted by
                             the operating system (an exported or test store); the app's own store
                             with OS-encrypted secrets can only be opened by the app
  --config FILE              settings JSON: {${SCHEME_IDS.map((id) => `"${id}":{...}`).join(',')}}; missing values take defaults
  --tokens FILE              Rox.Chat token table {"token": {visitor fields}} for samples with "authToken"
  --now TIME                 judge at this time (ISO 8601, or Unix seconds); wins over a sample's "now"
  --sample                   inspect only: judge sample files by their own "now" and "config", as batch
                             does (otherwise the clock and --config judge, and the file's are ignored)
  ${`--scheme ${SCHEME_IDS.join('|')}`.padEnd(27)}read ambiguous payloads as this scheme's
  --json                     one JSON object per file, one per line (batch: then a summary line)

Options for batch only:
  --junit FILE               write JUnit XML, one test case per sample
  --report FILE.md           write a Markdown report of the samples that did not pass
  --threads N|auto           inspect on N worker threads (default 1; auto: one per core)

Exit status: 0 all passed (verified / accepted / logged out, or every expectation met),
1 any rejected or any expectation failed, 2 usage error or a file not checked (unreadable, a FIFO,
device or dangling link, an internal error), 141 output pipe closed, 130/143 interrupted.
`

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
        return await runInspectCommand(rest, io)
      case 'batch':
        return await runBatchCommand(rest, io)
      case 'sign':
        return await runSignCommand(rest, io)
      case 'fixit':
        return await runFixitCommand(rest, io)
      case 'audit':
        return await runAuditCommand(rest, io)
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
    // A UsageError's text is made visible line by line already; node:util's parse errors echo
    // the argument as it was typed.
    if (error instanceof UsageError) io.stderr.write(`${error.message}\n`)
    else if ((error as { code?: unknown } | null)?.code?.toString().startsWith('ERR_PARSE_ARGS')) io.stderr.write(`${visibleText(errorMessage(error))}\n`)
    else io.stderr.write(`${visibleText(`${command ?? 'cli'}: an internal error stopped the command (${errorMessage(error)})`)} [internal-error]\n`)
    return EXIT_USAGE
  }
}
