/**
 * Reads a text file without ever holding more than the limit in memory.
 */
import { open } from 'node:fs/promises'

export type BoundedReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'too-large' | 'unreadable' | 'not-text'; readonly message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads `path` as UTF-8 text when it is at most `maxBytes` long. A byte-order mark is dropped.
 *
 * @example
 * const result = await readBoundedTextFile('payload.jwt', 1024 * 1024)
 */
export async function readBoundedTextFile(path: string, maxBytes: number): Promise<BoundedReadResult> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: describeFsError(error) }
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) return { ok: false, reason: 'unreadable', message: 'it is not a regular file' }
    if (stats.size > maxBytes) return { ok: false, reason: 'too-large', message: `it is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit` }
    // Read one byte more than allowed in case the file grew after stat.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
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
    await handle.close().catch(() => undefined)
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
