/**
 * A JSON file that survives crashes and bad bytes: atomic writes (temp file, fsync, rename) with
 * mode 0600, removal of the temp files a killed write leaves behind, and quarantine of a file that
 * cannot be read, instead of overwriting it. No Electron: the CLI and tests use it too.
 */
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { QuarantineNotice } from '../common/quarantine'
import { decodeUtf8Text, describeFsError, readBoundedFile } from './bounded-text-file'

/** Thrown by a decoder when the file is readable JSON but not a version of ours. */
export class FileSchemaError extends Error {}

export type DurableRead<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'damaged'; readonly reason: string }
  /** The file exists but could not be opened (permissions, a folder in its place). */
  | { readonly kind: 'unreadable'; readonly reason: string }

export type DurableLoad<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'quarantined'; readonly notice: QuarantineNotice }
  /** Neither readable nor movable: writing would destroy it, so the caller must not write. */
  | { readonly kind: 'unavailable'; readonly problem: string }

/** Far above any real key store or settings file; a bigger file is treated as damaged. */
const MAX_FILE_BYTES = 64 * 1024 * 1024
const FILE_MODE = 0o600
const DIRECTORY_MODE = 0o700

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The temp files write-file-atomic 7 creates: `<file>.<unsigned 32-bit number>` next to the file
 * (see its `getTmpname`). A SIGKILL between open and rename leaves one behind.
 */
export function tempFilePattern(fileName: string): RegExp {
  return new RegExp(`^${escapeRegExp(fileName)}\\.\\d{1,10}$`)
}

/** `2026-06-01T12:00:00.000Z` → `2026-06-01T12-00-00-000Z`: valid in file names everywhere. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}

/**
 * Reads and decodes `path` without changing anything on disk (the command line uses this).
 *
 * @example
 * const read = await readDurableJson('/data/settings.json', decodeSettingsFile)
 * if (read.kind === 'damaged') console.error(read.reason)
 */
export async function readDurableJson<T>(path: string, decode: (json: unknown) => T): Promise<DurableRead<T>> {
  // The shared reader: a regular file only, opened without blocking (a FIFO in the store's
  // place must not hang the app or the command line), and strict UTF-8.
  const read = await readBoundedFile(path, MAX_FILE_BYTES)
  if (!read.ok) {
    if (read.reason === 'missing') return { kind: 'missing' }
    if (read.reason === 'too-large') return { kind: 'damaged', reason: `${read.message}; far larger than any such file` }
    return { kind: 'unreadable', reason: read.message }
  }
  if (read.bytes.length === 0) return { kind: 'damaged', reason: 'the file is empty' }
  const decoded = decodeUtf8Text(read.bytes, MAX_FILE_BYTES)
  if (!decoded.ok) return { kind: 'damaged', reason: 'the file is not UTF-8 text' }
  const text = decoded.text
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { kind: 'damaged', reason: 'the file is not valid JSON (cut short or overwritten)' }
  }
  try {
    return { kind: 'loaded', value: decode(json) }
  } catch (error) {
    if (error instanceof FileSchemaError) return { kind: 'damaged', reason: error.message }
    throw error
  }
}

export interface DurableJsonFileOptions {
  /** Used to stamp quarantined files. */
  readonly now?: () => Date
}

export class DurableJsonFile {
  readonly path: string
  readonly #now: () => Date

  constructor(path: string, options: DurableJsonFileOptions = {}) {
    this.path = path
    this.#now = options.now ?? (() => new Date())
  }

  /**
   * Deletes temp files left by a write that was killed before its rename. Call once at start,
   * before any write: this process has no write of its own in flight then.
   */
  async removeStaleTempFiles(): Promise<string[]> {
    const pattern = tempFilePattern(basename(this.path))
    let names: string[]
    try {
      names = await readdir(dirname(this.path))
    } catch {
      return []
    }
    const removed: string[] = []
    for (const name of names.filter((candidate) => pattern.test(candidate))) {
      const path = join(dirname(this.path), name)
      try {
        await unlink(path)
        removed.push(path)
      } catch {
        // Gone already, or not ours to delete: neither blocks the start.
      }
    }
    return removed
  }

  /** Reads the file; a damaged or unreadable one is moved aside as `<name>.corrupt-<time>`, never deleted. */
  async load<T>(decode: (json: unknown) => T): Promise<DurableLoad<T>> {
    const read = await readDurableJson(this.path, decode)
    if (read.kind === 'missing' || read.kind === 'loaded') return read
    let movedTo = `${this.path}.corrupt-${fileStamp(this.#now())}`
    for (let attempt = 2; await exists(movedTo); attempt += 1) {
      movedTo = `${this.path}.corrupt-${fileStamp(this.#now())}-${attempt}`
    }
    try {
      await rename(this.path, movedTo)
    } catch (error) {
      return { kind: 'unavailable', problem: `${basename(this.path)} could not be read (${read.reason}) and could not be moved aside (${describeFsError(error)}); nothing will be saved until it is fixed` }
    }
    return { kind: 'quarantined', notice: { movedTo, reason: read.reason } }
  }

  /** Replaces the file atomically: readers see the old or the new content, never a mix. */
  async save(value: unknown): Promise<void> {
    const directory = dirname(this.path)
    await mkdir(directory, { recursive: true, mode: DIRECTORY_MODE })
    await writeFileAtomic(this.path, `${JSON.stringify(value, null, 2)}\n`, { mode: FILE_MODE, fsync: true })
    await syncDirectory(directory)
  }
}

/** Makes the rename itself durable across a power cut; not possible (nor needed) on Windows. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(directory, 'r').catch(() => null)
  if (handle === null) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic.
  } finally {
    await handle.close().catch(() => undefined)
  }
}
