/**
 * The command line's help texts, whole and per command. Kept apart from the commands so that
 * `help` and `--version` load nothing but this file.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FIXIT_LANGUAGES } from '../common/fixit/languages/language'

/**
 * The built-in schemes as help spells them. Written out rather than read from common/schemes,
 * whose vocabularies (and the RE2 engine their settings need) would triple what `help` loads;
 * test/unit/cli/bin.test.ts keeps it equal to SCHEME_IDS.
 */
export const SCHEME_LIST = 'ringcx|roxchat|intercom|zendesk|crisp|chatwoot|helpscout|tawkto'
const SCHEMES = SCHEME_LIST

export const INSPECT_LINE = `  visitor-inspector inspect FILE... [options]   inspect payload or sample files ("-" reads standard input)
`
export const BATCH_LINE = `  visitor-inspector batch DIR|FILE... [options] inspect every sample below folders, streamed, with a summary
`

export const SIGN_USAGE = `  visitor-inspector sign ringcx --kid KID (--key FILE | --keystore DIR) [--claims FILE] [--claim NAME=VALUE]...
                  [--extra NAME=VALUE]... [--exp +2h] [--now TIME] [--config FILE] [--out FILE]
  visitor-inspector sign roxchat (--key FILE | --keystore DIR) [--kid KID] [--fields FILE] [--field NAME=VALUE]...
                  [--expires +2h|none] [--algorithm hmac-sha256|sha256|sha512|md5] [--now TIME]
                  [--config FILE] [--out FILE]
  visitor-inspector sign SCHEME (--key FILE | --keystore DIR) [--kid KID] [--fields FILE] [--field NAME=VALUE]...
                  [--MEMBER VALUE]... [--now TIME] [--config FILE] [--out FILE]
                                         any other scheme with a signer: the members of its sign request
`

export const FIXIT_USAGE = `  visitor-inspector fixit FILE --lang ${FIXIT_LANGUAGES.join('|')}
                  [--algorithm hmac-sha256|sha256|sha512|md5] [--config FILE] [--now TIME]
                  [--scheme ${SCHEMES}] [--key FILE]... [--keystore DIR]
                                         print the server-side program that signs FILE's identity
                                         (a payload or a sample) correctly; it reads the key from
                                         SIGNING_KEY. Rox.Chat: --algorithm, else the --config one.
`

export const AUDIT_USAGE = `  visitor-inspector audit CAPTURE... [--key FILE]... [--keystore DIR] [--config FILE] [--now TIME] [--json]
                                         every identity in HAR files, saved pages (.html, .htm) and
                                         folders of them, judged at the clock (or --now), never at the
                                         capture's time; the key store's secrets and client-side
                                         signing found in them. 0 all verified and nothing found,
                                         1 a rejected identity or a finding, 2 usage or unreadable capture.
`

const INSPECTION_OPTIONS_HELP = `Options for inspect and batch:
  --key FILE                 a self-describing key file (manifest, JWK with kid, JWKS); repeatable
  --key SCHEME:KID=FILE      a bare key file (PEM, certificate, JWK without kid, text secret),
                             e.g. --key ringcx:rsa_2026=public.pem or --key roxchat:main=secret.txt
  --keystore DIR             the keys of DIR/keystore.json, a store whose secrets are not encrypted by
                             the operating system (an exported or test store); the app's own store
                             with OS-encrypted secrets can only be opened by the app
  --config FILE              settings JSON: {${SCHEME_LIST.split('|').map((id) => `"${id}":{...}`).join(',')}}; missing values take defaults
  --tokens FILE              Rox.Chat token table {"token": {visitor fields}} for samples with "authToken"
  --now TIME                 judge at this time (ISO 8601, or Unix seconds); wins over a sample's "now"
  --sample                   inspect only: judge sample files by their own "now" and "config", as batch
                             does (otherwise the clock and --config judge, and the file's are ignored)
  --scheme ${SCHEMES.padEnd(18)}read ambiguous payloads as this scheme's
  --json                     one JSON object per file, one per line (batch: then a summary line)
`

const BATCH_OPTIONS_HELP = `Options for batch only:
  --junit FILE               write JUnit XML, one test case per sample
  --report FILE.md           write a Markdown report of the samples that did not pass
  --reporter github          also write GitHub Actions annotations (::error file=…::…) for failed samples
  --shard I/N                inspect only shard I of N (1 ≤ I ≤ N): every file falls in exactly one shard,
                             chosen from its path, the same on every run and machine
  --threads N|auto           inspect on N worker threads (default 1; auto: one per core)
  --quiet                    no progress line on standard error (it is drawn only on a terminal)
`

const EXIT_HELP = `Exit status: 0 all passed (verified / accepted / logged out, or every expectation met),
1 any rejected or any expectation failed, 2 usage error or a file not checked (unreadable, a FIFO,
device or dangling link, an internal error), 141 output pipe closed, 130/143 interrupted.
`

export const USAGE = `Visitor Inspector command line

Usage:
${INSPECT_LINE}${BATCH_LINE}${SIGN_USAGE}${FIXIT_USAGE}${AUDIT_USAGE}  visitor-inspector help [COMMAND]        show this help, or one command's (also COMMAND --help)
  visitor-inspector --version            print the version

${INSPECTION_OPTIONS_HELP}
${BATCH_OPTIONS_HELP}
${EXIT_HELP}`

export const COMMANDS = ['inspect', 'batch', 'sign', 'fixit', 'audit'] as const
export type CommandName = (typeof COMMANDS)[number]

export function isCommandName(value: string | undefined): value is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(value)
}

/** One command's help. */
export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  inspect: `Usage:\n${INSPECT_LINE}\n${INSPECTION_OPTIONS_HELP}\n${EXIT_HELP}`,
  batch: `Usage:\n${BATCH_LINE}\n${INSPECTION_OPTIONS_HELP.replace(/ {2}--sample[^\n]*\n[^\n]*\n/, '')}\n${BATCH_OPTIONS_HELP}\n${EXIT_HELP}`,
  sign: `Usage:\n${SIGN_USAGE}`,
  fixit: `Usage:\n${FIXIT_USAGE}`,
  audit: `Usage:\n${AUDIT_USAGE}`,
}

/** The version in package.json: two folders up from the sources (electron/cli) and from the build (out/cli) alike. */
export function packageVersion(): string {
  // Read as data (not imported): the build keeps one copy of the version, in the manifest.
  const manifest = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'), 'utf8')) as { version?: unknown }
  return typeof manifest.version === 'string' ? manifest.version : 'unknown'
}
