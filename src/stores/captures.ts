import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { CAPTURE_CHUNK_BYTES, MAX_CAPTURE_UPLOAD_BYTES, type CaptureAuditView, type CaptureIdentityRow, type OpenedPayload } from '../../electron/shared/ipc-contract'
import { useBridge } from '../bridge'
import { settle, type Problem } from '../problems'

/** How far the upload of a dropped capture has come. */
export interface UploadProgress {
  readonly fileName: string
  readonly sent: number
  readonly total: number
}

/** Base64 of a chunk of bytes, in slices small enough for String.fromCharCode. */
function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000))
  return btoa(binary)
}

/**
 * The Captures view's state: the last audit main made of the captures the user picked or dropped.
 * A leaf store: opening an identity in the Inspector is the view's to arrange.
 */
export const useCapturesStore = defineStore('captures', () => {
  // Up to a few thousand rows, replaced whole: never deep-reactive.
  const audit = shallowRef<CaptureAuditView | null>(null)
  const busy = ref(false)
  const upload = ref<UploadProgress | null>(null)
  const error = ref<Problem | null>(null)
  /** The identity being inspected again for the Inspector. */
  const opening = ref<number | null>(null)

  const leaks = computed(() => audit.value?.findings.filter((finding) => finding.kind === 'leaked-secret') ?? [])
  const signing = computed(() => audit.value?.findings.filter((finding) => finding.kind === 'client-side-signing') ?? [])
  const unreadable = computed(() => audit.value?.captures.filter((capture) => capture.problem !== null) ?? [])

  function fail(result: { readonly code: string; readonly message: string }): void {
    error.value = { code: result.code, message: result.message }
  }

  /** Opens main's file or folder dialog and shows the audit of what was picked. */
  async function open(pick: 'files' | 'folder'): Promise<void> {
    if (busy.value) return
    busy.value = true
    error.value = null
    const result = await settle(() => useBridge().capturesOpen({ pick }))
    busy.value = false
    if (!result.ok) return fail(result)
    if (result.value !== null) audit.value = result.value
  }

  /** A dropped file: sent to main in chunks (the window never names a path), audited there. */
  async function auditFile(file: File): Promise<void> {
    if (busy.value) return
    if (file.size > MAX_CAPTURE_UPLOAD_BYTES) {
      error.value = { code: 'input-too-large', message: `${file.name} is larger than 2 GiB: open a smaller capture.` }
      return
    }
    busy.value = true
    error.value = null
    upload.value = { fileName: file.name, sent: 0, total: file.size }
    try {
      const bridge = useBridge()
      const started = await settle(() => bridge.capturesUploadStart({ fileName: file.name, bytes: file.size }))
      if (!started.ok) return fail(started)
      const { uploadId } = started.value
      for (let at = 0; at < file.size; at += CAPTURE_CHUNK_BYTES) {
        let bytes: Uint8Array
        try {
          bytes = new Uint8Array(await file.slice(at, at + CAPTURE_CHUNK_BYTES).arrayBuffer())
        } catch {
          return fail({ code: 'file-unreadable', message: `${file.name} could not be read.` })
        }
        const sent = await settle(() => bridge.capturesUploadChunk({ uploadId, data: base64Of(bytes) }))
        if (!sent.ok) return fail(sent)
        upload.value = { fileName: file.name, sent: sent.value.received, total: file.size }
      }
      const finished = await settle(() => bridge.capturesUploadFinish({ uploadId }))
      if (!finished.ok) return fail(finished)
      audit.value = finished.value
    } finally {
      busy.value = false
      upload.value = null
    }
  }

  /** Main inspects the identity again, for the Inspector; null when that failed (the error says why). */
  async function openIdentity(row: CaptureIdentityRow): Promise<OpenedPayload | null> {
    const current = audit.value
    if (current === null || opening.value !== null) return null
    opening.value = row.index
    error.value = null
    const result = await settle(() => useBridge().capturesOpenIdentity({ auditId: current.auditId, index: row.index }))
    opening.value = null
    if (!result.ok) {
      fail(result)
      return null
    }
    return result.value
  }

  function dismissError(): void {
    error.value = null
  }

  return { audit, busy, upload, error, opening, leaks, signing, unreadable, open, auditFile, openIdentity, dismissError }
})
