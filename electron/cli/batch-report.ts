/**
 * JUnit XML and Markdown reports for a batch, streamed to disk so that memory stays flat:
 * the body is written as results arrive and the header (which holds the totals) is put in
 * front when the batch ends.
 */
import { createReadStream, createWriteStream, openSync, type WriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { batchInspection, type BatchResult, type BatchStatus, type BatchSummary, type InspectedFile } from '../io/batch-run'
import { safeJson, visibleText } from '../core/visible-text'
import { forgetTemporary, trackTemporary } from '../io/temporary-files'
import { inspectionJson } from './format-inspection'

/**
 * Text for an XML 1.0 attribute, well-formed whatever it holds: controls, line breaks and lone
 * surrogates made visible first ({@link visibleText}), then markup characters as entities and
 * the two non-characters XML cannot carry replaced.
 */
function xml(text: string): string {
  return visibleText(text)
    .replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string)
    .replace(/[\uFFFE\uFFFF]/g, '\uFFFD')
}

/**
 * Text for a Markdown table cell that shows as written: controls and line breaks made visible,
 * HTML's characters as entities (no tag or comment gets through), and every character Markdown
 * acts on inside a line (code spans, emphasis, links, strike-through, cell breaks) escaped.
 */
function markdownCell(text: string): string {
  return visibleText(text)
    .replace(/[<>&]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[char] as string)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
}

/** Why a sample did not pass, in one line. */
export function failureSummary(result: BatchResult): string {
  if (result.problem !== undefined) return result.problem
  const inspection = result.inspection
  if (inspection === null) return ''
  const mismatches = inspection.expectation?.mismatches ?? []
  if (mismatches.length > 0) {
    return mismatches.map((mismatch) => `${mismatch.path}: expected ${safeJson(mismatch.expected)}, got ${safeJson(mismatch.actual)}`).join('; ')
  }
  const codes = inspection.errors.map((error) => error.code).join(', ')
  const likely = inspection.diagnosis?.[0]
  return likely && likely.code !== 'diagnosis-unexplained' ? `${codes} (likely: ${likely.code})` : codes
}

/**
 * Why a sample did not pass, as one plain sentence: what a CI system shows first (a JUnit
 * failure's message, an annotation's first line).
 */
export function failureSentence(result: BatchResult): string {
  if (result.status === 'error') return `The file was not checked: ${result.problem ?? 'it could not be read'}.`
  if (result.status === 'skipped') return `The file was passed over: ${result.problem ?? 'not a sample'}.`
  const inspection = result.inspection
  if (inspection === null) return result.problem ?? ''
  const mismatches = inspection.expectation?.mismatches ?? []
  const first = mismatches[0]
  if (first !== undefined) {
    const more = mismatches.length > 1 ? ` (and ${mismatches.length - 1} more)` : ''
    return `The sample's expectation was not met: ${first.path} expected ${safeJson(first.expected)}, got ${safeJson(first.actual)}${more}.`
  }
  return inspection.errors[0]?.message ?? `The identity was ${inspection.verdict}.`
}

/** The rest, one line each: the codes, the likely causes, every expectation mismatch. */
export function failureDetails(result: BatchResult): string[] {
  const inspection = result.inspection
  if (inspection === null) return result.code === undefined ? [] : [`code: ${result.code}`]
  const lines: string[] = []
  if (inspection.errors.length > 0) lines.push(`errors: ${inspection.errors.map((error) => error.code).join(', ')}`)
  if (inspection.warnings.length > 0) lines.push(`warnings: ${inspection.warnings.map((warning) => warning.code).join(', ')}`)
  for (const entry of inspection.diagnosis ?? []) lines.push(`diagnosis: ${entry.code}: ${entry.message}`)
  for (const mismatch of inspection.expectation?.mismatches ?? []) lines.push(`expect ${mismatch.path}: expected ${safeJson(mismatch.expected)}, got ${safeJson(mismatch.actual)}`)
  return lines
}

const STATUS_LABEL: Record<BatchStatus, string> = {
  passed: 'PASS ',
  failed: 'FAIL ',
  error: 'ERROR',
  skipped: 'SKIP ',
}

/**
 * The line `batch` prints for one file: JSON, or a short line for people in which the file name
 * and the reason are made visible, so that no name or value can break the line or forge another.
 */
export function batchResultLine(result: InspectedFile, json: boolean): string {
  if (json) {
    const body = result.inspection === null
      ? { file: result.file, status: result.status, ...(result.code === undefined ? {} : { code: result.code }), problem: result.problem }
      : { ...inspectionJson(result.file, result.inspection), status: result.status }
    return `${safeJson(body)}\n`
  }
  const verdict = result.inspection?.verdict ?? ''
  const code = result.code === undefined ? '' : `${result.code}: `
  const why = result.status === 'passed' ? '' : `  ${code}${visibleText(failureSummary(result))}`
  return `${STATUS_LABEL[result.status]} ${verdict.padEnd(17)} ${visibleText(result.file)}${why}\n`
}

/**
 * A result with its line written while the whole inspection is at hand, and only the part of
 * the inspection the batch still reads: what a worker thread sends back, so that the main
 * thread copies and writes short text.
 */
export function withRenderedLine(result: InspectedFile, json: boolean): BatchResult {
  const line = batchResultLine(result, json)
  return { ...result, line, inspection: result.inspection === null ? null : batchInspection(result.inspection) }
}

abstract class StreamedReport {
  private readonly body: WriteStream
  private readonly bodyPath: string

  private failure: Error | null = null

  constructor(protected readonly path: string) {
    this.bodyPath = `${path}.body-${process.pid}`
    trackTemporary(this.bodyPath)
    // Opened now, not on the thread pool: a signal's cleanup must never race a pending open that
    // would create the file again after it was removed.
    this.body = createWriteStream(this.bodyPath, { fd: openSync(this.bodyPath, 'w', 0o600) })
    // Kept and rethrown on the next write: an unhandled stream error would end the process.
    this.body.on('error', (error) => {
      this.failure = error
    })
  }

  protected async write(text: string): Promise<void> {
    if (this.failure) throw new Error(`the report ${this.path} could not be written (${this.failure.message})`)
    if (!this.body.writable) throw new Error(`the report ${this.path} was already closed`)
    if (!this.body.write(text)) await once(this.body, 'drain')
  }

  abstract add(result: BatchResult): Promise<void>
  protected abstract header(summary: BatchSummary): string
  protected abstract footer(): string

  /** Writes header, body and footer to the report's path; on failure leaves no part behind. */
  async finish(summary: BatchSummary): Promise<void> {
    const finalPath = `${this.path}.partial-${process.pid}`
    trackTemporary(finalPath)
    try {
      if (this.failure) throw this.failure
      this.body.end()
      await once(this.body, 'finish')
      const out = createWriteStream(finalPath, { fd: openSync(finalPath, 'w', 0o644) })
      const failed = once(out, 'error').then(([error]) => {
        throw error as Error
      })
      const written = (async () => {
        out.write(this.header(summary))
        for await (const chunk of createReadStream(this.bodyPath)) {
          if (!out.write(chunk)) await once(out, 'drain')
        }
        out.end(this.footer())
        await once(out, 'finish')
      })()
      await Promise.race([written, failed])
      await rename(finalPath, this.path)
      forgetTemporary(finalPath)
    } catch (error) {
      await rm(finalPath, { force: true })
      forgetTemporary(finalPath)
      throw new Error(`the report ${this.path} could not be written (${(error as Error).message})`)
    } finally {
      await this.abandon()
    }
  }

  /** Removes the body written so far. */
  async abandon(): Promise<void> {
    this.body.destroy()
    await rm(this.bodyPath, { force: true })
    forgetTemporary(this.bodyPath)
  }
}

/** JUnit XML: one test case per sample, so CI systems list each. */
export class JunitReport extends StreamedReport {
  private failures = 0
  private skipped = 0

  /** `suite`: the test suite's name (a shard's names its shard, so merged files stay apart). */
  constructor(path: string, private readonly suite: string = 'samples') {
    super(path)
  }

  async add(result: BatchResult): Promise<void> {
    const inspection = result.inspection
    const name = xml(result.file)
    const classname = xml(`visitor-inspector.${inspection?.scheme ?? 'unknown'}`)
    // The message is the plain sentence CI systems show in their lists; the body, one line each,
    // the codes, the likely causes and the expectation's mismatches.
    const body = [failureSentence(result), ...failureDetails(result)].map(xml).join('\n')
    let inner = ''
    if (result.status === 'failed') {
      this.failures++
      inner = `<failure message="${xml(failureSentence(result))}" type="${xml(inspection?.verdict ?? 'rejected')}">${body}</failure>`
    } else if (result.status === 'error') {
      inner = `<error message="${xml(failureSentence(result))}" type="${xml(result.code ?? 'input-unreadable')}">${body}</error>`
    } else if (result.status === 'skipped') {
      this.skipped++
      inner = `<skipped message="${xml(result.problem ?? 'not a sample')}"/>`
    }
    const time = ((result.ms ?? 0) / 1000).toFixed(3)
    await this.write(`    <testcase name="${name}" classname="${classname}" time="${time}">${inner}</testcase>\n`)
  }

  protected header(summary: BatchSummary): string {
    const counts = `tests="${summary.files}" failures="${this.failures}" errors="${summary.errors}" skipped="${this.skipped}" time="${(summary.ms / 1000).toFixed(3)}"`
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="visitor-inspector" ${counts}>\n  <testsuite name="${xml(this.suite)}" ${counts}>\n`
  }

  protected footer(): string {
    return '  </testsuite>\n</testsuites>\n'
  }
}

/** A Markdown report for people: totals first, then every sample that did not pass. */
export class MarkdownReport extends StreamedReport {
  private failures = 0

  async add(result: BatchResult): Promise<void> {
    if (result.status === 'passed' || result.status === 'skipped') return
    this.failures++
    const verdict = result.status === 'error' ? 'unreadable' : result.inspection?.verdict ?? ''
    await this.write(`| ${markdownCell(result.file)} | ${verdict} | ${markdownCell(failureSummary(result))} |\n`)
  }

  protected header(summary: BatchSummary): string {
    const lines = [
      '# Visitor Inspector batch report',
      '',
      '| files | verified | rejected | expectations met | expectations failed | unreadable | skipped | time |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${summary.files} | ${summary.verified} | ${summary.rejected} | ${summary.expectationsMet} | ${summary.expectationsFailed} | ${summary.errors} | ${summary.skipped} | ${(summary.ms / 1000).toFixed(1)} s |`,
      '',
    ]
    if (this.failures === 0) lines.push('Every sample passed.', '')
    else lines.push(`## Samples that did not pass (${this.failures})`, '', '| file | verdict | why |', '| --- | --- | --- |')
    return `${lines.join('\n')}\n`
  }

  protected footer(): string {
    return ''
  }
}
