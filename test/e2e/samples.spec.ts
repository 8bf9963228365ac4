/**
 * The Samples view end to end: a folder of samples picked in the (harness's) folder dialog is
 * inspected by the real main-process run, each sample shown with its verdict and whether its
 * `expect` was met; filters, opening a sample in the Inspector, re-running after a settings
 * change, and cancelling a long run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, OWN_ROX, OWN_ROX_MANIFEST } from './keys'
import { LIBRARY, writeLongLibrary, writeSampleLibrary } from './sample-library'
import { expectVerdict, openTeamDetails, sampleRow, samplesTable, showView } from './screen'

let filesDir: string
test.beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'vi-e2e-samples-'))
})
test.afterAll(async () => {
  await rm(filesDir, { recursive: true, force: true })
})

const progress = (page: Page) => page.locator('[data-test="samples-progress"]')
const sampleCount = (page: Page) => page.locator('[data-test="samples-count"]')
const statusFilter = (page: Page, name: string) => page.getByRole('group', { name: 'Filter samples' }).getByRole('button', { name: new RegExp(`^${name} \\d+$`) })

test('a picked folder of samples shows each verdict and expectation, filters, opens in the Inspector and re-runs', async ({ app }) => {
  const { page } = app
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.seedKeys(OWN_ROX_MANIFEST, 'roxchat.json')
  app.dialogs.answer('pickSampleFolder', await writeSampleLibrary(filesDir, { hs: OWN_HS, rox: OWN_ROX }))
  await app.open()
  await showView(page, 'Samples')
  await expect(page.getByText('Open a folder of samples, or pick sample files.')).toBeVisible()

  await page.getByRole('button', { name: 'Open folder…' }).click()
  await expect(progress(page)).toContainText(/^Done: 7 files in/)
  expect(app.dialogs.opened).toEqual(['pickSampleFolder'])
  await expect(page.getByText('library', { exact: true })).toBeVisible()
  await expect(sampleCount(page)).toHaveText('7 samples')

  // Every file in walk order, with its expectation status and verdict in words.
  await expect(samplesTable(page).getByRole('rowheader')).toHaveText(LIBRARY.map((row) => row.file))
  for (const row of LIBRARY) {
    await expect(sampleRow(page, row.file).getByRole('cell').nth(0), row.file).toHaveText(new RegExp(`${row.status}$`))
    await expect(sampleRow(page, row.file).getByRole('cell').nth(1), row.file).toHaveText(row.verdict)
  }
  const failed = sampleRow(page, 'library/ringcx/c-other-secret.sample.json')
  await expect(failed).toContainText('verdict: expected "verified", got "rejected"')
  await expect(failed).toContainText('ringcx-jwt-bad-signature')
  await expect(sampleRow(page, 'library/huge.json')).toContainText('huge.json: it is 1.0 MiB')
  await expect(sampleRow(page, 'library/huge.json')).not.toContainText(filesDir)
  await expect(sampleRow(page, 'library/keys.json')).toContainText('a key or settings file, not a sample')
  // A key file is never opened; every other sample can be.
  await expect(sampleRow(page, 'library/keys.json').getByRole('button')).toHaveCount(0)

  // Filters: by status (counts on the chips), by kind, and both.
  await expect(statusFilter(page, 'Expectation met')).toHaveText(/3$/)
  await statusFilter(page, 'Expectation failed').click()
  await expect(statusFilter(page, 'Expectation failed')).toHaveAttribute('aria-pressed', 'true')
  await expect(samplesTable(page).getByRole('rowheader')).toHaveText(['library/ringcx/c-other-secret.sample.json'])
  await expect(sampleCount(page)).toHaveText('1 of 7 samples match the filter')
  await statusFilter(page, 'Expectation met').click()
  await expect(samplesTable(page).getByRole('rowheader')).toHaveCount(4)
  const kind = page.getByRole('combobox', { name: 'Kind' })
  await kind.selectOption('roxchat')
  await expect(samplesTable(page).getByRole('rowheader')).toHaveText(['library/roxchat/e-visitor.sample.json'])
  await statusFilter(page, 'Expectation failed').click()
  await statusFilter(page, 'Expectation met').click()
  await kind.selectOption('unknown')
  await expect(samplesTable(page).getByRole('rowheader')).toHaveText(['library/huge.json', 'library/keys.json'])
  await kind.selectOption('all')
  await expect(sampleCount(page)).toHaveText('7 samples')

  // Open one in the Inspector: read again and inspected by main, with its expectation.
  const opened = 'library/ringcx/a-two-hours-left.sample.json'
  await sampleRow(page, opened).getByRole('button', { name: `Open in Inspector: ${opened}` }).click()
  await expect(page.getByRole('heading', { name: 'Inspector', level: 2 })).toBeAttached()
  await expectVerdict(page, 'Verified')
  await expect(page.getByRole('region', { name: 'Verified' })).toContainText(opened)
  await openTeamDetails(page)
  await expect(page.getByText(/Sample expectation met/)).toBeVisible()
  // Back to Samples returns to the row that was opened.
  await page.getByRole('button', { name: 'Back to Samples' }).click()
  await expect(sampleRow(page, opened).getByRole('button', { name: `Open in Inspector: ${opened}` })).toBeFocused()
  await showView(page, 'Inspector')

  // A stricter setting: the sample with two hours left no longer verifies. The run re-runs by itself.
  await showView(page, 'Settings')
  await page.getByRole('textbox', { name: 'Minimum time left on a token (seconds)' }).fill('10800')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled()

  await showView(page, 'Inspector')
  await expectVerdict(page, 'Rejected')
  await expect(page.getByText(/^\W*Re-checked with the new settings\.$/)).toBeVisible()

  await showView(page, 'Samples')
  await expect(progress(page)).toContainText(/^Done: 7 files in/)
  await expect(sampleRow(page, opened).getByRole('cell').nth(0)).toHaveText(/Expectation failed$/)
  await expect(sampleRow(page, opened)).toContainText('ringcx-jwt-exp-too-soon')
  await expect(statusFilter(page, 'Expectation met')).toHaveText(/2$/)
  await expect(page.getByRole('alert').filter({ hasText: 'changed since this run' })).toHaveCount(0)
  expect(app.calls.filter((call) => call.channel === 'samples:rerun')).toHaveLength(1)
})

test.describe('a long run', () => {
  // One file at a time, so that the run is still going when Cancel is pressed.
  test.use({ samplesWindow: 1 })

  test('can be cancelled: it stops, says after how many files, and keeps the rows it has', async ({ app }) => {
    const { page } = app
    await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
    app.dialogs.answer('pickSampleFolder', await writeLongLibrary(filesDir, 4000, OWN_HS.kid))
    await app.open()
    await showView(page, 'Samples')

    await page.getByRole('button', { name: 'Open folder…' }).click()
    // Some files are done, not all.
    await expect(progress(page)).toContainText(/^Inspecting… [1-9][\d,]* of [\d,]+ files/)
    await progress(page).getByRole('button', { name: 'Cancel' }).click()

    await expect(progress(page)).toContainText(/^Cancelled after [\d,]+ of [\d,]+ files/)
    await expect(progress(page).getByRole('button', { name: 'Cancel' })).toBeHidden()
    const text = await progress(page).innerText()
    const [, done = '', found = ''] = /Cancelled after ([\d,]+) of ([\d,]+) files/.exec(text) ?? []
    const doneCount = Number(done.replaceAll(',', ''))
    expect(doneCount).toBeGreaterThan(0)
    expect(doneCount).toBeLessThan(4000)
    expect(Number(found.replaceAll(',', ''))).toBeLessThanOrEqual(4000)
    // The rows done so far stay, and no more arrive; they are partial, and the window says so.
    await expect(progress(page)).toContainText('the results below are partial')
    await expect(sampleCount(page)).toHaveText(`${done} samples — partial: the run was cancelled`)
    await page.waitForTimeout(500)
    await expect(sampleCount(page)).toHaveText(`${done} samples — partial: the run was cancelled`)
    expect(app.calls.filter((call) => call.channel === 'samples:cancel')).toHaveLength(1)
  })
})
