import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const noElectron = {
  regex: '^electron(/.*)?$',
  message: 'Keep Electron at the edges: only electron/main and electron/preload may import it.',
}
const noFs = {
  regex: '^(node:)?fs(/promises)?$',
  message: 'electron/core is pure: take data as arguments; file access lives in electron/io or electron/main.',
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
    files: ['src/**', 'electron/shared/**', 'electron/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
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
