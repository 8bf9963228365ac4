/**
 * One capture fed as bytes, from a file or from the window's upload: a HAR streamed entry by
 * entry, or a saved page gathered up to the body limit. Which one is told by the first byte
 * (`{` is a HAR) unless the name says so.
 */
import type { CaptureAudit, CaptureLimits } from '../../core/capture'
import { formatBytes } from '../../common/format'
import { entryTexts } from './capture-texts'
import { HarFormatError, HarReader } from './har-reader'

export type CaptureKind = 'har' | 'page'

export type CaptureStreamResult =
  | { readonly ok: true; readonly kind: CaptureKind; readonly entries: number | null }
  | { readonly ok: false; readonly kind: CaptureKind | null; readonly message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The kind a file name says, or null (then the first byte decides). */
export function kindOfName(name: string): CaptureKind | null {
  const lower = name.toLowerCase()
  if (lower.endsWith('.har')) return 'har'
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'page'
  return null
}

function firstSignificantByte(chunk: Uint8Array): number | null {
  let at = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0
  while (at < chunk.length && (chunk[at] === 0x20 || chunk[at] === 0x0a || chunk[at] === 0x0d || chunk[at] === 0x09)) at++
  return at < chunk.length ? (chunk[at] as number) : null
}

/**
 * @example
 * const stream = new CaptureStream('session.har', audit, CAPTURE_LIMITS)
 * for await (const chunk of file) await stream.write(chunk)
 * const result = await stream.end()
 */
export class CaptureStream {
  readonly #name: string
  readonly #audit: CaptureAudit
  readonly #limits: CaptureLimits
  #kind: CaptureKind | null
  #har: HarReader | null = null
  #page: Uint8Array[] = []
  #pageBytes = 0
  #entries = 0
  #failure: string | null = null

  constructor(name: string, audit: CaptureAudit, limits: CaptureLimits, kind: CaptureKind | null = kindOfName(name)) {
    this.#name = name
    this.#audit = audit
    this.#limits = limits
    this.#kind = kind
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.#har?.bytesRead ?? this.#pageBytes
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#failure !== null || chunk.length === 0) return
    if (this.#kind === null) {
      const first = firstSignificantByte(chunk)
      if (first === null) {
        this.#pageBytes += chunk.length
        return
      }
      this.#kind = first === 0x7b ? 'har' : 'page'
    }
    if (this.#kind === 'page') {
      this.#pageBytes += chunk.length
      if (this.#pageBytes <= this.#limits.maxBodyBytes) this.#page.push(chunk)
      else this.#page = []
      return
    }
    this.#har ??= new HarReader({
      // Raw JSON text of a body: base64 is 4/3 of the bytes, and escapes add some.
      maxBodyStringBytes: Math.ceil((this.#limits.maxBodyBytes * 4) / 3) + 4096,
      maxUrlBytes: this.#limits.maxUrlBytes,
      maxEntries: this.#limits.maxEntries,
    })
    try {
      this.#har.write(chunk)
    } catch (error) {
      if (!(error instanceof HarFormatError)) throw error
      this.#failure = this.#entries === 0 ? error.message : `${error.message}; the ${this.#entries} entries before it were searched`
    }
    await this.#drain()
  }

  async #drain(): Promise<void> {
    const reader = this.#har
    if (reader === null) return
    for (const entry of reader.take()) {
      this.#entries += 1
      for (const text of entryTexts(entry, { capture: this.#name, audit: this.#audit, limits: this.#limits })) await this.#audit.addText(text)
    }
  }

  async end(): Promise<CaptureStreamResult> {
    const kind = this.#kind ?? 'page'
    try {
      if (this.#failure !== null) return { ok: false, kind, message: this.#failure }
      if (kind === 'har') {
        if (this.#har === null) return { ok: false, kind, message: 'it is empty' }
        try {
          this.#har.end()
        } catch (error) {
          if (!(error instanceof HarFormatError)) throw error
          await this.#drain()
          return { ok: false, kind, message: this.#entries === 0 ? error.message : `${error.message}; the ${this.#entries} entries before it were searched` }
        }
        await this.#drain()
        if (this.#har.entriesSkipped > 0) {
          this.#audit.notice('entries-limit', this.#name, null, `${this.#name}: ${this.#har.entriesSkipped} entries after the first ${this.#limits.maxEntries} were not read.`, this.#har.entriesSkipped)
        }
        return { ok: true, kind, entries: this.#entries }
      }
      if (this.#pageBytes > this.#limits.maxBodyBytes) {
        return { ok: false, kind, message: `it is ${formatBytes(this.#pageBytes)}, over the ${formatBytes(this.#limits.maxBodyBytes)} limit for a saved page` }
      }
      let text: string
      try {
        text = utf8.decode(Buffer.concat(this.#page))
      } catch {
        return { ok: false, kind, message: 'it is not UTF-8 text' }
      } finally {
        this.#page = []
      }
      await this.#audit.addText({
        location: { capture: this.#name, entry: null, url: null, part: 'page', time: null },
        text: text.startsWith('\uFEFF') ? text.slice(1) : text,
        script: true,
      })
      return { ok: true, kind, entries: null }
    } finally {
      this.#audit.captureDone(this.#name)
    }
  }
}
