/**
 * The result on screen follows the keys and settings: after a change in Settings or Keys the
 * Inspector shows the same payload judged again, and says so.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, epochSeconds, hsToken } from './keys'
import { expectVerdict, inspectTyped, keyRow, showView } from './screen'

/** The note under the verdict (the live region says more: the verdict too). */
function recheckNote(page: Page, text: string): Locator {
  return page.getByText(new RegExp(`^\\W*${text.replaceAll('.', '\\.')}$`))
}

test('a saved setting re-checks the payload on screen without counting its key again', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.open()
  // Two hours left: enough under the default minimum of one hour, not under three.
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 7200))
  await expectVerdict(page, 'Verified')
  await page.getByRole('textbox', { name: 'Payload', exact: true }).fill('typed later, not inspected')

  await showView(page, 'Settings')
  await page.getByRole('textbox', { name: 'Minimum time left on a token (seconds)' }).fill('10800')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled()

  await showView(page, 'Inspector')
  await expectVerdict(page, 'Rejected')
  await expect(recheckNote(page, 'Re-checked with the new settings.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Problems found' })).toContainText('Code ringcx-jwt-exp-too-soon')
  expect(app.keyStore.list(new Date()).find((key) => key.kid === OWN_HS.kid)?.matchCount).toBe(1)

  // A new inspection is judged as usual, and the note goes.
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 86_400))
  await expectVerdict(page, 'Verified')
  await expect(recheckNote(page, 'Re-checked with the new settings.')).toBeHidden()
})

test('removing the key re-checks the payload on screen', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.open()
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 86_400))
  await expectVerdict(page, 'Verified')

  await showView(page, 'Keys')
  await keyRow(page, OWN_HS.kid).getByRole('button', { name: `Remove key ${OWN_HS.kid}` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove key' }).click()
  await expect(keyRow(page, OWN_HS.kid)).toHaveCount(0)

  await showView(page, 'Inspector')
  await expectVerdict(page, 'Rejected')
  await expect(recheckNote(page, 'Re-checked with the changed keys.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Problems found' })).toContainText('Code ringcx-jwt-unknown-kid')
})
