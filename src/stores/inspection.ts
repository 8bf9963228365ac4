import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Inspection } from '../../electron/core/inspection'
import { CODE_INFO } from '../../electron/core/codes'
import { MAX_INPUT_BYTES } from '../../electron/core/limits'
import type { DemoExample, OpenedPayload } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, utf8Length, type Problem } from '../problems'

/** Where the payload on screen came from, for the banner and the DEMO mark. */
export interface PayloadOrigin {
  readonly kind: 'typed' | 'pasted' | 'file' | 'dropped' | 'example'
  readonly fileName?: string
  readonly demo: boolean
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

  const hasResult = computed(() => current.value !== null)

  function fail(problem: Problem): void {
    error.value = problem
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
    const result = await settle(() =>
      useBridge().inspectPayload(from.fileName === undefined ? { text: input } : { text: input, fileName: from.fileName }),
    )
    busy.value = false
    if (!result.ok) {
      fail({ code: result.code, message: result.message })
      return
    }
    current.value = result.value
    origin.value = from
    revision.value += 1
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
    current.value = result.value.inspection
    origin.value = { kind: 'file', fileName: result.value.fileName, demo: false }
    revision.value += 1
  }

  /** A dropped file, refused above 1 MiB before it is read. */
  async function inspectFile(file: File): Promise<void> {
    if (file.size > MAX_INPUT_BYTES) {
      fail({ code: 'input-too-large', message: `${file.name} is ${formatMiB(file.size)}: ${CODE_INFO['input-too-large'].summary}` })
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
    current.value = opened.inspection
    origin.value = from
    error.value = null
    revision.value += 1
  }

  async function inspectExample(example: DemoExample): Promise<void> {
    await inspectText(example.text, { kind: 'example', fileName: example.name, demo: true })
  }

  function setExamples(list: readonly DemoExample[]): void {
    examples.value = list
  }

  function dismissError(): void {
    error.value = null
  }

  return { text, current, origin, busy, error, examples, revision, hasResult, inspectText, openFile, inspectFile, inspectExample, showInspected, setExamples, dismissError }
})

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}
