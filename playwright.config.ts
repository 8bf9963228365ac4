import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

// The system Chromium: `npx playwright install` cannot download browsers on these machines.
const executablePath = process.env['CHROMIUM_PATH'] || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)) || '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // The README's screenshots are written by `npm run screenshots` (playwright.screenshots.config.ts),
  // never by the test run: `npm test` leaves tracked files alone.
  testIgnore: '**/screenshots.spec.ts',
  // Builds main, preload and renderer into out/ once per run.
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  // The machines have 2 cores.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    // Dates and numbers on screen do not depend on the machine running the tests.
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1200, height: 800 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
})
