/**
 * Builds the whole app (main, preload, renderer) into out/ once per run, so the specs test the
 * current source and the Electron smoke test has an out/main/index.js to start.
 * E2E_SKIP_BUILD=1 reuses an existing out/ (quicker while iterating on specs).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT, RENDERER_DIR } from './paths'

export default function globalSetup(): void {
  if (process.env['E2E_SKIP_BUILD'] === '1' && existsSync(join(RENDERER_DIR, 'index.html'))) return
  const started = Date.now()
  execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  console.log(`[e2e] built the app into out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
