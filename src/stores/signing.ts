import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { PickedSigningKey, SignSampleRequest, SignedSample } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'
import { useInspectionStore } from './inspection'
import { useUiStore } from './ui'

/** QA tools: signing happens in main with keys the window never sees; this holds the results. */
export const useSigningStore = defineStore('signing', () => {
  /** An RSA private key file picked for RS256; main holds the key, the window its description. */
  const pickedKey = shallowRef<PickedSigningKey | null>(null)
  const signed = shallowRef<SignedSample | null>(null)
  const busy = ref(false)
  const error = ref<Problem | null>(null)
  /** The name the last sample was saved under. */
  const savedAs = ref<string | null>(null)

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

  function fail(problem: Problem): void {
    error.value = problem
  }

  function pickKey(): Promise<void> {
    return exclusive(async () => {
      const result = await settle(() => useBridge().qaPickSigningKey())
      if (!result.ok) return fail(result)
      if (result.value !== null) pickedKey.value = result.value
    })
  }

  function forgetKey(): void {
    pickedKey.value = null
  }

  function sign(request: SignSampleRequest): Promise<void> {
    return exclusive(async () => {
      const result = await settle(() => useBridge().qaSignSample(request))
      if (!result.ok) {
        // Main forgets a picked key after 30 minutes: pick it again.
        if (result.code === 'signing-key-unusable' && 'privateKeyHandle' in request && request.privateKeyHandle !== undefined) pickedKey.value = null
        return fail(result)
      }
      signed.value = result.value
      savedAs.value = null
    })
  }

  function save(): Promise<void> {
    return exclusive(async () => {
      const sample = signed.value
      if (sample === null) return
      const result = await settle(() => useBridge().qaSaveSample({ text: sample.text, fileName: sample.fileName }))
      if (!result.ok) return fail(result)
      if (result.value === null) return
      savedAs.value = result.value.fileName
      useUiStore().announce(`Saved as ${result.value.fileName}.`)
    })
  }

  function openInInspector(): void {
    const sample = signed.value
    if (sample === null) return
    useInspectionStore().showInspected(
      { fileName: sample.fileName, text: sample.text, inspection: sample.inspection },
      { kind: 'file', fileName: sample.fileName, demo: false },
    )
    useUiStore().show('inspector')
  }

  function dismissError(): void {
    error.value = null
  }

  return { pickedKey, signed, busy, error, savedAs, pickKey, forgetKey, sign, save, openInInspector, dismissError }
})
