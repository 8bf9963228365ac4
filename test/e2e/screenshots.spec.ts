/**
 * Screenshots for the README (`npm run screenshots`, never part of `npm test`), light and dark
 * (the theme follows the system): the Inspector with a verified Rox.Chat merge, with a rejected
 * RingCX token and as the first screen of a 900×700 window, the Keys view and the Settings view;
 * the Samples view in light. Time is frozen so that the same build draws the same pixels on every
 * run, but for the duration of the sample run, which main measures.
 */
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './app-harness'
import { CAPTURE_JUDGED_AT, sessionHar } from './capture-library'
import { PROJECT_ROOT, SCREENSHOTS_DIR } from './paths'
import { writeSampleLibrary } from './sample-library'
import { demoLibraryKeys } from './states'
import { expectVerdict, fieldRow, keysTable, showView, visitorPanel } from './screen'

const AT = new Date('2026-06-01T09:00:00.000Z')
const DEMO_KEY_COUNT = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'resources', 'examples', 'demo-keys.json'), 'utf8')) as { keys: unknown[] }).keys.length
const WIDTH = 1200
const HEIGHT = 800

// A zone other than UTC, so local time and UTC differ as they do for most users.
test.use({ timezoneId: 'Europe/Berlin', viewport: { width: WIDTH, height: HEIGHT } })

/**
 * The whole page, drawn in a window as tall as the page: a full-page capture of an 800 px window
 * would paint Settings' sticky action bar in the middle of the form.
 */
async function save(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.mouse.move(0, 0)
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: WIDTH, height: Math.max(HEIGHT, height) })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' })
  await page.setViewportSize({ width: WIDTH, height: HEIGHT })
}

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots, ${theme}`, async ({ app }) => {
    const { page } = app
    await mkdir(SCREENSHOTS_DIR, { recursive: true })
    await page.emulateMedia({ colorScheme: theme })
    app.clock.freeze(AT)
    await page.clock.setFixedTime(AT)
    await app.open()

    await page.getByRole('button', { name: 'Load DEMO keys and examples' }).click()
    await expectVerdict(page, 'Verified')
    const examples = page.getByRole('region', { name: 'DEMO Example payloads' }).getByRole('combobox')

    await examples.selectOption('roxchat-merge.sample.json')
    await expect(fieldRow(visitorPanel(page), 'Info').value).toHaveText('Prefers e-mail')
    await fieldRow(visitorPanel(page), 'Display name').row.getByRole('button', { name: 'Overrides 1 other value' }).click()
    await save(page, `inspector-roxchat-merge-${theme}`)

    await examples.selectOption('ringcx-bad-signature.jwt')
    await expectVerdict(page, 'Rejected')
    await save(page, `inspector-ringcx-rejected-${theme}`)

    // What an agent sees first in a 900×700 window: the verdict and the visitor.
    await examples.selectOption('ringcx-verified-hs256.jwt')
    await expectVerdict(page, 'Verified')
    await page.setViewportSize({ width: 900, height: 700 })
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur()
      window.scrollTo(0, 0)
    })
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `inspector-first-screen-${theme}.png`), animations: 'disabled', caret: 'hide' })
    await page.setViewportSize({ width: WIDTH, height: HEIGHT })

    await showView(page, 'Keys')
    await expect(keysTable(page).getByRole('row')).toHaveCount(DEMO_KEY_COUNT + 1)
    await save(page, `keys-${theme}`)

    if (theme === 'light') {
      const dir = await mkdtemp(join(tmpdir(), 'vi-e2e-screenshot-samples-'))
      try {
        app.dialogs.answer('pickSampleFolder', await writeSampleLibrary(dir, await demoLibraryKeys()))
        await showView(page, 'Samples')
        await page.getByRole('button', { name: 'Open folder…' }).click()
        await expect(page.locator('[data-test="samples-progress"]')).toContainText(/^Done: 7 files/)
        await save(page, 'samples-light')

        // A capture signed with the demo keys: its findings, renewal timeline and identities.
        const capture = join(dir, 'session.har')
        await writeFile(capture, await sessionHar(await demoLibraryKeys()))
        app.dialogs.answer('pickCaptureFiles', [capture])
        // Judged shortly after the session, as QA would audit it.
        app.clock.freeze(CAPTURE_JUDGED_AT)
        await showView(page, 'Captures')
        await page.getByRole('button', { name: 'Open captures…' }).click()
        await expect(page.locator('[data-test="capture-summary"]')).toContainText('4 identities')
        await save(page, 'captures-light')
        app.clock.freeze(AT)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }

    await showView(page, 'Settings')
    await expect(page.getByRole('button', { name: 'Save settings' })).toBeVisible()
    await save(page, `settings-${theme}`)
  })
}
