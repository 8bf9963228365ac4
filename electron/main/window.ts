/**
 * The window and its web contents, locked down per the Electron security checklist.
 */
import { BrowserWindow, protocol, type Session, type WebContents } from 'electron'
import { APP_ENTRY_URL, APP_SCHEME, serveRendererRequest } from './app-protocol'
import { originOf } from './ipc'
import { WINDOW_MIN_HEIGHT, WINDOW_MIN_WIDTH } from '../shared/ipc-contract'

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves out/renderer on app://renderer/ (after the app is ready). */
export function serveRendererFiles(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererRequest(rendererDir, request))
}

/** The one permission the window needs: writing text to the clipboard ("Copy report"). */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write'

/**
 * No other permission (camera, notifications, clipboard read, …) is ever granted, and no request
 * leaves the machine: only app:// and, in development, the dev server are reachable.
 */
export function lockDownSession(session: Session, devServerUrl: string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === ALLOWED_PERMISSION))
  session.setPermissionCheckHandler((_contents, permission) => permission === ALLOWED_PERMISSION)
  session.setDevicePermissionHandler(() => false)
  const devOrigin = devServerUrl === null ? null : originOf(devServerUrl)
  const devSocketOrigin = devOrigin?.replace(/^http/, 'ws') ?? null
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const origin = originOf(details.url)
    callback({ cancel: origin === null || (origin !== devOrigin && origin !== devSocketOrigin) })
  })
}

/** Every web contents is a single page: no navigation, no popups, no webviews. */
export function lockDownWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export interface MainWindowOptions {
  readonly preloadPath: string
  /** The electron-vite dev server; honoured only in an unpackaged build. */
  readonly devServerUrl: string | null
  readonly isPackaged: boolean
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    // Every view reflows down to 320 CSS px (a 1280 px window at 400 % zoom), so the window may be
    // narrow; below 400 px the header would take three lines.
    minWidth: WINDOW_MIN_WIDTH,
    minHeight: WINDOW_MIN_HEIGHT,
    show: false,
    title: 'Visitor Inspector',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      // Dropped files are read by the renderer; a drop must never navigate the window to the file.
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !options.isPackaged,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.devServerUrl !== null && !options.isPackaged ? options.devServerUrl : APP_ENTRY_URL)
  return win
}
