import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { SettingsProblem } from '../../electron/core/settings'
import type { AppSettings, SettingsStatus, SettingsUpdate } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'

/** Main names inspection problems `inspection.ringcx…`; the form knows them as `ringcx…`. */
function withoutInspectionPrefix(problem: SettingsProblem): SettingsProblem {
  if (!problem.path.startsWith('inspection.')) return problem
  const path = problem.path.slice('inspection.'.length)
  const message = problem.message.startsWith(problem.path) ? path + problem.message.slice(problem.path.length) : problem.message
  return { ...problem, path, message }
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<AppSettings | null>(null)
  const status = shallowRef<SettingsStatus | null>(null)
  const saving = ref(false)
  /** Problems main found in the last update, by setting path. */
  const problems = shallowRef<readonly SettingsProblem[]>([])
  const error = ref<Problem | null>(null)

  async function load(): Promise<void> {
    const bridge = useBridge()
    const [got, state] = await Promise.all([settle(() => bridge.settingsGet()), settle(() => bridge.settingsStatus())])
    if (state.ok) status.value = state.value
    if (!got.ok) {
      error.value = { code: got.code, message: got.message }
      return
    }
    error.value = null
    settings.value = got.value
  }

  /** Sends an update; true when main saved it. */
  async function save(update: SettingsUpdate): Promise<boolean> {
    saving.value = true
    error.value = null
    const result = await settle(() => useBridge().settingsUpdate(update))
    saving.value = false
    if (!result.ok) {
      error.value = { code: result.code, message: result.message }
      return false
    }
    if (!result.value.saved) {
      problems.value = result.value.problems.map(withoutInspectionPrefix)
      return false
    }
    problems.value = []
    settings.value = result.value.settings
    return true
  }

  /** The draft changed: main's problems describe an older version of it. */
  function clearProblems(): void {
    if (problems.value.length > 0) problems.value = []
  }

  function dismissError(): void {
    error.value = null
  }

  return { settings, status, saving, problems, error, load, save, clearProblems, dismissError }
})
