/**
 * Removing a key: the confirmation names the key's kid and fingerprint, Cancel keeps it, and once
 * removed the payloads it signed are rejected.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, OWN_ROX, OWN_ROX_MANIFEST, epochSeconds, hsToken } from './keys'
import { expectVerdict, inspectTyped, keyRow, keysTable, showView } from './screen'

test('a key is removed only after a confirmation that names its kid and fingerprint', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.seedKeys(OWN_ROX_MANIFEST, 'roxchat.json')
  const fingerprint = app.keyStore.list(new Date()).find((key) => key.kid === OWN_HS.kid)?.fingerprint ?? '-'
  await app.open()
  await showView(page, 'Keys')
  await expect(keysTable(page).getByRole('row')).toHaveCount(3)

  const dialog = page.getByRole('dialog', { name: 'Remove this key?' })
  await keyRow(page, OWN_HS.kid).getByRole('button', { name: `Remove key ${OWN_HS.kid}` }).click()
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('code')).toHaveText([OWN_HS.kid, fingerprint])
  await expect(dialog).toContainText('RingCX key')
  // The safe choice has the focus: Enter does not remove.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(keyRow(page, OWN_HS.kid)).toBeVisible()

  // Escape cancels too.
  await keyRow(page, OWN_HS.kid).getByRole('button', { name: `Remove key ${OWN_HS.kid}` }).click()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  expect(app.keyStore.list(new Date())).toHaveLength(2)

  await keyRow(page, OWN_HS.kid).getByRole('button', { name: `Remove key ${OWN_HS.kid}` }).click()
  await dialog.getByRole('button', { name: 'Remove key' }).click()
  await expect(dialog).toBeHidden()
  await expect(keyRow(page, OWN_HS.kid)).toBeHidden()
  await expect(keyRow(page, OWN_ROX.kid)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: `Key ${OWN_HS.kid} was removed.` })).toBeAttached()
  const onDisk = await readFile(join(app.dataDir, 'keystore.json'), 'utf8')
  expect(onDisk).not.toContain(OWN_HS.kid)
  expect(onDisk).toContain(OWN_ROX.kid)

  // What it signed no longer verifies.
  await showView(page, 'Inspector')
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 86_400))
  await expectVerdict(page, 'Rejected')
  await expect(page.getByRole('region', { name: 'Problems found' })).toContainText('Code ringcx-jwt-unknown-kid')
})
