/**
 * The one way files are read: only regular files, opened without ever blocking, never holding
 * more than the limit in memory, and decoded as strict UTF-8 (the same decoding as standard input).
 */
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync, stat, statSync, type Stats } from 'node:fs'
import { promisify } from 'node:util'
import { formatBytes } from '../common/format'

export type BoundedReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'too-large' | 'unreadable' | 'not-text'; readonly message: string }

export type BoundedBytesResult =
  | { readonly ok: true; readonly bytes: Buffer }
  /** `missing`: nothing at the path, which some callers (stores) treat as empty rather than a problem. */
  | { readonly ok: false; readonly reason: 'too-large' | 'unreadable' | 'missing'; readonly message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })
// The callback API: a batch reads thousands of files, and it costs a third less per file than
// the FileHandle API of node:fs/promises.
const openFile = promisify(open)
const statPath = promisify(stat)
const statFile = promisify(fstat)
const readFile = promisify(read)
const closeFile = promisify(close)

/**
 * Non-blocking, so that a FIFO swapped in after the check still cannot hang the open; no
 * controlling terminal from a terminal device. Neither flag changes how a regular file reads.
 * Windows has neither flag (and no FIFOs in the file system).
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/**
 * Why something is not a regular file, in the user's terms; null for a regular file.
 *
 * @example
 * notRegularFileReason(await stat('/dev/null')) // 'it is a device, not a regular file'
 */
export function notRegularFileReason(stats: Stats): string | null {
  if (stats.isFile()) return null
  if (stats.isDirectory()) return 'it is a folder, not a regular file'
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a regular file'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file'
  if (stats.isSocket()) return 'it is a socket, not a regular file'
  if (stats.isSymbolicLink()) return 'it is a symbolic link'
  return 'it is not a regular file'
}

/**
 * Opens `path` for reading when it is a regular file, and only then. The path is checked before
 * opening (opening a device can have effects of its own) and the opened handle again (the path may
 * have been replaced in between); the open itself is non-blocking, so a FIFO never hangs it.
 * The caller closes the descriptor.
 */
export async function openRegularFile(path: string): Promise<{ readonly ok: true; readonly fd: number; readonly stats: Stats } | Extract<BoundedBytesResult, { ok: false }>> {
  try {
    const reason = notRegularFileReason(await statPath(path))
    if (reason !== null) return { ok: false, reason: 'unreadable', message: reason }
  } catch (error) {
    return fsFailure(error)
  }
  let fd: number
  try {
    fd = await openFile(path, OPEN_FLAGS)
  } catch (error) {
    return fsFailure(error)
  }
  try {
    const stats = await statFile(fd)
    const reason = notRegularFileReason(stats)
    if (reason === null) return { ok: true, fd, stats }
    await closeFile(fd).catch(() => undefined)
    return { ok: false, reason: 'unreadable', message: reason }
  } catch (error) {
    await closeFile(fd).catch(() => undefined)
    return fsFailure(error)
  }
}

/**
 * {@link openRegularFile} with the same checks made by synchronous system calls: the batch's way.
 * A batch reads thousands of small files, and each asynchronous call is a round trip through
 * libuv's thread pool (queue, wake a thread, wait for the loop to pick up the answer) that costs
 * more than the call itself. The flags make none of the calls able to block on a FIFO or terminal.
 */
export function openRegularFileSync(path: string): { readonly ok: true; readonly fd: number; readonly stats: Stats } | Extract<BoundedBytesResult, { ok: false }> {
  try {
    const reason = notRegularFileReason(statSync(path))
    if (reason !== null) return { ok: false, reason: 'unreadable', message: reason }
  } catch (error) {
    return fsFailure(error)
  }
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    return fsFailure(error)
  }
  try {
    const stats = fstatSync(fd)
    const reason = notRegularFileReason(stats)
    if (reason === null) return { ok: true, fd, stats }
    closeQuietly(fd)
    return { ok: false, reason: 'unreadable', message: reason }
  } catch (error) {
    closeQuietly(fd)
    return fsFailure(error)
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // Nothing was written: a failed close loses nothing.
  }
}

/** One buffer reused by every synchronous read of a thread: files are copied out of it. */
let scratch = Buffer.allocUnsafe(64 * 1024)

/**
 * {@link readBoundedFile} by synchronous calls (see {@link openRegularFileSync}): the same checks,
 * the same bound (one byte more than allowed is asked for, in case the file grew after fstat).
 * The bytes are a view of a buffer the next call reuses: decode or copy them before reading again.
 */
export function readBoundedFileSync(path: string, maxBytes: number): BoundedBytesResult {
  const opened = openRegularFileSync(path)
  if (!opened.ok) return opened
  const { fd, stats } = opened
  try {
    if (stats.size > maxBytes) return { ok: false, reason: 'too-large', message: `it is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit` }
    const wanted = Math.min(stats.size, maxBytes) + 1
    if (scratch.length < wanted) scratch = Buffer.allocUnsafe(Math.max(wanted, scratch.length * 2))
    let length = 0
    while (length < wanted) {
      const bytesRead = readSync(fd, scratch, length, wanted - length, length)
      if (bytesRead === 0) break
      length += bytesRead
      // All of the size fstat gave, under the limit: no call more to hear that the file ended. (A
      // file at the limit is read one byte further, in case it grew past it; a short read on a
      // network file system is read on.)
      if (length === stats.size && stats.size < maxBytes) break
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large', message: `it is over the ${formatBytes(maxBytes)} limit` }
    return { ok: true, bytes: scratch.subarray(0, length) }
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: describeFsError(error) }
  } finally {
    closeQuietly(fd)
  }
}

/**
 * {@link readBoundedTextFile} by synchronous calls: regular files only, opened non-blocking and
 * checked again once open, at most `maxBytes`, strict UTF-8.
 *
 * @example
 * const result = readBoundedTextFileSync('sample.json', 1024 * 1024)
 */
export function readBoundedTextFileSync(path: string, maxBytes: number): BoundedReadResult {
  const read = readBoundedFileSync(path, maxBytes)
  if (!read.ok) return { ok: false, reason: read.reason === 'too-large' ? 'too-large' : 'unreadable', message: read.message }
  return decodeUtf8Text(read.bytes, maxBytes)
}

function fsFailure(error: unknown): Extract<BoundedBytesResult, { ok: false }> {
  const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
  return { ok: false, reason: missing ? 'missing' : 'unreadable', message: describeFsError(error) }
}

/**
 * Reads the bytes of the regular file at `path` when it is at most `maxBytes` long.
 *
 * @example
 * const result = await readBoundedFile('keystore.json', 64 * 1024 * 1024)
 */
export async function readBoundedFile(path: string, maxBytes: number): Promise<BoundedBytesResult> {
  const opened = await openRegularFile(path)
  if (!opened.ok) return opened
  const { fd, stats } = opened
  try {
    if (stats.size > maxBytes) return { ok: false, reason: 'too-large', message: `it is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit` }
    // One byte more than allowed, in case the file grew after fstat.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await readFile(fd, buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large', message: `it is over the ${formatBytes(maxBytes)} limit` }
    return { ok: true, bytes: buffer.subarray(0, length) }
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: describeFsError(error) }
  } finally {
    await closeFile(fd).catch(() => undefined)
  }
}

/**
 * Decodes bytes as strict UTF-8 text (a byte that is not UTF-8 refuses the whole input; nothing
 * is replaced) and drops a leading byte-order mark. Files and standard input both come here.
 *
 * @example
 * decodeUtf8Text(Buffer.from('\uFEFFabc'), 1024) // { ok: true, text: 'abc' }
 */
export function decodeUtf8Text(bytes: Uint8Array, maxBytes: number): BoundedReadResult {
  if (bytes.length > maxBytes) return { ok: false, reason: 'too-large', message: `it is over the ${formatBytes(maxBytes)} limit` }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { ok: false, reason: 'not-text', message: 'it is not UTF-8 text' }
  }
  return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text }
}

/**
 * Reads `path` as UTF-8 text when it is a regular file of at most `maxBytes`. A byte-order mark is dropped.
 *
 * @example
 * const result = await readBoundedTextFile('payload.jwt', 1024 * 1024)
 */
export async function readBoundedTextFile(path: string, maxBytes: number): Promise<BoundedReadResult> {
  const read = await readBoundedFile(path, maxBytes)
  if (!read.ok) return { ok: false, reason: read.reason === 'too-large' ? 'too-large' : 'unreadable', message: read.message }
  return decodeUtf8Text(read.bytes, maxBytes)
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT': return 'no such file'
    case 'EACCES':
    case 'EPERM': return 'permission denied'
    case 'EISDIR': return 'it is a folder, not a file'
    case 'ENOTDIR': return 'a part of its path is not a folder'
    case 'ELOOP': return 'it is a symbolic link that loops'
    case 'ENAMETOOLONG': return 'its name is too long'
    default: return code === undefined ? 'it could not be read' : `it could not be read (${code})`
  }
}
