/**
 * Panel paint time in Chromium: from handing the renderer an inspection of N fields to the
 * panel painted (its rows in the DOM and two animation frames later), on the built renderer.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import type { Inspection, MergedField } from '../../electron/common/inspection'
import { startRendererServer } from '../e2e/renderer-server'

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

/** A verified Rox.Chat inspection with the ten known fields and the rest not shown in the panel. */
function inspectionWith(fieldCount: number): Inspection {
  const known = ['id', 'display_name', 'phone', 'email', 'profile_url', 'avatar_url', 'login', 'comment', 'info', 'high_priority']
  const fields: MergedField[] = known.slice(0, Math.min(10, fieldCount)).map((name, index) => ({ name, value: `value ${index}`, source: 'providedFields', overridden: index % 3 === 0 ? [{ source: 'opFields', value: 'typed' }] : [] }))
  const unmapped: MergedField[] = Array.from({ length: Math.max(0, fieldCount - 10) }, (_, index) => ({ name: `field_${index}`, value: `value ${index}`, source: 'fields', overridden: [] }))
  return {
    scheme: 'roxchat',
    verdict: 'verified',
    errors: [],
    warnings: [],
    checks: [{ id: 'format', status: 'pass' }, { id: 'fields', status: 'pass' }, { id: 'expires', status: 'pass' }, { id: 'hash', status: 'pass', kid: 'bench' }],
    key: { kid: 'bench', fingerprint: 'secret:bench' },
    expiry: { expiresAt: '2030-01-01T00:00:00.000Z', secondsLeft: 100_000_000, status: 'valid' },
    fields,
    unmapped,
    rejectedFields: [],
    now: new Date().toISOString(),
    appliedFromSample: [],
    raw: { form: 'json' },
  }
}

const ANSWERS = {
  keysList: [],
  keysStatus: { protection: 'os-encrypted', warning: null, keyCount: 1, quarantine: null, plainSecretCount: 0, unreadableCount: 0, writable: true, problem: null },
  settingsGet: { inspection: { ringcx: { signedIdentities: 'require', minExpirySeconds: 3600, clockToleranceSeconds: 10, extraValueMappings: [] }, roxchat: { hashAlgorithm: 'hmac-sha256', priorityOrder: ['providedFields', 'fields', 'opFields'] } }, qaTools: false, theme: 'light', tokensFile: null },
  settingsStatus: { quarantine: null },
  appInfo: { version: 'bench', platform: 'linux' },
}

/** What shows that the panel holds all its rows. */
function panelReadyExpression(fieldCount: number): string {
  return fieldCount <= 10
    ? "document.querySelector('table') !== null"
    : `(document.querySelector('#unmapped-title .count')?.textContent ?? '').includes('${fieldCount - 10}')`
}

/**
 * A window.api that answers every verb. inspectPayload notes the moment it hands over the
 * prepared inspection, then watches frame by frame for the rows and notes the paint two frames
 * after they appear, all inside the page so no round trip to the test is counted.
 */
function fakeApiScript(inspection: Inspection, fieldCount: number): string {
  return `(() => {
    const inspection = ${JSON.stringify(inspection)}
    const answers = ${JSON.stringify(ANSWERS)}
    window.api = new Proxy({}, {
      get(target, verb) {
        if (verb === 'onMenu') return () => () => undefined
        return async () => {
          if (verb !== 'inspectPayload') return { ok: true, value: answers[verb] ?? null }
          window.__paintedAt = undefined
          window.__handedAt = performance.now()
          const watch = () => {
            if (!(${panelReadyExpression(fieldCount)})) return requestAnimationFrame(watch)
            requestAnimationFrame(() => requestAnimationFrame(() => { window.__paintedAt = performance.now() }))
          }
          requestAnimationFrame(watch)
          return { ok: true, value: inspection }
        }
      },
    })
  })()`
}

const PAINT_TIME_SCRIPT = `(async () => {
  while (window.__paintedAt === undefined) await new Promise((resolve) => setTimeout(resolve, 5))
  return window.__paintedAt - window.__handedAt
})()`

/** Median paint time in milliseconds for each field count. */
export async function measurePanelPaint(root: string, fieldCounts: readonly number[]): Promise<Record<string, number>> {
  const rendererDir = join(root, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'ignore' })
  }
  const server = await startRendererServer(rendererDir)
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const results: Record<string, number> = {}
  try {
    for (const count of fieldCounts) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      // Browser code is kept as text: it runs in the page, not here.
      await page.addInitScript({ content: fakeApiScript(inspectionWith(count), count) })
      await page.goto(server.entryUrl)
      const samples: number[] = []
      for (let round = 0; round < 5; round++) {
        await page.getByRole('textbox', { name: /payload/i }).fill(`{"fields":{"id":"${round}"},"hash":"x"}`)
        await page.getByRole('button', { name: /^inspect$/i }).click()
        const elapsed = (await page.evaluate(PAINT_TIME_SCRIPT)) as number
        samples.push(elapsed)
        // Clear the panel so the next round paints it from scratch.
        await page.reload()
      }
      samples.sort((a, b) => a - b)
      results[String(count)] = samples[Math.floor(samples.length / 2)] ?? Number.NaN
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
  return results
}
