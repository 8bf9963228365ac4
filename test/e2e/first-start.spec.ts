/**
 * First start with an empty key store: one click loads the demo keys and examples, and a real
 * inspection is on screen at once, marked DEMO wherever the demo shows.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './app-harness'
import { PROJECT_ROOT } from './paths'
import { checksPanel, expectVerdict, importReport, keyRow, keysTable, openTeamDetails, showView } from './screen'

const DEMO_KIDS = ['hs_demo', 'rsa_demo', 'rox_demo']
const DEMO_KEY_COUNT = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'resources', 'examples', 'demo-keys.json'), 'utf8')) as { keys: unknown[] }).keys.length

test('an empty store offers the demo, and one click shows a verified inspection', async ({ app }) => {
  const { page } = app
  await app.open()

  const offer = page.getByRole('region', { name: 'No keys yet' })
  await expect(offer).toBeVisible()
  await expect(page.getByRole('button', { name: /Keys/ }).getByLabel('0 keys')).toBeVisible()
  await offer.getByRole('button', { name: 'Load DEMO keys and examples' }).click()

  await expectVerdict(page, 'Verified')
  await expect(offer).toBeHidden()
  const banner = page.getByRole('region', { name: 'Verified' })
  await expect(banner).toContainText('example ringcx-verified-hs256.jwt')
  await expect(banner.getByText('DEMO', { exact: true })).toBeVisible()
  // The answer has focus: the offer that had it is gone.
  await expect(page.locator('#verdict-title')).toBeFocused()
  await openTeamDetails(page)
  await expect(checksPanel(page).getByRole('code').filter({ hasText: 'hs_demo' })).toBeVisible()
  await expect(checksPanel(page).getByText('DEMO', { exact: true })).toBeVisible()

  // Every example is in one compact list, described in a line; the one on screen is selected.
  const examples = page.getByRole('region', { name: 'DEMO Example payloads' })
  const picker = examples.getByRole('combobox', { name: 'DEMO example payload' })
  await expect(picker).toHaveValue('ringcx-verified-hs256.jwt')
  await expect(picker.getByRole('option', { name: 'RingCX token, verified (HS256) — ringcx-verified-hs256.jwt' })).toBeAttached()
  // Its one button puts it away.
  await expect(examples.getByRole('button')).toHaveCount(1)
  await expect(examples.getByRole('button', { name: 'Hide the DEMO examples' })).toBeVisible()
  await picker.selectOption('roxchat-wrong-hash.json')
  await expectVerdict(page, 'Rejected')
  await expect(picker).toHaveValue('roxchat-wrong-hash.json')
  // The verdict is not pushed down by the list: it starts within the first screen.
  const bannerTop = (await page.getByRole('region', { name: 'Rejected' }).boundingBox())?.y ?? Infinity
  expect(bannerTop).toBeLessThan(400)

  await showView(page, 'Keys')
  await expect(importReport(page, 'demo-keys.json')).toContainText(`Imported ${DEMO_KEY_COUNT} keys.`)
  await expect(importReport(page, 'demo-keys.json').getByText('DEMO', { exact: true })).toBeVisible()
  // The header row and one row per shipped demo key.
  await expect(keysTable(page).getByRole('row')).toHaveCount(DEMO_KEY_COUNT + 1)
  for (const kid of DEMO_KIDS) await expect(keyRow(page, kid).getByText('DEMO', { exact: true })).toBeVisible()
})

test.describe('on a system without OS encryption (as the command line and test stores run)', () => {
  test.use({ protection: 'unavailable' })

  test('the demo keys load without asking, and their plain-text storage is shown', async ({ app }) => {
    const { page } = app
    await app.open()
    await page.getByRole('button', { name: 'Load DEMO keys and examples' }).click()
    await expectVerdict(page, 'Verified')
    await expect(page.getByRole('dialog')).toBeHidden()

    await showView(page, 'Keys')
    await expect(page.getByRole('alert').filter({ hasText: 'Secrets cannot be encrypted on this system.' })).toBeVisible()
    await expect(keyRow(page, 'hs_demo')).toContainText('Secret stored in plain text')
    await expect(keyRow(page, 'rsa_demo')).not.toContainText('Secret stored in plain text')
  })
})

test('the Keys view offers the demo too when the store is empty', async ({ app }) => {
  const { page } = app
  await app.open()
  await showView(page, 'Keys')
  await page.getByRole('button', { name: 'Load the DEMO keys and examples' }).click()
  // The header row and one row per shipped demo key.
  await expect(keysTable(page).getByRole('row')).toHaveCount(DEMO_KEY_COUNT + 1)
  // The button that had focus went with the empty state: focus moves to the import button.
  await expect(page.getByRole('button', { name: /^Import key files/ })).toBeFocused()
  await showView(page, 'Inspector')
  await expect(page.getByRole('region', { name: 'DEMO Example payloads' })).toBeVisible()
})
