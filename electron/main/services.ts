/**
 * The app's services: one plain function per IPC channel, built domain by domain over a key
 * store, a settings store, a clock, the examples folder and a dialog port. No Electron here: the
 * IPC handlers, the command line and the end-to-end tests call the same functions. The renderer
 * gets key metadata only.
 */
import type { AppInfo } from '../shared/ipc-contract'
import { createAppServices } from './app-services'
import type { ChannelServices } from './call-service'
import { createCaptureServices, type CaptureDialogs } from './captures'
import { createDemoServices } from './demo-services'
import { createInspectServices } from './inspect-services'
import { createInspector } from './inspector'
import { createKeyImporter, createKeyServices } from './key-services'
import { openKeyStore, type KeyStore } from './key-store'
import { createQaSigningServices, type SigningDialogs } from './qa-signing'
import { createQuickCheckServices } from './quick-check'
import { createSamplesServices } from './samples-services'
import type { SecretCipher } from './secret-cipher'
import { createSettingsServices } from './settings-services'
import { openSettingsStore, type SettingsStore } from './settings-store'
import { createTokenServices } from './token-services'

/**
 * The file pickers the services need; Electron's dialogs in the app, fakes in tests and in the
 * end-to-end harness. Every path main reads comes from here: the window never names one.
 */
export interface DialogPort extends SigningDialogs, CaptureDialogs {
  /** The path of the payload file the user picked, or null when cancelled. */
  pickPayloadFile(): Promise<string | null>
  /** The paths of the key files the admin picked, or null when cancelled. */
  pickKeyFiles(): Promise<readonly string[] | null>
  /** A folder of samples for the Samples view, or null when cancelled. */
  pickSampleFolder(): Promise<string | null>
  /** Sample files for the Samples view, or null when cancelled. */
  pickSampleFiles(): Promise<readonly string[] | null>
  /** A Rox.Chat token table file, or null when cancelled. */
  pickTokenTable(): Promise<string | null>
}

export interface ServiceDeps {
  readonly keyStore: KeyStore
  readonly settingsStore: SettingsStore
  readonly now: () => Date
  /** resources/examples: demo keys and example payloads. */
  readonly examplesDir: string
  readonly dialogs: DialogPort
  /** Opens an https: URL in the user's browser (shell.openExternal in the app). */
  readonly openExternal: (url: string) => Promise<void>
  readonly appInfo: AppInfo
  /** Files a Samples run inspects at once; the batch runner's default when left out. */
  readonly samplesWindow?: number
}

export interface AppServices extends ChannelServices {
  /** Writes match counts that are waiting; call on a timer and before quitting. */
  readonly flush: () => Promise<void>
}

/**
 * Builds the services over their dependencies.
 *
 * @example
 * const services = createServices({ keyStore, settingsStore, now: () => new Date(), examplesDir, dialogs, openExternal, appInfo })
 * await services['keys:list']()
 */
export function createServices(deps: ServiceDeps): AppServices {
  const { keyStore, settingsStore, now, dialogs } = deps
  const inspector = createInspector({ keyStore, settingsStore, now })
  const importer = createKeyImporter({ keyStore, now })
  return {
    ...createAppServices(deps),
    ...createInspectServices({ inspector, dialogs }),
    ...createKeyServices({ keyStore, now, dialogs }, importer),
    ...createSettingsServices({ settingsStore }),
    ...createDemoServices({ examplesDir: deps.examplesDir, importer }),
    ...createSamplesServices({ inspector, settingsStore, now, dialogs, ...(deps.samplesWindow === undefined ? {} : { samplesWindow: deps.samplesWindow }) }),
    ...createTokenServices({ settingsStore, inspector, dialogs }),
    // A key pasted for one inspection: a key ring of its own, no match recorded, nothing stored.
    ...createQuickCheckServices({ inspectWithKeys: (text, keys, scheme) => inspector.inspectWithoutRecording(text, scheme, {}, keys) }),
    ...createQaSigningServices({
      keyStore,
      settingsStore,
      dialogs,
      now,
      // A signed sample carries its own now and config: its expect records how it replays.
      inspectSample: (text) => inspector.inspectWithoutRecording(text, undefined, { sampleSemantics: true }),
    }),

    ...createCaptureServices({
      dialogs,
      keyRing: inspector.keyRing,
      settings: () => settingsStore.get().inspection,
      now,
      // Opened in the Inspector like a payload opened there: judged by the clock and settings.
      inspect: (text) => inspector.inspectText(text, undefined),
    }),
    flush: async () => {
      await keyStore.flush()
    },
  }
}

export interface OpenAppServicesOptions extends Omit<ServiceDeps, 'keyStore' | 'settingsStore'> {
  /** Holds keystore.json and settings.json: the app's user-data folder, or a temp folder in tests. */
  readonly dataDir: string
  readonly cipher: SecretCipher
}

/**
 * Opens both stores in `dataDir` and builds the services over them: what the app does at start,
 * and what an end-to-end harness does to bind `window.api` to the same functions in plain Node.
 *
 * @example
 * const { services } = await openAppServices({ dataDir, cipher: NO_OS_ENCRYPTION, now: () => new Date(), examplesDir, dialogs, openExternal, appInfo })
 * await callService(services, 'keys:list', [])
 */
export async function openAppServices(options: OpenAppServicesOptions): Promise<{ services: AppServices; keyStore: KeyStore; settingsStore: SettingsStore }> {
  const { dataDir, cipher, ...deps } = options
  const keyStore = await openKeyStore({ dir: dataDir, cipher, now: deps.now })
  const settingsStore = await openSettingsStore({ dir: dataDir, now: deps.now })
  return { services: createServices({ ...deps, keyStore, settingsStore }), keyStore, settingsStore }
}
