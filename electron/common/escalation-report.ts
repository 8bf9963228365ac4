/**
 * A redacted report of one inspection, to paste into a ticket for the website's developers.
 * It carries codes, checks, the diagnosis, field names and sources and the expiry; values are
 * masked except the visitor id; no signature, hash or key material.
 */
import type { Inspection } from './inspection'
import { vocabularyOf } from './schemes'
import { instantWords, plainSpaces, spanWords } from './time-words'

/** The fields whose value identifies the visitor to the developers. */
const VISITOR_ID_FIELDS = new Set(['id', 'uuid'])

/** Keeps the first character and hides the rest, so a report shows shape but not content. */
export function maskValue(value: string): string {
  const characters = [...value]
  if (characters.length <= 2) return '•'.repeat(characters.length)
  return `${characters[0]}${'•'.repeat(Math.min(characters.length - 1, 8))} (${characters.length} chars)`
}

function shown(name: string, value: string): string {
  return VISITOR_ID_FIELDS.has(name) ? `\`${value.replace(/`/g, "'")}\`` : maskValue(value)
}

/**
 * Builds the Markdown report.
 *
 * @example
 * navigator.clipboard.writeText(escalationReport(inspection, { source: 'token.jwt' }))
 */
export function escalationReport(inspection: Inspection, context: { readonly source?: string } = {}): string {
  const scheme = (inspection.scheme === null ? undefined : vocabularyOf(inspection.scheme)?.productName) ?? 'unknown'
  const lines = [
    '## Visitor identity check',
    '',
    `- Scheme: ${scheme}`,
    `- Verdict: **${inspection.verdict}**`,
    `- Checked at: ${plainSpaces(instantWords(inspection.now))}`,
  ]
  if (context.source !== undefined) lines.push(`- Source: ${context.source}`)
  if (inspection.key) lines.push(`- Key that matched: ${inspection.key.kid}`)
  const { expiry } = inspection
  if (expiry.status === 'none' || expiry.expiresAt === null) lines.push('- Expiry: none')
  else {
    const left = expiry.secondsLeft ?? 0
    const when = plainSpaces(left > 0 ? `${spanWords(left)} left when checked` : `expired ${spanWords(left)} before the check`)
    lines.push(`- Expiry: ${plainSpaces(instantWords(expiry.expiresAt))} (${expiry.status}; ${when})`)
  }
  lines.push('', '### Checks', '', ...inspection.checks.map((check) => `- ${check.id}: ${check.status}${check.code ? ` (${check.code})` : ''}`))
  if (inspection.errors.length > 0) lines.push('', '### Errors', '', ...inspection.errors.map((error) => `- \`${error.code}\`: ${error.message}`))
  if (inspection.warnings.length > 0) lines.push('', '### Warnings', '', ...inspection.warnings.map((warning) => `- \`${warning.code}\`: ${warning.message}`))
  if (inspection.diagnosis && inspection.diagnosis.length > 0) {
    lines.push('', '### Likely cause', '', ...inspection.diagnosis.map((entry) => `- \`${entry.code}\`: ${entry.message}`))
  }
  const note = inspection.scheme === null ? undefined : vocabularyOf(inspection.scheme)?.panel.integrityNote
  if (note !== undefined) lines.push('', `### ${note.title}`, '', note.text)
  const fieldLines = [
    ...inspection.fields.map((field) => `| ${field.name} | ${shown(field.name, field.value)} | ${field.source} |`),
    ...inspection.unmapped.map((field) => `| ${field.name} (not in panel) | ${shown(field.name, field.value)} | ${field.source} |`),
    ...inspection.rejectedFields.map((field) => `| ${field.name} (not accepted) | ${shown(field.name, field.value)} | ${field.source} |`),
  ]
  if (fieldLines.length > 0) lines.push('', '### Fields (values masked)', '', '| field | value | source |', '| --- | --- | --- |', ...fieldLines)
  lines.push('', '_Values are masked except the visitor id; no signature, hash or key material is included._', '')
  return lines.join('\n')
}
