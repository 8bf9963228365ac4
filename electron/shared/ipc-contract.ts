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
  | 'import-expired'
  | 'settings-store-unavailable'
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

/**
 * How a key's material is kept on disk: encrypted by the operating system, in plain text (the admin
 * was told: no OS encryption here), or a public key that needs no protection.
 */
export type KeyStorage = 'os-encrypted' | 'plain' | 'public-key'

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
  readonly storage: KeyStorage
  /** Set when the stored secret could not be decrypted: the key is kept but not used. */
  readonly unreadable?: string
}

/**
 * What protects secrets stored from now on. `basic-text`: Linux without a keyring, where Electron
 * would encrypt with a fixed, public password; `unavailable`: no OS encryption at all. In both
 * cases secrets are stored in plain text (file mode 0600) and only with the admin's consent.
 */
export type SecretProtection = 'os-encrypted' | 'basic-text' | 'unavailable'

/** A damaged file that was moved aside at start instead of being overwritten. */
export interface QuarantineNotice {
  readonly movedTo: string
  readonly reason: string
}

export interface KeyStoreStatus {
  readonly protection: SecretProtection
  /** Plain-language warning for the admin, when secrets are not protected by the OS. */
  readonly warning: string | null
  readonly keyCount: number
  /** Keys whose secret is stored in plain text. */
  readonly plainSecretCount: number
  /** Keys whose secret could not be decrypted (see {@link StoredKeyView.unreadable}). */
  readonly unreadableCount: number
  /** Set when a damaged store was moved aside at start. */
  readonly quarantine: QuarantineNotice | null
  /** False when the store file could neither be read nor moved aside: nothing can be saved. */
  readonly writable: boolean
  readonly problem: string | null
}

export interface SettingsStatus {
  readonly quarantine: QuarantineNotice | null
  readonly writable: boolean
  readonly problem: string | null
}

export type KeyImportErrorCode = KeyErrorCode | 'key-duplicate' | 'key-store-unavailable' | 'file-unreadable' | 'file-too-large'

export interface KeyImportEntryView {
  readonly index: number
  readonly scheme: Scheme | null
  readonly kid: string | null
  readonly ok: boolean
  readonly error?: { readonly code: KeyImportErrorCode; readonly message: string }
  readonly warnings: readonly { readonly code: KeyWarningCode; readonly message: string }[]
  readonly fingerprint?: string
  readonly alg?: KeyAlgorithm
  /** The same key (kid and fingerprint) was already stored: nothing changed. */
  readonly alreadyStored?: boolean
}

/** A stored key that an import would replace. */
export interface KeyReplacementView {
  readonly scheme: Scheme
  readonly kid: string
  readonly storedFingerprint: string
  readonly newFingerprint: string
}

export interface KeyImportReport {
  readonly fileName: string | null
  readonly format: KeyFileFormat | null
  /** True when every key of the file was stored. A key set is stored all or nothing. */
  readonly imported: boolean
  readonly entries: readonly KeyImportEntryView[]
  /**
   * Stored keys with the same kid but other material: replacing them needs the admin's confirmation.
   * After a confirmed import, the keys that were replaced.
   */
  readonly duplicates: readonly KeyReplacementView[]
  /** The file holds secrets that would be stored in plain text: storing them needs the admin's consent. */
  readonly unprotectedSecrets: boolean
  /**
   * Set when the import is valid and waits only for those confirmations: pass it to
   * `keys:confirm-import` (valid for 10 minutes) instead of importing the file again.
   */
  readonly confirmToken: string | null
}

export interface KeyImportTextRequest {
  readonly text: string
  readonly fileName?: string
  /** For files that do not name their scheme and Key ID (PEM, certificate, text secret, JWK without kid). */
  readonly scheme?: Scheme
  readonly kid?: string
  readonly label?: string
  /** The admin confirmed replacing keys whose kid already exists. */
  readonly replace?: boolean
  /** The admin accepted storing secrets in plain text where the OS cannot encrypt them. */
  readonly acceptUnprotected?: boolean
}

/** Each picked file imports on its own (a key set all or nothing) and gets its own report. */
export interface KeyImportFilesRequest {
  readonly scheme?: Scheme
  /** Used only when a single bare file is picked: one Key ID cannot name several files. */
  readonly kid?: string
  readonly label?: string
  readonly replace?: boolean
  readonly acceptUnprotected?: boolean
}

export interface KeyConfirmImportRequest {
  readonly token: string
  readonly replace: boolean
  readonly acceptUnprotected: boolean
}

/** The fingerprint the admin saw when confirming: a key replaced meanwhile is not removed. */
export interface KeyRemoveRequest {
  readonly scheme: Scheme
  readonly kid: string
  readonly fingerprint: string
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

/**
 * Members left out keep their value. `inspection` is merged over the current inspection settings
 * (`{ ringcx: { minExpirySeconds: 7200 } }` changes only that); problems name their path with an
 * `inspection.` prefix, e.g. `inspection.ringcx.minExpirySeconds`.
 */
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
  /** Opens the file dialog; null when the admin cancelled it. */
  'keys:import-files': { readonly args: KeyImportFilesRequest; readonly result: readonly KeyImportReport[] | null }
  'keys:confirm-import': { readonly args: KeyConfirmImportRequest; readonly result: KeyImportReport }
  'keys:remove': { readonly args: KeyRemoveRequest; readonly result: { readonly removed: StoredKeyView } }
  'settings:get': { readonly args: void; readonly result: AppSettings }
  'settings:status': { readonly args: void; readonly result: SettingsStatus }
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
  'keys:confirm-import',
  'keys:remove',
  'settings:get',
  'settings:status',
  'settings:update',
  'demo:load',
] as const satisfies readonly Channel[]

/** Events main sends to the renderer (menu shortcuts). */
export const MENU_EVENTS = ['menu:open-payload', 'menu:import-keys', 'menu:paste-inspect', 'menu:show-view'] as const
export type MenuEvent = (typeof MENU_EVENTS)[number]
export const MENU_VIEWS = ['inspector', 'keys', 'settings'] as const
export type MenuView = (typeof MENU_VIEWS)[number]

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

/** Size limit on IPC text arguments (payloads, key files), in UTF-8 bytes. */
export const MAX_IPC_TEXT_BYTES = 1024 * 1024

/** Keys not matched for this long are marked as candidates for removal. */
export const REMOVAL_CANDIDATE_DAYS = 30
