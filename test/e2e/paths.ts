import { join, resolve } from 'node:path'

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..')
export const OUT_DIR = join(PROJECT_ROOT, 'out')
export const RENDERER_DIR = join(OUT_DIR, 'renderer')
export const EXAMPLES_DIR = join(PROJECT_ROOT, 'resources', 'examples')
export const SCREENSHOTS_DIR = join(PROJECT_ROOT, 'resources', 'screenshots')

export function example(name: string): string {
  return join(EXAMPLES_DIR, name)
}
