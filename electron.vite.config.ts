import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname

// Vite's dev server injects SFC styles as <style> tags, which the strict CSP in src/index.html
// blocks. Relax style-src for `electron-vite dev` only; the built index.html keeps the strict policy.
function devStyleCsp(): Plugin {
  return {
    name: 'visitor-inspector:dev-style-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload is run as a classic script with a limited require(): ESM and
      // chunk imports fail there, so bundle everything (bar `electron`) into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src'),
    plugins: [vue(), devStyleCsp()],
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src/index.html') },
      },
    },
  },
})
