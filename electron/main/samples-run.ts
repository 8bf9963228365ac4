/**
 * One run of the Samples view: the command line's batch runner over the folders and files the user
 * picked, keeping a compact row per file and never the inspection itself, so that a folder of
 * 100,000 samples stays small. A second walk only counts files, for the progress bar.
 */
import { basename, join, relative, sep } from 'node:path'
import { runBatch, SummaryCounter, type BatchContext, type BatchResult } from '../io/batch-run'
import type { IssueCode } from '../common/codes'
import type { DiagnosisCode, Verdict } from '../common/inspection'
import { walkSamples } from '../io/sample-walk'
import {
  SAMPLES_PAGE_ROWS,
  SAMPLE_STATUSES,
  type SampleRow,
  type SampleStatus,
  type SamplesProgress,
  type SamplesSummary,
} from '../shared/ipc-contract'
import { schemeIds, type SchemeId } from '../common/schemes'

/** Expected and actual values of a mismatch are cut to this many characters in a row. */
const MISMATCH_TEXT_LENGTH = 120

/** A row as main keeps it: the full path instead of the display path. */
interface StoredRow {
  readonly path: string
  readonly status: SampleStatus
  readonly scheme: SchemeId | null
  readonly verdict: Verdict | null
  readonly codes: readonly IssueCode[]
  readonly firstMismatch: SampleRow['firstMismatch']
  readonly likelyCause: DiagnosisCode | null
  readonly problem: string | null
}

function shortJson(value: unknown): string {
  const text = value === undefined ? '(nothing)' : (JSON.stringify(value) ?? String(value))
  return text.length <= MISMATCH_TEXT_LENGTH ? text : `${text.slice(0, MISMATCH_TEXT_LENGTH - 1)}…`
}

/** Codes repeat across thousands of samples: one shared list per distinct combination. */
class CodeLists {
  readonly #lists = new Map<string, readonly IssueCode[]>()
  intern(codes: readonly IssueCode[]): readonly IssueCode[] {
    const key = codes.join(' ')
    const known = this.#lists.get(key)
    if (known !== undefined) return known
    const frozen = Object.freeze([...codes])
    this.#lists.set(key, frozen)
    return frozen
  }
}

function rowOf(result: BatchResult, codeLists: CodeLists): StoredRow {
  const inspection = result.inspection
  const none = { scheme: null, verdict: null, codes: [], firstMismatch: null, likelyCause: null }
  if (result.status === 'skipped') return { path: result.file, status: 'skipped', ...none, problem: result.problem ?? 'not a sample' }
  if (inspection === null) return { path: result.file, status: 'unreadable', ...none, problem: result.problem ?? 'the file could not be read' }
  const codes = codeLists.intern([...inspection.errors.map((error) => error.code), ...inspection.warnings.map((warning) => warning.code)])
  const mismatch = inspection.expectation?.mismatches[0]
  const likely = inspection.diagnosis?.find((entry) => entry.code !== 'diagnosis-unexplained')
  const tooLarge = inspection.errors[0]?.code === 'input-too-large'
  // Refused unread for its size: nothing was inspected, and the row shows its name, not its full path.
  if (tooLarge) return { path: result.file, status: 'unreadable', ...none, codes, problem: inspection.errors[0]?.message.replaceAll(result.file, basename(result.file)) ?? null }
  // A sample file that is not a valid sample was never judged as one: it is unreadable, not "no expectation".
  const first = inspection.errors[0]
  const brokenSample = first?.code === 'sample-invalid' || (first?.code === 'input-unrecognised' && /\.sample\.json5?$/i.test(result.file))
  if (brokenSample) return { path: result.file, status: 'unreadable', ...none, codes, problem: first.message }
  let status: SampleStatus = 'no-expectation'
  if (inspection.expectation !== undefined) status = inspection.expectation.met ? 'met' : 'failed'
  return {
    path: result.file,
    status,
    scheme: inspection.scheme,
    verdict: inspection.verdict,
    codes,
    firstMismatch: mismatch === undefined ? null : { path: mismatch.path, expected: shortJson(mismatch.expected), actual: shortJson(mismatch.actual) },
    likelyCause: likely?.code ?? null,
    problem: null,
  }
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}

export interface SamplesRunOptions {
  readonly id: string
  /** Absolute paths of the picked folders or files. */
  readonly roots: readonly string[]
  readonly context: BatchContext
  /** What the run was judged with (keys, settings, token table): a change makes it stale. */
  readonly stamp: string
  /** Milliseconds, for the summary's duration. */
  readonly clock?: () => number
  /** Files in flight at once; the batch runner's default when left out. */
  readonly window?: number
}

export class SamplesRun {
  readonly id: string
  readonly roots: readonly string[]
  readonly stamp: string
  /** Settles when no more rows will come. */
  readonly settled: Promise<void>
  readonly #rows: StoredRow[] = []
  readonly #abort = new AbortController()
  readonly #counter: SummaryCounter
  readonly #statuses = zeroCounts(SAMPLE_STATUSES)
  readonly #schemes = zeroCounts<SchemeId | 'unknown'>([...schemeIds(), 'unknown'])
  readonly #codeLists = new CodeLists()
  #found = 0
  #counted = false
  #finished = false
  #finalMs: number | null = null
  #failure: string | null = null

  constructor(options: SamplesRunOptions) {
    this.id = options.id
    this.roots = options.roots
    this.stamp = options.stamp
    const clock = options.clock ?? (() => performance.now())
    this.#counter = new SummaryCounter(clock)
    const counting = this.#count()
    const inspecting = runBatch(this.roots, options.context, async (result) => this.#add(result), {
      signal: this.#abort.signal,
      ...(options.window === undefined ? {} : { window: options.window }),
    }).catch((error: unknown) => {
      // The runner handles every file's own failure; this is a bug, kept as data instead of a crash.
      this.#failure = `the run stopped: ${(error as Error).message}`
    })
    this.settled = Promise.all([counting, inspecting]).then(() => {
      this.#finalMs = this.#counter.summary().ms
      this.#finished = true
    })
  }

  get cancelled(): boolean {
    return this.#abort.signal.aborted
  }

  get finished(): boolean {
    return this.#finished
  }

  /** Stops starting new files; those in flight finish. False when the run had already ended. */
  cancel(): boolean {
    if (this.#finished || this.cancelled) return false
    this.#abort.abort()
    return true
  }

  /** The full path and status of row `index`, or null when there is no such row yet. */
  sampleAt(index: number): { readonly path: string; readonly status: SampleStatus } | null {
    const row = this.#rows[index]
    return row === undefined ? null : { path: row.path, status: row.status }
  }

  progress(cursor: number, stale: boolean): SamplesProgress {
    const page = this.#rows.slice(cursor, cursor + SAMPLES_PAGE_ROWS)
    const done = this.#rows.length
    return {
      runId: this.id,
      done,
      found: Math.max(this.#found, done),
      counted: this.#counted,
      finished: this.#finished,
      cancelled: this.cancelled,
      rows: page.map((row, offset) => this.#view(row, cursor + offset)),
      summary: this.#summary(),
      stale,
      ...(this.#failure === null ? {} : { failure: this.#failure }),
    }
  }

  async #count(): Promise<void> {
    // Every entry becomes a row: a file, one that cannot be read, or one passed over.
    const walk = walkSamples(this.roots)
    while (!(await walk.next()).done) {
      if (this.cancelled) {
        await walk.return(undefined)
        return
      }
      this.#found += 1
    }
    this.#counted = true
  }

  #add(result: BatchResult): void {
    const row = rowOf(result, this.#codeLists)
    this.#rows.push(row)
    this.#counter.add(result)
    this.#statuses[row.status] += 1
    const kind = row.scheme ?? 'unknown'
    this.#schemes[kind] = (this.#schemes[kind] ?? 0) + 1
  }

  #summary(): SamplesSummary {
    const { files, verified, rejected, ms } = this.#counter.summary()
    return { files, verified, rejected, ms: this.#finalMs ?? ms, statuses: { ...this.#statuses }, schemes: { ...this.#schemes } }
  }

  /** The path below the picked folder, starting with the folder's name; a picked file by its name. */
  #displayPath(path: string): string {
    for (const root of this.roots) {
      if (path === root) return basename(path)
      if (path.startsWith(root.endsWith(sep) ? root : root + sep)) return join(basename(root), relative(root, path))
    }
    return basename(path)
  }

  #view(row: StoredRow, index: number): SampleRow {
    return {
      index,
      file: this.#displayPath(row.path),
      status: row.status,
      scheme: row.scheme,
      verdict: row.verdict,
      codes: row.codes,
      firstMismatch: row.firstMismatch,
      likelyCause: row.likelyCause,
      problem: row.problem,
    }
  }
}
