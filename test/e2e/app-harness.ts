/**
 * The whole app minus Electron (see ../shared/testing.md): the built renderer from a loopback
 * server, and `window.api` bound with `page.exposeBinding` to the real main-process services over
 * a temporary user-data folder. Each verb goes through `callService`, as the IPC handler does, so
 * argument checks, services, stores and result envelopes are the app's own code.
 *
 * Only the Electron edges are stood in for: the file dialogs (a list of real files the test names),
 * `shell.openExternal` (recorded), safeStorage (real AES-GCM under a per-test key) and the menu
 * (events dispatched into the page as the preload would deliver them).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { callService } from '../../electron/main/call-service'
import { clipboardText } from '../../electron/main/clipboard-text'
import type { KeyStore } from '../../electron/main/key-store'
import { createSafeStorageCipher, type SafeStorageApi } from '../../electron/main/safe-storage-cipher'
import { NO_OS_ENCRYPTION, type SecretCipher } from '../../electron/main/secret-cipher'
import { openAppServices, type AppServices, type DialogPort } from '../../electron/main/services'
import {
  CHANNELS,
  MAX_IPC_TEXT_BYTES,
  MENU_EVENTS,
  MENU_VIEWS,
  verbName,
  type Channel,
  type KeyImportReport,
  type MenuMessage,
  type Result,
  type SecretProtection,
  type SettingsUpdate,
} from '../../electron/shared/ipc-contract'
import { EXAMPLES_DIR, PROJECT_ROOT, RENDERER_DIR } from './paths'
import { startRendererServer, type RendererServer } from './renderer-server'
import { secretFragmentsIn } from './secrets'

type DialogName = keyof DialogPort
type DialogAnswer<K extends DialogName> = Awaited<ReturnType<DialogPort[K]>>

/**
 * The native dialogs: each answers what the test set for it (real files on disk), or null, which
 * is Cancel. A proxy, so every dialog main gains is covered without changes here.
 */
export class HarnessDialogs {
  /** The dialogs opened, in order, by their DialogPort names. */
  readonly opened: DialogName[] = []
  readonly #answers = new Map<DialogName, unknown>()

  readonly port: DialogPort = new Proxy({} as DialogPort, {
    // Only the pick… methods: anything else (`then`, symbols) stays undefined, as on a plain object.
    get: (_target, name) => typeof name !== 'string' || !name.startsWith('pick') ? undefined : async () => {
      this.opened.push(name as DialogName)
      return this.#answers.get(name as DialogName) ?? null
    },
  })

  answer<K extends DialogName>(dialog: K, value: DialogAnswer<K>): void {
    this.#answers.set(dialog, value)
  }

  /** File › Open Payload… picks this file. */
  set payloadFile(path: string | null) {
    this.answer('pickPayloadFile', path)
  }

  /** Import Keys… picks these files. */
  set keyFiles(paths: readonly string[] | null) {
    this.answer('pickKeyFiles', paths)
  }
}

/** The main process's clock: the wall clock unless a test freezes it. */
export class ServiceClock {
  private fixed: Date | null = null
  freeze(at: Date): void {
    this.fixed = new Date(at)
  }
  readonly read = (): Date => (this.fixed === null ? new Date() : new Date(this.fixed))
}

export interface CallRecord {
  readonly channel: Channel
  readonly args: readonly unknown[]
  readonly result: Result<unknown>
}

/** Electron's safeStorage stands in as real AES-GCM under a key of its own, reporting `backend`. */
function safeStorageStandIn(backend: ReturnType<SafeStorageApi['getSelectedStorageBackend']>): SafeStorageApi {
  const key = randomBytes(32)
  return {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => backend,
    async encryptStringAsync(plain: string) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    async decryptStringAsync(encrypted: Buffer) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12))
      decipher.setAuthTag(encrypted.subarray(12, 28))
      const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8')
      return { result, shouldReEncrypt: false }
    },
  }
}

function cipherFor(protection: SecretProtection): SecretCipher {
  switch (protection) {
    case 'os-encrypted':
      return createSafeStorageCipher(safeStorageStandIn('gnome_libsecret'), 'linux')
    case 'basic-text':
      return createSafeStorageCipher(safeStorageStandIn('basic_text'), 'linux')
    case 'unavailable':
      return NO_OS_ENCRYPTION
  }
}

/** The one binding: the page's ipcRenderer.invoke(channel, ...args). */
const INVOKE_BINDING = '__visitorInspectorInvoke'
const MENU_DISPATCH = '__visitorInspectorMenu'

interface PageSetup {
  readonly invokeBinding: string
  readonly verbs: readonly (readonly [channel: string, verb: string])[]
  readonly menuEvents: readonly string[]
  readonly menuViews: readonly string[]
  readonly menuDispatch: string
  readonly maxClipboardBytes: number
}

/**
 * Runs in the page before its scripts: builds `window.api` as the preload does (one verb per
 * channel invoking it, frozen, plus onMenu) and takes the binding itself out of the page's reach.
 */
function installApi(setup: PageSetup): void {
  const page = window as unknown as Record<string, unknown>
  const invoke = page[setup.invokeBinding] as (channel: string, ...args: unknown[]) => Promise<unknown>
  delete page[setup.invokeBinding]
  const verbs: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
  for (const [channel, verb] of setup.verbs) verbs[verb] = (...args: unknown[]) => invoke(channel, ...args)
  type Listener = (event: string, detail?: unknown) => void
  const listeners = new Set<Listener>()
  function onMenu(listener: Listener): () => void {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  // The preload's checks of each event's detail: a malformed one is dropped.
  function detailFits(event: string, detail: unknown): boolean {
    if (event === 'menu:show-view') return typeof detail === 'string' && setup.menuViews.includes(detail)
    if (event !== 'menu:paste-inspect') return true
    if (typeof detail !== 'object' || detail === null) return false
    const clipboard = detail as Record<string, unknown>
    return typeof clipboard['text'] === 'string' ||
      (clipboard['tooLarge'] === true && typeof clipboard['bytes'] === 'number' && clipboard['bytes'] > setup.maxClipboardBytes)
  }
  // What main's webContents.send does, delivered as the preload forwards it.
  Object.defineProperty(window, setup.menuDispatch, {
    value: (event: string, detail?: unknown) => {
      if (!setup.menuEvents.includes(event) || !detailFits(event, detail)) return
      const withDetail = event === 'menu:show-view' || event === 'menu:paste-inspect'
      for (const listener of listeners) {
        if (withDetail) listener(event, detail)
        else listener(event)
      }
    },
  })
  Object.defineProperty(window, 'api', { value: Object.freeze({ ...verbs, onMenu }), enumerable: true })
}

export interface AppHarness {
  readonly page: Page
  /** Where the built renderer is served: http://127.0.0.1:<port>/index.html */
  readonly entryUrl: string
  /** The temporary user-data folder: keystore.json and settings.json. */
  readonly dataDir: string
  readonly services: AppServices
  readonly keyStore: KeyStore
  readonly dialogs: HarnessDialogs
  readonly clock: ServiceClock
  /** Every request the page made, with the envelope it got back. */
  readonly calls: readonly CallRecord[]
  /** URLs the app asked the system browser to open. */
  readonly openedUrls: readonly string[]
  /** Loads the app in the page and waits until it is on screen. */
  open(): Promise<void>
  /** Delivers an application-menu command, as main's menu does. */
  menu(...message: MenuMessage): Promise<void>
  /** File › Paste and Inspect with `text` on the system clipboard: main reads it and sends it along. */
  pasteFromMenu(text: string): Promise<void>
  /** Imports keys through the real service before the page opens: keys an admin added earlier. */
  seedKeys(text: string, fileName: string): Promise<KeyImportReport>
  seedSettings(update: SettingsUpdate): Promise<void>
}

export interface HarnessOptions {
  /** What safeStorage offers in this test's "system". */
  readonly protection: SecretProtection
  /** Sample files a Samples run inspects at once; the app's default when undefined. */
  readonly samplesWindow: number | undefined
}

export const test = base.extend<HarnessOptions & { app: AppHarness }, { rendererServer: RendererServer }>({
  protection: ['os-encrypted', { option: true }],
  samplesWindow: [undefined, { option: true }],

  rendererServer: [async ({}, use) => {
    const server = await startRendererServer(RENDERER_DIR)
    await use(server)
    await server.close()
  }, { scope: 'worker' }],

  app: async ({ page, protection, samplesWindow, rendererServer }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vi-e2e-'))
    const dialogs = new HarnessDialogs()
    const clock = new ServiceClock()
    const openedUrls: string[] = []
    const calls: CallRecord[] = []
    const internalErrors: string[] = []
    const pageErrors: string[] = []
    const packageJson = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }

    const { services, keyStore } = await openAppServices({
      dataDir,
      cipher: cipherFor(protection),
      now: clock.read,
      examplesDir: EXAMPLES_DIR,
      dialogs: dialogs.port,
      openExternal: async (url) => {
        openedUrls.push(url)
      },
      appInfo: { version: packageJson.version, platform: process.platform },
      ...(samplesWindow === undefined ? {} : { samplesWindow }),
    })

    const appOrigin = new URL(rendererServer.entryUrl).origin
    const channels: readonly string[] = CHANNELS
    // What ipc.ts registers for every channel: the sender check, then callService.
    await page.exposeBinding(INVOKE_BINDING, async (source, name: unknown, ...args: unknown[]) => {
      if (typeof name !== 'string' || !channels.includes(name)) throw new Error(`No handler registered for '${String(name)}'`)
      const channel = name as Channel
      const trusted = source.frame === source.page.mainFrame() && new URL(source.frame.url()).origin === appOrigin
      const result: Result<unknown> = trusted
        ? await callService(services, channel, args, (failed, error) => internalErrors.push(`${failed}: ${String(error)}`))
        : { ok: false, code: 'ipc-bad-sender', message: 'The request did not come from the app window and was refused.' }
      calls.push({ channel, args, result })
      return result
    })
    const setup: PageSetup = {
      invokeBinding: INVOKE_BINDING,
      verbs: CHANNELS.map((channel) => [channel, verbName(channel)] as const),
      menuEvents: MENU_EVENTS,
      menuViews: MENU_VIEWS,
      menuDispatch: MENU_DISPATCH,
      maxClipboardBytes: MAX_IPC_TEXT_BYTES,
    }
    await page.addInitScript(installApi, setup)

    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console error: ${message.text()} (${message.location().url})`)
    })

    const harness: AppHarness = {
      page,
      entryUrl: rendererServer.entryUrl,
      dataDir,
      services,
      keyStore,
      dialogs,
      clock,
      calls,
      openedUrls,
      async open() {
        await page.goto(rendererServer.entryUrl)
        await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible()
      },
      async menu(...message) {
        const [event, detail] = message as readonly [string, unknown?]
        await page.evaluate(({ name, event, detail }) => {
          (window as unknown as Record<string, (event: string, detail?: unknown) => void>)[name]?.(event, detail)
        }, { name: MENU_DISPATCH, event, detail })
      },
      async pasteFromMenu(text) {
        await harness.menu('menu:paste-inspect', clipboardText(text))
      },
      async seedKeys(text, fileName) {
        const result = await callService(services, 'keys:import-text', [{ text, fileName }])
        if (!result.ok || !result.value.imported) throw new Error(`seeding ${fileName} failed: ${JSON.stringify(result)}`)
        return result.value
      },
      async seedSettings(update) {
        const result = await callService(services, 'settings:update', [update])
        if (!result.ok || !result.value.saved) throw new Error(`seeding settings failed: ${JSON.stringify(result)}`)
      },
    }

    try {
      await use(harness)

      // What every test must also hold: no secret reached the page, nothing failed unnoticed.
      const leakedInResults = calls.flatMap((call) => secretFragmentsIn(call.result).map((fragment) => `${call.channel}: ${fragment}`))
      expect(leakedInResults, 'secret fragments in values returned to the page').toEqual([])
      if (!page.isClosed()) {
        const dom = await page.evaluate(() => document.documentElement.outerHTML)
        expect(secretFragmentsIn(dom), 'secret fragments in the DOM').toEqual([])
      }
      expect(internalErrors, 'services that failed with ipc-internal').toEqual([])
      expect(pageErrors, 'errors in the page (CSP violations, exceptions)').toEqual([])
    } finally {
      await services.flush().catch(() => undefined)
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('ipc-calls.json', { body: JSON.stringify(calls, null, 2), contentType: 'application/json' })
      }
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})

export { expect }

// ---------------------------------------------------------------------------------------------
// What a user does that Playwright has no one-liner for.

export interface DroppedFile {
  readonly name: string
  readonly text: string
  readonly type?: string
}

/** Drops files on `target` as a drag from the file manager would: dragenter, dragover, drop. */
export async function dropFiles(target: Locator, files: readonly DroppedFile[]): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const transfer = new DataTransfer()
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: file.type ?? 'text/plain' }))
    return transfer
  }, files)
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer })
  await dataTransfer.dispose()
}

/**
 * Ctrl/Cmd+V outside any text field with `text` on the clipboard: the browser's own paste event.
 * Only writing the clipboard needs a permission, and only for this setup step.
 */
export async function pasteOutsideFields(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-write'])
  await page.evaluate(async (clipboardText) => {
    await navigator.clipboard.writeText(clipboardText)
    ;(document.activeElement as HTMLElement | null)?.blur()
  }, text)
  await page.keyboard.press('ControlOrMeta+V')
}
