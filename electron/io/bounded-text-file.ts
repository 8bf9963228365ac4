/**
 * Reads a text file without ever holding more than the limit in memory.
 */
import { close, fstat, open, read } from 'node:fs'
import { promisify } from 'node:util'
import { formatBytes } from '../common/format'

export type BoundedReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'too-large' | 'unreadable' | 'not-text'; readonly message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })
// The callback API: a batch reads thousands of files, and it costs a third less per file than
// the FileHandle API of node:fs/promises.
const openFile = promisify(open)
const statFile = promisify(fstat)
const readFile = promisify(read)
const closeFile = promisify(close)

/**
 * Reads `path` as UTF-8 text when it is at most `maxBytes` long. A byte-order mark is dropped.
 *
 * @example
 * const result = await readBoundedTextFile('payload.jwt', 1024 * 1024)
 */
export async function readBoundedTextFile(path: string, maxBytes: number): Promise<BoundedReadResult> {
  let fd: number
  try {
    fd = await openFile(path, 'r')
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: describeFsError(error) }
  }
  try {
    const stats = await statFile(fd)
    if (!stats.isFile()) return { ok: false, reason: 'unreadable', message: 'it is not a regular file' }
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
    let text: string
    try {
      text = utf8.decode(buffer.subarray(0, length))
    } catch {
      return { ok: false, reason: 'not-text', message: 'it is not UTF-8 text' }
    }
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text }
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: describeFsError(error) }
  } finally {
    await closeFile(fd).catch(() => undefined)
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT': return 'no such file'
    case 'EACCES':
    case 'EPERM': return 'permission denied'
    case 'EISDIR': return 'it is a folder, not a file'
    default: return code === undefined ? 'it could not be read' : `it could not be read (${code})`
  }
}
