import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MenuView } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'

/** The window's views, as the menu names them (MENU_VIEWS). */
export type View = MenuView

/** Only https: links leave the app, and only through the main process. */
export function isOpenableUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

/** The window's own state: the view shown, the last notice, a problem. A leaf: it uses no other store. */
export const useUiStore = defineStore('ui', () => {
  const view = ref<View>('inspector')
  /** A short message for the polite live region: what just happened. */
  const notice = ref('')
  const error = ref<Problem | null>(null)

  function show(next: View): void {
    view.value = next
  }

  function announce(message: string): void {
    notice.value = message
  }

  async function openExternal(url: string): Promise<void> {
    if (!isOpenableUrl(url)) {
      error.value = { code: 'url-not-allowed', message: `${url} was not opened: only https: links open.` }
      return
    }
    error.value = null
    const result = await settle(() => useBridge().appOpenExternal({ url }))
    if (!result.ok) error.value = { code: result.code, message: result.message }
    else if (result.value.opened) announce('The link opened in your browser.')
  }

  /** Shows a problem the window found itself. */
  function fail(problem: Problem): void {
    error.value = problem
  }

  function dismissError(): void {
    error.value = null
  }

  return { view, notice, error, show, announce, openExternal, fail, dismissError }
})
