/**
 * A worker thread of the batch: inspects runs of sample files with keys built once per thread.
 */
import { createKeyRing } from '../core/key-ring'
import { serveTasks } from '../io/worker-pool'
import type { BatchContext } from '../io/batch-run'
import { inspectTask, type BatchTask, type BatchTaskResult, type BatchWorkerInit } from './batch-task'

serveTasks<BatchTask, BatchTaskResult>(async (raw) => {
  const init = raw as BatchWorkerInit
  const context: BatchContext = {
    keys: await createKeyRing(init.keys),
    settings: init.settings,
    // Every task brings the main thread's time; the batch paths bring their own.
    clock: () => new Date(),
    ...(init.explicitNow === undefined ? {} : { explicitNow: new Date(init.explicitNow) }),
    ...(init.scheme === undefined ? {} : { scheme: init.scheme }),
    ...(init.authTokens === undefined ? {} : { authTokens: new Map(init.authTokens) }),
  }
  return async (task) => {
    const now = new Date(task.now)
    return inspectTask(task, { ...context, clock: () => now }, init.json)
  }
})
