import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MenuEvent, MenuView } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'
import { useInspectionStore } from './inspection'
import { useKeysStore } from './keys'

export type View = MenuView

export const VIEWS: readonly View[] = ['inspector', 'keys', 'samples', 'settings']

/** Only https: links leave the app, and only through the main process. */
export function isOpenableUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

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

  /** Reads the clipboard on behalf of the Paste and Inspect menu item. */
  async function pasteAndInspect(): Promise<void> {
    show('inspector')
    let text: string
    try {
      text = await navigator.clipboard.readText()
    } catch {
      error.value = { code: 'clipboard-unreadable', message: 'The clipboard could not be read. Paste into the text area with Ctrl+V instead.' }
      return
    }
    await useInspectionStore().inspectText(text, { kind: 'pasted', demo: false })
  }

  async function handleMenu(event: MenuEvent, detail?: View): Promise<void> {
    switch (event) {
      case 'menu:open-payload':
        show('inspector')
        await useInspectionStore().openFile()
        return
      case 'menu:import-keys':
        show('keys')
        await useKeysStore().importFiles()
        return
      case 'menu:paste-inspect':
        await pasteAndInspect()
        return
      case 'menu:show-view':
        if (detail !== undefined && VIEWS.includes(detail)) show(detail)
        return
    }
  }

  /** Subscribes to the application menu; returns the unsubscribe function. */
  function listenToMenu(): () => void {
    return useBridge().onMenu((event, detail) => void handleMenu(event, detail))
  }

  function dismissError(): void {
    error.value = null
  }

  return { view, notice, error, show, announce, openExternal, pasteAndInspect, handleMenu, listenToMenu, dismissError }
})
