/**
 * The app's services: one plain function per IPC channel over a key store, a settings store, a
 * clock, the examples folder and a dialog port. No Electron here: the IPC handlers, the command
 * line and the end-to-end tests call the same functions. The renderer gets key metadata only.
 */
import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { BatchContext } from '../io/batch-run'
import type { Inspection, Scheme } from '../common/inspection'
import { inspect } from '../core/inspect'
import { parseKeyFile, type KeyHint, type KeyReportEntry } from '../core/key-parse'
import { createKeyRing, type KeyRing } from '../core/key-ring'
import { MAX_INPUT_BYTES, MAX_KEY_FILE_BYTES } from '../common/limits'
import { isKeyOrSettingsFile } from '../core/payload-detect'
import { isPlainObject } from '../common/values'
import type {
  AppInfo,
  DemoExample,
  KeyImportEntryView,
  KeyImportReport,
  KeyImportTextRequest,
  SamplesRunStarted,
  TokenTableStatus,
} from '../shared/ipc-contract'
import { readBoundedTextFile } from '../io/bounded-text-file'
import { readTokenTableFile } from '../io/token-table-file'
import type { ChannelServices } from './call-service'
import { openKeyStore, type KeyStore, type NewKey } from './key-store'
import { createQaSigningServices, type SigningDialogs } from './qa-signing'
import { SamplesRun } from './samples-run'
import type { SecretCipher } from './secret-cipher'
import { ServiceError } from './service-error'
import { openSettingsStore, type SettingsStore } from './settings-store'
import { TokenTableSource } from './token-table-source'

/**
 * The file pickers the services need; Electron's dialogs in the app, fakes in tests and in the
 * end-to-end harness. Every path main reads comes from here: the window never names one.
 */
export interface DialogPort extends SigningDialogs {
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

const DEMO_KEYS_FILE = 'demo-keys.json'

/** What each shipped example shows, for the example picker; an unknown file goes by its name. */
const EXAMPLE_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['ringcx-verified-hs256.jwt', 'RingCX token, verified (HS256)'],
  ['ringcx-verified-rs256.html', 'RingCX page snippet, verified (RS256)'],
  ['ringcx-chat-url.txt', 'RingCX chat URL with a signed token'],
  ['ringcx-unsigned.js', 'RingCX unsigned identity'],
  ['ringcx-expired.sample.json', 'RingCX token, expired'],
  ['ringcx-exp-too-soon.sample.json', 'RingCX token, expires too soon'],
  ['ringcx-bad-signature.jwt', 'RingCX token, altered after signing'],
  ['ringcx-alg-none.jwt', 'RingCX token with “alg: none”'],
  ['ringcx-unknown-kid.jwt', 'RingCX token naming an unknown Key ID'],
  ['ringcx-missing-uuid.jwt', 'RingCX token without a visitor UUID'],
  ['roxchat-verified.html', 'Rox.Chat page snippet, verified'],
  ['roxchat-merge.sample.json', 'Rox.Chat visitor merged with service and agent fields'],
  ['roxchat-wrong-hash.json', 'Rox.Chat visitor with a wrong hash'],
  ['roxchat-expired.sample.json', 'Rox.Chat visitor data, expired'],
  ['roxchat-logout.js', 'Rox.Chat logout (roxchat_visitor = null)'],
  ['webim-legacy.js', 'Legacy Webim snippet (Rox.Chat)'],
])

function exampleDescription(name: string): string {
  return EXAMPLE_DESCRIPTIONS.get(name) ?? name
}

const PENDING_IMPORT_MS = 10 * 60 * 1000
const MAX_PENDING_IMPORTS = 20

interface ImportOptions {
  readonly fileName: string | null
  readonly scheme?: Scheme
  readonly kid?: string
  readonly label?: string
  readonly replace: boolean
  readonly acceptUnprotected: boolean
  /** The app's own demo keys. */
  readonly demo?: boolean
}

/** A valid import waiting for the admin's confirmation. */
interface PendingImport {
  readonly keys: readonly NewKey[]
  readonly report: Omit<KeyImportReport, 'imported' | 'duplicates' | 'unprotectedSecrets' | 'confirmToken'>
  readonly createdAt: number
}

/** A key set names its own Key IDs: a scheme or kid typed for bare files does not apply to it. */
function isKeySet(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) return false
  try {
    const json: unknown = JSON.parse(trimmed)
    return isPlainObject(json) && Array.isArray(json['keys'])
  } catch {
    return false
  }
}

function entryView(entry: KeyReportEntry): KeyImportEntryView {
  return {
    index: entry.index,
    scheme: entry.scheme,
    kid: entry.kid,
    ok: entry.ok,
    ...(entry.error === undefined ? {} : { error: entry.error }),
    warnings: entry.warnings,
    ...(entry.info === undefined ? {} : { fingerprint: entry.info.fingerprint, alg: entry.info.alg }),
  }
}

function fileFailure(fileName: string, code: 'file-unreadable' | 'file-too-large', message: string): KeyImportReport {
  return {
    fileName,
    format: null,
    imported: false,
    entries: [{ index: 0, scheme: null, kid: null, ok: false, error: { code, message }, warnings: [] }],
    duplicates: [],
    unprotectedSecrets: false,
    confirmToken: null,
  }
}

/** Only https: links leave the app, and never with credentials in them. */
export function allowedExternalUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}

/**
 * Builds the services over their dependencies.
 *
 * @example
 * const services = createServices({ keyStore, settingsStore, now: () => new Date(), examplesDir, dialogs, openExternal, appInfo })
 * await services['keys:list']()
 */
export function createServices(deps: ServiceDeps): AppServices {
  const { keyStore, settingsStore } = deps
  const pending = new Map<string, PendingImport>()
  const tokens = new TokenTableSource()
  let ringCache: { readonly revision: number; readonly ring: Promise<KeyRing> } | null = null
  let samplesRun: SamplesRun | null = null

  function keyRing(): Promise<KeyRing> {
    if (ringCache === null || ringCache.revision !== keyStore.materialRevision) {
      const ring = createKeyRing(keyStore.ringEntries())
      ringCache = { revision: keyStore.materialRevision, ring }
      ring.catch(() => {
        ringCache = null
      })
    }
    return ringCache.ring
  }

  async function inspectWithoutRecording(text: string, scheme: Scheme | undefined): Promise<Inspection> {
    const { table } = await tokens.load(settingsStore.get().tokensFile)
    return inspect(text, {
      keys: await keyRing(),
      settings: settingsStore.get().inspection,
      now: deps.now(),
      ...(scheme === undefined ? {} : { scheme }),
      ...(table === undefined ? {} : { authTokens: table }),
    })
  }

  async function inspectText(text: string, scheme: Scheme | undefined): Promise<Inspection> {
    const inspection = await inspectWithoutRecording(text, scheme)
    if (inspection.key !== null && inspection.scheme !== null) keyStore.recordMatch(inspection.scheme, inspection.key.kid, deps.now())
    return inspection
  }

  /** What inspections are judged with right now; a run judged with another stamp is stale. */
  async function configStamp(): Promise<string> {
    await tokens.load(settingsStore.get().tokensFile)
    return `${keyStore.materialRevision}|${tokens.revision}|${JSON.stringify(settingsStore.get().inspection)}`
  }

  /**
   * Starts a Samples run, replacing the last one. Sample libraries are not live traffic, so a
   * run does not count key matches (that would hide keys no website uses any more).
   */
  async function startSamplesRun(roots: readonly string[]): Promise<SamplesRunStarted> {
    samplesRun?.cancel()
    const stamp = await configStamp()
    const { table } = await tokens.load(settingsStore.get().tokensFile)
    const context: BatchContext = {
      keys: await keyRing(),
      settings: settingsStore.get().inspection,
      clock: deps.now,
      ...(table === undefined ? {} : { authTokens: table }),
    }
    // Another start may have won while this one waited: one run at a time, the newest.
    samplesRun?.cancel()
    const run = new SamplesRun({
      id: randomBytes(12).toString('base64url'),
      roots,
      context,
      stamp,
      ...(deps.samplesWindow === undefined ? {} : { window: deps.samplesWindow }),
    })
    samplesRun = run
    return { runId: run.id, roots: roots.map((root) => basename(root)) }
  }

  function samplesRunOf(runId: string): SamplesRun {
    if (samplesRun === null || samplesRun.id !== runId) throw new ServiceError('samples-run-not-found', 'this sample run was replaced by a newer one: open the samples again')
    return samplesRun
  }

  async function tokenStatus(): Promise<TokenTableStatus> {
    return (await tokens.load(settingsStore.get().tokensFile)).status
  }

  function remember(pendingImport: PendingImport): string {
    const now = Date.now()
    for (const [token, entry] of pending) if (now - entry.createdAt > PENDING_IMPORT_MS) pending.delete(token)
    while (pending.size >= MAX_PENDING_IMPORTS) pending.delete(pending.keys().next().value as string)
    const token = randomBytes(18).toString('base64url')
    pending.set(token, pendingImport)
    return token
  }

  /** Stores the keys, or explains what the admin must confirm first. */
  async function settle(pendingImport: PendingImport, confirmed: { replace: boolean; acceptUnprotected: boolean }): Promise<KeyImportReport> {
    const { keys, report } = pendingImport
    const plan = keyStore.planImport(keys)
    const storesPlainSecrets = keyStore.protection !== 'os-encrypted' &&
      keys.some((key) => key.material.alg !== 'RS256' && !plan.alreadyStored.has(`${key.info.scheme}:${key.info.kid}`))
    const duplicateKids = new Set(plan.duplicates.map((duplicate) => `${duplicate.scheme}:${duplicate.kid}`))
    const waiting = (plan.duplicates.length > 0 && !confirmed.replace) || (storesPlainSecrets && !confirmed.acceptUnprotected)
    const entries = report.entries.map((entry): KeyImportEntryView => {
      const identity = `${entry.scheme}:${entry.kid}`
      if (waiting && duplicateKids.has(identity) && !confirmed.replace) {
        return { ...entry, ok: false, error: { code: 'key-duplicate', message: `Key ID "${entry.kid}" is already stored with another key; confirm to replace it` } }
      }
      return plan.alreadyStored.has(identity) ? { ...entry, alreadyStored: true } : entry
    })
    const outcome = { ...report, entries, duplicates: plan.duplicates, unprotectedSecrets: storesPlainSecrets }
    if (waiting) return { ...outcome, imported: false, confirmToken: remember(pendingImport) }
    try {
      await keyStore.addKeys(keys, { replace: confirmed.replace, now: deps.now() })
    } catch (error) {
      if (!(error instanceof ServiceError) || error.code !== 'key-store-unavailable') throw error
      const failed = entries.map((entry) => ({ ...entry, ok: false, error: { code: 'key-store-unavailable' as const, message: error.message } }))
      return { ...outcome, entries: failed, imported: false, confirmToken: null }
    }
    return { ...outcome, imported: true, confirmToken: null }
  }

  async function importText(text: string, options: ImportOptions): Promise<KeyImportReport> {
    const hint: KeyHint = isKeySet(text) ? {} : {
      ...(options.scheme === undefined ? {} : { scheme: options.scheme }),
      ...(options.kid === undefined ? {} : { kid: options.kid }),
    }
    const parsed = await parseKeyFile(text, hint)
    const report = { fileName: options.fileName, format: parsed.format, entries: parsed.entries.map(entryView) }
    if (!parsed.ok) return { ...report, imported: false, duplicates: [], unprotectedSecrets: false, confirmToken: null }
    const keys: NewKey[] = parsed.keys.map((key) => ({
      material: key.material,
      info: key.info,
      label: key.label ?? options.label ?? '',
      sourceFile: options.fileName,
      ...(options.demo === true ? { demo: true } : {}),
    }))
    return settle({ keys, report, createdAt: Date.now() }, options)
  }

  function importRequest(request: KeyImportTextRequest): Promise<KeyImportReport> {
    return importText(request.text, {
      fileName: request.fileName === undefined ? null : basename(request.fileName),
      ...(request.scheme === undefined ? {} : { scheme: request.scheme }),
      ...(request.kid === undefined ? {} : { kid: request.kid }),
      ...(request.label === undefined ? {} : { label: request.label }),
      replace: request.replace ?? false,
      acceptUnprotected: request.acceptUnprotected ?? false,
    })
  }

  async function readExamples(): Promise<DemoExample[]> {
    const listing = await readdir(deps.examplesDir, { withFileTypes: true }).catch(() => {
      throw new ServiceError('demo-unavailable', 'the examples folder could not be read')
    })
    const names = listing
      .filter((entry) => entry.isFile() && !entry.name.startsWith('demo-') && !entry.name.endsWith('.md'))
      .map((entry) => entry.name)
      .sort()
    const examples: DemoExample[] = []
    for (const name of names) {
      const read = await readBoundedTextFile(join(deps.examplesDir, name), MAX_INPUT_BYTES)
      if (read.ok) examples.push({ name, description: exampleDescription(name), text: read.text })
    }
    return examples
  }

  return {
    'app:info': async () => deps.appInfo,

    'app:open-external': async ({ url }) => {
      const allowed = allowedExternalUrl(url)
      if (allowed === null) throw new ServiceError('url-not-allowed', 'only https: links can be opened')
      await deps.openExternal(allowed)
      return { opened: true }
    },

    'inspect:payload': ({ text, scheme, recheck }) => (recheck === true ? inspectWithoutRecording(text, scheme) : inspectText(text, scheme)),

    'inspect:open-file': async () => {
      const path = await deps.dialogs.pickPayloadFile()
      if (path === null) return null
      const read = await readBoundedTextFile(path, MAX_INPUT_BYTES)
      if (!read.ok) throw new ServiceError(read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${basename(path)}: ${read.message}`)
      return { fileName: basename(path), text: read.text, inspection: await inspectText(read.text, undefined) }
    },

    'keys:list': async () => keyStore.list(deps.now()),

    'keys:status': async () => keyStore.status(),

    'keys:import-text': (request) => importRequest(request),

    'keys:import-files': async (request) => {
      const paths = await deps.dialogs.pickKeyFiles()
      if (paths === null || paths.length === 0) return null
      const reports: KeyImportReport[] = []
      for (const path of paths) {
        const fileName = basename(path)
        const read = await readBoundedTextFile(path, MAX_KEY_FILE_BYTES)
        if (!read.ok) {
          reports.push(fileFailure(fileName, read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${fileName}: ${read.message}`))
          continue
        }
        reports.push(await importText(read.text, {
          fileName,
          ...(request.scheme === undefined ? {} : { scheme: request.scheme }),
          // One Key ID cannot name several bare files.
          ...(request.kid === undefined || paths.length > 1 ? {} : { kid: request.kid }),
          ...(request.label === undefined ? {} : { label: request.label }),
          replace: request.replace ?? false,
          acceptUnprotected: request.acceptUnprotected ?? false,
        }))
      }
      return reports
    },

    'keys:confirm-import': async ({ token, replace, acceptUnprotected }) => {
      const waiting = pending.get(token)
      if (waiting === undefined || Date.now() - waiting.createdAt > PENDING_IMPORT_MS) {
        pending.delete(token)
        throw new ServiceError('import-expired', 'this import is no longer waiting; import the file again')
      }
      pending.delete(token)
      return settle(waiting, { replace, acceptUnprotected })
    },

    'keys:remove': async ({ scheme, kid, fingerprint }) => ({ removed: await keyStore.removeKey(scheme, kid, fingerprint, deps.now()) }),

    'settings:get': async () => settingsStore.get(),

    'settings:status': async () => settingsStore.status(),

    'settings:update': (update) => settingsStore.update(update),

    'demo:load': async () => {
      const read = await readBoundedTextFile(join(deps.examplesDir, DEMO_KEYS_FILE), MAX_KEY_FILE_BYTES)
      if (!read.ok) throw new ServiceError('demo-unavailable', `the demo keys could not be read: ${read.message}`)
      // The demo keys are published with the app: storing them in plain text exposes nothing.
      const keys = await importText(read.text, { fileName: DEMO_KEYS_FILE, replace: false, acceptUnprotected: true, demo: true })
      return { keys, examples: await readExamples() }
    },

    'samples:start': async ({ pick }) => {
      let picked: readonly string[] | null
      if (pick === 'folder') {
        const folder = await deps.dialogs.pickSampleFolder()
        picked = folder === null ? null : [folder]
      } else {
        picked = await deps.dialogs.pickSampleFiles()
      }
      if (picked === null || picked.length === 0) return null
      return startSamplesRun(picked.map((path) => resolve(path)))
    },

    'samples:progress': async ({ runId, cursor }) => {
      const run = samplesRunOf(runId)
      return run.progress(cursor, (await configStamp()) !== run.stamp)
    },

    'samples:cancel': async ({ runId }) => ({ cancelled: samplesRunOf(runId).cancel() }),

    'samples:rerun': async ({ runId }) => startSamplesRun(samplesRunOf(runId).roots),

    'samples:open': async ({ runId, index }) => {
      const sample = samplesRunOf(runId).sampleAt(index)
      if (sample === null) throw new ServiceError('samples-run-not-found', `the run has no sample number ${index + 1} yet`)
      const fileName = basename(sample.path)
      const notOpenable = new ServiceError('sample-not-openable', `${fileName} is a key or settings file, not a sample: it is not shown`)
      if (sample.status === 'skipped') throw notOpenable
      const read = await readBoundedTextFile(sample.path, MAX_INPUT_BYTES)
      if (!read.ok) throw new ServiceError(read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${fileName}: ${read.message}`)
      // The file may have changed since the run: check again that it holds no key.
      if (isKeyOrSettingsFile(read.text)) throw notOpenable
      return { fileName, text: read.text, inspection: await inspectText(read.text, undefined) }
    },

    'tokens:status': () => tokenStatus(),

    'tokens:choose': async () => {
      const path = await deps.dialogs.pickTokenTable()
      if (path === null) return null
      const read = await readTokenTableFile(path)
      if (!read.ok) throw new ServiceError('token-table-invalid', read.message)
      const saved = await settingsStore.update({ tokensFile: resolve(path) })
      if (!saved.saved) throw new ServiceError('token-table-invalid', saved.problems.map((problem) => problem.message).join('; '))
      return tokenStatus()
    },

    'tokens:clear': async () => {
      await settingsStore.update({ tokensFile: null })
      return tokenStatus()
    },

    ...createQaSigningServices({
      keyStore,
      settingsStore,
      dialogs: deps.dialogs,
      now: deps.now,
      inspectSample: (text) => inspectWithoutRecording(text, undefined),
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
