/**
 * Capture files on disk: folders walked for `.har`, `.html` and `.htm` files, each file opened
 * without blocking (a FIFO or device is refused, never waited on) and streamed into the audit.
 */
import { close, constants, fstat, open, read } from 'node:fs'
import { opendir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import type { CaptureAudit, CaptureLimits } from '../../core/capture'
import { describeFsError } from '../bounded-text-file'
import { CaptureStream, type CaptureStreamResult } from './capture-stream'

/** Endings of the capture files a folder is searched for. */
export const CAPTURE_EXTENSIONS = new Set(['.har', '.html', '.htm'])

/** Bytes read at a time. */
const CHUNK_BYTES = 1024 * 1024

const openFile = promisify(open)
const statFile = promisify(fstat)
const readFile = promisify(read)
const closeFile = promisify(close)

export type CaptureWalkEntry =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'error'; readonly path: string; readonly message: string }

/**
 * Every capture file below the given paths, folders in name order. A named file is taken
 * whatever its ending; hidden entries and node_modules are skipped inside folders.
 *
 * @example
 * for await (const entry of walkCaptures(['captures/'])) console.log(entry.path)
 */
export async function* walkCaptures(paths: readonly string[]): AsyncGenerator<CaptureWalkEntry> {
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      yield { kind: 'error', path, message: describeFsError(error) }
      continue
    }
    if (info.isDirectory()) yield* walkFolder(path)
    else yield { kind: 'file', path }
  }
}

async function* walkFolder(folder: string): AsyncGenerator<CaptureWalkEntry> {
  const files: string[] = []
  const folders: string[] = []
  try {
    for await (const entry of await opendir(folder)) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      if (entry.isDirectory()) folders.push(entry.name)
      else if (entry.isFile() && CAPTURE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(entry.name)
    }
  } catch {
    yield { kind: 'error', path: folder, message: 'the folder could not be read' }
    return
  }
  files.sort()
  folders.sort()
  for (const name of files) yield { kind: 'file', path: join(folder, name) }
  for (const name of folders) yield* walkFolder(join(folder, name))
}

/**
 * Streams the capture at `path` into `audit` under the name `name`. Memory stays bounded however
 * large the file: one chunk and one entry's bounded strings at a time.
 *
 * @example
 * const result = await auditCaptureFile('session.har', 'session.har', audit, CAPTURE_LIMITS)
 * if (!result.ok) console.error(result.message)
 */
export async function auditCaptureFile(path: string, name: string, audit: CaptureAudit, limits: CaptureLimits): Promise<CaptureStreamResult> {
  let fd: number
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
    fd = await openFile(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return { ok: false, kind: null, message: describeFsError(error) }
  }
  try {
    const info = await statFile(fd)
    if (!info.isFile()) return { ok: false, kind: null, message: 'it is not a regular file' }
    const stream = new CaptureStream(name, audit, limits)
    for (;;) {
      // A fresh buffer each time: kept strings may still point into the last one.
      const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES)
      const { bytesRead } = await readFile(fd, buffer, 0, CHUNK_BYTES, null)
      if (bytesRead === 0) break
      await stream.write(buffer.subarray(0, bytesRead))
    }
    return await stream.end()
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === undefined) throw error
    return { ok: false, kind: null, message: describeFsError(error) }
  } finally {
    await closeFile(fd).catch(() => undefined)
  }
}
