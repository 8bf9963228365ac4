import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

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
const noFs = {
  regex: '^(node:)?fs(/promises)?$',
  message: 'electron/core is pure: take data as arguments; file access lives in electron/io or electron/main.',
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
    name: 'visitor-inspector/core-is-pure',
    files: ['electron/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noFs] }] },
  },
  {
    name: 'visitor-inspector/no-electron-outside-edges',
    files: ['src/**', 'electron/shared/**', 'electron/io/**'],
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
