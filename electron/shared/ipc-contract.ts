/**
 * The IPC contract: every channel between renderer and main, with its argument and result.
 * Types and constants only. Imported by main (handlers), preload (invokers) and the renderer.
 */
import type { Inspection, Scheme } from '../core/inspection'
import type { KeyAlgorithm } from '../core/key-material'
import type { KeyErrorCode, KeyFileFormat, KeyWarningCode } from '../core/key-parse'
import type { InspectionSettings, SettingsProblem } from '../core/settings'

/** Every result crosses IPC in this envelope: `invoke()` drops custom error properties. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: IpcErrorCode; readonly message: string }

/** Failures of a request itself (not of an inspection, which is data). */
export type IpcErrorCode =
  | 'ipc-bad-sender'
  | 'ipc-bad-argument'
  | 'ipc-too-large'
  | 'ipc-internal'
  | 'file-unreadable'
  | 'file-too-large'
  | 'key-not-found'
  | 'key-duplicate'
  | 'key-store-unavailable'
  | 'url-not-allowed'
  | 'demo-unavailable'

export type Theme = 'system' | 'light' | 'dark'

/** Everything in settings.json: the inspection rules plus the app's own preferences. */
export interface AppSettings {
  readonly inspection: InspectionSettings
  /** QA tools (hashed message, signing): off by default. */
  readonly qaTools: boolean
  readonly theme: Theme
}

/** What the renderer may know about a stored key: never the secret. */
export interface StoredKeyView {
  readonly scheme: Scheme
  readonly kid: string
  readonly alg: KeyAlgorithm
  readonly fingerprint: string
  readonly bits?: number
  readonly label: string
  readonly sourceFile: string | null
  readonly addedAt: string
  readonly lastMatchedAt: string | null
  readonly matchCount: number
  /** Not matched for 30 days (or never, and added over 30 days ago). */
  readonly removalCandidate: boolean
  /** Set when the stored secret could not be decrypted. */
  readonly unreadable?: string
}

export type SecretProtection = 'os-encrypted' | 'basic-text' | 'unavailable'

export interface KeyStoreStatus {
  readonly protection: SecretProtection
  /** Plain-language warning for the admin, when secrets are not protected by the OS. */
  readonly warning: string | null
  readonly keyCount: number
  /** Set when a damaged store was moved aside at start. */
  readonly quarantine: { readonly movedTo: string; readonly reason: string } | null
}

export interface KeyImportEntryView {
  readonly index: number
  readonly scheme: Scheme | null
  readonly kid: string | null
  readonly ok: boolean
  readonly error?: { readonly code: KeyErrorCode | 'key-duplicate' | 'key-store-unavailable'; readonly message: string }
  readonly warnings: readonly { readonly code: KeyWarningCode; readonly message: string }[]
  readonly fingerprint?: string
  readonly alg?: KeyAlgorithm
}

export interface KeyImportReport {
  readonly fileName: string | null
  readonly format: KeyFileFormat | null
  /** True when every key of the file was stored. */
  readonly imported: boolean
  readonly entries: readonly KeyImportEntryView[]
  /** Kids already in the store: the import needs `replace: true` to go ahead. */
  readonly duplicates: readonly string[]
}

export interface KeyImportTextRequest {
  readonly text: string
  readonly fileName?: string
  readonly scheme?: Scheme
  readonly kid?: string
  readonly label?: string
  /** The admin confirmed replacing keys whose kid already exists. */
  readonly replace?: boolean
}

export interface InspectRequest {
  readonly text: string
  readonly scheme?: Scheme
  /** Shown in reports; never opened. */
  readonly fileName?: string
}

export interface OpenedPayload {
  readonly fileName: string
  readonly text: string
  readonly inspection: Inspection
}

export interface SettingsUpdate {
  readonly inspection?: unknown
  readonly qaTools?: unknown
  readonly theme?: unknown
}

export type SettingsUpdateResult =
  | { readonly saved: true; readonly settings: AppSettings }
  | { readonly saved: false; readonly problems: readonly SettingsProblem[] }

export interface DemoExample {
  readonly name: string
  readonly text: string
}

export interface AppInfo {
  readonly version: string
  readonly platform: string
}

/** Channel → argument and result. `void` means the channel takes no argument. */
export interface IpcContract {
  'app:info': { readonly args: void; readonly result: AppInfo }
  'app:open-external': { readonly args: { readonly url: string }; readonly result: { readonly opened: boolean } }
  'inspect:payload': { readonly args: InspectRequest; readonly result: Inspection }
  'inspect:open-file': { readonly args: void; readonly result: OpenedPayload | null }
  'keys:list': { readonly args: void; readonly result: readonly StoredKeyView[] }
  'keys:status': { readonly args: void; readonly result: KeyStoreStatus }
  'keys:import-text': { readonly args: KeyImportTextRequest; readonly result: KeyImportReport }
  'keys:import-files': { readonly args: { readonly replace?: boolean }; readonly result: readonly KeyImportReport[] | null }
  'keys:remove': { readonly args: { readonly scheme: Scheme; readonly kid: string }; readonly result: { readonly removed: StoredKeyView } }
  'settings:get': { readonly args: void; readonly result: AppSettings }
  'settings:update': { readonly args: SettingsUpdate; readonly result: SettingsUpdateResult }
  'demo:load': { readonly args: void; readonly result: { readonly keys: KeyImportReport; readonly examples: readonly DemoExample[] } }
}

export type Channel = keyof IpcContract
export type ChannelArgs<C extends Channel> = IpcContract[C]['args']
export type ChannelResult<C extends Channel> = IpcContract[C]['result']

export const CHANNELS = [
  'app:info',
  'app:open-external',
  'inspect:payload',
  'inspect:open-file',
  'keys:list',
  'keys:status',
  'keys:import-text',
  'keys:import-files',
  'keys:remove',
  'settings:get',
  'settings:update',
  'demo:load',
] as const satisfies readonly Channel[]

/** Events main sends to the renderer (menu shortcuts). */
export const MENU_EVENTS = ['menu:open-payload', 'menu:import-keys', 'menu:paste-inspect', 'menu:show-view'] as const
export type MenuEvent = (typeof MENU_EVENTS)[number]
export type MenuView = 'inspector' | 'keys' | 'settings'

/**
 * The API the preload exposes as `window.api`: one named verb per channel, all returning the
 * result envelope, plus a subscription to menu events.
 */
export type VisitorInspectorApi = {
  readonly [C in Channel as VerbName<C>]: ChannelArgs<C> extends void
    ? () => Promise<Result<ChannelResult<C>>>
    : (args: ChannelArgs<C>) => Promise<Result<ChannelResult<C>>>
} & {
  readonly onMenu: (listener: (event: MenuEvent, detail?: MenuView) => void) => () => void
}

/** `keys:import-text` → `keysImportText`. */
export type VerbName<C extends string> = C extends `${infer Domain}:${infer Verb}` ? `${Domain}${PascalCase<Verb>}` : never
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>

/** Runtime twin of {@link VerbName}. */
export function verbName<C extends Channel>(channel: C): VerbName<C> {
  const [domain = '', verb = ''] = channel.split(':')
  const pascal = verb.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')
  return `${domain}${pascal}` as VerbName<C>
}

/** Size limits enforced on IPC arguments. */
export const MAX_IPC_TEXT_BYTES = 1024 * 1024
