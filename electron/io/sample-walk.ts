/**
 * Walks folders for sample and payload files, streaming paths without holding a tree.
 */
import { opendir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'

/** Endings of the files a batch inspects; other files in a folder are passed over. */
export const SAMPLE_EXTENSIONS = new Set(['.json', '.json5', '.jwt', '.jws', '.token', '.txt', '.js', '.html', '.htm'])

export type WalkEntry =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'error'; readonly path: string; readonly message: string }

/**
 * Yields every sample file below the given paths, folders in name order, one directory listing
 * in memory at a time. Named files are yielded whatever their ending; hidden entries and
 * node_modules are skipped inside folders.
 *
 * @example
 * for await (const entry of walkSamples(['samples/'])) if (entry.kind === 'file') console.log(entry.path)
 */
export async function* walkSamples(paths: readonly string[]): AsyncGenerator<WalkEntry> {
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      yield { kind: 'error', path, message: 'no such file or folder' }
      continue
    }
    if (info.isDirectory()) yield* walkFolder(path)
    else yield { kind: 'file', path }
  }
}

async function* walkFolder(folder: string): AsyncGenerator<WalkEntry> {
  const files: string[] = []
  const folders: string[] = []
  try {
    for await (const entry of await opendir(folder)) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      if (entry.isDirectory()) folders.push(entry.name)
      else if (entry.isFile() && SAMPLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(entry.name)
    }
  } catch {
    yield { kind: 'error', path: folder, message: 'the folder could not be read' }
    return
  }
  files.sort()
  folders.sort()
  for (const name of files) yield { kind: 'file', path: join(folder, name) }
  files.length = 0
  for (const name of folders) yield* walkFolder(join(folder, name))
}
