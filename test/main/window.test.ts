import { BrowserWindow, protocol } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_ENTRY_URL } from '../../electron/main/app-protocol'
import { createMainWindow, lockDownSession, lockDownWebContents, registerAppScheme, serveRendererFiles } from '../../electron/main/window'
import { WINDOW_MIN_HEIGHT, WINDOW_MIN_WIDTH } from '../../electron/shared/ipc-contract'

vi.mock('electron', () => {
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = []
    readonly loadURL = vi.fn(async () => undefined)
    readonly once = vi.fn()
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.instances.push(this)
    }
  }
  return {
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  }
})

type FakeWindow = { options: { webPreferences: Record<string, unknown> }; loadURL: ReturnType<typeof vi.fn> }
const windows = (): FakeWindow[] => (BrowserWindow as unknown as { instances: FakeWindow[] }).instances

beforeEach(() => {
  windows().length = 0
})

describe('the main window', () => {
  it('follows the Electron security checklist', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', devServerUrl: null, isPackaged: true })
    expect(windows()[0]?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      devTools: false,
    })
    expect(windows()[0]?.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL)
  })

  it('may be as narrow as the layout reflows to', () => {
    createMainWindow({ preloadPath: '/p.cjs', devServerUrl: null, isPackaged: true })
    expect(windows()[0]?.options).toMatchObject({ minWidth: WINDOW_MIN_WIDTH, minHeight: WINDOW_MIN_HEIGHT })
    expect(WINDOW_MIN_WIDTH).toBeLessThanOrEqual(400)
  })

  it('loads the dev server only in an unpackaged build', () => {
    createMainWindow({ preloadPath: '/p.cjs', devServerUrl: 'http://localhost:5173', isPackaged: false })
    createMainWindow({ preloadPath: '/p.cjs', devServerUrl: 'http://localhost:5173', isPackaged: true })
    expect(windows().map((win) => win.loadURL.mock.calls[0]?.[0])).toEqual(['http://localhost:5173', APP_ENTRY_URL])
    expect(windows()[0]?.options.webPreferences['devTools']).toBe(true)
  })
})

describe('app:// scheme', () => {
  it('registers app:// as a secure standard scheme and serves it with a handler', () => {
    registerAppScheme()
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    serveRendererFiles('/app/out/renderer')
    expect(vi.mocked(protocol.handle).mock.calls[0]?.[0]).toBe('app')
  })
})

describe('web contents', () => {
  it('denies new windows, navigation, redirects and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>()
    let openHandler: (() => unknown) | undefined
    const contents = {
      setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
      on: (name: string, listener: (event: { preventDefault: () => void }) => void) => listeners.set(name, listener),
    }
    lockDownWebContents(contents as never)
    expect(openHandler?.()).toEqual({ action: 'deny' })
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      listeners.get(name)?.(event)
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
  })
})

describe('session', () => {
  function lockedSession(devServerUrl: string | null) {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (handler: never) => (handlers['request'] = handler),
      setPermissionCheckHandler: (handler: never) => (handlers['check'] = handler),
      setDevicePermissionHandler: (handler: never) => (handlers['device'] = handler),
      webRequest: { onBeforeRequest: (_filter: unknown, handler: never) => (handlers['request-filter'] = handler) },
    }
    lockDownSession(session as never, devServerUrl)
    const cancels = (url: string): boolean => {
      let cancel: boolean | undefined
      ;(handlers['request-filter'] as unknown as (details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void)({ url }, (answer) => (cancel = answer.cancel))
      return cancel === true
    }
    return { handlers, cancels }
  }

  it('denies every permission request and check but writing to the clipboard', () => {
    const { handlers } = lockedSession(null)
    const request = handlers['request'] as unknown as (contents: unknown, permission: string, callback: (granted: boolean) => void) => void
    const check = handlers['check'] as unknown as (contents: unknown, permission: string) => boolean
    for (const permission of ['media', 'clipboard-read', 'notifications', 'geolocation', 'openExternal']) {
      const callback = vi.fn()
      request({}, permission, callback)
      expect(callback, permission).toHaveBeenCalledWith(false)
      expect(check({}, permission), permission).toBe(false)
    }
    const callback = vi.fn()
    request({}, 'clipboard-sanitized-write', callback)
    expect(callback).toHaveBeenCalledWith(true)
    expect(check({}, 'clipboard-sanitized-write')).toBe(true)
    expect((handlers['device'] as unknown as () => boolean)()).toBe(false)
  })

  it('cancels every network request, such as an avatar_url from a payload', () => {
    const { cancels } = lockedSession(null)
    expect(cancels('https://cdn.example.com/avatar.png')).toBe(true)
    expect(cancels('http://localhost:5173/')).toBe(true)
    expect(cancels('wss://example.com/socket')).toBe(true)
  })

  it('lets the dev server and its socket through in development only', () => {
    const { cancels } = lockedSession('http://localhost:5173')
    expect(cancels('http://localhost:5173/src/main.ts')).toBe(false)
    expect(cancels('ws://localhost:5173/')).toBe(false)
    expect(cancels('http://localhost:5174/')).toBe(true)
    expect(cancels('https://example.com/')).toBe(true)
  })
})
