import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const ROOT = dirname(fileURLToPath(import.meta.url))

/**
 * The layers, written down once: each folder, the layers it may import, and the outside modules
 * it may not. The `visitor-inspector/layers` rule below is generated from this table, and
 * test/unit/architecture/layers.test.ts walks every file against it (failing on a file outside
 * every layer). See the README's project layout.
 */
export const LAYERS = {
  'electron/common': {
    holds: 'browser-safe vocabulary: types, codes, limits, the settings schema, scheme names, field orders and labels, formatters',
    imports: [],
    forbidden: ['node:*', 'fs', 'path', 'crypto', 'electron', 'jose', 'json5', 'write-file-atomic'],
  },
  'electron/shared': {
    holds: 'the IPC contract: the channel map, view types and constants',
    imports: ['electron/common'],
    forbidden: ['node:*', 'electron', 'jose'],
  },
  'electron/core': {
    holds: 'the verification engine: detection, one room per scheme, merge, keys; time is a parameter',
    imports: ['electron/common'],
    forbidden: ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'electron'],
  },
  'electron/io': {
    holds: 'Node I/O shared by the command line and main: bounded reads, the batch runner, the key-store file, workers',
    imports: ['electron/common', 'electron/core'],
    forbidden: ['electron'],
  },
  'electron/cli': {
    holds: 'the command line',
    imports: ['electron/common', 'electron/core', 'electron/io'],
    forbidden: ['electron'],
  },
  'electron/main': {
    holds: 'the Electron main process: lifecycle, window, IPC, live stores, services by domain',
    imports: ['electron/common', 'electron/core', 'electron/io', 'electron/shared'],
    forbidden: [],
  },
  'electron/preload': {
    holds: 'the bridge exposing named verbs to the renderer',
    imports: ['electron/shared', 'electron/common'],
    forbidden: [],
  },
  src: {
    holds: 'the Vue renderer',
    imports: ['electron/common', 'electron/shared'],
    forbidden: ['node:*', 'electron'],
  },
  test: {
    holds: 'tests, mirroring the source',
    imports: ['*'],
    forbidden: [],
  },
}

/** The layer of a repository-relative path, or null for a path outside every layer. */
export function layerOf(path) {
  const normalized = path.split('\\').join('/')
  return Object.keys(LAYERS).find((layer) => normalized === layer || normalized.startsWith(`${layer}/`)) ?? null
}

/** Why `importer` (repository-relative) may not import `specifier`, or null when it may. */
export function layerViolation(importer, specifier) {
  const layer = layerOf(importer)
  if (layer === null) return `${importer} is outside every layer declared in eslint.config.js`
  const rules = LAYERS[layer]
  if (specifier.startsWith('.')) {
    const target = relative(ROOT, resolve(ROOT, dirname(importer), specifier)).split('\\').join('/')
    const targetLayer = layerOf(target)
    if (targetLayer === null) return target.startsWith('..') || rules.imports.includes('*') ? null : `${target} is outside every layer`
    if (targetLayer === layer || rules.imports.includes('*') || rules.imports.includes(targetLayer)) return null
    return `${layer} may import ${rules.imports.length === 0 ? 'nothing of ours but itself' : rules.imports.join(', ')}, not ${targetLayer}`
  }
  const banned = rules.forbidden.find((pattern) => (pattern.endsWith('*') ? specifier.startsWith(pattern.slice(0, -1)) : specifier === pattern || specifier.startsWith(`${pattern}/`)))
  return banned === undefined ? null : `${layer} may not use ${specifier}`
}

const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Imports follow the layer table in eslint.config.js' } },
  create(context) {
    const importer = relative(ROOT, context.filename)
    const check = (node, source) => {
      if (source === null || source === undefined || typeof source.value !== 'string') return
      const problem = layerViolation(importer, source.value)
      if (problem !== null) context.report({ node, message: problem })
    }
    return {
      Program(node) {
        if (layerOf(importer) === null && importer.startsWith('electron/')) context.report({ node, message: `${importer} is outside every layer declared in eslint.config.js` })
      },
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
    }
  },
}

// The only files that may import `electron`. Everything else in electron/main (key store, settings,
// services) stays plain Node so the CLI and end-to-end tests can run the same code.
const electronEdges = [
  'electron/main/index.ts',
  'electron/main/ipc.ts',
  'electron/main/window.ts',
  'electron/main/menu.ts',
  'electron/main/dialogs.ts',
  'electron/main/safe-storage-cipher.ts',
  'electron/preload/**',
]
const noElectron = {
  regex: '^electron(/.*)?$',
  message: 'Keep Electron at the edges: only electron/preload and the edge files of electron/main (see electronEdges in eslint.config.js) may import it.',
}
// Importing an edge file would pull `electron` in through the back door.
const noEdgeModules = {
  regex: '^(\\./|\\.\\./main/)(index|ipc|window|menu|dialogs|safe-storage-cipher)$',
  message: 'This module is Electron-free; importing an Electron edge file would make it depend on Electron.',
}

const noNode = {
  regex: '^node:',
  message: 'The renderer runs in a sandboxed browser page: Node modules are not available there.',
}

// An Identifier selector also catches `electron.ipcMain`, destructuring and `require('electron').ipcMain`,
// which no-restricted-imports (import declarations only) would miss.
const ipcOnlyIn = {
  ipcMain: 'ipcMain is used only in electron/main/ipc.ts (the one typed handle()).',
  ipcRenderer: 'ipcRenderer is used only in electron/preload/ (the one typed invoker).',
}
function restrictIpc(...names) {
  return [
    'error',
    ...names.flatMap((name) => [
      // `.local` is skipped so `import { ipcMain }` reports once, not twice.
      { selector: `Identifier[name='${name}']:not(ImportSpecifier > .local)`, message: ipcOnlyIn[name] },
      { selector: `Literal[value='${name}']`, message: ipcOnlyIn[name] },
    ]),
  ]
}

export default defineConfig([
  // resources/examples holds sample page snippets (payloads to inspect), not project code.
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/', 'resources/']),

  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },

  {
    // Declared only so no-implied-eval recognises these as globals; TypeScript checks names, not no-undef.
    languageOptions: {
      globals: { setTimeout: 'readonly', setInterval: 'readonly', window: 'readonly', self: 'readonly', global: 'readonly' },
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },

  // A later block replaces (does not merge) a rule's options for the files it matches, so the
  // narrower blocks come last and restate everything that still applies to their files.
  {
    // Generated from LAYERS: every file's imports against its layer's row.
    name: 'visitor-inspector/layers',
    files: ['electron/**/*.ts', 'src/**/*.ts', 'src/**/*.vue'],
    plugins: { 'visitor-inspector': { rules: { layers: layersRule } } },
    rules: { 'visitor-inspector/layers': 'error' },
  },
  {
    name: 'visitor-inspector/common-is-browser-safe',
    files: ['electron/common/**', 'electron/shared/**'],
    rules: { 'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname', '__filename'] },
  },
  {
    name: 'visitor-inspector/no-electron-outside-edges',
    files: ['src/**', 'electron/shared/**', 'electron/io/**', 'electron/core/**', 'electron/common/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
  },
  {
    name: 'visitor-inspector/main-services-are-electron-free',
    files: ['electron/main/**', 'electron/cli/**'],
    ignores: electronEdges,
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noEdgeModules] }] },
  },
  {
    name: 'visitor-inspector/renderer-is-a-browser',
    files: ['src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, noNode] }],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname', '__filename'],
    },
  },
  {
    name: 'visitor-inspector/ipc-in-two-files',
    files: ['electron/**', 'src/**'],
    rules: { 'no-restricted-syntax': restrictIpc('ipcMain', 'ipcRenderer') },
  },
  {
    files: ['electron/main/ipc.ts'],
    rules: { 'no-restricted-syntax': restrictIpc('ipcRenderer') },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-syntax': restrictIpc('ipcMain') },
  },
])
