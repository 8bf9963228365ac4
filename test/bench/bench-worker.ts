/**
 * The benchmark's worker thread: holds its share of the inputs (handed over before timing, as
 * the baselines' inputs are in memory before theirs) and verifies them through the core's batch
 * path when asked, answering with counts only.
 */
import { verifyRingcxTokens } from '../../electron/core/ringcx/batch-verify'
import { verifyRoxchatVisitors } from '../../electron/core/roxchat/batch-verify'
import { createKeyRing, type KeyRingEntry } from '../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../electron/common/settings'
import { serveTasks } from '../../electron/io/worker-pool'

export type BenchTask =
  | { readonly kind: 'hold'; readonly name: string; readonly items: readonly unknown[] }
  | { readonly kind: 'ringcx'; readonly name: string; readonly now: string }
  | { readonly kind: 'roxchat'; readonly name: string; readonly nowSeconds: number }

export interface BenchCount {
  readonly verified: number
  readonly total: number
}

serveTasks<BenchTask, BenchCount>(async (init) => {
  const ring = await createKeyRing(init as KeyRingEntry[])
  const held = new Map<string, readonly unknown[]>()
  return async (task) => {
    if (task.kind === 'hold') {
      held.set(task.name, task.items)
      return { verified: 0, total: task.items.length }
    }
    const items = held.get(task.name) ?? []
    const verdicts = task.kind === 'ringcx'
      ? await verifyRingcxTokens(items as string[], ring, DEFAULT_SETTINGS, new Date(task.now))
      : verifyRoxchatVisitors(items, ring, DEFAULT_SETTINGS, task.nowSeconds)
    return { verified: verdicts.filter((verdict) => verdict.verified).length, total: verdicts.length }
  }
})
