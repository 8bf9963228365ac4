/**
 * The layers of eslint.config.js hold for every file: each file belongs to a declared layer and
 * imports only what its layer may; the Pinia stores import each other without a circle.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT, SOURCE_FOLDERS, filesBelow, importsOf, isCode, resolveSpecifier } from './source-files'

interface LayerTable {
  readonly LAYERS: Readonly<Record<string, { readonly holds: string; readonly imports: readonly string[]; readonly forbidden: readonly string[] }>>
  layerOf(path: string): string | null
  layerViolation(importer: string, specifier: string): string | null
}

// The table is the one in eslint.config.js, read as it is: there is no second copy.
const configPath = join(PROJECT_ROOT, 'eslint.config.js')
const { LAYERS, layerOf, layerViolation } = (await import(/* @vite-ignore */ configPath)) as LayerTable

const files = filesBelow(...SOURCE_FOLDERS)

describe('the layer table', () => {
  it('declares the layers of the house, each with what it holds', () => {
    expect(Object.keys(LAYERS).sort()).toEqual([
      'electron/cli', 'electron/common', 'electron/core', 'electron/io', 'electron/main', 'electron/preload', 'electron/shared', 'src', 'test',
    ])
    for (const layer of Object.values(LAYERS)) expect(layer.holds.length).toBeGreaterThan(0)
  })

  it('fails closed: a file outside every layer, or an import against the table, is named', () => {
    expect(layerOf('electron/stray.ts')).toBeNull()
    expect(layerViolation('electron/stray.ts', './core/inspect')).toMatch(/outside every layer/)
    expect(layerViolation('src/stores/keys.ts', '../../electron/core/inspect')).toMatch(/src may import/)
    expect(layerViolation('electron/cli/run-cli.ts', '../main/key-store')).toMatch(/not electron\/main/)
    expect(layerViolation('electron/main/services.ts', '../cli/batch-worker')).toMatch(/not electron\/cli/)
    expect(layerViolation('electron/core/inspect.ts', '../io/batch-run')).toMatch(/not electron\/io/)
    expect(layerViolation('electron/core/inspect.ts', 'node:fs/promises')).toMatch(/may not use/)
    expect(layerViolation('electron/common/values.ts', 'node:crypto')).toMatch(/may not use/)
    expect(layerViolation('electron/common/values.ts', 'jose')).toMatch(/may not use/)
    expect(layerViolation('electron/preload/index.ts', '../core/inspect')).toMatch(/not electron\/core/)
  })
})

describe('every file', () => {
  it('is read with all its kinds of import', () => {
    expect(importsOf('electron/core/inspect.ts')).toEqual(expect.arrayContaining(['./schemes', '../common/settings']))
    expect(importsOf('electron/cli/batch-command.ts')).toEqual(expect.arrayContaining(['./batch-worker.ts', './batch-worker.mjs', '../io/worker-pool']))
    expect(importsOf('src/App.vue')).toEqual(expect.arrayContaining(['./menu-routing', '../electron/shared/ipc-contract']))
  })

  it('belongs to a declared layer', () => {
    expect(files.filter((file) => layerOf(file) === null)).toEqual([])
    expect(files.length).toBeGreaterThan(200)
  })

  it('imports only what its layer may', () => {
    const violations = files.filter(isCode).flatMap((file) =>
      importsOf(file).flatMap((specifier) => {
        const problem = layerViolation(file, specifier)
        return problem === null ? [] : [`${file} imports ${specifier}: ${problem}`]
      }))
    expect(violations).toEqual([])
  })

  it('imports relative modules that exist', () => {
    const missing = files.filter(isCode).filter((file) => !file.startsWith('test/')).flatMap((file) =>
      importsOf(file).filter((specifier) => specifier.startsWith('.')).flatMap((specifier) => {
        const target = resolveSpecifier(file, specifier)
        // A `.mjs` worker is the build's chunk of the `.ts` beside it (npm run build:cli writes it to out/cli).
        const source = target.endsWith('.mjs') ? `${target.slice(0, -'.mjs'.length)}.ts` : target
        const found = [source, `${target}.ts`, `${target}.vue`, `${target}/index.ts`].some((path) => existsSync(join(PROJECT_ROOT, path)))
        return found ? [] : [`${file} imports ${specifier}`]
      }))
    expect(missing).toEqual([])
  })
})

describe('the Pinia stores', () => {
  const stores = files.filter((file) => /^src\/stores\/[^/]+\.ts$/.test(file))
  const storeName = (file: string): string => file.replace(/^src\/stores\/|\.ts$/g, '')
  const uses = new Map(stores.map((file) => [
    storeName(file),
    importsOf(file).filter((specifier) => specifier.startsWith('.')).map((specifier) => resolveSpecifier(file, specifier))
      .filter((target) => /^src\/stores\/[^/]+$/.test(target)).map(storeName),
  ]))

  it('import each other without a circle', () => {
    const circles: string[] = []
    const visit = (store: string, path: readonly string[]): void => {
      if (path.includes(store)) {
        circles.push([...path.slice(path.indexOf(store)), store].join(' → '))
        return
      }
      for (const next of uses.get(store) ?? []) visit(next, [...path, store])
    }
    for (const store of uses.keys()) visit(store, [])
    expect(circles).toEqual([])
    expect(uses.size).toBeGreaterThanOrEqual(6)
  })

  it('keep the ui store a leaf', () => {
    expect(uses.get('ui')).toEqual([])
  })
})
