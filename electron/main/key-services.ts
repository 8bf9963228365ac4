/**
 * Key imports and removals. An import that would replace a stored key or store a secret in plain
 * text waits, under a random token, for the admin's confirmation; nothing is stored until then.
 */
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { MAX_KEY_FILE_BYTES } from '../common/limits'
import { isPlainObject, ownMember } from '../common/values'
import { parseKeyFile, type KeyHint, type KeyReportEntry } from '../core/key-parse'
import { readBoundedTextFile } from '../io/bounded-text-file'
import type { KeyImportEntryView, KeyImportProgress, KeyImportReport, KeyImportTextRequest } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import type { KeyStore, NewKey } from './key-store'
import { ServiceError } from './service-error'
import type { SchemeId } from '../common/schemes'

const NO_IMPORT: KeyImportProgress = { active: false, fileName: null, done: 0, total: 0 }

const PENDING_IMPORT_MS = 10 * 60 * 1000
const MAX_PENDING_IMPORTS = 20

export interface ImportOptions {
  readonly fileName: string | null
  readonly scheme?: SchemeId
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

/** Parses key text and stores its keys, or says what the admin must confirm first. */
export interface KeyImporter {
  importText(text: string, options: ImportOptions): Promise<KeyImportReport>
  /** Stores an import that waited, with what the admin confirmed; refused once it expired. */
  confirm(token: string, confirmed: { readonly replace: boolean; readonly acceptUnprotected: boolean }): Promise<KeyImportReport>
  /** How far the fingerprints of the imports under way are: a large key set takes seconds. */
  progress(): KeyImportProgress
}

export interface KeyServicesDeps {
  readonly keyStore: KeyStore
  readonly now: () => Date
  readonly dialogs: { pickKeyFiles(): Promise<readonly string[] | null> }
}

/** A key set names its own Key IDs: a scheme or kid typed for bare files does not apply to it. */
function isKeySet(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) return false
  try {
    const json: unknown = JSON.parse(trimmed)
    return isPlainObject(json) && Array.isArray(ownMember(json, 'keys'))
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

export function createKeyImporter(deps: Pick<KeyServicesDeps, 'keyStore' | 'now'>): KeyImporter {
  const { keyStore } = deps
  const pending = new Map<string, PendingImport>()
  let importsRunning = 0
  let importProgress = NO_IMPORT

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
    await keyStore.verifyFingerprints()
    const plan = keyStore.planImport(keys)
    const storesPlainSecrets = keyStore.protection !== 'os-encrypted' &&
      keys.some((key) => 'secret' in key.material && !plan.alreadyStored.has(`${key.info.scheme}:${key.info.kid}`))
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
    importsRunning += 1
    importProgress = { active: true, fileName: options.fileName, done: 0, total: 0 }
    const parsed = await parseKeyFile(text, hint, {
      onProgress: (done, total) => {
        importProgress = { active: true, fileName: options.fileName, done, total }
      },
    }).finally(() => {
      importsRunning -= 1
      if (importsRunning === 0) importProgress = NO_IMPORT
    })
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

  async function confirm(token: string, confirmed: { readonly replace: boolean; readonly acceptUnprotected: boolean }): Promise<KeyImportReport> {
    const waiting = pending.get(token)
    if (waiting === undefined || Date.now() - waiting.createdAt > PENDING_IMPORT_MS) {
      pending.delete(token)
      throw new ServiceError('import-expired', 'this import is no longer waiting; import the file again')
    }
    pending.delete(token)
    return settle(waiting, { replace: confirmed.replace, acceptUnprotected: confirmed.acceptUnprotected })
  }

  return { importText, confirm, progress: () => importProgress }
}

export function createKeyServices(
  deps: KeyServicesDeps,
  importer: KeyImporter,
): Pick<ChannelServices, 'keys:list' | 'keys:status' | 'keys:import-text' | 'keys:import-files' | 'keys:confirm-import' | 'keys:import-progress' | 'keys:remove'> {
  const { keyStore } = deps

  function importRequest(request: KeyImportTextRequest): Promise<KeyImportReport> {
    return importer.importText(request.text, {
      fileName: request.fileName === undefined ? null : basename(request.fileName),
      ...(request.scheme === undefined ? {} : { scheme: request.scheme }),
      ...(request.kid === undefined ? {} : { kid: request.kid }),
      ...(request.label === undefined ? {} : { label: request.label }),
      replace: request.replace ?? false,
      acceptUnprotected: request.acceptUnprotected ?? false,
    })
  }

  return {
    'keys:list': async () => {
      await keyStore.verifyFingerprints()
      return keyStore.list(deps.now())
    },

    'keys:status': async () => {
      await keyStore.verifyFingerprints()
      return keyStore.status()
    },

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
        reports.push(await importer.importText(read.text, {
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

    'keys:confirm-import': ({ token, replace, acceptUnprotected }) => importer.confirm(token, { replace, acceptUnprotected }),

    'keys:import-progress': async () => importer.progress(),

    'keys:remove': async ({ scheme, kid, fingerprint }) => ({ removed: await keyStore.removeKey(scheme, kid, fingerprint, deps.now()) }),
  }
}
