/**
 * Importing keys the three ways an admin can: pasting, dropping files, and the file dialog
 * (button, Ctrl+I and the menu), each ending in a per-file report and the key in the store.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dropFiles, expect, pasteOutsideFields, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, OWN_ROX, OWN_ROX_MANIFEST, OWN_RSA, OWN_RSA_MANIFEST, manifest } from './keys'
import { importReport, keyRow, keysTable, showView } from './screen'

let filesDir: string
test.beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'vi-e2e-keyfiles-'))
})
test.afterAll(async () => {
  await rm(filesDir, { recursive: true, force: true })
})

async function keyFile(name: string, text: string): Promise<string> {
  const path = join(filesDir, name)
  await writeFile(path, text)
  return path
}

test('a key pasted anywhere in the Keys view opens the paste form and imports', async ({ app }) => {
  const { page } = app
  await app.open()
  await showView(page, 'Keys')
  await expect(page.getByText('No keys yet. Import the keys your websites sign with')).toBeVisible()

  await pasteOutsideFields(page, OWN_HS_MANIFEST)
  const form = page.getByRole('form', { name: 'Paste a key' })
  await expect(form.getByRole('textbox', { name: 'Key text' })).toHaveValue(OWN_HS_MANIFEST)
  await form.getByRole('button', { name: 'Import pasted key' }).click()

  const report = importReport(page, 'Pasted key text')
  await expect(report).toContainText('Imported 1 key.')
  const entry = report.getByRole('listitem')
  await expect(entry).toHaveCount(1)
  for (const part of ['OK', 'RingCX', OWN_HS.kid, 'HS256']) await expect(entry).toContainText(part)
  await expect(form).toBeHidden()

  const [stored] = app.keyStore.list(new Date())
  expect(stored).toMatchObject({ kid: OWN_HS.kid, alg: 'HS256', storage: 'os-encrypted', label: 'Website (e2e)' })
  await expect(keyRow(page, OWN_HS.kid)).toContainText('HS256')
  await expect(keyRow(page, OWN_HS.kid).getByTitle(stored?.fingerprint ?? '-')).toBeVisible()
  await expect(page.getByRole('button', { name: /Keys/ }).getByLabel('1 keys')).toBeVisible()

  // The store on disk holds the secret encrypted, never as text.
  const onDisk = await readFile(join(app.dataDir, 'keystore.json'), 'utf8')
  expect(onDisk).toContain(OWN_HS.kid)
  expect(onDisk).not.toContain(OWN_HS.secret)
})

test('dropped key files import one report each', async ({ app }) => {
  const { page } = app
  await app.open()
  await showView(page, 'Keys')

  await dropFiles(page.getByRole('region', { name: 'Keys', exact: true }), [
    { name: 'website-rsa.json', text: OWN_RSA_MANIFEST, type: 'application/json' },
    { name: 'roxchat.json', text: OWN_ROX_MANIFEST, type: 'application/json' },
  ])

  await expect(importReport(page, 'website-rsa.json')).toContainText('Imported 1 key.')
  await expect(importReport(page, 'roxchat.json')).toContainText('Imported 1 key.')
  await expect(keyRow(page, OWN_RSA.kid)).toContainText('RS256')
  await expect(keyRow(page, OWN_RSA.kid)).toContainText('2048 bits')
  await expect(keyRow(page, OWN_ROX.kid)).toContainText('Rox.Chat')
  await expect(keysTable(page).getByRole('row')).toHaveCount(3)
})

test('key files picked in the file dialog import, by button, by Ctrl+I and from the menu', async ({ app }) => {
  const { page } = app
  app.dialogs.keyFiles = [await keyFile('website-hs.json', OWN_HS_MANIFEST), await keyFile('website-rsa.json', OWN_RSA_MANIFEST)]
  await app.open()
  await showView(page, 'Keys')

  await page.getByRole('button', { name: 'Import key files…' }).click()
  await expect(importReport(page, 'website-hs.json')).toContainText('Imported 1 key.')
  await expect(importReport(page, 'website-rsa.json')).toContainText('Imported 1 key.')
  await expect(keysTable(page).getByRole('row')).toHaveCount(3)

  // The same file again: nothing new, and the report says so.
  app.dialogs.keyFiles = [await keyFile('website-hs.json', OWN_HS_MANIFEST)]
  await page.keyboard.press('Control+I')
  await expect(importReport(page, 'website-hs.json')).toContainText('Nothing new: every key in it is already stored.')
  await expect(importReport(page, 'website-rsa.json')).toBeHidden()

  // File › Import Keys… from the Inspector switches to the Keys view.
  app.dialogs.keyFiles = [await keyFile('roxchat.json', OWN_ROX_MANIFEST)]
  await showView(page, 'Inspector')
  await app.menu('menu:import-keys')
  await expect(importReport(page, 'roxchat.json')).toContainText('Imported 1 key.')
  await expect(keyRow(page, OWN_ROX.kid)).toBeVisible()

  // Cancelling the dialog changes nothing.
  app.dialogs.keyFiles = null
  await page.getByRole('button', { name: 'Import key files…' }).click()
  await expect(importReport(page, 'roxchat.json')).toBeVisible()
  expect(app.dialogs.opened).toEqual(['pickKeyFiles', 'pickKeyFiles', 'pickKeyFiles', 'pickKeyFiles'])
})

test('a key set with one bad key imports nothing and says which key failed', async ({ app }) => {
  const { page } = app
  await app.open()
  await showView(page, 'Keys')

  const broken = manifest([
    { scheme: 'ringcx', kid: 'hs_good', alg: 'HS256', secret: OWN_HS.secret },
    { scheme: 'ringcx', kid: 'Bad Kid!', alg: 'HS256', secret: OWN_HS.secret },
  ])
  await dropFiles(page.getByRole('region', { name: 'Keys', exact: true }), [{ name: 'keys.json', text: broken }])

  const report = importReport(page, 'keys.json')
  await expect(report).toContainText('Not imported')
  const entries = report.getByRole('listitem')
  await expect(entries).toHaveCount(2)
  await expect(entries.nth(1)).toContainText('Error')
  await expect(entries.nth(1).getByRole('code').last()).toHaveText(/^key-/)
  expect(app.keyStore.list(new Date())).toEqual([])
  await expect(keysTable(page)).toBeHidden()
})

test('replacing a stored Key ID asks first, naming both fingerprints', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  const [before] = app.keyStore.list(new Date())
  await app.open()
  await showView(page, 'Keys')

  await page.getByRole('button', { name: 'Paste a key…' }).click()
  const rotated = manifest([{ scheme: 'ringcx', kid: OWN_HS.kid, alg: 'HS256', secret: 'abcdefabcdefabcdefabcdef' }])
  await page.getByRole('textbox', { name: 'Key text' }).fill(rotated)
  await page.getByRole('button', { name: 'Import pasted key' }).click()

  const dialog = page.getByRole('dialog', { name: 'Replace existing keys?' })
  await expect(dialog).toContainText(OWN_HS.kid)
  await expect(dialog).toContainText(before?.fingerprint ?? '-')
  await dialog.getByRole('button', { name: 'Replace and import' }).click()

  await expect(dialog).toBeHidden()
  await expect(importReport(page, 'Pasted key text')).toContainText('Imported 1 key.')
  const [after] = app.keyStore.list(new Date())
  expect(after?.kid).toBe(OWN_HS.kid)
  expect(after?.fingerprint).not.toBe(before?.fingerprint)
})

test.describe('where the OS cannot encrypt secrets (Linux without a keyring)', () => {
  test.use({ protection: 'basic-text' })

  test('the Keys view warns, and a secret is stored in plain text only after consent', async ({ app }) => {
    const { page } = app
    await app.open()
    await showView(page, 'Keys')
    await expect(page.getByRole('alert').filter({ hasText: 'Secrets are not protected by the operating system' })).toBeVisible()

    // A public key needs no consent.
    await dropFiles(page.getByRole('region', { name: 'Keys', exact: true }), [{ name: 'website-rsa.json', text: OWN_RSA_MANIFEST }])
    await expect(importReport(page, 'website-rsa.json')).toContainText('Imported 1 key.')

    // Declined: nothing stored.
    await dropFiles(page.getByRole('region', { name: 'Keys', exact: true }), [{ name: 'website-hs.json', text: OWN_HS_MANIFEST }])
    const dialog = page.getByRole('dialog', { name: 'Store secrets without encryption?' })
    await expect(dialog).toContainText('website-hs.json')
    await dialog.getByRole('button', { name: 'Don’t import' }).click()
    // The report that waited no longer applies: it goes, and the window says nothing was imported.
    await expect(importReport(page, 'website-hs.json')).toBeHidden()
    await expect(page.getByRole('status').filter({ hasText: 'Nothing was imported.' })).toBeAttached()
    await expect(keyRow(page, OWN_HS.kid)).toBeHidden()

    // Accepted: stored, and flagged in the table.
    await dropFiles(page.getByRole('region', { name: 'Keys', exact: true }), [{ name: 'website-hs.json', text: OWN_HS_MANIFEST }])
    await dialog.getByRole('button', { name: 'Store in plain text' }).click()
    await expect(importReport(page, 'website-hs.json')).toContainText('Imported 1 key.')
    await expect(keyRow(page, OWN_HS.kid)).toContainText('Secret stored in plain text')
    await expect(page.getByRole('alert').filter({ hasText: '1 stored secret is kept in plain text.' })).toBeVisible()
  })
})

for (const width of [900, 1200]) {
  test(`the paste form's Scheme, Key ID and Label sit side by side without overlapping at ${width} px`, async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width, height: 800 })
    await app.open()
    await showView(page, 'Keys')
    await page.getByRole('button', { name: 'Paste a key…' }).click()
    const form = page.getByRole('form', { name: 'Paste a key' })
    const box = async (name: string) => {
      const found = await form.getByRole(name === 'Scheme' ? 'combobox' : 'textbox', { name }).boundingBox()
      if (found === null) throw new Error(`${name} is not on screen`)
      return found
    }
    const scheme = await box('Scheme')
    const kid = await box('Key ID (for a bare secret or PEM)')
    const label = await box('Label (optional)')
    // Each control ends before the next begins, on one line, inside the form.
    expect(scheme.x + scheme.width).toBeLessThanOrEqual(kid.x)
    expect(kid.x + kid.width).toBeLessThanOrEqual(label.x)
    expect(Math.abs(scheme.y - kid.y)).toBeLessThan(2)
    expect(Math.abs(kid.y - label.y)).toBeLessThan(2)
    const formBox = await form.boundingBox()
    expect(label.x + label.width).toBeLessThanOrEqual((formBox?.x ?? 0) + (formBox?.width ?? 0))
    // The select is wide enough to show its longest option.
    expect(await form.getByRole('combobox', { name: 'Scheme' }).evaluate((select) => select.scrollWidth <= select.clientWidth)).toBe(true)
    await page.screenshot({ path: test.info().outputPath(`paste-form-${width}.png`) })
  })
}
