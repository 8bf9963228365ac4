/**
 * Agents must never read a secret back. Every test already fails if a binding result or the final
 * page holds a secret (see app-harness.ts); this one walks every screen that shows keys or payload
 * internals, checking the page after each step.
 */
import { generateKeyPairSync } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './app-harness'
import { OWN_HS, epochSeconds, hsToken } from './keys'
import { expectVerdict, importReport, inspectTyped, showView } from './screen'
import { DEMO_SECRETS, secretFragmentsIn } from './secrets'

async function expectNoSecretOnScreen(page: Page, step: string): Promise<void> {
  const dom = await page.evaluate(() => `${document.documentElement.outerHTML}\n${document.body.innerText}`)
  expect(secretFragmentsIn(dom), `secret fragments on screen after ${step}`).toEqual([])
}

test('no demo secret reaches the page: examples, raw view with QA tools, keys and settings', async ({ app }) => {
  // Walks every shipped example, so it takes as long as the examples are many.
  test.slow()
  const { page } = app
  expect(DEMO_SECRETS.length).toBeGreaterThan(0)
  await app.seedSettings({ qaTools: true })
  await app.open()
  await page.getByRole('button', { name: 'Load DEMO keys and examples' }).click()

  await expectVerdict(page, 'Verified')
  const picker: Locator = page.getByRole('region', { name: 'DEMO Example payloads' }).getByRole('combobox')
  const names = (await picker.getByRole('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)))
    .filter((name) => name !== '')
  expect(names.length).toBeGreaterThan(10)
  for (const name of names) {
    await picker.selectOption(name)
    await expect(page.getByRole('region', { name: /^(Verified|Rejected|Logged out|Accepted, unsigned)$/ })).toContainText(`example ${name}`)
    // The decoded token is on screen beside the token; its JSON as received opens below it.
    const json = page.getByText('JSON as received', { exact: true })
    if (await json.count() > 0) await json.click()
    await expectNoSecretOnScreen(page, name)
  }
  // QA tools show the hashed message of a Rox.Chat visitor: the key is not part of it.
  await picker.selectOption('roxchat-verified.html')
  await expect(page.getByRole('heading', { name: 'Hashed message QA' })).toBeVisible()
  await expectNoSecretOnScreen(page, 'the hashed message')

  await showView(page, 'Keys')
  await expectNoSecretOnScreen(page, 'the Keys view')
  await showView(page, 'Settings')
  await expectNoSecretOnScreen(page, 'the Settings view')

  const inspections = app.calls.filter((call) => call.channel === 'inspect:payload')
  expect(inspections).toHaveLength(names.length + 2)
})

test('a private RSA key is reduced to its public part, and its private members never come back', async ({ app }) => {
  const { page } = app
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'rsa_private_e2e', alg: 'RS256' } as Record<string, string>
  const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((member) => jwk[member] ?? '')
  expect(privateMembers.every((value) => value.length > 40)).toBe(true)

  await app.open()
  await showView(page, 'Keys')
  await page.getByRole('button', { name: 'Paste a key…' }).click()
  await page.getByRole('textbox', { name: 'Key text' }).fill(JSON.stringify(jwk))
  await page.getByLabel('Scheme').selectOption('ringcx')
  await page.getByRole('button', { name: 'Import pasted key' }).click()

  const report = importReport(page, 'Pasted key text')
  await expect(report).toContainText('Imported 1 key.')
  await expect(report.getByText(/^\W*Warning:/)).toBeVisible()

  const returned = JSON.stringify(app.calls.map((call) => call.result))
  const dom = await page.evaluate(() => document.documentElement.outerHTML)
  for (const value of privateMembers) {
    // Any 16 characters of a private member would do to show a leak.
    for (let start = 0; start + 16 <= value.length; start += 8) {
      const fragment = value.slice(start, start + 16)
      expect(returned.includes(fragment), 'a private RSA member in a value returned to the page').toBe(false)
      expect(dom.includes(fragment), 'a private RSA member on screen').toBe(false)
    }
  }
})

test('a key pasted for a quick check is used once: never stored, never sent back, cleared from the window', async ({ app }) => {
  const { page } = app
  await app.seedKeys(JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'hs_other', secret: 'abcdefabcdefabcdefabcdef' }] }), 'other.json')
  await app.services.flush()
  const storeBefore = await readFile(join(app.dataDir, 'keystore.json'), 'utf8')
  await app.open()
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 86_400))
  await expectVerdict(page, 'Rejected')

  const quick = page.locator('[data-test="quick-check"]')
  await quick.getByText('Check with a key you paste').click()
  const field = quick.getByRole('textbox', { name: 'Secret or public key' })
  await field.fill(OWN_HS.secret)
  await quick.getByRole('button', { name: 'Check once with this key' }).click()

  await expectVerdict(page, 'Verified')
  await expect(page.locator('[data-test="unsaved-key-note"]')).toContainText('not stored')
  await expect(page.locator('#verdict-title')).toBeFocused()
  await expect(field).toHaveValue('')
  const checks = app.calls.filter((call) => call.channel === 'inspect:quick-check')
  expect(checks).toHaveLength(1)
  expect(checks[0]?.result).toMatchObject({ ok: true, value: { verdict: 'verified', checkedWithUnsavedKey: true, key: { kid: OWN_HS.kid } } })
  // The harness checks every result and the DOM for the secret after the test; the store is as it was.
  await app.services.flush()
  expect(await readFile(join(app.dataDir, 'keystore.json'), 'utf8')).toBe(storeBefore)
  expect(app.keyStore.list(new Date()).map((key) => key.kid)).toEqual(['hs_other'])
  await expectNoSecretOnScreen(page, 'the quick check')
  // Nothing re-signs: the window offers no signing in the Inspector.
  await expect(page.getByRole('button', { name: /sign/i })).toHaveCount(0)
})
