import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { MAX_KEY_FILE_BYTES } from '../../electron/common/limits'
import type {
  DemoExample,
  KeyImportFilesRequest,
  KeyImportProgress,
  KeyImportReport,
  KeyImportTextRequest,
  KeyStoreStatus,
  StoredKeyView,
} from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'
import { formatBytes } from '../../electron/common/format'

/** How often a running import is asked how far it got. */
export const IMPORT_PROGRESS_POLL_MS = 300

/** What an import waits for before main stores it. */
export function confirmationsNeeded(report: KeyImportReport): { readonly replace: boolean; readonly acceptUnprotected: boolean } | null {
  if (report.confirmToken === null) return null
  return { replace: report.duplicates.length > 0, acceptUnprotected: report.unprotectedSecrets }
}

export const useKeysStore = defineStore('keys', () => {
  const keys = shallowRef<readonly StoredKeyView[]>([])
  const status = shallowRef<KeyStoreStatus | null>(null)
  const loaded = ref(false)
  const busy = ref(false)
  const error = ref<Problem | null>(null)
  /** One report per file or text of the last import. */
  const reports = shallowRef<readonly KeyImportReport[]>([])
  const demoLoaded = ref(false)
  /** The reports on screen are those of the demo keys. */
  const reportsAreDemo = ref(false)
  /** How far the running import has got, once main has said; null when none runs. */
  const importProgress = shallowRef<KeyImportProgress | null>(null)

  const isEmpty = computed(() => loaded.value && keys.value.length === 0)
  /** Reports of imports that are valid and wait only for the admin's confirmation. */
  const awaitingConfirmation = computed(() => reports.value.filter((report) => report.confirmToken !== null))

  function findByFingerprint(kid: string, fingerprint: string): StoredKeyView | undefined {
    return keys.value.find((key) => key.kid === kid && key.fingerprint === fingerprint)
  }

  function fail(result: { readonly code: string; readonly message: string }): void {
    error.value = { code: result.code, message: result.message }
  }

  async function refresh(): Promise<void> {
    const bridge = useBridge()
    const [list, state] = await Promise.all([settle(() => bridge.keysList()), settle(() => bridge.keysStatus())])
    if (list.ok) keys.value = list.value
    if (state.ok) status.value = state.value
    if (!list.ok) fail(list)
    else if (!state.ok) fail(state)
    loaded.value = list.ok
  }

  /** Only the list: match counts and last-matched times change with every verified inspection. */
  async function refreshList(): Promise<void> {
    const list = await settle(() => useBridge().keysList())
    if (list.ok) {
      keys.value = list.value
      loaded.value = true
    }
  }

  /** Runs one key-store action at a time; the menu and the window's shortcut may both ask. */
  async function exclusive(action: () => Promise<void>): Promise<void> {
    if (busy.value) return
    busy.value = true
    error.value = null
    try {
      await action()
    } finally {
      busy.value = false
    }
  }

  /** An exclusive action that imports keys, with main asked every so often how far it got. */
  function importing(action: () => Promise<void>): Promise<void> {
    return exclusive(async () => {
      let timer: ReturnType<typeof setTimeout> | null = null
      let polling = true
      const poll = async (): Promise<void> => {
        const result = await settle(() => useBridge().keysImportProgress())
        if (!polling) return
        if (result.ok) importProgress.value = result.value.active ? result.value : null
        timer = setTimeout(() => void poll(), IMPORT_PROGRESS_POLL_MS)
      }
      timer = setTimeout(() => void poll(), IMPORT_PROGRESS_POLL_MS)
      try {
        await action()
      } finally {
        polling = false
        if (timer !== null) clearTimeout(timer)
        importProgress.value = null
      }
    })
  }

  function importFiles(request: KeyImportFilesRequest = {}): Promise<void> {
    return importing(async () => {
      const result = await settle(() => useBridge().keysImportFiles(request))
      if (!result.ok) return fail(result)
      if (result.value === null) return
      reports.value = result.value
      reportsAreDemo.value = false
      await refresh()
    })
  }

  /** Imports key texts (pasted, or read from dropped files), one report each. */
  function importTexts(requests: readonly KeyImportTextRequest[]): Promise<void> {
    return importing(async () => {
      const done: KeyImportReport[] = []
      for (const request of requests) {
        const result = await settle(() => useBridge().keysImportText(request))
        if (result.ok) done.push(result.value)
        else fail(result)
      }
      if (done.length > 0) {
        reports.value = done
        reportsAreDemo.value = false
      }
      await refresh()
    })
  }

  function importText(request: KeyImportTextRequest): Promise<void> {
    return importTexts([request])
  }

  /** Dropped key files, each refused above 1 MiB before it is read. */
  async function importDroppedFiles(files: readonly File[]): Promise<void> {
    const requests: KeyImportTextRequest[] = []
    const refused: Problem[] = []
    for (const file of files) {
      if (file.size > MAX_KEY_FILE_BYTES) {
        refused.push({ code: 'key-file-too-large', message: `${file.name} is ${formatBytes(file.size)}: key files over 1 MiB are not read.` })
        continue
      }
      try {
        requests.push({ text: await file.text(), fileName: file.name })
      } catch {
        refused.push({ code: 'file-unreadable', message: `${file.name} could not be read.` })
      }
    }
    if (requests.length > 0) await importTexts(requests)
    const [first] = refused
    if (first !== undefined) error.value = { code: first.code, message: refused.map((problem) => problem.message).join(' ') }
  }

  /** The admin agreed to what the waiting imports need (replacing keys, plain-text secrets). */
  function confirmImports(): Promise<void> {
    return exclusive(async () => {
      const updated: KeyImportReport[] = []
      for (const report of reports.value) {
        const needs = confirmationsNeeded(report)
        if (needs === null || report.confirmToken === null) {
          updated.push(report)
          continue
        }
        const token = report.confirmToken
        const result = await settle(() => useBridge().keysConfirmImport({ token, ...needs }))
        if (result.ok) updated.push(result.value)
        else {
          fail(result)
          updated.push({ ...report, confirmToken: null })
        }
      }
      reports.value = updated
      await refresh()
    })
  }

  /** The admin declined: nothing is stored, and the reports say so. */
  function declineImports(): void {
    reports.value = reports.value.map((report) => (report.confirmToken === null ? report : { ...report, confirmToken: null }))
  }

  async function remove(key: Pick<StoredKeyView, 'scheme' | 'kid' | 'fingerprint'>): Promise<boolean> {
    let removed = false
    await exclusive(async () => {
      const result = await settle(() => useBridge().keysRemove({ scheme: key.scheme, kid: key.kid, fingerprint: key.fingerprint }))
      if (!result.ok) return fail(result)
      removed = true
      await refresh()
    })
    return removed
  }

  /** Loads the demo keys; returns the example payloads that come with them, or null when it failed. */
  async function loadDemo(): Promise<readonly DemoExample[] | null> {
    let examples: readonly DemoExample[] | null = null
    await importing(async () => {
      const result = await settle(() => useBridge().demoLoad())
      if (!result.ok) return fail(result)
      reports.value = [result.value.keys]
      reportsAreDemo.value = true
      demoLoaded.value = true
      examples = result.value.examples
      await refresh()
    })
    return examples
  }

  function dismissError(): void {
    error.value = null
  }

  /** Drops the import reports that no longer apply (`which` picks them; all when left out). */
  function clearReports(which: (report: KeyImportReport) => boolean = () => true): void {
    reports.value = reports.value.filter((report) => !which(report))
  }

  return {
    keys, status, loaded, busy, error, reports, reportsAreDemo, importProgress, demoLoaded, isEmpty, awaitingConfirmation,
    findByFingerprint, refresh, refreshList, importFiles, importText, importTexts, importDroppedFiles,
    confirmImports, declineImports, remove, loadDemo, dismissError, clearReports,
  }
})
