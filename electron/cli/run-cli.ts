/**
 * The command line over the core: `inspect`, `batch` and `sign`. Free of process globals so
 * tests can run it.
 */
import { SCHEME_IDS } from '../common/schemes'
import { runBatchCommand } from './batch-command'
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './cli-context'
import { runInspectCommand } from './inspect-command'
import { SIGN_USAGE, runSignCommand } from './sign-command'

export { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, type CliIo } from './cli-context'

export const USAGE = `Visitor Inspector command line

Usage:
  cli inspect FILE... [options]          inspect payload or sample files ("-" reads standard input)
  cli batch DIR|FILE... [options]        inspect every sample below folders, streamed, with a summary
${SIGN_USAGE}  cli help                               show this help

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
  ${`--scheme ${SCHEME_IDS.join('|')}`.padEnd(27)}read ambiguous payloads as this scheme's
  --json                     one JSON object per file, one per line (batch: then a summary line)

Options for batch only:
  --junit FILE               write JUnit XML, one test case per sample
  --report FILE.md           write a Markdown report of the samples that did not pass
  --threads N|auto           inspect on N worker threads (default 1; auto: one per core)

Exit status: 0 all passed (verified / accepted / logged out, or every expectation met),
1 any rejected or any expectation failed, 2 usage error or unreadable file.
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
