/**
 * The live expiry countdown, on Playwright's clock: the page's time is moved by the test, and the
 * main process judges the token at the same instant.
 */
import type { Locator } from '@playwright/test'
import { expect, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, epochSeconds, hsToken } from './keys'
import { countdownSeconds, expectVerdict, expiryPanel, inspectTyped } from './screen'

/** The status pill: an icon (hidden from screen readers) and the status in words. */
function status(expiry: Locator, title: string): Locator {
  return expiry.getByText(new RegExp(`^\\W*${title}$`))
}

const T0 = new Date('2026-06-01T09:00:00.000Z')
const TWO_HOURS = 7200

test('the countdown ticks every second and the status follows it to expired', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  app.clock.freeze(T0)
  await page.clock.install({ time: T0 })
  await app.open()
  await inspectTyped(page, await hsToken(epochSeconds(T0) + TWO_HOURS))
  await expectVerdict(page, 'Verified')

  const expiry = expiryPanel(page)
  await expect(expiry.getByRole('heading', { name: 'Token expiry' })).toBeVisible()
  // A number stays with its unit when the line wraps: no-break spaces join them.
  await expect(page.getByRole('timer')).toHaveText(/^Expires in \d\u00a0h \d\d\u00a0min\u00a0\d\d\u00a0s$/)
  await expect(status(expiry, 'Valid')).toBeVisible()
  // The absolute time, in local time (UTC here) and in UTC, written alike.
  await expect(expiry.getByRole('term')).toHaveText(['Local time', 'UTC'])
  await expect(expiry.getByRole('definition')).toHaveText(['Mon, Jun 1, 2026, 11:00:00 AM UTC', 'Mon, Jun 1, 2026, 11:00:00 AM UTC'])

  // Stop the clock, let one tick land, then let two seconds pass: the countdown follows exactly.
  await page.clock.pauseAt(new Date(T0.getTime() + 30_000))
  await page.clock.runFor(1000)
  const before = await countdownSeconds(page)
  expect(before).toBeGreaterThan(TWO_HOURS - 60)
  expect(before).toBeLessThanOrEqual(TWO_HOURS)
  await page.clock.runFor(2000)
  expect(await countdownSeconds(page)).toBe(before - 2)
  await expect(page.getByRole('timer')).toHaveText(/^Expires in 1\sh\s59\smin\s\d\d\ss$/)

  // Under an hour left: expiring soon, and RingCX's advice to issue a new token.
  await page.clock.fastForward('01:00:00')
  await expect(status(expiry, 'Expiring soon')).toBeVisible()
  await expect(expiry).toContainText('Less than an hour left')
  await expect(page.getByRole('timer')).toHaveText(/^Expires in 59\smin\s\d\d\ss$/)

  await page.clock.fastForward('01:00:00')
  await expect(status(expiry, 'Expired')).toBeVisible()
  await expect(page.getByRole('timer')).toHaveText(/^Expired \d+\ss ago$|^Expired \d+\smin\s\d\d\ss ago$/)
  await expect(expiry).toContainText('The token has run out')
})

test('without a fake clock the countdown moves on its own', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.open()
  await inspectTyped(page, await hsToken(epochSeconds(new Date()) + TWO_HOURS))
  await expectVerdict(page, 'Verified')

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
    await expect(expiryPanel(page).getByRole('definition')).toHaveText(['Mon, Jun 1, 2026, 01:00:00 PM GMT+2', 'Mon, Jun 1, 2026, 11:00:00 AM UTC'])
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
  await expect(page.getByRole('timer')).toHaveText(/^Expires in 1\sh\s59\smin\s\d\d\ss$/)
  await expect(expiry).toContainText('rejected for another reason')
})
