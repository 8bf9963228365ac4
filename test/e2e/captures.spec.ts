/**
 * The Captures view end to end: a HAR picked in the (harness's) dialog, dropped on the view, or
 * opened from File › Open Capture… is audited by the real main-process service; the window shows
 * the findings on top, the renewal timeline, every identity in capture order, and opens one in
 * the Inspector, where "How the website should sign this" gives the program. No key reaches the
 * page (the harness checks every result and the DOM).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { dropFiles, expect, test } from './app-harness'
import { CAPTURE_JUDGED_AT, sessionHar } from './capture-library'
import { OWN_HS, OWN_HS_MANIFEST, OWN_ROX, OWN_ROX_MANIFEST } from './keys'
import { expectVerdict, showView } from './screen'

const JUDGED_AT = CAPTURE_JUDGED_AT

let filesDir: string
let harPath: string
let har: string

test.beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'vi-e2e-captures-'))
  har = await sessionHar({ hs: OWN_HS, rox: OWN_ROX })
  harPath = join(filesDir, 'session.har')
  await writeFile(harPath, har)
})
test.afterAll(async () => {
  await rm(filesDir, { recursive: true, force: true })
})

const byTest = (page: Page, name: string) => page.locator(`[data-test="${name}"]`)
const findings = (page: Page) => page.getByRole('region', { name: /^What must never be in a page/ })
const identities = (page: Page) => page.getByRole('table', { name: 'Identities in capture order' })
const identityRows = (page: Page) => identities(page).getByRole('row').filter({ has: page.getByRole('rowheader') })

async function expectSessionAudit(page: Page, name: string): Promise<void> {
  // Findings first, in red: the leaked key (twice: as text and hex) and the HMAC in page script.
  await expect(findings(page)).toBeVisible()
  await expect(findings(page).getByRole('listitem')).toHaveCount(3)
  await expect(findings(page).getByRole('listitem').nth(0)).toContainText(`Leaked secret: Rox.Chat key ${OWN_ROX.kid}, as plain text`)
  await expect(findings(page).getByRole('listitem').nth(1)).toContainText(`Leaked secret: Rox.Chat key ${OWN_ROX.kid}, hex-encoded`)
  await expect(findings(page).getByRole('listitem').nth(1)).toContainText(`https://analytics.example.net/c?sid=[secret ${OWN_ROX.kid}]`)
  await expect(findings(page).getByRole('listitem').nth(2)).toContainText('Client-side signing: an HMAC computed in page script builds the Rox.Chat identity')
  await expect(findings(page).getByRole('listitem').nth(2).getByLabel('Evidence')).toContainText(`CryptoJS.HmacSHA256(message, "[secret ${OWN_ROX.kid}]")`)
  const red = await findings(page).evaluate((element) => getComputedStyle(element).borderTopColor)
  const bad = await page.evaluate(() => {
    const probe = document.createElement('div')
    probe.style.color = 'var(--bad-border)'
    document.body.append(probe)
    const color = getComputedStyle(probe).color
    probe.remove()
    return color
  })
  expect(red).toBe(bad)
  const before = await page.evaluate(() => {
    const region = document.querySelector('[data-test="capture-findings"]')
    const table = document.querySelector('table.capture-identities')
    return region !== null && table !== null && (region.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
  })
  expect(before).toBe(true)

  await expect(byTest(page, 'capture-summary')).toHaveText(`4 identities in ${name}: 2 verified, 2 rejected. Judged at 2026-03-01 12:00:00 UTC (your clock, not the capture's time).`)

  // The renewal timeline: the token renewed only after it had fallen under the one-hour minimum.
  const timeline = byTest(page, 'capture-timeline')
  await expect(timeline).toContainText(`Renewal of RingCX visitor ${'e2e-visitor-0001'} in ${name}`)
  await expect(timeline.getByRole('listitem')).toHaveText([
    /^2026-03-01 10:00:00 UTC token of identity 2, 1 h 20 min left \(fresh when set\); now rejected\s*$/,
    /^2026-03-01 10:30:00 UTC token of identity 4, 4 h 30 min left \(fresh when set\); now verified ✖ Renewed late: the previous token had fallen under the minimum$/,
  ])

  // Every identity in capture order, with its verdict and where it was found.
  await expect(identityRows(page)).toHaveCount(4)
  await expect(identityRows(page).nth(0)).toContainText('Rejected · RingCX')
  await expect(identityRows(page).nth(0)).toContainText('commented out')
  await expect(identityRows(page).nth(1)).toContainText('ringcx-jwt-expired')
  await expect(identityRows(page).nth(2)).toContainText(`${name} · entry 1 · response body · line 1, column 5`)
  await expect(identityRows(page).nth(2)).toContainText('Verified · Rox.Chat')
  await expect(identityRows(page).nth(3)).toContainText('2026-03-01 10:30:00 UTC')
}

test('a picked HAR shows its findings on top, the renewal timeline and every identity; one opens in the Inspector with its fix', async ({ app }) => {
  const { page } = app
  app.clock.freeze(JUDGED_AT)
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.seedKeys(OWN_ROX_MANIFEST, 'roxchat.json')
  app.dialogs.answer('pickCaptureFiles', [harPath])
  await app.open()
  await showView(page, 'Captures')
  await expect(page.getByText('Open a browser capture')).toBeVisible()

  await page.getByRole('button', { name: 'Open captures…' }).click()
  await expectSessionAudit(page, 'session.har')
  expect(app.dialogs.opened).toEqual(['pickCaptureFiles'])

  const axe = await new AxeBuilder({ page }).include('.captures-view').analyze()
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])

  // The renewed token, in the Inspector: verified, judged now by main.
  await page.getByRole('button', { name: 'Open in Inspector: identity 4' }).click()
  await expect(page.getByRole('heading', { name: 'Inspector', level: 2 })).toBeAttached()
  await expectVerdict(page, 'Verified')
  await expect(page.getByRole('region', { name: 'Verified' })).toContainText('session.har · identity 4')

  // The expired one, and how the website should sign it instead.
  await showView(page, 'Captures')
  await page.getByRole('button', { name: 'Open in Inspector: identity 2' }).click()
  await expectVerdict(page, 'Rejected')
  const fixit = byTest(page, 'fixit-panel')
  await fixit.getByText('How the website should sign this').click()
  await fixit.getByRole('combobox', { name: 'Language' }).selectOption('python')
  const program = fixit.locator('[data-test="fixit-program"]')
  await expect(program).toContainText(`KID = "${OWN_HS.kid}"`)
  await expect(program).toContainText('SIGNING_KEY')
  await expect(program).not.toContainText(OWN_HS.secret)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await fixit.getByRole('button', { name: 'Copy program' }).click()
  await expect(fixit.locator('[data-test="fixit-copy-status"]')).toHaveText('✔ Copied')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(await program.textContent())

  // A commented-out call stays commented out in the Inspector.
  await showView(page, 'Captures')
  await page.getByRole('button', { name: 'Open in Inspector: identity 1' }).click()
  await expectVerdict(page, 'Rejected')
  await expect(page.getByText('input-identity-commented-out').first()).toBeVisible()
})

test('a dropped HAR is sent to main in chunks and audited the same way', async ({ app }) => {
  const { page } = app
  app.clock.freeze(JUDGED_AT)
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.seedKeys(OWN_ROX_MANIFEST, 'roxchat.json')
  await app.open()
  await showView(page, 'Captures')
  await dropFiles(page.locator('.captures-view'), [{ name: 'dropped.har', text: har, type: 'application/json' }])
  await expectSessionAudit(page, 'dropped.har')
  const channels = app.calls.map((call) => call.channel).filter((channel) => channel.startsWith('captures:'))
  expect(channels).toEqual(['captures:upload-start', 'captures:upload-chunk', 'captures:upload-finish'])
  expect(app.dialogs.opened).toEqual([])
})

test('File › Open Capture… opens the dialog from any view', async ({ app }) => {
  const { page } = app
  app.clock.freeze(JUDGED_AT)
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.seedKeys(OWN_ROX_MANIFEST, 'roxchat.json')
  app.dialogs.answer('pickCaptureFiles', [harPath])
  await app.open()
  await app.menu('menu:open-capture')
  await expect(page.getByRole('heading', { name: 'Captures', level: 2 })).toBeVisible()
  await expectSessionAudit(page, 'session.har')
})
