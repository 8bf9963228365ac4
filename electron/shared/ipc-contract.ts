/**
 * The IPC contract: every channel between renderer and main, with its argument and result.
 * Types and constants only. Imported by main (handlers), preload (invokers) and the renderer.
 */
import type { CaptureFinding, CaptureLocation, CaptureSummary, RenewalTimeline } from '../common/capture/capture-types'
import type { IssueCode } from '../common/codes'
import type { DiagnosisCode, Inspection, Verdict } from '../common/inspection'
import type { KeyAlgorithm, KeyErrorCode, KeyFileFormat, KeyWarningCode } from '../common/key-material'
import type { QuarantineNotice } from '../common/quarantine'
import type { InspectionSettings, SettingsProblem } from '../common/settings'
import type { SchemeId, SchemeType } from '../common/schemes'

export type { QuarantineNotice } from '../common/quarantine'

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
  /** The sample run was replaced by a newer one (or never existed), or has no such row. */
  | 'samples-run-not-found'
  /** The row is a key or settings file: its text is never sent to the window. */
  | 'sample-not-openable'
  | 'token-table-invalid'
  /** Signing is a QA tool: refused while Settings → QA tools is off. */
  | 'qa-tools-off'
  /** The key cannot sign: a stored RSA key (public only), an unreadable secret, or a file that is not an RSA private key. */
  | 'signing-key-unusable'
  /** A time such as `+2h` or a Key ID the signer cannot use. */
  | 'signing-input-invalid'
  | 'file-unwritable'
  /** The capture upload was replaced by a newer one, or its bytes do not add up. */
  | 'capture-upload-invalid'
  /** The capture audit was replaced by a newer one, or has no such identity. */
  | 'capture-not-found'
  /** A commented-out identity whose text cannot be shown as a comment, or one too large to keep. */
  | 'capture-identity-not-openable'
  /** The key pasted for a quick check is not a key, or not one for this payload's scheme. */
  | 'quick-check-key-invalid'

export type Theme = 'system' | 'light' | 'dark'

/** Everything in settings.json: the inspection rules plus the app's own preferences. */
export interface AppSettings {
  readonly inspection: InspectionSettings
  /** QA tools (hashed message, signing): off by default. */
  readonly qaTools: boolean
  readonly theme: Theme
  /**
   * Rox.Chat token table (`{"token": {fields}}`) for identification by token; null for none.
   * Set only through `tokens:choose` (a file the user picked), never by a path the window sends.
   */
  readonly tokensFile: string | null
}

/**
 * How a key's material is kept on disk: encrypted by the operating system, in plain text (the admin
 * was told: no OS encryption here), or a public key that needs no protection.
 */
export type KeyStorage = 'os-encrypted' | 'plain' | 'public-key'

/**
 * Found in a stored key when the store was read. `key-rsa-exponent-weak`: the key is kept in the
 * file but not used; `key-fingerprint-mismatch`: the file's fingerprint was not the key's own.
 */
export interface StoredKeyProblem {
  readonly code: 'key-rsa-exponent-weak' | 'key-fingerprint-mismatch'
  readonly message: string
}

/** What the renderer may know about a stored key: never the secret. */
export interface StoredKeyView {
  readonly scheme: SchemeId
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
  /** What was wrong with the key when the store was read; left out when nothing was. */
  readonly problems?: readonly StoredKeyProblem[]
  /** One of the published demo keys (loaded as the demo, or labelled "DEMO KEY"): never for a real website. */
  readonly demo: boolean
}

/**
 * What protects secrets stored from now on. `basic-text`: Linux without a keyring, where Electron
 * would encrypt with a fixed, public password; `unavailable`: no OS encryption at all. In both
 * cases secrets are stored in plain text (file mode 0600) and only with the admin's consent.
 */
export type SecretProtection = 'os-encrypted' | 'basic-text' | 'unavailable'

export interface KeyStoreStatus {
  readonly protection: SecretProtection
  /** Plain-language warning for the admin, when secrets are not protected by the OS. */
  readonly warning: string | null
  readonly keyCount: number
  /** Keys whose secret is stored in plain text. */
  readonly plainSecretCount: number
  /** Keys whose secret could not be decrypted (see {@link StoredKeyView.unreadable}). */
  readonly unreadableCount: number
  /** Keys with {@link StoredKeyView.problems}. */
  readonly flaggedCount: number
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
  readonly scheme: SchemeId | null
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
  readonly scheme: SchemeId
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
  readonly scheme?: SchemeId
  readonly kid?: string
  readonly label?: string
  /** The admin confirmed replacing keys whose kid already exists. */
  readonly replace?: boolean
  /** The admin accepted storing secrets in plain text where the OS cannot encrypt them. */
  readonly acceptUnprotected?: boolean
}

/**
 * How far the key import under way has got. Checking a file's keys is quick; fingerprinting its
 * secrets (a slow scrypt each) takes about a minute for a thousand, so the Keys view shows this.
 */
export interface KeyImportProgress {
  /** False when no import is running; then the rest is zero and null. */
  readonly active: boolean
  readonly fileName: string | null
  /** Keys of the file fingerprinted so far, of `total` (zero until its keys are checked). */
  readonly done: number
  readonly total: number
}

/** Each picked file imports on its own (a key set all or nothing) and gets its own report. */
export interface KeyImportFilesRequest {
  readonly scheme?: SchemeId
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
  readonly scheme: SchemeId
  readonly kid: string
  readonly fingerprint: string
}

export interface InspectRequest {
  readonly text: string
  readonly scheme?: SchemeId
  /** Shown in reports; never opened. */
  readonly fileName?: string
  /** The payload on screen, checked again after keys or settings changed: its key match is not counted twice. */
  readonly recheck?: boolean
}

/**
 * A payload checked once with a key pasted for it (`inspect:quick-check`). The key is used for this
 * inspection only: never stored, never sent back. A bare secret or PEM takes `kid`, else the Key ID
 * the token's header names, else "unsaved_key"; a key set or a JWK with `kid` names its own.
 */
export interface QuickCheckRequest {
  readonly text: string
  readonly keyText: string
  readonly scheme?: SchemeId
  readonly kid?: string
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
  /** One line on what the example shows, e.g. "RingCX token, verified (HS256)". */
  readonly description: string
  readonly text: string
}

export interface AppInfo {
  readonly version: string
  readonly platform: string
}

/** What a sample came to: its expectation met or failed, no expectation, or not inspected at all. */
export type SampleStatus = 'met' | 'failed' | 'no-expectation' | 'unreadable' | 'skipped'
export const SAMPLE_STATUSES: readonly SampleStatus[] = ['met', 'failed', 'no-expectation', 'unreadable', 'skipped']

/** `samples:start` opens a folder dialog or a multi-file dialog: paths come only from the user's pick. */
export interface SamplesStartRequest {
  readonly pick: 'folder' | 'files'
}

export interface SamplesRunStarted {
  readonly runId: string
  /** Names of the picked folder or files, for the heading. */
  readonly roots: readonly string[]
}

/** One sample, compact: main keeps only this per file, never the whole inspection. */
export interface SampleRow {
  /** Position in walk order; `samples:open` takes it. */
  readonly index: number
  /** The path below the picked folder (starting with its name), or the picked file's name. */
  readonly file: string
  readonly status: SampleStatus
  readonly scheme: SchemeId | null
  /** Null when the file was not inspected (unreadable, skipped). */
  readonly verdict: Verdict | null
  /** Error codes, then warning codes. */
  readonly codes: readonly IssueCode[]
  /** The first way the inspection differs from the sample's `expect`; values as short JSON text. */
  readonly firstMismatch: { readonly path: string; readonly expected: string; readonly actual: string } | null
  /** The usual mistake that explains a failed signature or hash, when one does. */
  readonly likelyCause: DiagnosisCode | null
  /** Why the file was not inspected (unreadable, too large, or a key or settings file). */
  readonly problem: string | null
}

export interface SamplesSummary {
  readonly files: number
  readonly verified: number
  readonly rejected: number
  readonly ms: number
  readonly statuses: Readonly<Record<SampleStatus, number>>
  /** Rows by kind; a file not inspected (skipped, unreadable) counts as unknown, as the filter shows it. */
  readonly schemes: Readonly<Record<SchemeId | 'unknown', number>>
}

export interface SamplesProgressRequest {
  readonly runId: string
  /** How many rows the window already holds: rows from here on are sent. */
  readonly cursor: number
}

export interface SamplesProgress {
  readonly runId: string
  /** Files inspected (or found unreadable) so far. */
  readonly done: number
  /** Files found so far; final once `counted`. */
  readonly found: number
  readonly counted: boolean
  /** No more rows will come: every file is done, or the run was cancelled and has stopped. */
  readonly finished: boolean
  readonly cancelled: boolean
  /** Rows from `cursor` on, at most {@link SAMPLES_PAGE_ROWS}. */
  readonly rows: readonly SampleRow[]
  readonly summary: SamplesSummary
  /** Keys, inspection settings or the token table changed since the run started: re-run to apply them. */
  readonly stale: boolean
  /** Set when the run stopped on an internal error before every file was done. */
  readonly failure?: string
}

export interface SampleRef {
  readonly runId: string
  readonly index: number
}

export interface TokenTableStatus {
  /** The configured file, or null when no token table is used. */
  readonly file: string | null
  /** Tokens in the table; null when there is none or it cannot be read. */
  readonly tokenCount: number | null
  /** Why the configured file cannot be used right now. */
  readonly problem: string | null
}

/** A private key file the user picked for RS256 signing; the key itself stays in main. */
export interface PickedSigningKey {
  /** Names the key in `qa:sign-sample` for 30 minutes. */
  readonly handle: string
  readonly fileName: string
  readonly fingerprint: string
  readonly bits: number
}

/** A QA sign request: each scheme's own shape (common/<scheme>/), with its `scheme` and `kid`. */
export type SignSampleRequest = SchemeType<'signRequest'>

export interface SignedSample {
  /** A suggested file name, e.g. `ringcx-hs_qa-verified.sample.json`. */
  readonly fileName: string
  /** The sample file: payload, `now`, and `expect` filled from its own inspection. */
  readonly text: string
  /** The inspection of that sample file (its expectation included). */
  readonly inspection: Inspection
}

export interface SaveSampleRequest {
  readonly text: string
  readonly fileName: string
}

/** `captures:open` opens a dialog for capture files (HAR, saved pages) or a folder of them: paths come only from the user's pick. */
export interface CapturesOpenRequest {
  readonly pick: 'files' | 'folder'
}

/** A dropped capture is sent in chunks: its name and size first. */
export interface CaptureUploadStart {
  readonly fileName: string
  readonly bytes: number
}

export interface CaptureUploadChunk {
  readonly uploadId: string
  /** Base64 of at most {@link CAPTURE_CHUNK_BYTES} bytes of the file, in order. */
  readonly data: string
}

/** One identity of a capture audit, compact: its inspection stays in main until it is opened. */
export interface CaptureIdentityRow {
  /** Position in capture order; `captures:open-identity` takes it. */
  readonly index: number
  readonly location: CaptureLocation
  /** The form in words, e.g. "a _setSignedIdentity call". */
  readonly formName: string
  readonly commented: boolean
  readonly scheme: SchemeId | null
  readonly verdict: Verdict
  /** Error codes, then warning codes. */
  readonly codes: readonly IssueCode[]
  /** The visitor's id (RingCX `uuid`, Rox.Chat `id`) when the identity names one. */
  readonly visitor: string | null
  readonly expiresAt: string | null
  /** False when the Inspector cannot be shown the identity (see `capture-identity-not-openable`). */
  readonly openable: boolean
}

export interface CaptureFileView {
  readonly name: string
  readonly kind: 'har' | 'page' | null
  /** HAR entries read; null for a saved page or a file that could not be read. */
  readonly entries: number | null
  /** Why it could not be read (completely); null when it was. */
  readonly problem: string | null
}

/** What a capture audit found, as the Captures view shows it. */
export interface CaptureAuditView {
  readonly auditId: string
  /** The operator's time every identity was judged at (never the capture's). */
  readonly judgedAt: string
  readonly captures: readonly CaptureFileView[]
  readonly identities: readonly CaptureIdentityRow[]
  readonly findings: readonly CaptureFinding[]
  readonly timelines: readonly RenewalTimeline[]
  /** What was not searched, in words. */
  readonly notices: readonly string[]
  readonly summary: CaptureSummary
}

export interface CaptureIdentityRef {
  readonly auditId: string
  readonly index: number
}

/** Channel → argument and result. `void` means the channel takes no argument. */
export interface IpcContract {
  'app:info': { readonly args: void; readonly result: AppInfo }
  'app:open-external': { readonly args: { readonly url: string }; readonly result: { readonly opened: boolean } }
  'inspect:payload': { readonly args: InspectRequest; readonly result: Inspection }
  'inspect:open-file': { readonly args: void; readonly result: OpenedPayload | null }
  /** The payload checked with the pasted key only; the result has `checkedWithUnsavedKey: true`. */
  'inspect:quick-check': { readonly args: QuickCheckRequest; readonly result: Inspection }
  'keys:list': { readonly args: void; readonly result: readonly StoredKeyView[] }
  'keys:status': { readonly args: void; readonly result: KeyStoreStatus }
  'keys:import-text': { readonly args: KeyImportTextRequest; readonly result: KeyImportReport }
  /** Opens the file dialog; null when the admin cancelled it. */
  'keys:import-files': { readonly args: KeyImportFilesRequest; readonly result: readonly KeyImportReport[] | null }
  'keys:confirm-import': { readonly args: KeyConfirmImportRequest; readonly result: KeyImportReport }
  /** Polled while an import runs. */
  'keys:import-progress': { readonly args: void; readonly result: KeyImportProgress }
  'keys:remove': { readonly args: KeyRemoveRequest; readonly result: { readonly removed: StoredKeyView } }
  'settings:get': { readonly args: void; readonly result: AppSettings }
  'settings:status': { readonly args: void; readonly result: SettingsStatus }
  'settings:update': { readonly args: SettingsUpdate; readonly result: SettingsUpdateResult }
  'demo:load': { readonly args: void; readonly result: { readonly keys: KeyImportReport; readonly examples: readonly DemoExample[] } }
  /** Opens a dialog and starts inspecting what was picked; null when cancelled. One run at a time: a new one replaces the last. */
  'samples:start': { readonly args: SamplesStartRequest; readonly result: SamplesRunStarted | null }
  'samples:progress': { readonly args: SamplesProgressRequest; readonly result: SamplesProgress }
  'samples:cancel': { readonly args: { readonly runId: string }; readonly result: { readonly cancelled: boolean } }
  /** Runs the same files again with the current keys and settings, under a new run id. */
  'samples:rerun': { readonly args: { readonly runId: string }; readonly result: SamplesRunStarted }
  /** Reads one sample again and inspects it, for the Inspector. */
  'samples:open': { readonly args: SampleRef; readonly result: OpenedPayload }
  'tokens:status': { readonly args: void; readonly result: TokenTableStatus }
  /** Opens a dialog; a file that is not a token table is refused and the setting kept. Null when cancelled. */
  'tokens:choose': { readonly args: void; readonly result: TokenTableStatus | null }
  'tokens:clear': { readonly args: void; readonly result: TokenTableStatus }
  /** QA tools only. Opens a dialog for an RSA private key file; null when cancelled. */
  'qa:pick-signing-key': { readonly args: void; readonly result: PickedSigningKey | null }
  /** QA tools only. Signs in main with a stored or picked key; no key material in the result. */
  'qa:sign-sample': { readonly args: SignSampleRequest; readonly result: SignedSample }
  /** QA tools only. Opens a save dialog; null when cancelled. */
  'qa:save-sample': { readonly args: SaveSampleRequest; readonly result: { readonly fileName: string } | null }
  /** Opens a dialog and audits what was picked; null when cancelled. One audit at a time: a new one replaces the last. */
  'captures:open': { readonly args: CapturesOpenRequest; readonly result: CaptureAuditView | null }
  /** A dropped capture: starts an upload (replacing any other), then chunks in order, then finish audits it. */
  'captures:upload-start': { readonly args: CaptureUploadStart; readonly result: { readonly uploadId: string } }
  'captures:upload-chunk': { readonly args: CaptureUploadChunk; readonly result: { readonly received: number } }
  'captures:upload-finish': { readonly args: { readonly uploadId: string }; readonly result: CaptureAuditView }
  /** One identity of the last audit, inspected again for the Inspector. */
  'captures:open-identity': { readonly args: CaptureIdentityRef; readonly result: OpenedPayload }
}

export type Channel = keyof IpcContract
export type ChannelArgs<C extends Channel> = IpcContract[C]['args']
export type ChannelResult<C extends Channel> = IpcContract[C]['result']

export const CHANNELS = [
  'app:info',
  'app:open-external',
  'inspect:payload',
  'inspect:open-file',
  'inspect:quick-check',
  'keys:list',
  'keys:status',
  'keys:import-text',
  'keys:import-files',
  'keys:confirm-import',
  'keys:import-progress',
  'keys:remove',
  'settings:get',
  'settings:status',
  'settings:update',
  'demo:load',
  'samples:start',
  'samples:progress',
  'samples:cancel',
  'samples:rerun',
  'samples:open',
  'tokens:status',
  'tokens:choose',
  'tokens:clear',
  'qa:pick-signing-key',
  'qa:sign-sample',
  'qa:save-sample',
  'captures:open',
  'captures:upload-start',
  'captures:upload-chunk',
  'captures:upload-finish',
  'captures:open-identity',
] as const satisfies readonly Channel[]

export const MENU_VIEWS = ['inspector', 'keys', 'samples', 'captures', 'settings'] as const
export type MenuView = (typeof MENU_VIEWS)[number]

/**
 * The clipboard's text for Paste and Inspect. Main reads it: the window is granted no clipboard
 * permission. Text over {@link MAX_IPC_TEXT_BYTES} is not sent, only its size.
 */
export type ClipboardText =
  | { readonly text: string }
  | { readonly tooLarge: true; readonly bytes: number }

/** Events main sends to the renderer (menu commands), each with the detail it carries. */
export interface MenuEventDetails {
  readonly 'menu:open-payload': void
  readonly 'menu:open-capture': void
  readonly 'menu:import-keys': void
  readonly 'menu:paste-inspect': ClipboardText
  readonly 'menu:show-view': MenuView
}
export type MenuEvent = keyof MenuEventDetails
export const MENU_EVENTS = ['menu:open-payload', 'menu:open-capture', 'menu:import-keys', 'menu:paste-inspect', 'menu:show-view'] as const satisfies readonly MenuEvent[]

/** A menu event as arguments: `['menu:show-view', 'keys']`, `['menu:open-payload']`. */
export type MenuMessage = {
  [E in MenuEvent]: MenuEventDetails[E] extends void ? [event: E] : [event: E, detail: MenuEventDetails[E]]
}[MenuEvent]

/**
 * The API the preload exposes as `window.api`: one named verb per channel, all returning the
 * result envelope, plus a subscription to menu events.
 */
export type VisitorInspectorApi = {
  readonly [C in Channel as VerbName<C>]: ChannelArgs<C> extends void
    ? () => Promise<Result<ChannelResult<C>>>
    : (args: ChannelArgs<C>) => Promise<Result<ChannelResult<C>>>
} & {
  readonly onMenu: (listener: (...message: MenuMessage) => void) => () => void
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

/** Rows per `samples:progress` answer: the window fetches a long run page by page. */
export const SAMPLES_PAGE_ROWS = 500

/** Bytes of a dropped capture per `captures:upload-chunk` (its base64 stays under {@link MAX_IPC_TEXT_BYTES}). */
export const CAPTURE_CHUNK_BYTES = 512 * 1024

/** The largest capture the window may upload. */
export const MAX_CAPTURE_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024

/** Keys not matched for this long are marked as candidates for removal. */
export const REMOVAL_CANDIDATE_DAYS = 30

/** The smallest window the layout supports without sideways scrolling (the end-to-end tests check this width). */
export const WINDOW_MIN_WIDTH = 400
export const WINDOW_MIN_HEIGHT = 400
