import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { SettingsProblem } from '../../electron/common/settings'
import type { AppSettings, Result, SettingsStatus, SettingsUpdate, TokenTableStatus } from '../../electron/shared/ipc-contract'
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
  /** The Rox.Chat token table: chosen and cleared at once, outside the Save of the form. */
  const tokens = shallowRef<TokenTableStatus | null>(null)
  const tokensBusy = ref(false)

  async function load(): Promise<void> {
    const bridge = useBridge()
    const [got, state, tokenState] = await Promise.all([
      settle(() => bridge.settingsGet()),
      settle(() => bridge.settingsStatus()),
      settle(() => bridge.tokensStatus()),
    ])
    if (state.ok) status.value = state.value
    if (tokenState.ok) tokens.value = tokenState.value
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

  async function changeTokens(call: () => Promise<Result<TokenTableStatus | null>>): Promise<void> {
    if (tokensBusy.value) return
    tokensBusy.value = true
    error.value = null
    const result = await settle(call)
    tokensBusy.value = false
    if (!result.ok) {
      error.value = { code: result.code, message: result.message }
      return
    }
    if (result.value === null) return
    tokens.value = result.value
    if (settings.value !== null) settings.value = { ...settings.value, tokensFile: result.value.file }
  }

  /** Opens main's file dialog; a file that is not a token table is refused there. */
  function chooseTokens(): Promise<void> {
    return changeTokens(() => useBridge().tokensChoose())
  }

  function clearTokens(): Promise<void> {
    return changeTokens(() => useBridge().tokensClear())
  }

  async function refreshTokens(): Promise<void> {
    const result = await settle(() => useBridge().tokensStatus())
    if (result.ok) tokens.value = result.value
  }

  return {
    settings, status, saving, problems, error, tokens, tokensBusy,
    load, save, clearProblems, dismissError, chooseTokens, clearTokens, refreshTokens,
  }
})
