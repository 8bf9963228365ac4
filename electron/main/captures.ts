/**
 * The Captures view's services: audits the HAR files and saved pages the user picked in a dialog
 * (or dropped: sent in chunks, never as a path), keeping per identity only a compact row and its
 * own text, so that "open in the Inspector" can inspect it again. One audit at a time.
 */
import { randomBytes } from 'node:crypto'
import { basename, join, relative, resolve, sep } from 'node:path'
import { CAPTURE_LIMITS, CaptureAudit, type CaptureIdentity } from '../core/capture'
import type { Inspection } from '../common/inspection'
import type { KeyRing } from '../core/key-ring'
import { MAX_INPUT_BYTES } from '../common/limits'
import type { InspectionSettings } from '../common/settings'
import { vocabularyOf } from '../common/schemes'
import { ownMember } from '../common/values'
import { auditCaptureFile, walkCaptures } from '../io/capture/capture-files'
import { CaptureStream } from '../io/capture/capture-stream'
import { strictBase64 } from '../io/capture/capture-texts'
import {
  CAPTURE_CHUNK_BYTES,
  type CaptureAuditView,
  type CaptureFileView,
  type CaptureIdentityRow,
} from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import { ServiceError } from './service-error'

/** The dialogs the Captures view needs; part of the services' DialogPort. */
export interface CaptureDialogs {
  /** HAR files and saved pages, or null when cancelled. */
  pickCaptureFiles(): Promise<readonly string[] | null>
  /** A folder of captures, or null when cancelled. */
  pickCaptureFolder(): Promise<string | null>
}

export interface CaptureServiceDeps {
  readonly dialogs: CaptureDialogs
  readonly keyRing: () => Promise<KeyRing>
  readonly settings: () => InspectionSettings
  readonly now: () => Date
  /** Inspects an identity's text for the Inspector, as a payload opened there would be. */
  readonly inspect: (text: string) => Promise<Inspection>
}

export type CaptureServices = Pick<ChannelServices, 'captures:open' | 'captures:upload-start' | 'captures:upload-chunk' | 'captures:upload-finish' | 'captures:open-identity'>

/** Identity texts kept for "open in the Inspector", in all; later ones are listed but not openable. */
const MAX_KEPT_TEXT_CHARS = 32 * 1024 * 1024

interface KeptIdentity {
  readonly text: string | null
  readonly fileName: string
}

interface StoredAudit {
  readonly id: string
  readonly identities: readonly KeptIdentity[]
}

interface Upload {
  readonly id: string
  readonly fileName: string
  readonly bytes: number
  readonly audit: AuditRun
  readonly stream: CaptureStream
  received: number
}

function newId(): string {
  return randomBytes(12).toString('base64url')
}

/** The visitor's id as the inspection read it: the field its scheme names the visitor by (RingCX `uuid`, Rox.Chat `id`). */
function visitorOf(inspection: Inspection): string | null {
  const name = (inspection.scheme === null ? undefined : vocabularyOf(inspection.scheme)?.fields.visitorId) ?? 'uuid'
  const field = [...inspection.fields, ...inspection.rejectedFields].find((entry) => entry.name === name)
  if (field !== undefined) return field.value
  const claims = inspection.raw.claims
  const uuid = claims === undefined ? undefined : ownMember(claims, 'uuid')
  return typeof uuid === 'string' ? uuid : null
}

/**
 * What the Inspector is shown for a commented-out identity: its text inside a script comment, so
 * that it is judged there as here (commented out), not as a live call.
 */
function inspectorText(identity: CaptureIdentity): string | null {
  if (!identity.commented) return identity.text
  return identity.text.includes('*/') ? null : `/* ${identity.text} */`
}

/** One audit in progress: rows for the window, texts for the Inspector. */
class AuditRun {
  readonly id = newId()
  readonly audit: CaptureAudit
  readonly rows: CaptureIdentityRow[] = []
  readonly kept: KeptIdentity[] = []
  readonly files: CaptureFileView[] = []
  readonly judgedAt: Date
  #keptChars = 0

  constructor(keys: KeyRing, settings: InspectionSettings, now: Date) {
    this.judgedAt = now
    this.audit = new CaptureAudit({ keys, settings, now, onIdentity: (identity) => this.#add(identity) })
  }

  #add(identity: CaptureIdentity): void {
    const text = inspectorText(identity)
    const keep = text !== null && text.length <= MAX_INPUT_BYTES && this.#keptChars + text.length <= MAX_KEPT_TEXT_CHARS
    if (keep) this.#keptChars += text.length
    const { inspection } = identity
    this.kept.push({ text: keep ? text : null, fileName: identity.location.capture })
    this.rows.push({
      index: identity.index,
      location: identity.location,
      formName: identity.formName,
      commented: identity.commented,
      scheme: inspection.scheme,
      verdict: inspection.verdict,
      codes: [...inspection.errors.map((error) => error.code), ...inspection.warnings.map((warning) => warning.code)],
      visitor: visitorOf(inspection),
      expiresAt: inspection.expiry.expiresAt,
      openable: keep,
    })
  }

  view(): CaptureAuditView {
    const { findings, timelines, notices, summary } = this.audit.finish()
    return {
      auditId: this.id,
      judgedAt: this.judgedAt.toISOString(),
      captures: this.files,
      identities: this.rows,
      findings,
      timelines,
      notices: notices.map((notice) => notice.message),
      summary,
    }
  }
}

/**
 * @example
 * const services = createCaptureServices({ dialogs, keyRing, settings: () => store.get().inspection, now: () => new Date(), inspect })
 * await services['captures:open']({ pick: 'files' })
 */
export function createCaptureServices(deps: CaptureServiceDeps): CaptureServices {
  let stored: StoredAudit | null = null
  let upload: Upload | null = null

  async function startRun(): Promise<AuditRun> {
    return new AuditRun(await deps.keyRing(), deps.settings(), deps.now())
  }

  function remember(run: AuditRun): CaptureAuditView {
    stored = { id: run.id, identities: run.kept }
    return run.view()
  }

  function uploadOf(uploadId: string): Upload {
    if (upload === null || upload.id !== uploadId) throw new ServiceError('capture-upload-invalid', 'this upload was replaced by a newer one: drop the capture again')
    return upload
  }

  return {
    'captures:open': async ({ pick }) => {
      let picked: readonly string[] | null
      if (pick === 'folder') {
        const folder = await deps.dialogs.pickCaptureFolder()
        picked = folder === null ? null : [folder]
      } else {
        picked = await deps.dialogs.pickCaptureFiles()
      }
      if (picked === null || picked.length === 0) return null
      const run = await startRun()
      const roots = picked.map((path) => resolve(path))
      for await (const entry of walkCaptures(roots)) {
        // Names as the user knows them: below the picked folder, or the picked file's name.
        const name = displayName(entry.path, roots)
        if (entry.kind === 'error') {
          run.files.push({ name, kind: null, entries: null, problem: entry.message })
          continue
        }
        const result = await auditCaptureFile(entry.path, name, run.audit, CAPTURE_LIMITS)
        run.files.push(result.ok
          ? { name, kind: result.kind, entries: result.entries, problem: null }
          : { name, kind: result.kind, entries: null, problem: result.message })
      }
      return remember(run)
    },
    'captures:upload-start': async ({ fileName, bytes }) => {
      const run = await startRun()
      // The window sends a file's name only; anything like a path is cut to its last part.
      const name = fileName.split(/[\\/]/).at(-1) || 'capture'
      upload = { id: newId(), fileName: name, bytes, audit: run, stream: new CaptureStream(name, run.audit, CAPTURE_LIMITS), received: 0 }
      return { uploadId: upload.id }
    },
    'captures:upload-chunk': async ({ uploadId, data }) => {
      const current = uploadOf(uploadId)
      const bytes = strictBase64(data)
      if (bytes === null || bytes.length > CAPTURE_CHUNK_BYTES) throw new ServiceError('capture-upload-invalid', 'a chunk of the capture is not valid base64 of at most 512 KiB')
      if (current.received + bytes.length > current.bytes) {
        upload = null
        throw new ServiceError('capture-upload-invalid', 'the capture sent more bytes than it announced')
      }
      current.received += bytes.length
      await current.stream.write(bytes)
      return { received: current.received }
    },
    'captures:upload-finish': async ({ uploadId }) => {
      const current = uploadOf(uploadId)
      upload = null
      if (current.received !== current.bytes) throw new ServiceError('capture-upload-invalid', `the capture sent ${current.received} of the ${current.bytes} bytes it announced`)
      const result = await current.stream.end()
      current.audit.files.push(result.ok
        ? { name: current.fileName, kind: result.kind, entries: result.entries, problem: null }
        : { name: current.fileName, kind: result.kind, entries: null, problem: result.message })
      return remember(current.audit)
    },
    'captures:open-identity': async ({ auditId, index }) => {
      if (stored === null || stored.id !== auditId) throw new ServiceError('capture-not-found', 'this audit was replaced by a newer one: open the capture again')
      const identity = stored.identities[index]
      if (identity === undefined) throw new ServiceError('capture-not-found', `the audit has no identity number ${index + 1}`)
      if (identity.text === null) throw new ServiceError('capture-identity-not-openable', 'this identity cannot be shown in the Inspector (too large, or a comment that cannot be kept one)')
      return { fileName: identity.fileName, text: identity.text, inspection: await deps.inspect(identity.text) }
    },
  }
}

/** The path below the picked folder, starting with its name; a picked file by its name. */
function displayName(path: string, roots: readonly string[]): string {
  for (const root of roots) {
    if (path === root) return basename(path)
    if (path.startsWith(root.endsWith(sep) ? root : root + sep)) return join(basename(root), relative(root, path))
  }
  return basename(path)
}
