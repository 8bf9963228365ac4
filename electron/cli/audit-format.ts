/**
 * The command line's words for a capture audit: each identity with where it was found, the
 * findings, the renewal timelines and the summary, as JSON lines or for a terminal.
 */
import { styleText } from 'node:util'
import type { CaptureFinding, CaptureIdentity, CaptureLocation, CaptureSummary, RenewalTimeline } from '../core/capture'
import { safeJson, visibleText } from '../core/visible-text'
import { formatDuration, formatInspection, inspectionJson } from './format-inspection'

type Style = Parameters<typeof styleText>[0]

const PART_WORDS: Readonly<Record<CaptureLocation['part'], string>> = {
  'request-url': 'request URL',
  'request-body': 'request body',
  'response-body': 'response body',
  page: 'page',
}

const ENCODING_WORDS: Readonly<Record<string, string>> = { text: 'as text', hex: 'hex-encoded', base64: 'base64-encoded', base64url: 'base64url-encoded' }

/** "session.har, entry 3, response body, parameter q, line 12, column 5". */
export function describeLocation(location: CaptureLocation): string {
  const parts = [visibleText(location.capture)]
  if (location.entry !== null) parts.push(`entry ${location.entry}`)
  parts.push(PART_WORDS[location.part])
  if (location.parameter !== undefined) parts.push(`parameter ${location.parameter}`)
  if (location.line !== undefined) parts.push(`line ${location.line}, column ${location.column ?? 1}`)
  return parts.join(', ')
}

/** One JSON line per identity: the inspection as `inspect --json` prints it, plus its location. */
export function identityJsonLine(identity: CaptureIdentity): string {
  return `${safeJson({ ...inspectionJson(identity.location.capture, identity.inspection), location: identity.location })}\n`
}

export function findingJsonLine(finding: CaptureFinding): string {
  if (finding.kind === 'leaked-secret') {
    const { kind, scheme, kid, fingerprint, location, encoding } = finding
    return `${safeJson({ kind, scheme, kid, fingerprint, location, encoding })}\n`
  }
  const { kind, scheme, signal, location, evidence, commented } = finding
  return `${safeJson({ kind, scheme, signal, location, evidence, commented })}\n`
}

export function summaryJsonLine(summary: CaptureSummary): string {
  return `${safeJson({ summary })}\n`
}

export function formatIdentity(identity: CaptureIdentity, color: boolean): string {
  const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text)
  const { location } = identity
  const lines = [`${paint('dim', `#${identity.index + 1}`)} ${identity.formName}${identity.commented ? paint('yellow', ' (commented out)') : ''}`]
  if (location.url !== null) lines.push(`  ${paint('dim', 'url:')} ${location.url}`)
  if (location.time !== null) lines.push(`  ${paint('dim', 'captured at:')} ${location.time} ${paint('dim', '(judged at the time below, not this one)')}`)
  return `${lines.join('\n')}\n${formatInspection(describeLocation(location), identity.inspection, { color })}\n`
}

export function formatFinding(finding: CaptureFinding, color: boolean): string {
  const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text)
  const where = describeLocation(finding.location)
  const url = finding.location.url === null ? '' : `\n    ${paint('dim', 'url:')} ${finding.location.url}`
  if (finding.kind === 'leaked-secret') {
    return `${paint(['bold', 'red'], 'LEAKED SECRET')} ${finding.scheme} key ${visibleText(finding.kid)} (${finding.fingerprint}), ${ENCODING_WORDS[finding.encoding] ?? finding.encoding}\n    in ${where}${url}\n`
  }
  const commented = finding.commented ? ' (in a comment: the key is in the page all the same)' : ''
  return `${paint(['bold', 'red'], 'CLIENT-SIDE SIGNING')} ${finding.scheme} identity built in page script (${finding.signal})${commented}\n    in ${where}${url}\n    ${paint('dim', 'evidence:')} ${finding.evidence}\n`
}

const RENEWAL_WORDS = {
  'in-time': 'renewed in time',
  'under-minimum': 'renewed only after the previous token had fallen under the minimum',
  'after-expiry': 'renewed only after the previous token had expired',
} as const

const FRESHNESS_WORDS = { fresh: 'fresh', 'under-minimum': 'under the minimum when set', expired: 'expired when set', 'no-exp': 'no exp' } as const

export function formatTimeline(timeline: RenewalTimeline, color: boolean): string {
  const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text)
  const lines = [paint('bold', `Renewal of RingCX visitor ${visibleText(timeline.visitor)} in ${visibleText(timeline.capture)}`) + paint('dim', ` (minimum ${formatDuration(timeline.minExpirySeconds)})`)]
  for (const token of timeline.tokens) {
    const left = token.secondsLeftWhenSet === null ? 'no exp' : token.secondsLeftWhenSet > 0 ? `${formatDuration(token.secondsLeftWhenSet)} left` : `expired ${formatDuration(token.secondsLeftWhenSet)} before`
    const renewal = token.renewal === null ? '' : ` · ${token.renewal === 'in-time' ? paint('green', RENEWAL_WORDS[token.renewal]) : paint('red', RENEWAL_WORDS[token.renewal])}`
    const seen = token.seen > 1 ? `, seen ${token.seen} times until ${token.lastSeen}` : ''
    lines.push(`  ${token.firstSeen}  #${token.identity + 1}  ${left} (${FRESHNESS_WORDS[token.freshness]})${seen}${renewal}`)
  }
  if (timeline.lapsedAtEnd) lines.push(`  ${paint('red', 'not renewed: the last token had fallen under the minimum before the capture ended')}`)
  return `${lines.join('\n')}\n`
}

export function formatSummary(summary: CaptureSummary, color: boolean): string {
  const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text)
  const findings = summary.leakedSecrets + summary.clientSideSigning
  const head = findings > 0 || summary.rejected > 0 ? paint(['bold', 'red'], 'AUDIT FAILED') : paint(['bold', 'green'], 'AUDIT PASSED')
  return `${head}: ${summary.captures} ${summary.captures === 1 ? 'capture' : 'captures'}, ${summary.identities} identities ` +
    `(${summary.verified} verified, ${summary.rejected} rejected), ${summary.leakedSecrets} leaked secrets, ` +
    `${summary.clientSideSigning} client-side signing${summary.skipped > 0 ? `, ${summary.skipped} skipped (see the notes)` : ''}\n`
}
