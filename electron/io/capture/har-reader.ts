/**
 * Reads HAR 1.2 files as a stream, entry by entry, holding at most one entry's bounded strings:
 * a HAR may be hundreds of megabytes, mostly bodies. A small JSON tokenizer of its own walks the
 * bytes; string values the audit needs (`startedDateTime`, the request URL, request and response
 * bodies) are kept up to their limit, everything else is skipped without being held (a long
 * string is passed over with `indexOf`, not byte by byte).
 */
import { isWellFormedText } from '../../core/capture'

/** A string value as read: its text, or why it was not kept. */
export type HarString =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: 'too-large' | 'not-text'; readonly bytes: number }

/** A request's `postData` or a response's `content`. */
export interface HarBody {
  readonly mimeType: string | null
  readonly text: HarString | null
  /** `base64` for a response body stored as base64; null otherwise. */
  readonly encoding: string | null
  /** `postData.params`: form parameters as the browser recorded them. */
  readonly params: readonly { readonly name: HarString | null; readonly value: HarString | null }[]
}

export interface HarEntry {
  /** Index in `log.entries`, from 0. */
  readonly index: number
  readonly startedDateTime: string | null
  readonly method: string | null
  readonly url: HarString | null
  readonly requestBody: HarBody | null
  readonly responseBody: HarBody | null
}

export interface HarReaderLimits {
  /** Longest raw (JSON-escaped) body string kept, in bytes. */
  readonly maxBodyStringBytes: number
  readonly maxUrlBytes: number
  /** Entries read; later ones are counted in {@link HarReader.entriesSkipped}. */
  readonly maxEntries: number
}

/** The file is not JSON, or not a HAR. `offset` is the byte where reading stopped. */
export class HarFormatError extends Error {
  readonly offset: number
  constructor(message: string, offset: number) {
    super(message)
    this.offset = offset
  }
}

const enum State {
  Value,
  ArrayStart,
  ObjectStart,
  Key,
  Colon,
  After,
  String,
  Bare,
  Done,
}

const QUOTE = 0x22
const BOM = [0xef, 0xbb, 0xbf] as const
const BACKSLASH = 0x5c
const MAX_DEPTH = 256
const MAX_KEY_BYTES = 64
const MAX_BARE_BYTES = 64
const BARE_VALUE = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/

interface Frame {
  readonly object: boolean
  key: string | null
  index: number
}

/** What a string at some place in the HAR is for. */
type Role =
  | 'key'
  | 'started' | 'method' | 'url'
  | 'request-mime' | 'request-text' | 'param-name' | 'param-value'
  | 'response-mime' | 'response-text' | 'response-encoding'

interface EntryDraft {
  index: number
  startedDateTime: string | null
  method: string | null
  url: HarString | null
  request: BodyDraft | null
  response: BodyDraft | null
}

interface BodyDraft {
  mimeType: string | null
  text: HarString | null
  encoding: string | null
  params: { name: HarString | null; value: HarString | null }[]
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
}

function newBody(): BodyDraft {
  return { mimeType: null, text: null, encoding: null, params: [] }
}

/**
 * A push parser: `write` chunks as they are read, take the finished entries, `end` at the end.
 *
 * @example
 * const reader = new HarReader({ maxBodyStringBytes: 12 << 20, maxUrlBytes: 1 << 20, maxEntries: 100_000 })
 * for await (const chunk of stream) { reader.write(chunk); for (const entry of reader.take()) use(entry) }
 * reader.end()
 */
export class HarReader {
  /** Entries past `maxEntries`, not read. */
  entriesSkipped = 0
  /** Bytes consumed so far. */
  bytesRead = 0
  readonly #limits: HarReaderLimits
  readonly #frames: Frame[] = []
  readonly #ready: HarEntry[] = []
  #state: State = State.Value
  #sawEntries = false
  #entry: EntryDraft | null = null
  /** Bytes of a byte-order mark matched so far; 3 once past it (or there was none). */
  #bom = 0
  // The string being read.
  #role: Role | null = null
  #limit = 0
  #parts: Uint8Array[] = []
  #kept = 0
  #length = 0
  #overflow = false
  #escape = false
  #bare = ''

  constructor(limits: HarReaderLimits) {
    this.#limits = limits
  }

  /** The entries finished since the last call, in file order. */
  take(): HarEntry[] {
    return this.#ready.splice(0, this.#ready.length)
  }

  /** True once `log.entries` has been read to its closing bracket. */
  get entriesDone(): boolean {
    return this.#sawEntries && !this.#inEntries()
  }

  write(chunk: Uint8Array): void {
    let i = 0
    const length = chunk.length
    // A byte-order mark, which may itself arrive split over chunks.
    while (this.#bom < 3 && i < length) {
      if (chunk[i] === BOM[this.#bom]) {
        this.#bom += 1
        i++
      } else if (this.#bom === 0) {
        this.#bom = 3
      } else {
        this.#fail('a broken byte-order mark', i)
      }
    }
    while (i < length) {
      if (this.#state === State.String) {
        i = this.#readString(chunk, i)
        continue
      }
      const byte = chunk[i] as number
      if (this.#state === State.Bare) {
        if (isWhitespace(byte) || byte === 0x2c || byte === 0x7d || byte === 0x5d) {
          this.#endBare(i)
          continue
        }
        if (this.#bare.length >= MAX_BARE_BYTES) this.#fail('a number or literal is too long', i)
        this.#bare += String.fromCharCode(byte)
        i++
        continue
      }
      if (isWhitespace(byte)) {
        i++
        continue
      }
      this.#structural(byte, i)
      i++
    }
    this.bytesRead += length
  }

  /** The end of the file: throws when it ended inside the JSON or held no `log.entries`. */
  end(): void {
    if (this.#state === State.Bare) this.#endBare(0)
    if (this.#state !== State.Done) this.#fail('the file ends before the HAR is complete', 0)
    if (!this.#sawEntries) throw new HarFormatError('this is JSON but not a HAR file: it has no log.entries', this.bytesRead)
  }

  #fail(message: string, at: number): never {
    throw new HarFormatError(`not valid JSON at byte ${this.bytesRead + at}: ${message}`, this.bytesRead + at)
  }

  #inEntries(): boolean {
    const frames = this.#frames
    return frames.length >= 3 && frames[0]?.key === 'log' && frames[1]?.key === 'entries' && !(frames[2]?.object ?? true)
  }

  /** The role of the value starting now, from where it sits. */
  #valueRole(): Role | null {
    const frames = this.#frames
    const depth = frames.length
    if (depth < 4 || this.#entry === null || !this.#inEntries()) return null
    const k3 = frames[3]?.key
    if (depth === 4) {
      if (k3 === 'startedDateTime') return 'started'
      return null
    }
    const k4 = frames[4]?.key
    if (k3 === 'request') {
      if (depth === 5) return k4 === 'url' ? 'url' : k4 === 'method' ? 'method' : null
      if (k4 !== 'postData') return null
      const k5 = frames[5]?.key
      if (depth === 6) return k5 === 'mimeType' ? 'request-mime' : k5 === 'text' ? 'request-text' : null
      if (k5 === 'params' && depth === 8) {
        const k7 = frames[7]?.key
        return k7 === 'name' ? 'param-name' : k7 === 'value' ? 'param-value' : null
      }
      return null
    }
    if (k3 === 'response' && k4 === 'content' && depth === 6) {
      const k5 = frames[5]?.key
      return k5 === 'mimeType' ? 'response-mime' : k5 === 'text' ? 'response-text' : k5 === 'encoding' ? 'response-encoding' : null
    }
    return null
  }

  #limitFor(role: Role | null): number {
    switch (role) {
      case null: return 0
      case 'key': return MAX_KEY_BYTES
      case 'started': case 'method': case 'request-mime': case 'response-mime': case 'response-encoding': return 256
      case 'url': return this.#limits.maxUrlBytes
      case 'param-name': return 4096
      case 'request-text': case 'response-text': case 'param-value': return this.#limits.maxBodyStringBytes
    }
  }

  #structural(byte: number, at: number): void {
    switch (this.#state) {
      case State.Value:
      case State.ArrayStart:
        if (byte === 0x5d && this.#state === State.ArrayStart) this.#close(false)
        else this.#startValue(byte, at)
        return
      case State.ObjectStart:
      case State.Key:
        if (byte === 0x7d && this.#state === State.ObjectStart) this.#close(true)
        else if (byte === QUOTE) this.#startString('key')
        else this.#fail('expected a member name', at)
        return
      case State.Colon:
        if (byte !== 0x3a) this.#fail('expected ":"', at)
        this.#state = State.Value
        return
      case State.After:
        this.#afterSeparator(byte, at)
        return
      default:
        this.#fail('more after the end of the JSON', at)
    }
  }

  #afterSeparator(byte: number, at: number): void {
    const frame = this.#frames.at(-1)
    if (frame === undefined) this.#fail('more after the end of the JSON', at)
    if (byte === 0x2c) {
      if (frame.object) this.#state = State.Key
      else {
        frame.index += 1
        this.#state = State.Value
      }
    } else if ((byte === 0x7d && frame.object) || (byte === 0x5d && !frame.object)) {
      this.#close(frame.object)
    } else {
      this.#fail('expected "," or the end of an object or array', at)
    }
  }

  #startValue(byte: number, at: number): void {
    const depth = this.#frames.length
    if (depth === 0 && byte !== 0x7b) throw new HarFormatError('this is not a HAR file: it does not start with a JSON object', this.bytesRead + at)
    if (byte === 0x7b || byte === 0x5b) {
      if (depth >= MAX_DEPTH) this.#fail(`nested deeper than ${MAX_DEPTH} levels`, at)
      const object = byte === 0x7b
      this.#checkShape(object, at)
      this.#frames.push({ object, key: null, index: 0 })
      this.#state = object ? State.ObjectStart : State.ArrayStart
      return
    }
    this.#checkShape(null, at)
    if (byte === QUOTE) {
      this.#startString(this.#valueRole())
      return
    }
    this.#bare = String.fromCharCode(byte)
    this.#state = State.Bare
  }

  /** `log` must be an object, `log.entries` an array; each entry starts a draft. */
  #checkShape(object: boolean | null, at: number): void {
    const frames = this.#frames
    const depth = frames.length
    if (depth === 1 && frames[0]?.key === 'log' && object !== true) throw new HarFormatError('this is not a HAR file: "log" is not an object', this.bytesRead + at)
    if (depth === 2 && frames[0]?.key === 'log' && frames[1]?.key === 'entries') {
      if (object !== false) throw new HarFormatError('this is not a HAR file: "log.entries" is not an array', this.bytesRead + at)
      this.#sawEntries = true
    }
    if (depth === 3 && this.#inEntries() && object === true) {
      const index = frames[2]?.index ?? 0
      if (index < this.#limits.maxEntries) this.#entry = { index, startedDateTime: null, method: null, url: null, request: null, response: null }
      else this.entriesSkipped += 1
    }
    if (depth === 7 && this.#entry !== null && object === true && frames[3]?.key === 'request' && frames[4]?.key === 'postData' && frames[5]?.key === 'params' && this.#inEntries()) {
      this.#requestBody().params.push({ name: null, value: null })
    }
  }

  #requestBody(): BodyDraft {
    const entry = this.#entry as EntryDraft
    entry.request ??= newBody()
    return entry.request
  }

  #responseBody(): BodyDraft {
    const entry = this.#entry as EntryDraft
    entry.response ??= newBody()
    return entry.response
  }

  #close(object: boolean): void {
    this.#frames.pop()
    const depth = this.#frames.length
    if (object && depth === 3 && this.#entry !== null && this.#inEntries()) {
      const draft = this.#entry
      this.#entry = null
      this.#ready.push({
        index: draft.index,
        startedDateTime: draft.startedDateTime,
        method: draft.method,
        url: draft.url,
        requestBody: draft.request,
        responseBody: draft.response,
      })
    }
    this.#afterValue()
  }

  #afterValue(): void {
    this.#state = this.#frames.length === 0 ? State.Done : State.After
  }

  #startString(role: Role | null): void {
    this.#role = role
    this.#limit = this.#limitFor(role)
    this.#parts = []
    this.#kept = 0
    this.#length = 0
    this.#overflow = false
    this.#escape = false
    this.#state = State.String
  }

  /** Reads string bytes from `start`; returns where reading goes on. */
  #readString(chunk: Uint8Array, start: number): number {
    const length = chunk.length
    let i = start
    if (this.#escape) {
      this.#escape = false
      i += 1
    }
    let quote = -1
    let backslash = -1
    while (i < length) {
      if (quote < i) {
        quote = chunk.indexOf(QUOTE, i)
        if (quote < 0) quote = length
      }
      if (backslash < i) {
        backslash = chunk.indexOf(BACKSLASH, i)
        if (backslash < 0) backslash = length
      }
      if (backslash < quote) {
        i = backslash + 2
        if (i > length) {
          this.#escape = true
          i = length
        }
        continue
      }
      if (quote < length) {
        this.#keep(chunk, start, quote)
        this.#endString()
        return quote + 1
      }
      i = length
    }
    this.#keep(chunk, start, length)
    return length
  }

  #keep(chunk: Uint8Array, from: number, to: number): void {
    const size = to - from
    this.#length += size
    if (this.#limit === 0 || this.#overflow || size === 0) return
    if (this.#kept + size > this.#limit) {
      this.#overflow = true
      this.#parts = []
      return
    }
    this.#parts.push(chunk.slice(from, to))
    this.#kept += size
  }

  #decoded(): HarString {
    if (this.#overflow) return { ok: false, problem: 'too-large', bytes: this.#length }
    const bytes = this.#parts.length === 1 ? (this.#parts[0] as Uint8Array) : concat(this.#parts, this.#kept)
    this.#parts = []
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      return { ok: false, problem: 'not-text', bytes: this.#length }
    }
    if (text.includes('\\')) {
      try {
        text = JSON.parse(`"${text}"`) as string
      } catch {
        return { ok: false, problem: 'not-text', bytes: this.#length }
      }
    }
    return isWellFormedText(text) ? { ok: true, value: text } : { ok: false, problem: 'not-text', bytes: this.#length }
  }

  #endString(): void {
    const role = this.#role
    this.#role = null
    if (role === 'key') {
      const key = this.#overflow ? '\u0000long' : this.#decoded()
      const frame = this.#frames.at(-1) as Frame
      frame.key = typeof key === 'string' ? key : key.ok ? key.value : '\u0000bad'
      this.#state = State.Colon
      return
    }
    if (role !== null && this.#entry !== null) this.#assign(role, this.#decoded())
    this.#parts = []
    this.#afterValue()
  }

  #assign(role: Exclude<Role, 'key'>, value: HarString): void {
    const entry = this.#entry as EntryDraft
    const text = value.ok ? value.value : null
    switch (role) {
      case 'started': entry.startedDateTime = text; return
      case 'method': entry.method = text; return
      case 'url': entry.url = value; return
      case 'request-mime': this.#requestBody().mimeType = text; return
      case 'request-text': this.#requestBody().text = value; return
      case 'param-name': {
        const param = this.#requestBody().params.at(-1)
        if (param !== undefined) param.name = value
        return
      }
      case 'param-value': {
        const param = this.#requestBody().params.at(-1)
        if (param !== undefined) param.value = value
        return
      }
      case 'response-mime': this.#responseBody().mimeType = text; return
      case 'response-text': this.#responseBody().text = value; return
      case 'response-encoding': this.#responseBody().encoding = text; return
    }
  }

  #endBare(at: number): void {
    if (!BARE_VALUE.test(this.#bare)) this.#fail(`unexpected "${this.#bare.slice(0, 16)}"`, at)
    this.#bare = ''
    this.#afterValue()
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
