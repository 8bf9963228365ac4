import { defineConfig } from '@playwright/test'

// Uses the system Chromium: `npx playwright install` cannot download browsers on these machines.
const executablePath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  workers: process.env['CI'] ? 1 : 2,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
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
