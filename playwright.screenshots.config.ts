/**
 * `npm run screenshots`: the README's screenshots, written to resources/screenshots/. Kept out of
 * `npm test` (playwright.config.ts ignores the spec) so that a test run never rewrites tracked files.
 */
import { defineConfig } from '@playwright/test'
import base from './playwright.config'

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: '**/screenshots.spec.ts',
  workers: 1,
})
