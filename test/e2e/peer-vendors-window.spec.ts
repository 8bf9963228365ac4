/**
 * The peer vendors in the window: a setting only the vendor's own form description lays out
 * (Intercom's platform) changes what verifies, a Zendesk sample signed from the generic sign form
 * verifies, and settings values that are wrong, huge or full of control characters are refused
 * by path with the problem shown, as text.
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { AppSettings } from '../../electron/shared/ipc-contract'
import { expect, test, type AppHarness } from './app-harness'
import { example } from './paths'
import { expectVerdict, inspectTyped, showView } from './screen'

test.beforeEach(async ({ app }) => {
  await app.seedKeys(await readFile(example('demo-keys.json'), 'utf8'), 'demo-keys.json')
})

const intercomSection = (page: Page) => page.getByRole('group', { name: 'Intercom', exact: true })
const zendeskSection = (page: Page) => page.getByRole('group', { name: 'Zendesk', exact: true })
/** What main holds now, through the same service the window's settings bridge calls. */
async function savedSettings(app: AppHarness): Promise<AppSettings> {
  return app.services['settings:get']()
}
const saveSettings = (page: Page) => page.getByRole('button', { name: 'Save settings' })

test('an Intercom snippet signed with the iOS secret verifies once the platform is iOS in Settings', async ({ app }) => {
  const { page } = app
  const snippet = await readFile(example('intercom-ios-secret.js'), 'utf8')
  await app.open()
  await inspectTyped(page, snippet)
  await expectVerdict(page, 'Rejected')

  await showView(page, 'Settings')
  const platform = intercomSection(page).getByRole('group', { name: 'Messenger platform' })
  await expect(platform.getByRole('radio', { name: /^Web/ })).toBeChecked()
  await platform.getByRole('radio', { name: /^iOS/ }).check()
  await saveSettings(page).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' }).first()).toBeVisible()
  expect((await savedSettings(app)).inspection.intercom.platform).toBe('ios')

  await showView(page, 'Inspector')
  await inspectTyped(page, snippet)
  await expectVerdict(page, 'Verified')
})

test('a Zendesk sample signed in the window verifies', async ({ app }) => {
  const { page } = app
  await app.seedSettings({ qaTools: true })
  await app.open()
  await showView(page, 'Samples')
  const panel = page.getByRole('region', { name: 'Sign a sample QA' })
  await panel.getByRole('radio', { name: 'Zendesk', exact: true }).check()
  await panel.getByLabel(/^Fields/).fill('external_id=qa-e2e-7\nname=QA Seven\nemail=qa7@example.com')
  await panel.getByRole('button', { name: 'Sign sample' }).click()
  const signed = panel.locator('[data-test="signed-sample"]')
  await expect(signed).toContainText('Verified, Zendesk')
  await expect(signed).toContainText('expectation recorded and met')
  await signed.getByRole('button', { name: 'Open in Inspector' }).click()
  await expectVerdict(page, 'Verified')
})

test('Zendesk key IDs that are huge, too many or hold control characters or markup are refused next to the field', async ({ app }) => {
  const { page } = app
  await app.open()
  await showView(page, 'Settings')
  const keyIds = zendeskSection(page).getByRole('textbox', { name: /signing key IDs/ })
  const problem = page.locator('[data-test="problem-zendesk.keyIds"]')
  for (const typed of ['app_1\napp\u0007bell', 'k'.repeat(100_000), Array.from({ length: 11 }, (_, index) => `app_${index}`).join('\n'), '<img src=x onerror="window.hacked=1">']) {
    await keyIds.fill(typed)
    await expect(keyIds).toHaveAttribute('aria-invalid', 'true')
    await expect(problem).toContainText('at most 10 different key IDs')
    await saveSettings(page).click()
    await expect(keyIds).toBeFocused()
  }
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined()
  expect((await savedSettings(app)).inspection.zendesk.keyIds).toEqual([])
  expect(app.calls.filter((call) => call.channel === 'settings:update')).toEqual([])
})
