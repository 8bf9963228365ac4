/**
 * The command line's readable panel for one inspection.
 */
import { styleText } from 'node:util'
import type { FieldSource, Inspection, MergedField, SourcedField } from '../common/inspection'
import { vocabularies, vocabularyOf } from '../common/schemes'
import { instantWords, plainSpaces, spanWords } from '../common/time-words'
import { safeJson, visibleText } from '../core/visible-text'

export interface FormatOptions {
  readonly color: boolean
}

type Style = Parameters<typeof styleText>[0]

/** Field names are padded to the longest up to this width; values are cut at this length. */
const NAME_WIDTH = 24
const VALUE_WIDTH = 80

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

/** "1 hour, 5 minutes", "3 minutes, 2 seconds", "12 seconds". */
export function formatDuration(totalSeconds: number): string {
  return plainSpaces(spanWords(totalSeconds))
}

/** At most `length` characters, with "..." when cut; never half of a surrogate pair. */
function shortened(text: string, length: number): string {
  if (text.length <= length) return text
  let end = length - 3
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}...`
}

/**
 * Appends one line per field (and per overridden value). Loops, not spreads: a visitor may have
 * more fields than a function call takes arguments.
 */
function pushFieldRows(lines: string[], rows: readonly (MergedField | SourcedField)[], paint: (style: Style, text: string) => string): void {
  let width = 0
  for (const row of rows) {
    width = Math.max(width, visibleText(row.name).length)
    if (width >= NAME_WIDTH) break
  }
  width = Math.min(NAME_WIDTH, width)
  for (const row of rows) {
    const value = shortened(visibleText(row.value), VALUE_WIDTH)
    lines.push(`    ${visibleText(row.name).padEnd(width)}  ${value}  ${paint('dim', `(${sourceLabel(row.source)})`)}`)
    if ('overridden' in row) {
      for (const lower of row.overridden) lines.push(`    ${''.padEnd(width)}  ${paint('dim', `overrides ${safeJson(lower.value)} from ${sourceLabel(lower.source)}`)}`)
    }
  }
}

/**
 * Renders an inspection as a short panel for a terminal. Everything that came from outside (the
 * file name, values, names, messages) goes through {@link visibleText}: no payload can repaint
 * the screen or forge a line.
 *
 * @example
 * process.stdout.write(formatInspection('token.jwt', inspection, { color: false }))
 */
export function formatInspection(file: string, inspection: Inspection, options: FormatOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text) : text)
  const verdict = VERDICT_LABEL[inspection.verdict]
  const scheme = (inspection.scheme === null ? undefined : vocabularyOf(inspection.scheme)?.name) ?? 'unknown scheme'
  const lines: string[] = [paint('bold', visibleText(file)), `  ${scheme} · ${paint(verdict.style, verdict.text)}`]
  if (inspection.appliedFromSample.length > 0) {
    const members = inspection.appliedFromSample.map((member) => (member === 'now' ? `now (${plainSpaces(instantWords(inspection.now))})` : member))
    lines.push(`  ${paint('magenta', 'applied from the sample:')} ${members.join(', ')}`)
  }
  if (inspection.key) lines.push(`  key: ${visibleText(inspection.key.kid)} (${visibleText(inspection.key.fingerprint)})`)

  const { expiry } = inspection
  if (expiry.status === 'none') lines.push('  expiry: none')
  else {
    const left = expiry.secondsLeft ?? 0
    const when = left >= 0 ? `in ${formatDuration(left)}` : `${formatDuration(left)} ago`
    lines.push(`  expiry: ${visibleText(plainSpaces(instantWords(expiry.expiresAt ?? '')))} (${when}) · ${expiry.status}`)
  }
  const marks = inspection.checks.map((check) => {
    const mark = check.status === 'pass' ? paint('green', '✓') : check.status === 'fail' ? paint('red', '✗') : paint('dim', '–')
    return `${check.id} ${mark}`
  })
  lines.push(`  checks: ${marks.join('  ')}`)
  for (const error of inspection.errors) lines.push(`  ${paint('red', 'error')} ${error.code}: ${visibleText(error.message)}`)
  for (const warning of inspection.warnings) lines.push(`  ${paint('yellow', 'warning')} ${warning.code}: ${visibleText(warning.message)}`)
  for (const entry of inspection.diagnosis ?? []) lines.push(`  ${paint('cyan', 'likely cause')} ${entry.code}: ${visibleText(entry.message)}`)
  if (inspection.expectation) {
    lines.push(inspection.expectation.met ? `  expectation: ${paint('green', 'met')}` : `  expectation: ${paint('red', 'NOT met')}`)
    for (const mismatch of inspection.expectation.mismatches) {
      lines.push(`    ${visibleText(mismatch.path)}: expected ${safeJson(mismatch.expected)}, got ${safeJson(mismatch.actual)}`)
    }
  }
  if (inspection.startPage) lines.push(`  start page: ${visibleText(inspection.startPage.title)} <${visibleText(inspection.startPage.url)}>`)
  if (inspection.fields.length > 0) {
    lines.push('  fields:')
    pushFieldRows(lines, inspection.fields, paint)
  }
  if (inspection.unmapped.length > 0) {
    lines.push('  not shown in the agent panel:')
    pushFieldRows(lines, inspection.unmapped, paint)
  }
  if (inspection.rejectedFields.length > 0) {
    lines.push(`  ${paint('red', 'not accepted (do not trust):')}`)
    pushFieldRows(lines, inspection.rejectedFields, paint)
  }
  return `${lines.join('\n')}\n`
}

/** The JSON object for one file, with the members the command line documents. */
export function inspectionJson(file: string, inspection: Inspection): Record<string, unknown> {
  const { scheme, verdict, errors, warnings, checks, key, expiry, fields, unmapped, rejectedFields, now, appliedFromSample, diagnosis, expectation, startPage } = inspection
  return {
    file, scheme, verdict, errors, warnings, checks, key, expiry, fields, unmapped, rejectedFields, now, appliedFromSample,
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...(expectation === undefined ? {} : { expectation }),
    ...(startPage === undefined ? {} : { startPage }),
  }
}

/** The JSON line for one file. */
export function inspectionJsonLine(file: string, inspection: Inspection): string {
  return `${safeJson(inspectionJson(file, inspection))}\n`
}
