/**
 * Key-import problems in the app's terms. The core's messages serve the command line too, where a
 * bare key file is named with `--key ringcx:my_key=FILE`; in the window the Scheme and Key ID
 * fields of "Paste a key…" do that, so the report points to them instead.
 */
import type { KeyImportEntryView, KeyImportReport } from '../electron/shared/ipc-contract'

/** Keys whose file names no scheme or Key ID of its own: the form's fields supply them. */
const BARE_FORMATS: ReadonlySet<string | null> = new Set([null, 'pem', 'certificate', 'secret', 'jwk'])

/**
 * The problem of one entry as the window says it.
 *
 * @example
 * entryProblem(report, entry) // 'This file does not say whose key it is: …'
 */
export function entryProblem(report: KeyImportReport, entry: KeyImportEntryView): string {
  const error = entry.error
  if (error === undefined) return ''
  const what = report.fileName === null ? 'This key' : 'This file'
  const again = report.fileName === null
    ? 'then import it again'
    : 'then pick the file again with “Use these details for a key file…”'
  if (error.code === 'key-scheme-invalid' && entry.scheme === null && report.format === null && /does not say its scheme/.test(error.message)) {
    return `${what} does not say whose key it is: in “Paste a key…”, choose its Scheme (RingCX or Rox.Chat) and type a Key ID, ${again}.`
  }
  if (error.code === 'key-kid-missing') {
    if (BARE_FORMATS.has(report.format)) return `${what} names no Key ID: type one in the Key ID field of “Paste a key…”, ${again}.`
    return `Key ${entry.index + 1} of the file has no "kid": add one to the file, or import that key on its own with a Key ID.`
  }
  // Whatever else still names the command line's syntax points to the fields instead.
  return error.message.replace(/;? ?name (it|one) \(for example [^)]*\)/, ': choose its Scheme and type a Key ID in “Paste a key…”')
}

/** A report is about `scheme:kid` when one of its keys is. */
export function reportMentions(report: KeyImportReport, scheme: string, kid: string): boolean {
  return report.entries.some((entry) => entry.scheme === scheme && entry.kid === kid)
}
