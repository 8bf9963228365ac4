/**
 * The application menu. Its own commands go to the renderer as MENU_EVENTS; editing, zoom and
 * window commands are Electron roles. Reload and developer tools exist only in development.
 */
import { clipboard, Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuMessage, MenuView } from '../shared/ipc-contract'
import { clipboardText } from './clipboard-text'

export interface AppMenuOptions {
  readonly isPackaged: boolean
  readonly platform: NodeJS.Platform
  /** Delivers a menu command to the app window. */
  readonly send: (...message: MenuMessage) => void
}

/** Main reads the clipboard for the window, which is denied the clipboard-read permission. */
async function pasteAndInspect(send: AppMenuOptions['send']): Promise<void> {
  let text: string
  try {
    text = await clipboard.readText()
  } catch {
    // Nothing readable as text (an image, or a clipboard owner that went away): said as "no text".
    text = ''
  }
  send('menu:paste-inspect', clipboardText(text))
}

export function buildMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { send } = options
  const isMac = options.platform === 'darwin'
  const showView = (label: string, view: MenuView, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send('menu:show-view', view),
  })
  const development: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]

  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Payload…', accelerator: 'CmdOrCtrl+O', click: () => send('menu:open-payload') },
        { label: 'Open Capture…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('menu:open-capture') },
        { label: 'Import Keys…', accelerator: 'CmdOrCtrl+I', click: () => send('menu:import-keys') },
        { label: 'Paste and Inspect', accelerator: 'CmdOrCtrl+Shift+V', click: () => void pasteAndInspect(send) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        showView('Inspector', 'inspector', 'CmdOrCtrl+1'),
        showView('Keys', 'keys', 'CmdOrCtrl+2'),
        showView('Samples', 'samples', 'CmdOrCtrl+3'),
        showView('Captures', 'captures', 'CmdOrCtrl+4'),
        showView('Settings', 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...development,
      ],
    },
    { role: 'windowMenu' },
  ]
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
