/**
 * The window as an agent, a QA engineer and a keyboard user meet it: the visitor on the first
 * screen, reflow down to the narrowest window and 400 % zoom, and where focus goes after each action.
 */
import { expect, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, epochSeconds, hsToken, manifest } from './keys'
import { expectVerdict, expiryPanel, importReport, inspectTyped, keyRow, showView, visitorPanel } from './screen'
import { VIEW_STATES, examplePicker, openWithDemo, showState, withSampleLibrary } from './states'
import { WINDOW_MIN_WIDTH } from '../../electron/shared/ipc-contract'

test.describe('at 900×700', () => {
  test.use({ viewport: { width: 900, height: 700 } })

  test('the agent’s answer comes first: verdict, visitor, expiry, then what the panel leaves out', async ({ app }) => {
    const { page } = app
    await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
    await app.open()
    await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 86_400, { extra_values: { plan: 'gold' } }))
    await expectVerdict(page, 'Verified')
    await page.evaluate(() => window.scrollTo(0, 0))

    const top = async (locator: ReturnType<typeof visitorPanel>): Promise<number> => (await locator.boundingBox())?.y ?? Infinity
    const banner = await top(page.getByRole('region', { name: 'Verified' }))
    const visitor = await top(visitorPanel(page))
    const expiry = await top(expiryPanel(page))
    const unmapped = await top(page.getByRole('region', { name: /Not shown in the agent panel/ }))
    const details = await top(page.locator('[data-test="website-team-details"]'))
    const editor = await top(page.getByRole('textbox', { name: 'Payload', exact: true }))
    expect(banner).toBeLessThan(visitor)
    expect(visitor).toBeLessThan(expiry)
    expect(expiry).toBeLessThan(unmapped)
    expect(unmapped).toBeLessThan(details)
    expect(details).toBeLessThan(editor)
    // The visitor panel starts on the first screen, and the whole answer (visitor and expiry) fits it.
    expect(visitor).toBeLessThan(700)
    const expiryBox = await expiryPanel(page).boundingBox()
    expect((expiryBox?.y ?? Infinity) + (expiryBox?.height ?? 0)).toBeLessThanOrEqual(700)
  })

  test('with the DEMO examples on screen the visitor still starts on the first screen, and the picker can go', async ({ app }) => {
    const { page } = app
    await openWithDemo(app)
    expect((await visitorPanel(page).boundingBox())?.y ?? Infinity).toBeLessThan(700)
    await page.getByRole('button', { name: 'Hide the DEMO examples' }).click()
    await expect(page.getByRole('region', { name: 'DEMO Example payloads' })).toBeHidden()
    await expect(page.getByRole('button', { name: /^Open…/ })).toBeFocused()
  })

  test('the decoded token sits beside the token, not collapsed: header and claims as tables, times readable', async ({ app }) => {
    const { page } = app
    await openWithDemo(app)
    const decoded = page.getByRole('region', { name: 'Decoded JWT' })
    await expect(decoded).toBeVisible()
    await expect(decoded.getByRole('heading', { name: 'Header' })).toBeVisible()
    await expect(decoded.getByRole('row').filter({ hasText: /^kid/ })).toContainText('names the key in your key store')
    await expect(decoded.getByRole('row').filter({ hasText: /^exp/ })).toContainText(/2100/)
    await expect(decoded.locator('[data-test="token-parts"] .token__part')).toHaveCount(3)
    await expect(decoded).toContainText('never signs or re-signs')
  })
})

const WIDTHS = [720, WINDOW_MIN_WIDTH, 320] as const

for (const width of WIDTHS) {
  test(`every view reflows at ${width} px without scrolling sideways`, async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width, height: 700 })
    await withSampleLibrary(app, async () => {
      await openWithDemo(app)
      for (const state of VIEW_STATES) {
        await showState(page, state)
        const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
        expect(sizes.scroll, `${state} at ${width} px`).toBeLessThanOrEqual(sizes.client)
      }
    })
  })
}

test('at 400 % zoom of a 1440 px window (360 CSS px) the Inspector reads top to bottom', async ({ app }) => {
  const { page } = app
  await page.setViewportSize({ width: 360, height: 225 })
  await openWithDemo(app)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(360)
  for (const locator of [page.getByRole('region', { name: 'Verified' }), visitorPanel(page), expiryPanel(page)]) {
    const box = await locator.boundingBox()
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 360).toBe(true)
  }
})

test.describe('focus', () => {
  test('a view change focuses a heading that is on screen', async ({ app }) => {
    const { page } = app
    await openWithDemo(app)
    for (const view of ['Keys', 'Samples', 'Settings', 'Inspector'] as const) {
      await showView(page, view)
      const heading = page.getByRole('heading', { name: view, exact: true, level: 2 })
      const box = await heading.boundingBox()
      expect(box?.width ?? 0, `${view} heading is visible`).toBeGreaterThan(20)
      expect(box?.height ?? 0).toBeGreaterThan(10)
    }
  })

  test('after removing a key focus moves to the next key’s Remove button', async ({ app }) => {
    const { page } = app
    await openWithDemo(app)
    await showView(page, 'Keys')
    await keyRow(page, 'hs_demo').getByRole('button', { name: 'Remove key hs_demo' }).click()
    await page.getByRole('dialog', { name: 'Remove this key?' }).getByRole('button', { name: 'Remove key' }).click()
    await expect(keyRow(page, 'hs_demo')).toBeHidden()
    await expect(page.getByRole('button', { name: 'Remove key rsa_demo' })).toBeFocused()
    // The demo's import report named the key: it no longer applies.
    await expect(importReport(page, 'demo-keys.json')).toBeHidden()
  })

  test('Escape on Replace imports nothing, drops the waiting report and gives focus back', async ({ app }) => {
    const { page } = app
    await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
    await app.open()
    await showView(page, 'Keys')
    await page.getByRole('button', { name: 'Paste a key…' }).click()
    await page.getByRole('textbox', { name: 'Key text' }).fill(manifest([{ scheme: 'ringcx', kid: OWN_HS.kid, secret: 'abcdefabcdefabcdefabcdef' }]))
    const submit = page.getByRole('button', { name: 'Import pasted key' })
    await submit.click()
    const dialog = page.getByRole('dialog', { name: 'Replace existing keys?' })
    await expect(dialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(submit).toBeFocused()
    await expect(importReport(page, 'Pasted key text')).toBeHidden()
    expect(app.calls.filter((call) => call.channel === 'keys:confirm-import')).toHaveLength(0)
  })

  test('the example list inspects on Enter, not on every arrow key', async ({ app }) => {
    const { page } = app
    await openWithDemo(app)
    const before = app.calls.filter((call) => call.channel === 'inspect:payload').length
    const picker = examplePicker(page)
    await picker.focus()
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowDown')
    await page.waitForTimeout(300)
    expect(app.calls.filter((call) => call.channel === 'inspect:payload')).toHaveLength(before)
    const chosen = await picker.inputValue()
    expect(chosen).not.toBe('ringcx-verified-hs256.jwt')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('region', { name: /^(Verified|Rejected|Logged out|Accepted, unsigned)$/ })).toContainText(`example ${chosen}`)
    expect(app.calls.filter((call) => call.channel === 'inspect:payload')).toHaveLength(before + 1)
  })

  test.describe('in a short window', () => {
    test.use({ viewport: { width: 900, height: 500 } })

    test('Settings’ sticky Save bar never covers the control that has focus', async ({ app }) => {
      const { page } = app
      await app.open()
      await showView(page, 'Settings')
      const bar = page.locator('.settings-actions')
      // Tab through the form from the top: each focused control stays above the bar.
      await page.getByRole('radio', { name: /^Require JWT-signed identities/ }).focus()
      for (let step = 0; step < 25; step += 1) {
        await page.keyboard.press('Tab')
        const covered = await page.evaluate(() => {
          const active = document.activeElement as HTMLElement | null
          const actions = document.querySelector('.settings-actions')
          if (active === null || active === document.body || actions === null || actions.contains(active)) return false
          const control = active.getBoundingClientRect()
          return control.bottom > actions.getBoundingClientRect().top + 1
        })
        expect(covered, `control ${step + 1} is under the Save bar`).toBe(false)
      }
      await expect(bar).toBeVisible()
    })
  })

  test('Save with a problem moves focus to it', async ({ app }) => {
    const { page } = app
    await app.open()
    await showView(page, 'Settings')
    const tolerance = page.getByRole('textbox', { name: 'Clock tolerance (seconds)' })
    await tolerance.fill('a while')
    await expect(page.getByText('Type a whole number of seconds, with digits only.')).toBeVisible()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(tolerance).toBeFocused()
    expect(app.calls.filter((call) => call.channel === 'settings:update')).toHaveLength(0)
  })
})
