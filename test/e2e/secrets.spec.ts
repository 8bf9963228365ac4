/**
 * Agents must never read a secret back. Every test already fails if a binding result or the final
 * page holds a secret (see app-harness.ts); this one walks every screen that shows keys or payload
 * internals, checking the page after each step.
 */
import { generateKeyPairSync } from 'node:crypto'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './app-harness'
import { expectVerdict, importReport, showView } from './screen'
import { DEMO_SECRETS, secretFragmentsIn } from './secrets'

async function expectNoSecretOnScreen(page: Page, step: string): Promise<void> {
  const dom = await page.evaluate(() => `${document.documentElement.outerHTML}\n${document.body.innerText}`)
  expect(secretFragmentsIn(dom), `secret fragments on screen after ${step}`).toEqual([])
}

test('no demo secret reaches the page: examples, raw view with QA tools, keys and settings', async ({ app }) => {
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
    await page.getByText(/^Raw payload/).click()
    await expectNoSecretOnScreen(page, name)
  }
  // QA tools show the hashed message of a Rox.Chat visitor: the key is not part of it.
  await picker.selectOption('roxchat-verified.html')
  await page.getByText(/^Raw payload/).click()
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
