/**
 * The app in the states the layout, reflow and accessibility specs look at: each view with
 * something real in it (demo keys and an inspection, an import report, a finished sample run,
 * Settings with QA tools on).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, type AppHarness } from './app-harness'
import { example } from './paths'
import { writeSampleLibrary, type LibraryKeys } from './sample-library'
import { expectVerdict, showView } from './screen'

export type ViewState = 'inspector-empty' | 'inspector-verified' | 'inspector-rejected' | 'keys' | 'samples' | 'settings'
export const VIEW_STATES: readonly ViewState[] = ['inspector-empty', 'inspector-verified', 'inspector-rejected', 'keys', 'samples', 'settings']

export function examplePicker(page: Page) {
  return page.getByRole('region', { name: 'DEMO Example payloads' }).getByRole('combobox')
}

/** Opens the app with the demo loaded (a verified example on screen). */
export async function openWithDemo(app: AppHarness): Promise<void> {
  await app.open()
  await app.page.getByRole('button', { name: 'Load DEMO keys and examples' }).click()
  await expectVerdict(app.page, 'Verified')
}

interface DemoKey {
  readonly kid: string
  readonly scheme: string
  readonly secret?: string
}

/** The published demo keys sign the sample library, so that the demo store verifies it. */
export async function demoLibraryKeys(): Promise<LibraryKeys> {
  const { keys } = JSON.parse(await readFile(example('demo-keys.json'), 'utf8')) as { keys: DemoKey[] }
  const hs = keys.find((key) => key.kid === 'hs_demo')
  const rox = keys.find((key) => key.scheme === 'roxchat')
  if (hs?.secret === undefined || rox?.secret === undefined) throw new Error('demo-keys.json has no hs_demo or Rox.Chat secret')
  return { hs: { kid: hs.kid, secret: hs.secret }, rox: { secret: rox.secret } }
}

/** A library of samples signed with the demo keys, and a folder dialog that picks it. */
export async function withSampleLibrary(app: AppHarness, use: () => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vi-e2e-states-'))
  try {
    app.dialogs.answer('pickSampleFolder', await writeSampleLibrary(dir, await demoLibraryKeys()))
    await use()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Brings the app (opened with {@link openWithDemo}, samples seeded) to `state`. */
export async function showState(page: Page, state: ViewState): Promise<void> {
  switch (state) {
    case 'inspector-empty':
      await showView(page, 'Inspector')
      return
    case 'inspector-verified':
      await showView(page, 'Inspector')
      await examplePicker(page).selectOption('roxchat-merge.sample.json')
      await expect(page.getByRole('region', { name: 'Verified' })).toContainText('roxchat-merge.sample.json')
      return
    case 'inspector-rejected':
      await showView(page, 'Inspector')
      await examplePicker(page).selectOption('ringcx-bad-signature.jwt')
      await expectVerdict(page, 'Rejected')
      return
    case 'keys':
      await showView(page, 'Keys')
      await page.getByRole('button', { name: 'Paste a key…' }).click()
      return
    case 'samples':
      await showView(page, 'Samples')
      await page.getByRole('button', { name: 'Open folder…' }).click()
      await expect(page.locator('[data-test="samples-progress"]')).toContainText(/^Done: 7 files/)
      return
    case 'settings':
      await showView(page, 'Settings')
      return
  }
}
