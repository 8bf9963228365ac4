/**
 * A worker thread of the batch: inspects sample files with keys built once per thread.
 */
import { createKeyRing, type KeyRingEntry } from '../core/key-ring'
import type { InspectionSettings } from '../common/settings'
import { serveTasks } from '../io/worker-pool'
import { withRenderedLine } from './batch-report'
import { inspectSampleFile, internalErrorResult, type BatchContext, type BatchResult } from '../io/batch-run'
import type { SchemeId } from '../common/schemes'

export interface BatchWorkerInit {
  readonly keys: readonly KeyRingEntry[]
  readonly settings: InspectionSettings
  readonly authTokens?: readonly (readonly [string, Readonly<Record<string, string>>])[]
  readonly explicitNow?: string
  readonly scheme?: SchemeId
  /** Whether output lines are JSON (`--json`) or for people. */
  readonly json: boolean
}

/**
 * A run of files, answered together: one message each way for many files, and the files' HMACs
 * overlap on the thread pool while the next file is parsed.
 */
export interface BatchTask {
  readonly kind: 'files'
  readonly paths: readonly string[]
  /** The time on the main thread's clock, so that a file's thread never changes its result. */
  readonly now: string
}

/** One result per path, in the task's order. */
export type BatchTaskResult = readonly BatchResult[]

serveTasks<BatchTask, BatchTaskResult>(async (raw) => {
  const init = raw as BatchWorkerInit
  const context: BatchContext = {
    keys: await createKeyRing(init.keys),
    settings: init.settings,
    // Every file task brings the main thread's time; the batch paths bring their own.
    clock: () => new Date(),
    ...(init.explicitNow === undefined ? {} : { explicitNow: new Date(init.explicitNow) }),
    ...(init.scheme === undefined ? {} : { scheme: init.scheme }),
    ...(init.authTokens === undefined ? {} : { authTokens: new Map(init.authTokens) }),
  }
  return async (task) => {
    const now = new Date(task.now)
    const fileContext: BatchContext = { ...context, clock: () => now }
    return Promise.all(task.paths.map(async (path) => {
      try {
        return withRenderedLine(await inspectSampleFile(path, fileContext), init.json)
      } catch (error) {
        return internalErrorResult(path, error)
      }
    }))
  }
})
