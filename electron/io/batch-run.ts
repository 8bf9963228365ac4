/**
 * `batch`: inspects every sample below the given paths with bounded concurrency, streaming one
 * result per file in walk order, and ends with a summary.
 */
import type { Inspection } from '../common/inspection'
import { inspect, refusedInspection } from '../core/inspect'
import type { KeyRing } from '../core/key-ring'
import { MAX_INPUT_BYTES } from '../common/limits'
import { isKeyOrSettingsFile } from '../core/payload-detect'
import type { InspectionSettings } from '../common/settings'
import { readBoundedTextFileSync } from './bounded-text-file'
import { walkSamples, type WalkEntry } from './sample-walk'
import type { SchemeId } from '../common/schemes'

export type BatchStatus = 'passed' | 'failed' | 'error' | 'skipped'

/**
 * What a batch's counts, reports and rows read of an inspection: all that crosses back from a
 * worker thread, so that a result costs the main thread a small copy, not the whole panel.
 */
export type BatchInspection = Pick<Inspection, 'scheme' | 'verdict' | 'errors' | 'warnings' | 'diagnosis' | 'expectation'>

export interface BatchResult {
  readonly file: string
  readonly status: BatchStatus
  /** The inspection, or (from a worker thread) the part of it the batch reads. */
  readonly inspection: BatchInspection | null
  /** Why the file could not be inspected, for status `error`; why it was passed over, for `skipped`. */
  readonly problem?: string
  /** For status `error`: the stable code of why (the file could not be read, or our inspection failed). */
  readonly code?: 'input-unreadable' | 'internal-error'
  /** Milliseconds spent reading and inspecting the file (a JUnit test case's `time`). */
  readonly ms?: number
  /** The output line, written where the whole inspection was at hand. */
  readonly line?: string
}

/** A result as the inspecting thread has it, with the whole inspection. */
export interface InspectedFile extends BatchResult {
  readonly inspection: Inspection | null
}

/** The part of an inspection a batch reads (see {@link BatchInspection}). */
export function batchInspection(inspection: Inspection): BatchInspection {
  const { scheme, verdict, errors, warnings, diagnosis, expectation } = inspection
  return { scheme, verdict, errors, warnings, ...(diagnosis === undefined ? {} : { diagnosis }), ...(expectation === undefined ? {} : { expectation }) }
}

/** A failure of ours (or of a worker thread), not of the file: its own line, and the run goes on. */
export function internalErrorResult(file: string, error: unknown): BatchResult {
  return {
    file,
    status: 'error',
    inspection: null,
    code: 'internal-error',
    problem: `an internal error stopped its inspection (${error instanceof Error ? error.message : String(error)})`,
  }
}

export interface BatchSummary {
  readonly files: number
  readonly verified: number
  readonly rejected: number
  readonly expectationsMet: number
  readonly expectationsFailed: number
  readonly errors: number
  /** Entries passed over: key and settings files beside the samples, links to folders already walked. */
  readonly skipped: number
  readonly ms: number
}

export interface BatchContext {
  readonly keys: KeyRing
  readonly settings: InspectionSettings
  readonly authTokens?: ReadonlyMap<string, Readonly<Record<string, string>>>
  /** Judge every file at this time; otherwise each sample's own `now`, or the clock. Samples' own `config` applies. */
  readonly explicitNow?: Date
  readonly scheme?: SchemeId
  readonly clock: () => Date
}

/** Files in flight at once: enough to overlap reads with verification, few enough to stay small. */
export const BATCH_WINDOW = 16

/**
 * The longest the batch keeps the event loop to itself, in milliseconds. Reads are synchronous and
 * a Rox.Chat check awaits nothing but promises, so without a turn of the loop a folder of samples
 * would hold off signals (SIGINT, SIGTERM), a closed pipe and, in the app, every IPC call.
 */
export const BATCH_SLICE_MS = 10

/** Lets the event loop run what is waiting (timers, signals, I/O callbacks), then goes on. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Inspects one file as a QA sample (its own `now` and `config` apply) and classifies the outcome. */
export async function inspectSampleFile(path: string, context: BatchContext): Promise<InspectedFile> {
  const started = performance.now()
  const result = await inspectSampleFileOnce(path, context)
  return { ...result, ms: performance.now() - started }
}

async function inspectSampleFileOnce(path: string, context: BatchContext): Promise<InspectedFile> {
  // Synchronous reads: the same checks without a thread-pool round trip per system call.
  const read = readBoundedTextFileSync(path, MAX_INPUT_BYTES)
  const now = context.explicitNow ?? context.clock()
  if (!read.ok) {
    if (read.reason !== 'too-large') return { file: path, status: 'error', inspection: null, code: 'input-unreadable', problem: read.message }
    return { file: path, status: 'failed', inspection: refusedInspection('input-too-large', `${path}: ${read.message}.`, now) }
  }
  const inspection = await inspect(read.text, {
    keys: context.keys,
    settings: context.settings,
    now,
    // The batch and the Samples view are where the user asks for sample semantics.
    sampleSemantics: true,
    nowIsExplicit: context.explicitNow !== undefined,
    ...(context.scheme === undefined ? {} : { scheme: context.scheme }),
    ...(context.authTokens === undefined ? {} : { authTokens: context.authTokens }),
  })
  if (inspection.errors[0]?.code === 'input-unrecognised' && isKeyOrSettingsFile(read.text)) {
    return { file: path, status: 'skipped', inspection: null, problem: 'a key or settings file, not a sample' }
  }
  return { file: path, status: statusOf(inspection), inspection }
}

function statusOf(inspection: Inspection): BatchResult['status'] {
  if (inspection.expectation !== undefined) return inspection.expectation.met ? 'passed' : 'failed'
  return inspection.verdict === 'rejected' ? 'failed' : 'passed'
}

export class SummaryCounter {
  private readonly started: number
  files = 0
  verified = 0
  rejected = 0
  expectationsMet = 0
  expectationsFailed = 0
  errors = 0
  skipped = 0
  failed = 0

  constructor(private readonly clock: () => number) {
    this.started = clock()
  }

  add(result: BatchResult): void {
    this.files++
    if (result.status === 'error') this.errors++
    if (result.status === 'skipped') this.skipped++
    if (result.status === 'failed') this.failed++
    const inspection = result.inspection
    if (inspection === null) return
    if (inspection.verdict === 'verified') this.verified++
    if (inspection.verdict === 'rejected') this.rejected++
    if (inspection.expectation?.met === true) this.expectationsMet++
    if (inspection.expectation?.met === false) this.expectationsFailed++
  }

  summary(): BatchSummary {
    const { files, verified, rejected, expectationsMet, expectationsFailed, errors, skipped } = this
    return { files, verified, rejected, expectationsMet, expectationsFailed, errors, skipped, ms: Math.round(this.clock() - this.started) }
  }
}

/**
 * Runs the batch, handing each result to `onResult` in walk order.
 *
 * @example
 * await runBatch(['samples/'], context, async (result) => console.log(result.status))
 */
export async function runBatch(
  paths: readonly string[],
  context: BatchContext,
  onResult: (result: BatchResult) => Promise<void>,
  options: {
    /** Files in flight at once (read before each new file): {@link BATCH_WINDOW} when left out. */
    readonly window?: number | (() => number)
    readonly signal?: AbortSignal
    readonly inspectFile?: (path: string) => Promise<BatchResult>
    /** Which entries of the walk this run takes (a shard of it); every entry when left out. */
    readonly include?: (path: string) => boolean
  } = {},
): Promise<void> {
  const { window = BATCH_WINDOW } = options
  const windowNow = typeof window === 'number' ? () => window : window
  const inspectFile = options.inspectFile ?? ((path: string) => inspectSampleFile(path, context))
  const inFlight: Promise<BatchResult>[] = []
  const start = (entry: WalkEntry): Promise<BatchResult> => {
    switch (entry.kind) {
      case 'error':
        return Promise.resolve({ file: entry.path, status: 'error', inspection: null, code: 'input-unreadable', problem: entry.message })
      case 'skipped':
        return Promise.resolve({ file: entry.path, status: 'skipped', inspection: null, problem: entry.message })
      case 'file':
        return inspectFile(entry.path).catch((error: unknown) => internalErrorResult(entry.path, error))
    }
  }
  let sliceStarted = performance.now()
  const handOver = async (result: BatchResult): Promise<void> => {
    await onResult(result)
    if (performance.now() - sliceStarted < BATCH_SLICE_MS) return
    await nextTurn()
    sliceStarted = performance.now()
  }
  for await (const entry of walkSamples(paths)) {
    if (options.signal?.aborted) break
    if (options.include !== undefined && !options.include(entry.path)) continue
    inFlight.push(start(entry))
    if (inFlight.length >= windowNow()) await handOver(await (inFlight.shift() as Promise<BatchResult>))
  }
  while (inFlight.length > 0) {
    const next = inFlight.shift() as Promise<BatchResult>
    await handOver(await next)
  }
}
