/**
 * The live expiry countdown and the verdict that follows it, on Playwright's clock: the page's time
 * is moved by the test, and the main process judges the token at the same instant.
 */
import type { Locator } from '@playwright/test'
import { expect, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, OWN_ROX_MANIFEST, epochSeconds, hsToken, roxchatVisitor } from './keys'
import { checksPanel, countdownSeconds, expectVerdict, expiryPanel, inspectTyped, teamDetails, verdict, visitorPanel } from './screen'

/** The status pill: an icon (hidden from screen readers) and the status in words. */
function status(expiry: Locator, title: string): Locator {
  return expiry.getByText(new RegExp(`^\\W*${title}$`))
}

const T0 = new Date('2026-06-01T09:00:00.000Z')
const TWO_HOURS = 7200

test('the countdown reads in words and ticks every second once under an hour', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  app.clock.freeze(T0)
  await page.clock.install({ time: T0 })
  await app.open()
  await inspectTyped(page, await hsToken(epochSeconds(T0) + TWO_HOURS))
  await expectVerdict(page, 'Verified')

  const expiry = expiryPanel(page)
  await expect(expiry.getByRole('heading', { name: 'Token expiry' })).toBeVisible()
  // Years, days, hours and minutes in words; a number stays with its unit when the line wraps.
  await expect(page.getByRole('timer')).toHaveText(/^Expires in (2\u00a0hours|1\u00a0hour, 59\u00a0minutes)$/)
  await expect(status(expiry, 'Valid')).toBeVisible()
  // Local time is UTC here: one line says it, not the same line twice.
  await expect(expiry.getByRole('term')).toHaveText(['Time'])
  await expect(expiry.getByRole('definition')).toHaveText(/^Mon, Jun 1, 2026, 11:00\sAM UTC$/)

  // Under an hour left: the seconds show, and the countdown follows the clock exactly.
  await page.clock.pauseAt(new Date(T0.getTime() + 3600_000 + 30_000))
  await page.clock.runFor(1000)
  const before = await countdownSeconds(page)
  expect(before).toBeLessThan(3600)
  expect(before).toBeGreaterThan(3500)
  await page.clock.runFor(2000)
  expect(await countdownSeconds(page)).toBe(before - 2)
  await expect(page.getByRole('timer')).toHaveText(/^Expires in 59\sminutes, \d+\sseconds?$/)
  await expect(status(expiry, 'Expiring soon')).toBeVisible()
  await expect(expiry).toContainText('Less than an hour left')
})

test('the verdict follows the clock: the RingCX minimum, then exp, re-judge banner, check and live region together', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  app.clock.freeze(T0)
  await page.clock.install({ time: T0 })
  await app.open()
  const exp = epochSeconds(T0) + TWO_HOURS
  await inspectTyped(page, await hsToken(exp))
  await expectVerdict(page, 'Verified')
  const announcement = page.locator('[data-test="verdict-announcement"]')
  await expect(announcement).toHaveText('Verdict: Verified, RingCX.')

  // One hour later the token is too close to its expiry for the chat (the default minimum, 1 hour).
  await page.clock.fastForward('01:00:01')
  await expect(verdict(page)).toHaveText(/^Less than 1\shour left since 10:00\sAM — was verified$/)
  await expect(page.getByRole('region', { name: /— was verified$/ })).toContainText('What to do: Treat the visitor as anonymous; do not disclose account data.')
  await expect(announcement).toHaveText(/^Verdict changed: Less than 1\shour left since 10:00\sAM — was verified\. Treat the visitor as anonymous/)
  // The details open by themselves: the reason is the website team's to fix.
  await expect(teamDetails(page)).toHaveAttribute('open', '')
  await expect(checksPanel(page).getByRole('listitem').filter({ hasText: 'Expiry (exp)' })).toContainText('Failed')
  await expect(page.getByRole('region', { name: 'Problems found' })).toContainText('Code ringcx-jwt-exp-too-soon')
  await expect(visitorPanel(page)).toContainText('No longer verified')
  await expect(visitorPanel(page).getByText('Sent by website, not verified').first()).toBeVisible()

  // At exp (and its clock tolerance) it has run out: the banner says when.
  await page.clock.fastForward('01:00:10')
  await expect(verdict(page)).toHaveText(/^Expired at 11:00\sAM — was verified$/)
  await expect(status(expiryPanel(page), 'Expired')).toBeVisible()
  await expect(checksPanel(page).getByRole('listitem').filter({ hasText: 'Expiry (exp)' })).toContainText('Failed')
  await expect(page.getByRole('region', { name: 'Problems found' })).toContainText('Code ringcx-jwt-expired')
  await expect(announcement).toHaveText(/^Verdict changed: Expired at 11:00\sAM — was verified\./)

  // Main agrees when asked at that moment: the window's verdict is the core's.
  app.clock.freeze(new Date((exp + 11) * 1000))
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
  await expectVerdict(page, 'Rejected')
  await expect(page.getByRole('region', { name: 'Problems found' })).toContainText('Code ringcx-jwt-expired')
})

test('a Rox.Chat visitor turns rejected when its expires passes', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_ROX_MANIFEST, 'rox.json')
  app.clock.freeze(T0)
  await page.clock.install({ time: T0 })
  await app.open()
  await inspectTyped(page, roxchatVisitor({ id: 'v-7', display_name: 'Ann' }, epochSeconds(T0) + 600))
  await expectVerdict(page, 'Verified')
  await page.clock.fastForward('10:00')
  await expect(verdict(page)).toHaveText(/^Expired at 9:10\sAM — was verified$/)
  await expect(status(expiryPanel(page), 'Expired')).toBeVisible()
  await expect(checksPanel(page).getByRole('listitem').filter({ hasText: 'Expiry (expires)' })).toContainText('Failed')
})

test('without a fake clock the countdown moves on its own', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.open()
  // Ten minutes left: too close to expiry to verify, but the countdown shows its seconds.
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + 600))
  await expectVerdict(page, 'Rejected')

  const first = await countdownSeconds(page)
  await expect.poll(() => countdownSeconds(page), { timeout: 4000 }).toBeLessThanOrEqual(first - 2)
})

test.describe('in a time zone other than UTC', () => {
  test.use({ timezoneId: 'Europe/Berlin' })

  test('local time and UTC differ only in the time and the zone', async ({ app }) => {
    const { page } = app
    await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
    app.clock.freeze(T0)
    await page.clock.setFixedTime(T0)
    await app.open()
    await inspectTyped(page, await hsToken(epochSeconds(T0) + TWO_HOURS))
    await expect(expiryPanel(page).getByRole('term')).toHaveText(['Local time', 'UTC'])
    await expect(expiryPanel(page).getByRole('definition')).toHaveText([/^Mon, Jun 1, 2026, 1:00\sPM GMT\+2$/, /^Mon, Jun 1, 2026, 11:00\sAM UTC$/])
  })
})

test('a rejected token shows its time left without calling it valid', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.open()
  // A stored key signed it, but the header names a Key ID that is not in the store.
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + TWO_HOURS, {}, OWN_HS.secret, 'hs_retired'))
  await expectVerdict(page, 'Rejected')

  const expiry = expiryPanel(page)
  await expect(status(expiry, 'Not accepted')).toBeVisible()
  await expect(status(expiry, 'Valid')).toHaveCount(0)
  await expect(page.getByRole('timer')).toHaveText(/^Expires in (1\shour, 59\sminutes|2\shours)$/)
  await expect(expiry).toContainText('rejected for another reason')
})
