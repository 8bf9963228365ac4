/**
 * A Rox.Chat visitor merged with the service's and an agent's fields (the example sample file),
 * and what changing the priority order in Settings does to that panel.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './app-harness'
import { example } from './paths'
import { expectVerdict, fieldLabels, fieldRow, showView, visitorPanel } from './screen'

const MERGE_SAMPLE = example('roxchat-merge.sample.json')

test.beforeEach(async ({ app }) => {
  await app.seedKeys(await readFile(example('demo-keys.json'), 'utf8'), 'demo-keys.json')
  app.dialogs.payloadFile = MERGE_SAMPLE
})

async function openSample(page: Page): Promise<void> {
  await page.keyboard.press('Control+O')
  await expectVerdict(page, 'Verified')
}

test('the merged panel shows every field in the vendor’s order with its source and what it overrode', async ({ app }) => {
  const { page } = app
  await app.open()
  await openSample(page)
  await expect(page.getByRole('region', { name: 'Verified' })).toContainText('Rox.Chat · visitor object · roxchat-merge.sample.json')

  const panel = visitorPanel(page)
  expect(await fieldLabels(panel)).toEqual(['ID', 'Display name', 'Phone', 'Email', 'Comment', 'Info', 'Priority'])
  const expected: readonly [label: string, value: string, source: string][] = [
    ['ID', '12345', 'Provided by website, verified'],
    ['Display name', 'John', 'Provided by website, verified'],
    ['Phone', '+10432234376', 'Provided by website, verified'],
    ['Email', 'abc@rox.chat', 'Provided by website, verified'],
    ['Comment', 'Called from the mobile app', 'Recognised by service'],
    ['Info', 'Prefers e-mail', 'Entered by agent'],
    ['Priority', '1', 'Entered by agent'],
  ]
  for (const [label, value, source] of expected) {
    const row = fieldRow(panel, label)
    await expect(row.value).toContainText(value)
    await expect(row.source).toHaveText(new RegExp(`${source}$`))
  }

  // The winner's marker expands to the value it overrode and that value's source.
  const marker = fieldRow(panel, 'Display name').row.getByRole('button', { name: 'Overrides 1 other value' })
  await expect(marker).toHaveAttribute('aria-expanded', 'false')
  await marker.click()
  const overridden = panel.getByRole('list', { name: 'Values of Display name that this one overrides' })
  await expect(overridden).toBeVisible()
  await expect(overridden.getByRole('listitem')).toHaveCount(1)
  await expect(overridden.getByRole('listitem')).toContainText('John Smith')
  await expect(overridden.getByRole('listitem')).toContainText('Entered by agent')
  await expect(fieldRow(panel, 'Phone').row.getByRole('button', { name: 'Overrides 1 other value' })).toBeVisible()

  // The override buttons name their field and are big enough to hit (24 px at least).
  await expect(marker).toHaveAccessibleName('Overrides 1 other value of Display name')
  expect((await marker.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(24)

  // high_priority = "1" shows the badge once, in the panel's header.
  await expect(panel.getByText('High priority')).toHaveCount(1)

  // The legend names each source the panel uses.
  for (const source of ['Provided by website, verified', 'Recognised by service', 'Entered by agent']) {
    await expect(panel.getByRole('definition').or(panel.getByRole('term')).filter({ hasText: source }).first()).toBeVisible()
  }

  // A field the agent's panel does not show is listed apart, with the vendor's reason.
  const unmapped = page.getByRole('region', { name: /Not shown in the agent panel/ })
  await expect(unmapped).toContainText('the agent’s visitor panel does not show them')
  await expect(unmapped.getByRole('row', { name: /loyalty_tier/ })).toContainText('silver')
})

test('moving “Entered by agent” to the top in Settings makes the agent’s values win', async ({ app }) => {
  const { page } = app
  await app.open()
  await openSample(page)
  await expect(fieldRow(visitorPanel(page), 'Display name').value).toContainText('John')

  await showView(page, 'Settings')
  const priority = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Move Entered by agent up' }) })
  const order = async (): Promise<string[]> => (await priority.getByRole('listitem').allInnerTexts()).map((text) => text.split('\n').find((line) => /^(Provided|Recognised|Entered)/.test(line.trim()))?.trim() ?? text)
  expect(await order()).toEqual(['Provided by website', 'Recognised by service', 'Entered by agent'])

  // By keyboard: the focus stays on the moved item's button.
  await page.getByRole('button', { name: 'Move Entered by agent up' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Move Entered by agent up' })).toBeFocused()
  await page.keyboard.press('Enter')
  expect(await order()).toEqual(['Entered by agent', 'Provided by website', 'Recognised by service'])
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes.' })).toBeVisible()

  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' }).first()).toBeVisible()
  const saved = JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')) as unknown
  expect(JSON.stringify(saved)).toContain('["opFields","providedFields","fields"]')

  await showView(page, 'Inspector')
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
  await expectVerdict(page, 'Verified')

  const panel = visitorPanel(page)
  const displayName = fieldRow(panel, 'Display name')
  await expect(displayName.value).toContainText('John Smith')
  await expect(displayName.source).toHaveText(/Entered by agent$/)
  await displayName.row.getByRole('button', { name: 'Overrides 1 other value' }).click()
  const overridden = panel.getByRole('list', { name: 'Values of Display name that this one overrides' })
  await expect(overridden.getByRole('listitem')).toContainText('John')
  await expect(overridden.getByRole('listitem')).toContainText('Provided by website, verified')
  // Fields only one source filled keep their source.
  await expect(fieldRow(panel, 'Phone').source).toHaveText(/Provided by website, verified$/)
})

test('dragging “Recognised by service” to the top with the mouse makes the service’s phone win', async ({ app }) => {
  const { page } = app
  await app.open()
  await openSample(page)

  await showView(page, 'Settings')
  const priority = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Move Entered by agent up' }) })
  const service = priority.getByRole('listitem').filter({ hasText: 'Recognised by service' })
  await service.dragTo(priority.getByRole('listitem').first())
  await expect(priority.getByRole('listitem').first()).toContainText('Recognised by service')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' }).first()).toBeVisible()

  await showView(page, 'Inspector')
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
  const phone = fieldRow(visitorPanel(page), 'Phone')
  await expect(phone.value).toContainText('+10432234399')
  await expect(phone.source).toHaveText(/Recognised by service$/)
  await expect(fieldRow(visitorPanel(page), 'Display name').source).toHaveText(/Provided by website, verified$/)
})
