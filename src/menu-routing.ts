/**
 * The application menu's commands in the window: which view to show and which store acts. An
 * app-level controller, so the stores stay free of each other (the ui store is a leaf).
 */
import { MENU_VIEWS, type ClipboardText, type MenuMessage } from '../electron/shared/ipc-contract'
import { useBridge } from './bridge'
import { useCapturesStore } from './stores/captures'
import { useInspectionStore } from './stores/inspection'
import { useKeysStore } from './stores/keys'
import { useUiStore } from './stores/ui'

/** Paste and Inspect: main read the clipboard and sent its text, or only its size when over 1 MiB. */
export async function pasteAndInspect(clipboard: ClipboardText): Promise<void> {
  const ui = useUiStore()
  ui.show('inspector')
  ui.dismissError()
  const inspection = useInspectionStore()
  if ('tooLarge' in clipboard) {
    inspection.refuseTooLarge('The text on the clipboard', clipboard.bytes)
    return
  }
  if (clipboard.text.trim() === '') {
    inspection.dismissError()
    ui.fail({ code: 'input-empty', message: 'The clipboard holds no text to inspect: copy a payload first.' })
    return
  }
  await inspection.inspectText(clipboard.text, { kind: 'pasted', demo: false })
}

export async function handleMenu(...message: MenuMessage): Promise<void> {
  const ui = useUiStore()
  switch (message[0]) {
    case 'menu:open-payload':
      ui.show('inspector')
      await useInspectionStore().openFile()
      return
    case 'menu:open-capture':
      ui.show('captures')
      await useCapturesStore().open('files')
      return
    case 'menu:import-keys':
      ui.show('keys')
      await useKeysStore().importFiles()
      return
    case 'menu:paste-inspect':
      await pasteAndInspect(message[1])
      return
    case 'menu:show-view':
      if (MENU_VIEWS.includes(message[1])) ui.show(message[1])
      return
  }
}

/** Subscribes to the application menu; returns the unsubscribe function. */
export function listenToMenu(): () => void {
  return useBridge().onMenu((...message) => void handleMenu(...message))
}
