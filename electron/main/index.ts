/**
 * App lifecycle: one instance, stores opened from the user-data folder, IPC, menu and window.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron'
import type { MenuMessage } from '../shared/ipc-contract'
import { APP_ORIGIN } from './app-protocol'
import { createElectronDialogs } from './dialogs'
import { originOf, registerIpcHandlers } from './ipc'
import { installAppMenu } from './menu'
import { createSafeStorageCipher } from './safe-storage-cipher'
import { openAppServices, type AppServices } from './services'
import { createMainWindow, lockDownSession, lockDownWebContents, registerAppScheme, serveRendererFiles } from './window'

/** Match counts are written at most this often (and when the app quits). */
const FLUSH_INTERVAL_MS = 60_000

const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null
const rendererDir = join(import.meta.dirname, '../renderer')
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const examplesDir = app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'resources', 'examples')

const appWebContents = new Set<number>()
let mainWindow: BrowserWindow | null = null

function currentWindow(): BrowserWindow | null {
  return BrowserWindow.getFocusedWindow() ?? mainWindow
}

function openWindow(): void {
  const win = createMainWindow({ preloadPath, devServerUrl, isPackaged: app.isPackaged })
  const id = win.webContents.id
  appWebContents.add(id)
  win.on('closed', () => {
    appWebContents.delete(id)
    if (mainWindow === win) mainWindow = null
  })
  mainWindow = win
}

function sendMenuEvent(...message: MenuMessage): void {
  const [event, ...detail] = message
  currentWindow()?.webContents.send(event, ...detail)
}

async function start(): Promise<AppServices> {
  lockDownSession(session.defaultSession, devServerUrl)
  serveRendererFiles(rendererDir)

  const { services } = await openAppServices({
    dataDir: app.getPath('userData'),
    cipher: createSafeStorageCipher(safeStorage, process.platform),
    now: () => new Date(),
    examplesDir,
    dialogs: createElectronDialogs({ window: currentWindow, examplesDir }),
    openExternal: (url) => shell.openExternal(url),
    appInfo: { version: app.getVersion(), platform: process.platform },
  })

  const devOrigin = devServerUrl === null ? null : originOf(devServerUrl)
  registerIpcHandlers(
    services,
    {
      allowedOrigins: new Set(devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin]),
      isAppWebContents: (webContentsId) => appWebContents.has(webContentsId),
    },
    (channel, error) => console.error(`[ipc] ${channel} failed:`, error),
  )
  installAppMenu({ isPackaged: app.isPackaged, platform: process.platform, send: sendMenuEvent })

  setInterval(() => {
    services.flush().catch((error: unknown) => console.error('[keys] match counts not saved:', error))
  }, FLUSH_INTERVAL_MS).unref()
  return services
}

registerAppScheme()
// Every renderer is sandboxed, including any a dependency might open.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const win = currentWindow()
    if (win === null) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(async () => {
    let services: AppServices
    try {
      services = await start()
    } catch (error) {
      dialog.showErrorBox('Visitor Inspector cannot start', `The key store or settings could not be opened: ${(error as Error).message}`)
      app.exit(1)
      return
    }

    let flushedBeforeQuit = false
    app.on('before-quit', (event) => {
      if (flushedBeforeQuit) return
      event.preventDefault()
      flushedBeforeQuit = true
      services.flush()
        .catch((error: unknown) => console.error('[keys] match counts not saved:', error))
        .finally(() => app.quit())
    })

    openWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  })
}
