/**
 * A run of the batch's files and how it is inspected: the same on a worker thread and on the
 * main thread, which takes its share of the runs.
 */
import type { KeyRingEntry } from '../core/key-ring'
import type { InspectionSettings } from '../common/settings'
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

/** Inspects a run of files with `context` (whose clock gives the task's time), each with its line written. */
export function inspectTask(task: BatchTask, context: BatchContext, json: boolean): Promise<BatchTaskResult> {
  return Promise.all(task.paths.map(async (path) => {
    try {
      return withRenderedLine(await inspectSampleFile(path, context), json)
    } catch (error) {
      return internalErrorResult(path, error)
    }
  }))
}
