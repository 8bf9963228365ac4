/**
 * Walks folders for sample and payload files, streaming paths without holding a tree.
 */
import type { Dirent, Stats } from 'node:fs'
import { opendir, realpath, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { describeFsError, notRegularFileReason } from './bounded-text-file'

/** Endings of the files a batch inspects; other files in a folder are passed over. */
export const SAMPLE_EXTENSIONS = new Set(['.json', '.json5', '.jwt', '.jws', '.token', '.txt', '.js', '.html', '.htm'])

export type WalkEntry =
  | { readonly kind: 'file'; readonly path: string }
  /** Something that may be a sample but cannot be read safely: a FIFO, a device, a dangling link… */
  | { readonly kind: 'error'; readonly path: string; readonly message: string }
  /** Passed over without losing a sample: a link to a folder that is walked already. */
  | { readonly kind: 'skipped'; readonly path: string; readonly message: string }

/** Whether a folder walk reads a file of this name (by its ending). */
export function isSampleName(name: string): boolean {
  return SAMPLE_EXTENSIONS.has(extname(name).toLowerCase())
}

/** Whether a walk of a folder passes over this entry inside it, whatever it is. */
export function isPassedOverName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules'
}

/** Folders are known by device and inode, so a link back into the walk is noticed. */
function folderKey(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`
}

/**
 * Yields every sample file below the given paths, folders in name order, one directory listing
 * in memory at a time. Named files are yielded whatever their ending; hidden entries and
 * node_modules are skipped inside folders.
 *
 * Nothing that might be a sample is passed over in silence: a FIFO, device or socket in a folder
 * is an `error` entry (it is never opened), and so is a link to one, to nothing, or looping.
 * Links to files are followed (a link counts as a sample when its own name or its target's has
 * a sample ending); links to folders are walked once: a folder reached again (a link loop, two
 * links to one folder) is a `skipped` entry naming where it was walked.
 *
 * @example
 * for await (const entry of walkSamples(['samples/'])) if (entry.kind === 'file') console.log(entry.path)
 */
export async function* walkSamples(paths: readonly string[]): AsyncGenerator<WalkEntry> {
  const walked = new Set<string>()
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code
      yield { kind: 'error', path, message: code === 'ENOENT' ? 'no such file or folder' : describeFsError(error) }
      continue
    }
    // A named file that is not a regular one is refused by the reader, with its reason.
    if (info.isDirectory()) yield* walkFolder(path, info, walked)
    else yield { kind: 'file', path }
  }
}

type Listed =
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'folder'; readonly name: string; readonly stats: Stats | null }
  | { readonly kind: 'error'; readonly name: string; readonly message: string }

/**
 * What one folder entry is, without a system call; `link` when only following it can tell, and
 * `unknown` when the file system did not say (then a stat does).
 */
function classify(entry: Dirent): Listed | 'link' | 'unknown' | null {
  const { name } = entry
  if (entry.isDirectory()) return { kind: 'folder', name, stats: null }
  if (entry.isFile()) return isSampleName(name) ? { kind: 'file', name } : null
  if (entry.isSymbolicLink()) return 'link'
  // A FIFO would block whoever opens it; a device or socket is no sample either.
  if (entry.isFIFO()) return { kind: 'error', name, message: 'it is a named pipe (FIFO), not a regular file' }
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return { kind: 'error', name, message: 'it is a device, not a regular file' }
  if (entry.isSocket()) return { kind: 'error', name, message: 'it is a socket, not a regular file' }
  return 'unknown'
}

/**
 * What a symbolic link (or an entry of unknown type) leads to; null when it is a file that is not
 * a sample (by either name's ending).
 */
async function follow(folder: string, name: string, isLink: boolean): Promise<Listed | null> {
  const path = join(folder, name)
  let target: Stats
  try {
    target = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code
    if (code === 'ENOENT') return { kind: 'error', name, message: isLink ? 'it is a symbolic link to nothing (its target is missing)' : 'it vanished while the folder was read' }
    if (code === 'ELOOP') return { kind: 'error', name, message: 'it is a symbolic link that loops' }
    return { kind: 'error', name, message: `${isLink ? 'it is a symbolic link that cannot be followed' : 'it cannot be examined'}: ${describeFsError(error)}` }
  }
  if (target.isDirectory()) return { kind: 'folder', name, stats: target }
  const reason = notRegularFileReason(target)
  if (reason !== null) return { kind: 'error', name, message: isLink ? `it is a symbolic link to something that ${reason.replace(/^it /, '')}` : reason }
  if (isSampleName(name)) return { kind: 'file', name }
  const real = await realpath(path).catch(() => '')
  return isSampleName(basename(real)) ? { kind: 'file', name } : null
}

async function* walkFolder(folder: string, stats: Stats, walked: Set<string>): AsyncGenerator<WalkEntry> {
  const key = folderKey(stats)
  if (walked.has(key)) {
    const real = await realpath(folder).catch(() => folder)
    yield { kind: 'skipped', path: folder, message: `the folder ${real} is walked already (a link loop, or two paths to one folder)` }
    return
  }
  walked.add(key)
  const files: Listed[] = []
  const folders: Extract<Listed, { kind: 'folder' }>[] = []
  try {
    for await (const entry of await opendir(folder)) {
      if (isPassedOverName(entry.name)) continue
      const plain = classify(entry)
      const listed = plain === 'link' || plain === 'unknown' ? await follow(folder, entry.name, plain === 'link') : plain
      if (listed === null) continue
      if (listed.kind === 'folder') folders.push(listed)
      else files.push(listed)
    }
  } catch {
    yield { kind: 'error', path: folder, message: 'the folder could not be read' }
    return
  }
  const byName = (a: Listed, b: Listed): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  files.sort(byName)
  folders.sort(byName)
  for (const listed of files) {
    const path = join(folder, listed.name)
    yield listed.kind === 'error' ? { kind: 'error', path, message: listed.message } : { kind: 'file', path }
  }
  files.length = 0
  for (const listed of folders) {
    const path = join(folder, listed.name)
    let info = listed.stats
    if (info === null) {
      try {
        info = await stat(path)
      } catch {
        yield { kind: 'error', path, message: 'the folder could not be read' }
        continue
      }
    }
    yield* walkFolder(path, info, walked)
  }
}
