import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef, watch } from 'vue'
import { SAMPLES_PAGE_ROWS, type SampleRow, type SampleStatus, type SamplesProgress, type SamplesRunStarted } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'
import { useInspectionStore } from './inspection'
import { useKeysStore } from './keys'
import { useSettingsStore } from './settings'
import { useUiStore } from './ui'
import type { SchemeId } from '../../electron/common/schemes'

/** How often a running sample run is asked for news. */
export const POLL_INTERVAL_MS = 250

export type SchemeFilter = SchemeId | 'unknown' | 'all'

/** Everything `samples:progress` says except the rows, which the store gathers page by page. */
export type RunState = Omit<SamplesProgress, 'rows'>

export const useSamplesStore = defineStore('samples', () => {
  const runId = ref<string | null>(null)
  const roots = shallowRef<readonly string[]>([])
  // Up to 100,000 compact rows: appended in place and announced with triggerRef, never deep-reactive.
  const rows = shallowRef<SampleRow[]>([])
  const state = shallowRef<RunState | null>(null)
  const starting = ref(false)
  const error = ref<Problem | null>(null)
  /** The row being read again for the Inspector. */
  const opening = ref<number | null>(null)
  /** Statuses shown; empty shows all. */
  const statusFilter = ref<readonly SampleStatus[]>([])
  const schemeFilter = ref<SchemeFilter>('all')
  let timer: ReturnType<typeof setTimeout> | null = null

  const running = computed(() => runId.value !== null && state.value?.finished !== true)
  const filtered = computed(() => {
    const statuses = statusFilter.value
    const scheme = schemeFilter.value
    return rows.value.filter((row) =>
      (statuses.length === 0 || statuses.includes(row.status)) &&
      (scheme === 'all' || (row.scheme ?? 'unknown') === scheme))
  })

  function fail(result: { readonly code: string; readonly message: string }): void {
    error.value = { code: result.code, message: result.message }
  }

  function stopPolling(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  async function poll(): Promise<void> {
    timer = null
    const id = runId.value
    if (id === null) return
    const result = await settle(() => useBridge().samplesProgress({ runId: id, cursor: rows.value.length }))
    // A newer run replaced this one while the answer was on its way.
    if (runId.value !== id) return
    if (!result.ok) return fail(result)
    const { rows: page, ...rest } = result.value
    if (page.length > 0) {
      rows.value.push(...page)
      triggerRef(rows)
    }
    state.value = rest
    if (rest.finished && rows.value.length >= rest.done) return
    // A full page means more rows are already waiting: fetch them at once.
    timer = setTimeout(() => void poll(), page.length >= SAMPLES_PAGE_ROWS ? 0 : POLL_INTERVAL_MS)
  }

  async function follow(started: SamplesRunStarted): Promise<void> {
    stopPolling()
    runId.value = started.runId
    roots.value = started.roots
    rows.value = []
    state.value = null
    await poll()
  }

  /** Opens main's folder or file dialog and follows the run it starts. */
  async function start(pick: 'folder' | 'files'): Promise<void> {
    if (starting.value) return
    starting.value = true
    error.value = null
    const result = await settle(() => useBridge().samplesStart({ pick }))
    starting.value = false
    if (!result.ok) return fail(result)
    if (result.value !== null) await follow(result.value)
  }

  async function cancel(): Promise<void> {
    const id = runId.value
    if (id === null || !running.value) return
    const result = await settle(() => useBridge().samplesCancel({ runId: id }))
    if (!result.ok) fail(result)
  }

  /** Runs the same files again with the keys and settings as they are now. */
  async function rerun(): Promise<void> {
    const id = runId.value
    if (id === null || starting.value) return
    starting.value = true
    error.value = null
    const result = await settle(() => useBridge().samplesRerun({ runId: id }))
    starting.value = false
    if (!result.ok) return fail(result)
    await follow(result.value)
  }

  /** Reads the sample again in main and shows it, inspected, in the Inspector. */
  async function openInInspector(row: SampleRow): Promise<void> {
    const id = runId.value
    if (id === null || opening.value !== null) return
    opening.value = row.index
    error.value = null
    const result = await settle(() => useBridge().samplesOpen({ runId: id, index: row.index }))
    opening.value = null
    if (!result.ok) return fail(result)
    useInspectionStore().showInspected(result.value, { kind: 'file', fileName: row.file, demo: false, fromSamples: true })
    useUiStore().show('inspector')
  }

  function toggleStatus(status: SampleStatus): void {
    statusFilter.value = statusFilter.value.includes(status) ? statusFilter.value.filter((shown) => shown !== status) : [...statusFilter.value, status]
  }

  function dismissError(): void {
    error.value = null
  }

  // Keys and settings as the window knows them: a change re-runs the samples with them.
  const keys = useKeysStore()
  const settings = useSettingsStore()
  const judgedWith = computed(() => {
    if (!keys.loaded || settings.settings === null) return null
    return JSON.stringify([
      keys.keys.map((key) => `${key.scheme}:${key.kid}:${key.fingerprint}:${key.unreadable === undefined ? '' : 'unreadable'}`),
      settings.settings.inspection,
      settings.tokens,
    ])
  })
  watch(judgedWith, (now, before) => {
    if (before !== null && now !== null && now !== before && runId.value !== null) void rerun()
  })

  return {
    runId, roots, rows, state, starting, error, opening, statusFilter, schemeFilter, running, filtered,
    start, cancel, rerun, openInInspector, toggleStatus, dismissError, stopPolling,
  }
})
