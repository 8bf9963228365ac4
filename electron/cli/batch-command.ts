/**
 * `batch DIR|FILE...`: every sample below the paths, streamed, with a summary and optional
 * JUnit XML and Markdown reports.
 */
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { createKeyRing } from '../core/key-ring'
import { WorkerPool, poolSizeForMachine } from '../io/worker-pool'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, INSPECTION_OPTIONS, UsageError, loadKeys, loadSettings, loadTokens, parseNow, parseScheme, type CliIo } from './cli-context'
import { JunitReport, MarkdownReport, batchResultLine } from './batch-report'
import { SummaryCounter, inspectSampleFile, runBatch, type BatchContext, type BatchResult } from '../io/batch-run'
import type { BatchTask, BatchTaskResult, BatchWorkerInit } from './batch-worker'

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

/** Starts worker threads only once a batch is large enough to repay their start-up. */
class LazyThreads {
  private pool: Promise<WorkerPool<BatchTask, BatchTaskResult>> | null = null
  private seen = 0

  constructor(private readonly init: BatchWorkerInit, private readonly size: number) {}

  async inspect(path: string, context: BatchContext): Promise<BatchResult> {
    this.seen++
    if (this.seen <= FILES_BEFORE_THREADS || this.size < 2) return inspectSampleFile(path, context)
    this.pool ??= WorkerPool.start<BatchTask, BatchTaskResult>(new URL('./batch-worker.ts', import.meta.url), this.size, this.init)
    return (await this.pool).run({ kind: 'file', path })
  }

  async close(): Promise<void> {
    if (this.pool !== null) await (await this.pool).close()
  }
}

export async function runBatchCommand(args: readonly string[], io: CliIo, clock: () => number = () => performance.now()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { ...INSPECTION_OPTIONS, junit: { type: 'string' }, report: { type: 'string' }, threads: { type: 'string' } },
  })
  if (positionals.length === 0) throw new UsageError('batch needs at least one folder or file')
  const threadCount = parseThreads(values.threads)
  const scheme = parseScheme(values.scheme)
  const explicitNow = values.now === undefined ? undefined : parseNow(values.now)
  const { settings } = await loadSettings(values.config)
  const keyEntries = await loadKeys(values.key ?? [], values.keystore)
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

  for (const [option, path] of [['--junit', values.junit], ['--report', values.report]] as const) {
    if (path === undefined) continue
    await access(dirname(path), constants.W_OK).catch(() => {
      throw new UsageError(`${option} ${path}: its folder does not exist or cannot be written`)
    })
  }
  const reports = [
    ...(values.junit === undefined ? [] : [new JunitReport(values.junit)]),
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
  try {
    await runBatch(positionals, context, async (result) => {
      counter.add(result)
      if (result.status === 'error') io.stderr.write(`${result.file}: ${result.problem ?? 'could not be read'}\n`)
      io.stdout.write(batchResultLine(result, values.json === true))
      for (const report of reports) await report.add(result)
    }, { inspectFile: (path) => threads.inspect(path, context) })
  } catch (error) {
    await Promise.all(reports.map((report) => report.abandon()))
    throw error
  } finally {
    await threads.close()
  }
  const summary = counter.summary()
  for (const report of reports) await report.finish(summary)
  if (values.json) io.stdout.write(`${JSON.stringify({ summary })}\n`)
  else {
    io.stdout.write(`\n${summary.files} files: ${summary.verified} verified, ${summary.rejected} rejected; ` +
      `expectations ${summary.expectationsMet} met, ${summary.expectationsFailed} failed; ${summary.errors} unreadable; ${(summary.ms / 1000).toFixed(1)} s\n`)
  }
  if (summary.errors > 0) return EXIT_USAGE
  return counter.failed > 0 ? EXIT_REJECTED : EXIT_OK
}
