/**
 * `batch DIR|FILE...`: every sample below the paths, streamed, with a summary and optional
 * JUnit XML and Markdown reports.
 */
import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { createKeyRing } from '../core/key-ring'
import { visibleText } from '../core/visible-text'
import { parseKeyArgument } from '../io/key-files'
import { isPassedOverName, isSampleName, walkSamples } from '../io/sample-walk'
import { WorkerPool, poolSizeForMachine } from '../io/worker-pool'
import { KEY_STORE_FILE } from '../io/key-store-file'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, INSPECTION_OPTIONS, UsageError, loadKeys, loadSettings, loadTokens, parseNow, parseScheme, stderrLines, type CliIo } from './cli-context'
import { JunitReport, MarkdownReport, batchResultLine, withRenderedLine } from './batch-report'
import { BATCH_WINDOW, SummaryCounter, inspectSampleFile, runBatch, type BatchContext, type BatchResult } from '../io/batch-run'
import { inspectTask, type BatchTask, type BatchTaskResult, type BatchWorkerInit } from './batch-task'
import { ProgressLine } from './batch-progress'
import { inShard, parseShard, type Shard } from './batch-shard'
import { githubAnnotation } from './github-reporter'

/**
 * Standard output of the batch, gathered into one write per {@link OUTPUT_FLUSH_MS} or
 * {@link OUTPUT_FLUSH_CHARS}: a pipe or a terminal takes each write as a system call that wakes its
 * reader, and one per line was a fifth of the batch's time on a loaded machine. The text and its
 * order are unchanged; it is flushed before anything goes to standard error and only while the
 * progress line is cleared.
 */
export class CoalescedOutput {
  private pending = ''
  private lastFlush: number

  constructor(private readonly stream: { write(text: string): unknown }, private readonly clock: () => number) {
    this.lastFlush = clock()
  }

  write(text: string): void {
    this.pending += text
  }

  /** Writes what is gathered when enough of it, or old enough, is waiting. */
  flushIfDue(): void {
    if (this.pending.length >= OUTPUT_FLUSH_CHARS || this.clock() - this.lastFlush >= OUTPUT_FLUSH_MS) this.flush()
  }

  flush(): void {
    this.lastFlush = this.clock()
    if (this.pending === '') return
    const text = this.pending
    this.pending = ''
    this.stream.write(text)
  }
}

export const OUTPUT_FLUSH_MS = 20
export const OUTPUT_FLUSH_CHARS = 32_768

const REPORTERS = ['github'] as const
type Reporter = (typeof REPORTERS)[number]

function parseReporters(values: readonly string[] | undefined, json: boolean): Reporter[] {
  const reporters: Reporter[] = []
  for (const value of values ?? []) {
    if (!(REPORTERS as readonly string[]).includes(value)) throw new UsageError(`--reporter ${value}: use ${REPORTERS.join(' or ')}`)
    reporters.push(value as Reporter)
  }
  // Annotations go to standard output, where GitHub reads workflow commands; JSON lines must stay JSON.
  if (reporters.includes('github') && json) throw new UsageError('--reporter github writes to standard output: it cannot be combined with --json (use --junit FILE for a second report)')
  return reporters
}

/** Counts the files of the run (its shard), for the progress line's total and estimate. */
async function countFiles(paths: readonly string[], shard: Shard | undefined, progress: ProgressLine, signal: AbortSignal): Promise<void> {
  let total = 0
  for await (const entry of walkSamples(paths)) {
    if (signal.aborted) return
    if (inShard(entry.path, shard)) total++
  }
  progress.setTotal(total)
}

/**
 * The worker module: under tsx (tests, `cli:dev`) the TypeScript source, which the pool bundles in
 * memory; in the built bin the chunk built beside it (out/cli/batch-worker.mjs), never a file in
 * a folder another user can write to.
 */
const BATCH_WORKER = import.meta.url.endsWith('.ts') ? new URL('./batch-worker.ts', import.meta.url) : new URL('./batch-worker.mjs', import.meta.url)

/** With worker threads, the first files still run here: a small batch does not repay their start-up. */
const FILES_BEFORE_THREADS = 256

/**
 * `--threads N|auto`. One thread is the default: on two cores it measured faster than two
 * workers (the main thread's walking, reading and writing leave little for workers to take
 * over, and every result crosses between threads), see the README's Performance section.
 */
function parseThreads(value: string | undefined): number {
  if (value === undefined) return 1
  if (value === 'auto') return poolSizeForMachine()
  if (!/^[1-9]\d?$/.test(value)) throw new UsageError(`--threads ${value}: use a number from 1 to 99, or auto`)
  return Number(value)
}

/** Files sent to a worker thread in one message. */
const FILES_PER_TASK = 32

interface WaitingFile {
  readonly path: string
  readonly resolve: (result: BatchResult) => void
  readonly reject: (error: Error) => void
}

/**
 * Inspects on this thread, or once a batch is large enough to repay their start-up, on `size`
 * threads: this one and `size - 1` workers, each run of {@link FILES_PER_TASK} files going to the
 * next in turn. This thread only walks and writes otherwise, so it takes its share (one worker
 * fewer: less memory, and one set of compiled code fewer to warm up). Either way each result
 * comes with its line written, so only short text is copied and written here.
 */
class LazyThreads {
  private pool: Promise<WorkerPool<BatchTask, BatchTaskResult>> | null = null
  private seen = 0
  private sent = 0
  private waiting: WaitingFile[] = []
  private sendScheduled = false

  constructor(private readonly init: BatchWorkerInit, readonly size: number) {}

  /**
   * Files the batch should keep in flight: few while this thread inspects alone, enough to keep
   * every thread busy once the workers run.
   */
  window(): number {
    return this.pool === null ? BATCH_WINDOW : FILES_PER_TASK * this.size * 2
  }

  async inspect(path: string, context: BatchContext): Promise<BatchResult> {
    this.seen++
    if (this.seen <= FILES_BEFORE_THREADS || this.size < 2) return withRenderedLine(await inspectSampleFile(path, context), this.init.json)
    if (this.pool === null) {
      this.pool = WorkerPool.start<BatchTask, BatchTaskResult>(BATCH_WORKER, this.size - 1, this.init)
      // A pool that fails to start fails each run sent to it (each file gets its own error line);
      // until a run is sent, nothing else may hear of it.
      this.pool.catch(() => undefined)
    }
    return new Promise<BatchResult>((resolve, reject) => {
      this.waiting.push({ path, resolve, reject })
      if (this.waiting.length >= FILES_PER_TASK) this.send(context)
      else if (!this.sendScheduled) {
        // A short run goes when the batch next waits (a full window, the walk's I/O, a turn of the loop).
        this.sendScheduled = true
        setImmediate(() => {
          this.sendScheduled = false
          this.send(context)
        })
      }
    })
  }

  private send(context: BatchContext): void {
    const files = this.waiting
    if (files.length === 0 || this.pool === null) return
    this.waiting = []
    // The time is read here, from the same clock for every thread: the thread a file lands on
    // never changes its result.
    const now = context.explicitNow ?? context.clock()
    const task: BatchTask = { kind: 'files', paths: files.map((file) => file.path), now: now.toISOString() }
    const answered = this.sent++ % this.size === 0
      ? inspectTask(task, { ...context, clock: () => now }, this.init.json)
      : this.pool.then((pool) => pool.run(task))
    answered
      .then((results) => {
        files.forEach((file, index) => {
          const result = results[index]
          if (result === undefined) file.reject(new Error('a worker thread answered for fewer files than it was sent'))
          else file.resolve(result)
        })
      })
      .catch((error: unknown) => {
        // Settling an answered file again does nothing: only those still waiting hear of it.
        for (const file of files) file.reject(error instanceof Error ? error : new Error(String(error)))
      })
  }

  async close(): Promise<void> {
    // A pool that never started has nothing to stop; its failure was each run's to report.
    await this.pool?.then((pool) => pool.close(), () => undefined)
  }
}

/** The path with links and `..` resolved as far as it exists, to compare two names for one file. */
async function resolvedPath(path: string): Promise<string> {
  const absolute = resolve(path)
  try {
    return await realpath(absolute)
  } catch {
    // Not there (yet): resolve its folder.
  }
  try {
    return join(await realpath(dirname(absolute)), basename(absolute))
  } catch {
    return absolute
  }
}

/** Whether a walk of `folder` would reach `path` and read it as a sample. */
function walkReads(folder: string, path: string): boolean {
  const inside = relative(folder, path)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return false
  return isSampleName(basename(path)) && !inside.split(sep).some(isPassedOverName)
}

/**
 * Refuses, before anything runs, report paths that are folders or special files, that name an
 * input (a sample, a key, settings or token file) or each other, or that a folder walk of this
 * run would read as a sample while it is being written. Paths compare resolved (links, `..`).
 */
async function checkReportPaths(
  reports: readonly (readonly [option: string, path: string | undefined])[],
  inputs: readonly string[],
  optionFiles: readonly (readonly [option: string, path: string | undefined])[],
): Promise<void> {
  const taken = new Map<string, string>()
  const folders: string[] = []
  for (const input of inputs) {
    const resolved = await resolvedPath(input)
    const info = await stat(resolved).catch(() => null)
    if (info?.isDirectory()) folders.push(resolved)
    else taken.set(resolved, `the input ${input}`)
  }
  for (const [option, path] of optionFiles) if (path !== undefined) taken.set(await resolvedPath(path), `${option} ${path}`)
  for (const [option, path] of reports) {
    if (path === undefined) continue
    const resolved = await resolvedPath(path)
    const info = await stat(resolved).catch(() => null)
    if (info?.isDirectory()) throw new UsageError(`${option} ${path}: it is a folder; name the file to write`)
    if (info !== null && !info.isFile()) throw new UsageError(`${option} ${path}: it is not a regular file; name the file to write`)
    const clash = taken.get(resolved)
    if (clash !== undefined) throw new UsageError(`${option} ${path}: it is also ${clash}; the report would overwrite it`)
    const walked = folders.find((folder) => walkReads(folder, resolved))
    if (walked !== undefined) throw new UsageError(`${option} ${path}: it is inside the folder ${walked}, whose samples this run reads; write the report elsewhere`)
    await access(dirname(resolved), constants.W_OK).catch(() => {
      throw new UsageError(`${option} ${path}: its folder does not exist or cannot be written`)
    })
    taken.set(resolved, `${option} ${path}`)
  }
}

export async function runBatchCommand(args: readonly string[], io: CliIo, clock: () => number = () => performance.now()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      ...INSPECTION_OPTIONS,
      junit: { type: 'string' },
      report: { type: 'string' },
      threads: { type: 'string' },
      shard: { type: 'string' },
      reporter: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
    },
  })
  if (positionals.length === 0) throw new UsageError('batch needs at least one folder or file')
  const threadCount = parseThreads(values.threads)
  const shard = values.shard === undefined ? undefined : parseShard(values.shard)
  const github = parseReporters(values.reporter, values.json === true).includes('github')
  const scheme = parseScheme(values.scheme)
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  await checkReportPaths([['--junit', values.junit], ['--report', values.report]], positionals, [
    ...(values.key ?? []).map((value) => ['--key', parseKeyArgument(value).path] as const),
    ['--config', values.config],
    ['--tokens', values.tokens],
    ['--keystore', values.keystore === undefined ? undefined : join(values.keystore, KEY_STORE_FILE)],
  ])
  const { settings } = await loadSettings(values.config)
  const keyEntries = await loadKeys(values.key ?? [], values.keystore, stderrLines(io))
  const keys = await createKeyRing(keyEntries)
  const authTokens = await loadTokens(values.tokens)
  const context: BatchContext = {
    keys,
    settings,
    clock: io.now,
    ...(explicitNow === undefined ? {} : { explicitNow }),
    ...(scheme === undefined ? {} : { scheme }),
    ...(authTokens === undefined ? {} : { authTokens }),
  }

  const reports = [
    ...(values.junit === undefined ? [] : [new JunitReport(values.junit, shard === undefined ? 'samples' : `samples (shard ${shard.index}/${shard.count})`)]),
    ...(values.report === undefined ? [] : [new MarkdownReport(values.report)]),
  ]
  const counter = new SummaryCounter(clock)
  const init: BatchWorkerInit = {
    keys: keyEntries,
    settings,
    json: values.json === true,
    ...(explicitNow === undefined ? {} : { explicitNow: explicitNow.toISOString() }),
    ...(scheme === undefined ? {} : { scheme }),
    ...(authTokens === undefined ? {} : { authTokens: [...authTokens] }),
  }
  const threads = new LazyThreads(init, threadCount)
  const progress = io.progress === undefined || values.quiet === true ? null : new ProgressLine(io.progress, clock)
  const stopCounting = new AbortController()
  const stdout = new CoalescedOutput(io.stdout, clock)
  if (progress !== null) void countFiles(positionals, shard, progress, stopCounting.signal).catch(() => undefined)
  try {
    await runBatch(positionals, context, async (result) => {
      counter.add(result)
      // The line goes while other output is written to the same terminal, and is drawn again after.
      progress?.clear()
      if (result.status === 'error') {
        stdout.flush()
        io.stderr.write(`${visibleText(result.file)}: ${visibleText(result.problem ?? 'could not be read')} [${result.code ?? 'input-unreadable'}]\n`)
      }
      // Every inspected file comes with its line; the rest (unreadable, passed over) has no inspection.
      stdout.write(result.line ?? batchResultLine({ ...result, inspection: null }, values.json === true))
      const annotation = github ? githubAnnotation(result) : null
      if (annotation !== null) stdout.write(annotation)
      stdout.flushIfDue()
      for (const report of reports) await report.add(result)
      progress?.advance(result.file)
    }, { window: () => threads.window(), inspectFile: (path) => threads.inspect(path, context), ...(shard === undefined ? {} : { include: (path: string) => inShard(path, shard) }) })
    progress?.clear()
    stdout.flush()
    const summary = counter.summary()
    for (const report of reports) await report.finish(summary)
    if (values.json) io.stdout.write(`${JSON.stringify({ summary })}\n`)
    else {
      io.stdout.write(`\n${summary.files} files: ${summary.verified} verified, ${summary.rejected} rejected; ` +
        `expectations ${summary.expectationsMet} met, ${summary.expectationsFailed} failed; ${summary.errors} unreadable; ` +
        `${summary.skipped} skipped; ${(summary.ms / 1000).toFixed(1)} s\n`)
    }
    // A sample that could not be checked (unreadable, a FIFO, a dangling link…) fails the run
    // harder than a rejected one: the verdict is not known.
    if (summary.errors > 0) return EXIT_USAGE
    return counter.failed > 0 ? EXIT_REJECTED : EXIT_OK
  } finally {
    // Reports not finished (the run or another report failed) leave no part behind.
    stopCounting.abort()
    progress?.clear()
    stdout.flush()
    await Promise.all(reports.map((report) => report.abandon()))
    await threads.close()
  }
}
