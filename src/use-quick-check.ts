/**
 * The quick check from the window: the payload in the editor and a key pasted beside it go to main
 * once (`inspect:quick-check`); the key text is dropped here as soon as it is sent, whatever the
 * answer, and main never sends it back. The result shows like any other, marked as checked with an
 * unsaved key.
 */
import { ref } from 'vue'
import { useBridge } from './bridge'
import { settle, type Problem } from './problems'
import { useInspectionStore } from './stores/inspection'

export interface QuickCheckInput {
  readonly keyText: string
  readonly kid?: string
}

export function useQuickCheck() {
  const busy = ref(false)
  const problem = ref<Problem | null>(null)

  /** True when a result is on screen; the caller clears its key field either way. */
  async function check(input: QuickCheckInput): Promise<boolean> {
    const inspection = useInspectionStore()
    const text = inspection.text
    problem.value = null
    if (text.trim() === '') {
      problem.value = { code: 'input-empty', message: 'There is no payload to check: paste, type or open one first.' }
      return false
    }
    if (input.keyText.trim() === '') {
      problem.value = { code: 'quick-check-key-invalid', message: 'Paste the secret or public key first.' }
      return false
    }
    busy.value = true
    const scheme = inspection.current?.scheme ?? undefined
    const result = await settle(() => useBridge().inspectQuickCheck({
      text,
      keyText: input.keyText,
      ...(scheme === undefined ? {} : { scheme }),
      ...(input.kid === undefined || input.kid === '' ? {} : { kid: input.kid }),
    }))
    busy.value = false
    if (!result.ok) {
      problem.value = { code: result.code, message: result.message }
      return false
    }
    const origin = inspection.origin
    inspection.showInspected(
      { fileName: origin?.fileName ?? '', text, inspection: result.value },
      { kind: origin?.kind ?? 'typed', demo: origin?.demo ?? false, ...(origin?.fileName === undefined ? {} : { fileName: origin.fileName }) },
    )
    return true
  }

  return { busy, problem, check }
}
