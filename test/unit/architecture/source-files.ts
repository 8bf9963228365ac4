/**
 * The project's source files as the architecture tests read them: every file below the source
 * folders, with its imports (comments left out).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..', '..')

/** The folders every file of which must belong to a layer. */
export const SOURCE_FOLDERS = ['electron', 'src', 'test'] as const

const CODE = /\.(ts|vue|js|mjs)$/

/** Every file below the folders, as a repository-relative path with forward slashes. */
export function filesBelow(...folders: readonly string[]): string[] {
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(PROJECT_ROOT, folder), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const path = `${folder}/${entry.name}`
      if (entry.isDirectory()) walk(path)
      else found.push(path)
    }
  }
  for (const folder of folders) walk(folder)
  return found.sort()
}

export function isCode(path: string): boolean {
  return CODE.test(path)
}

/** The text of a code file without its comments (strings that hold `//`, such as URLs, are kept). */
export function codeOf(path: string): string {
  return readFileSync(join(PROJECT_ROOT, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

const IMPORTS = [
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g,
]

/** The module specifiers a file imports (static, dynamic, type-only and worker entries). */
export function importsOf(path: string): string[] {
  const code = codeOf(path)
  const specifiers = new Set<string>()
  for (const pattern of IMPORTS) for (const match of code.matchAll(pattern)) specifiers.add(match[1] as string)
  return [...specifiers]
}

/** Resolves a relative specifier of `importer` to a repository-relative path (extension left as written). */
export function resolveSpecifier(importer: string, specifier: string): string {
  return relative(PROJECT_ROOT, resolve(PROJECT_ROOT, importer, '..', specifier)).split('\\').join('/')
}
