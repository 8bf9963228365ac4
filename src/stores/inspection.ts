import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Inspection } from '../../electron/common/inspection'
import { CODE_INFO } from '../../electron/common/codes'
import { formatBytes } from '../../electron/common/format'
import { MAX_INPUT_BYTES } from '../../electron/common/limits'
import type { DemoExample, InspectRequest, OpenedPayload } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { VERDICT_TEXT } from '../labels'
import { settle, utf8Length, type Problem } from '../problems'
import { useKeysStore } from './keys'
import { useSettingsStore } from './settings'
import { useUiStore } from './ui'
import type { SchemeId } from '../../electron/common/schemes'

/** Where the payload on screen came from, for the banner and the DEMO mark. */
export interface PayloadOrigin {
  readonly kind: 'typed' | 'pasted' | 'file' | 'dropped' | 'example'
  readonly fileName?: string
  readonly demo: boolean
  /** Opened from a Samples run: the Inspector offers the way back. */
  readonly fromSamples?: boolean
}

/** What changed since the result on screen was judged, so it was checked again. */
export type RecheckReason = 'keys' | 'settings'

export const RECHECK_TEXT: Readonly<Record<RecheckReason, string>> = {
  keys: 'Re-checked with the changed keys.',
  settings: 'Re-checked with the new settings.',
}

const TOO_LARGE: Problem = { code: 'input-too-large', message: CODE_INFO['input-too-large'].summary }

export const useInspectionStore = defineStore('inspection', () => {
  /** The text in the editor; an inspection result stays until the next Inspect. */
  const text = ref('')
  // Inspections can hold thousands of fields: shallow, since they are replaced, never edited.
  const current = shallowRef<Inspection | null>(null)
  const origin = ref<PayloadOrigin | null>(null)
  const busy = ref(false)
  const error = ref<Problem | null>(null)
  const examples = shallowRef<readonly DemoExample[]>([])
  /** Bumped on every new result so views can move focus to it. */
  const revision = ref(0)
  /** Set when the result on screen was checked again after keys or settings changed. */
  const rechecked = ref<RecheckReason | null>(null)
  /** The payload behind the result on screen: the editor may have changed since. */
  let judged: { readonly text: string; readonly scheme?: SchemeId; readonly fileName?: string } | null = null
  /** Numbers inspect requests: only the latest one's answer is shown (examples can be picked in a row). */
  let sequence = 0

  const hasResult = computed(() => current.value !== null)

  function fail(problem: Problem): void {
    error.value = problem
  }

  /** Shows a new result; a key that verified it has a new match count and time to show in Keys. */
  function present(inspection: Inspection, payload: NonNullable<typeof judged>, from: PayloadOrigin): void {
    current.value = inspection
    origin.value = from
    judged = payload
    rechecked.value = null
    revision.value += 1
    if (inspection.key !== null) void useKeysStore().refreshList()
  }

  /** Refuses a payload over 1 MiB before anything is sent; `what` names it, e.g. a file name. */
  function refuseTooLarge(what: string, bytes: number): void {
    fail({ code: 'input-too-large', message: `${what} is ${formatBytes(bytes)}: ${CODE_INFO['input-too-large'].summary}` })
  }

  async function inspectText(input: string, from: PayloadOrigin = { kind: 'typed', demo: false }): Promise<void> {
    if (input.trim() === '') {
      fail({ code: 'input-empty', message: 'There is nothing to inspect: paste, type or open a payload first.' })
      return
    }
    if (utf8Length(input) > MAX_INPUT_BYTES) {
      fail(TOO_LARGE)
      return
    }
    text.value = input
    busy.value = true
    error.value = null
    const request: InspectRequest = from.fileName === undefined ? { text: input } : { text: input, fileName: from.fileName }
    const mine = ++sequence
    const result = await settle(() => useBridge().inspectPayload(request))
    if (mine !== sequence) return
    busy.value = false
    if (!result.ok) {
      fail({ code: result.code, message: result.message })
      return
    }
    present(result.value, request, from)
  }

  async function openFile(): Promise<void> {
    // The menu accelerator and the window's own shortcut may both fire: one dialog at a time.
    if (busy.value) return
    busy.value = true
    error.value = null
    const result = await settle(() => useBridge().inspectOpenFile())
    busy.value = false
    if (!result.ok) {
      fail({ code: result.code, message: result.message })
      return
    }
    if (result.value === null) return
    text.value = result.value.text
    present(result.value.inspection, { text: result.value.text, fileName: result.value.fileName }, { kind: 'file', fileName: result.value.fileName, demo: false })
  }

  /** A dropped file, refused above 1 MiB before it is read. */
  async function inspectFile(file: File): Promise<void> {
    if (file.size > MAX_INPUT_BYTES) {
      refuseTooLarge(file.name, file.size)
      return
    }
    let content: string
    try {
      content = await file.text()
    } catch {
      fail({ code: 'input-unreadable', message: `${file.name}: ${CODE_INFO['input-unreadable'].summary}` })
      return
    }
    await inspectText(content, { kind: 'dropped', fileName: file.name, demo: false })
  }

  /** Shows a payload main already read and inspected (a sample from a run, a signed sample). */
  function showInspected(opened: OpenedPayload, from: PayloadOrigin): void {
    text.value = opened.text
    error.value = null
    present(opened.inspection, { text: opened.text, fileName: opened.fileName }, from)
  }

  async function inspectExample(example: DemoExample): Promise<void> {
    await inspectText(example.text, { kind: 'example', fileName: example.name, demo: true })
  }

  /**
   * Checks the payload on screen again with the keys and settings as they are now. Main does not
   * count its key match again: it is the same payload.
   */
  async function recheck(reason: RecheckReason): Promise<void> {
    const shown = current.value
    const payload = judged
    if (shown === null || payload === null) return
    const result = await settle(() => useBridge().inspectPayload({ ...payload, recheck: true }))
    // A newer result arrived meanwhile: it was judged with the new keys and settings already.
    if (current.value !== shown) return
    if (!result.ok) {
      fail({ code: result.code, message: result.message })
      return
    }
    current.value = result.value
    revision.value += 1
    rechecked.value = reason
    useUiStore().announce(`${RECHECK_TEXT[reason]} Verdict: ${VERDICT_TEXT[result.value.verdict].title}.`)
  }

  function setExamples(list: readonly DemoExample[]): void {
    examples.value = list
  }

  function dismissError(): void {
    error.value = null
  }

  // What inspections are judged with, as the window knows it; match counts and labels do not count.
  const keys = useKeysStore()
  const settings = useSettingsStore()
  const keysStamp = computed(() => (keys.loaded
    ? keys.keys.map((key) => `${key.scheme}:${key.kid}:${key.fingerprint}:${key.unreadable === undefined ? '' : 'unreadable'}`).join(' ')
    : null))
  const settingsStamp = computed(() => (settings.settings === null ? null : JSON.stringify([settings.settings.inspection, settings.tokens])))
  watch(keysStamp, (now, before) => {
    if (before !== null && now !== null && now !== before) void recheck('keys')
  })
  watch(settingsStamp, (now, before) => {
    if (before !== null && now !== null && now !== before) void recheck('settings')
  })

  return {
    text, current, origin, busy, error, examples, revision, rechecked, hasResult,
    inspectText, openFile, inspectFile, inspectExample, showInspected, recheck, refuseTooLarge, setExamples, dismissError,
  }
})
