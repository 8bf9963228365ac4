/**
 * `audit CAPTURE...`: every identity in browser captures (HAR files, saved pages, folders of them),
 * the key store's secrets found in them, and client-side signing. Identities stream out as they
 * are found; findings, renewal timelines and the summary follow once every capture is read.
 */
import { parseArgs } from 'node:util'
import { CAPTURE_LIMITS, CaptureAudit, type CaptureFinding } from '../core/capture'
import { createKeyRing } from '../core/key-ring'
import { visibleText } from '../core/visible-text'
import { auditCaptureFile, walkCaptures } from '../io/capture/capture-files'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, UsageError, loadKeys, loadSettings, parseNow, stderrLines, type CliIo } from './cli-context'
import { AUDIT_USAGE } from './usage'
import { findingJsonLine, formatFinding, formatIdentity, formatSummary, formatTimeline, identityJsonLine, summaryJsonLine } from './audit-format'


export async function runAuditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      key: { type: 'string', multiple: true },
      keystore: { type: 'string' },
      config: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  if (positionals.length === 0) throw new UsageError('audit needs at least one CAPTURE (a .har file, a saved .html page or a folder)')
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const { settings } = await loadSettings(values.config)
  const keys = await createKeyRing(await loadKeys(values.key ?? [], values.keystore, stderrLines(io)))
  const json = values.json === true

  const audit = new CaptureAudit({
    keys,
    settings,
    // One time for the whole audit: every identity of every capture is judged at the same moment.
    now: explicitNow ?? io.now(),
    nowIsExplicit: explicitNow !== undefined,
    onIdentity: (identity) => {
      io.stdout.write(json ? identityJsonLine(identity) : formatIdentity(identity, io.color))
    },
    onNotice: (notice) => {
      io.stderr.write(`note: ${notice.message}\n`)
    },
  })

  let unreadable = false
  for await (const entry of walkCaptures(positionals)) {
    if (entry.kind === 'error') {
      io.stderr.write(`${visibleText(entry.path)}: ${entry.message}\n`)
      unreadable = true
      continue
    }
    const result = await auditCaptureFile(entry.path, entry.path, audit, CAPTURE_LIMITS)
    if (!result.ok) {
      io.stderr.write(`${visibleText(entry.path)}: ${visibleText(result.message)}\n`)
      unreadable = true
    }
  }

  const { findings, timelines, summary } = audit.finish()
  if (json) {
    for (const finding of findings) io.stdout.write(findingJsonLine(finding))
  } else {
    const ordered: CaptureFinding[] = [...findings.filter((finding) => finding.kind === 'leaked-secret'), ...findings.filter((finding) => finding.kind !== 'leaked-secret')]
    for (const finding of ordered) io.stdout.write(formatFinding(finding, io.color))
    for (const timeline of timelines) io.stdout.write(formatTimeline(timeline, io.color))
  }
  io.stdout.write(json ? summaryJsonLine(summary) : formatSummary(summary, io.color))
  if (unreadable) return EXIT_USAGE
  return summary.rejected > 0 || findings.length > 0 ? EXIT_REJECTED : EXIT_OK
}

export { AUDIT_USAGE }
