import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ClipboardText, MenuMessage, MenuView } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'
import { useCapturesStore } from './captures'
import { useInspectionStore } from './inspection'
import { useKeysStore } from './keys'

export type View = MenuView

export const VIEWS: readonly View[] = ['inspector', 'keys', 'samples', 'captures', 'settings']

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

  /** Paste and Inspect: main read the clipboard and sent its text, or only its size when over 1 MiB. */
  async function pasteAndInspect(clipboard: ClipboardText): Promise<void> {
    show('inspector')
    error.value = null
    const inspection = useInspectionStore()
    if ('tooLarge' in clipboard) {
      inspection.refuseTooLarge('The text on the clipboard', clipboard.bytes)
      return
    }
    if (clipboard.text.trim() === '') {
      inspection.dismissError()
      error.value = { code: 'input-empty', message: 'The clipboard holds no text to inspect: copy a payload first.' }
      return
    }
    await inspection.inspectText(clipboard.text, { kind: 'pasted', demo: false })
  }

  async function handleMenu(...message: MenuMessage): Promise<void> {
    switch (message[0]) {
      case 'menu:open-payload':
        show('inspector')
        await useInspectionStore().openFile()
        return
      case 'menu:open-capture':
        show('captures')
        await useCapturesStore().open('files')
        return
      case 'menu:import-keys':
        show('keys')
        await useKeysStore().importFiles()
        return
      case 'menu:paste-inspect':
        await pasteAndInspect(message[1])
        return
      case 'menu:show-view':
        if (VIEWS.includes(message[1])) show(message[1])
        return
    }
  }

  /** Subscribes to the application menu; returns the unsubscribe function. */
  function listenToMenu(): () => void {
    return useBridge().onMenu((...message) => void handleMenu(...message))
  }

  function dismissError(): void {
    error.value = null
  }

  return { view, notice, error, show, announce, openExternal, pasteAndInspect, handleMenu, listenToMenu, dismissError }
})
