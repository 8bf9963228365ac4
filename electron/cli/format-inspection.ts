/**
 * The command line's readable panel for one inspection.
 */
import { styleText } from 'node:util'
import type { FieldSource, Inspection, MergedField, SourcedField } from '../common/inspection'
import { vocabularies, vocabularyOf } from '../common/schemes'

export interface FormatOptions {
  readonly color: boolean
}

type Style = Parameters<typeof styleText>[0]

const VERDICT_LABEL: Record<Inspection['verdict'], { text: string; style: Style }> = {
  verified: { text: 'VERIFIED', style: ['bold', 'green'] },
  'accepted-unsigned': { text: 'ACCEPTED (unsigned)', style: ['bold', 'yellow'] },
  rejected: { text: 'REJECTED', style: ['bold', 'red'] },
  'logged-out': { text: 'LOGGED OUT', style: ['bold', 'cyan'] },
}

/** A source in a few plain words, from the vocabulary of the scheme that names it. */
function sourceLabel(source: FieldSource): string {
  for (const vocabulary of vocabularies()) {
    const texts: Readonly<Record<string, { readonly plain: string }>> = vocabulary.fields.sourceTexts
    if (Object.hasOwn(texts, source)) return texts[source]?.plain ?? source
  }
  return source
}

/** "1 h 5 min", "3 min 2 s", "12 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (days > 0) return `${days} d ${hours} h`
  if (hours > 0) return `${hours} h ${minutes} min`
  if (minutes > 0) return `${minutes} min ${rest} s`
  return `${rest} s`
}

function fieldRows(rows: readonly (MergedField | SourcedField)[], paint: (style: Style, text: string) => string): string[] {
  const width = Math.min(24, Math.max(...rows.map((row) => row.name.length)))
  return rows.flatMap((row) => {
    const value = row.value.length > 80 ? `${row.value.slice(0, 77)}...` : row.value
    const lines = [`    ${row.name.padEnd(width)}  ${value}  ${paint('dim', `(${sourceLabel(row.source)})`)}`]
    if ('overridden' in row) {
      for (const lower of row.overridden) lines.push(`    ${''.padEnd(width)}  ${paint('dim', `overrides ${JSON.stringify(lower.value)} from ${sourceLabel(lower.source)}`)}`)
    }
    return lines
  })
}

/**
 * Renders an inspection as a short panel for a terminal.
 *
 * @example
 * process.stdout.write(formatInspection('token.jwt', inspection, { color: false }))
 */
export function formatInspection(file: string, inspection: Inspection, options: FormatOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text) : text)
  const verdict = VERDICT_LABEL[inspection.verdict]
  const scheme = (inspection.scheme === null ? undefined : vocabularyOf(inspection.scheme)?.name) ?? 'unknown scheme'
  const lines: string[] = [paint('bold', file), `  ${scheme} · ${paint(verdict.style, verdict.text)}`]
  if (inspection.key) lines.push(`  key: ${inspection.key.kid} (${inspection.key.fingerprint})`)

  const { expiry } = inspection
  if (expiry.status === 'none') lines.push('  expiry: none')
  else {
    const left = expiry.secondsLeft ?? 0
    const when = left >= 0 ? `in ${formatDuration(left)}` : `${formatDuration(left)} ago`
    lines.push(`  expiry: ${expiry.expiresAt ?? ''} (${when}) · ${expiry.status}`)
  }
  const marks = inspection.checks.map((check) => {
    const mark = check.status === 'pass' ? paint('green', '✓') : check.status === 'fail' ? paint('red', '✗') : paint('dim', '–')
    return `${check.id} ${mark}`
  })
  lines.push(`  checks: ${marks.join('  ')}`)
  for (const error of inspection.errors) lines.push(`  ${paint('red', 'error')} ${error.code}: ${error.message}`)
  for (const warning of inspection.warnings) lines.push(`  ${paint('yellow', 'warning')} ${warning.code}: ${warning.message}`)
  for (const entry of inspection.diagnosis ?? []) lines.push(`  ${paint('cyan', 'likely cause')} ${entry.code}: ${entry.message}`)
  if (inspection.expectation) {
    lines.push(inspection.expectation.met ? `  expectation: ${paint('green', 'met')}` : `  expectation: ${paint('red', 'NOT met')}`)
    for (const mismatch of inspection.expectation.mismatches) {
      lines.push(`    ${mismatch.path}: expected ${JSON.stringify(mismatch.expected)}, got ${JSON.stringify(mismatch.actual)}`)
    }
  }
  if (inspection.startPage) lines.push(`  start page: ${inspection.startPage.title} <${inspection.startPage.url}>`)
  if (inspection.fields.length > 0) lines.push('  fields:', ...fieldRows(inspection.fields, paint))
  if (inspection.unmapped.length > 0) lines.push('  not shown in the agent panel:', ...fieldRows(inspection.unmapped, paint))
  if (inspection.rejectedFields.length > 0) lines.push(`  ${paint('red', 'not accepted (do not trust):')}`, ...fieldRows(inspection.rejectedFields, paint))
  return `${lines.join('\n')}\n`
}

/** The JSON object for one file, with the members the command line documents. */
export function inspectionJson(file: string, inspection: Inspection): Record<string, unknown> {
  const { scheme, verdict, errors, warnings, checks, key, expiry, fields, unmapped, rejectedFields, now, diagnosis, expectation, startPage } = inspection
  return {
    file, scheme, verdict, errors, warnings, checks, key, expiry, fields, unmapped, rejectedFields, now,
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...(expectation === undefined ? {} : { expectation }),
    ...(startPage === undefined ? {} : { startPage }),
  }
}

/** The JSON line for one file. */
export function inspectionJsonLine(file: string, inspection: Inspection): string {
  return `${JSON.stringify(inspectionJson(file, inspection))}\n`
}
