/**
 * A worker thread of the batch: inspects sample files, or verifies token and visitor batches
 * through the core's batch path, with keys built once per thread.
 */
import { verifyRingcxTokens, verifyRoxchatVisitors, type BatchVerdict } from '../core/batch-verify'
import { createKeyRing, type KeyRingEntry } from '../core/key-ring'
import type { InspectionSettings } from '../common/settings'
import { serveTasks } from '../io/worker-pool'
import { withRenderedLine } from './batch-report'
import { inspectSampleFile, type BatchContext, type BatchResult } from '../io/batch-run'
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

export type BatchTask =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'ringcx-tokens'; readonly tokens: readonly string[]; readonly now: string }
  | { readonly kind: 'roxchat-visitors'; readonly visitors: readonly unknown[]; readonly nowSeconds: number }

export type BatchTaskResult = BatchResult | readonly BatchVerdict[]

serveTasks<BatchTask, BatchTaskResult>(async (raw) => {
  const init = raw as BatchWorkerInit
  const context: BatchContext = {
    keys: await createKeyRing(init.keys),
    settings: init.settings,
    clock: () => new Date(),
    ...(init.explicitNow === undefined ? {} : { explicitNow: new Date(init.explicitNow) }),
    ...(init.scheme === undefined ? {} : { scheme: init.scheme }),
    ...(init.authTokens === undefined ? {} : { authTokens: new Map(init.authTokens) }),
  }
  return async (task) => {
    switch (task.kind) {
      case 'file':
        return withRenderedLine(await inspectSampleFile(task.path, context), init.json)
      case 'ringcx-tokens':
        return verifyRingcxTokens(task.tokens, context.keys, context.settings, new Date(task.now))
      case 'roxchat-visitors':
        return verifyRoxchatVisitors(task.visitors, context.keys, context.settings, task.nowSeconds)
    }
  }
})
