/**
 * The real app in Electron: opens the built out/main/index.js, imports a key by pasting it and
 * inspects a payload signed with it. Runs where an Electron binary is installed; elsewhere it is
 * skipped with that reason (the binary is downloaded by electron's install script, which
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 or a machine without internet leaves out).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { APP_ORIGIN } from '../../electron/main/app-protocol'
import { OWN_RSA, OWN_RSA_MANIFEST, epochSeconds, rsToken } from './keys'
import { OUT_DIR, PROJECT_ROOT } from './paths'
import { expectVerdict, importReport, inspectTyped, keyRow, showView } from './screen'

type BinaryLookup = { readonly path: string } | { readonly missing: string }

/**
 * Where `require('electron')` would find the binary, found the same way (node_modules/electron/
 * index.js) but without its fallback of downloading the binary when it is missing.
 */
function electronBinary(): BinaryLookup {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed (npm install)' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null
  if (relative === null && override === undefined) {
    return { missing: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no internet at install)' }
  }
  const path = override === undefined ? join(packageDir, 'dist', relative ?? 'electron') : join(override, relative ?? 'electron')
  if (!existsSync(path)) return { missing: `the Electron binary is not at ${path}` }
  return { path }
}

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)))
}

/** Linux without a desktop: a private Xvfb display for the window, if Xvfb is installed. */
async function startXvfb(): Promise<{ display: string; stop: () => void } | null> {
  if (process.platform !== 'linux' || process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'] || !onPath('Xvfb')) return null
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] })
  const display = await new Promise<string>((resolve, reject) => {
    let text = ''
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(`:${text.trim()}`)
    })
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)))
  })
  return { display, stop: () => xvfb.kill() }
}

const binary = electronBinary()

test('the Electron app opens, imports a pasted key and verifies a payload signed with it', async () => {
  if ('missing' in binary) {
    const reason = `No Electron binary is installed, so the real app cannot start here: ${binary.missing}.`
    console.log(`[electron-smoke] skipped. ${reason}`)
    test.skip(true, reason)
    return
  }
  test.setTimeout(60_000)
  expect(existsSync(join(OUT_DIR, 'main', 'index.js')), 'out/main/index.js is built by the global setup').toBe(true)

  const home = await mkdtemp(join(tmpdir(), 'vi-e2e-electron-'))
  const xvfb = await startXvfb()
  // The app keeps its key store in the user-data folder: point every platform's at a temp folder.
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    XDG_CONFIG_HOME: join(home, 'config'),
    APPDATA: join(home, 'appdata'),
    ...(xvfb === null ? {} : { DISPLAY: xvfb.display }),
  }
  delete env['ELECTRON_RENDERER_URL']
  delete env['ELECTRON_RUN_AS_NODE']
  // The project folder: its package.json names out/main/index.js, and app.getAppPath() finds resources/ there.
  const app = await electron.launch({
    executablePath: binary.path,
    args: [PROJECT_ROOT, `--user-data-dir=${join(home, 'user-data')}`, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env,
    cwd: PROJECT_ROOT,
  })
  try {
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
    expect(userData.startsWith(home), `the app must use a temporary user-data folder, not ${userData}`).toBe(true)

    const page = await app.firstWindow()
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible({ timeout: 20_000 })
    expect(new URL(page.url()).origin).toBe(APP_ORIGIN)
    // The sandboxed page sees the named verbs and nothing of Node or ipcRenderer.
    expect(await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: typeof (window as unknown as { api?: { keysList?: unknown } }).api?.keysList,
    }))).toEqual({ require: 'undefined', process: 'undefined', api: 'function' })

    await showView(page, 'Keys')
    await page.getByRole('button', { name: 'Paste a key…' }).click()
    await page.getByRole('textbox', { name: 'Key text' }).fill(OWN_RSA_MANIFEST)
    await page.getByRole('button', { name: 'Import pasted key' }).click()
    await expect(importReport(page, 'Pasted key text')).toContainText('Imported 1 key.')
    await expect(keyRow(page, OWN_RSA.kid)).toContainText('RS256')

    await showView(page, 'Inspector')
    await inspectTyped(page, await rsToken(epochSeconds(new Date()) + 86_400))
    await expectVerdict(page, 'Verified')
    await expect(page.getByRole('region', { name: 'Checks' }).getByRole('code').filter({ hasText: OWN_RSA.kid })).toBeVisible()
  } finally {
    await app.close()
    xvfb?.stop()
    await rm(home, { recursive: true, force: true })
  }
})
