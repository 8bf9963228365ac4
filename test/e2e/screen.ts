/**
 * What the specs look for on screen, by role and label: the parts of the app a person names.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export type ViewName = 'Inspector' | 'Keys' | 'Samples' | 'Captures' | 'Settings'

export async function showView(page: Page, view: ViewName): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view })
  // Already there: nothing changes, and focus stays where it is.
  if (await button.getAttribute('aria-current') === 'page') return
  await button.click()
  await expect(page.getByRole('heading', { name: view, exact: true, level: 2 })).toBeFocused()
}

/** Types (fills) a payload into the editor and presses Inspect. */
export async function inspectTyped(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Payload', exact: true }).fill(text)
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
}

/** The verdict banner's heading: Verified, Accepted unsigned, Rejected or Logged out. */
export function verdict(page: Page): Locator {
  return page.locator('#verdict-title')
}

export async function expectVerdict(page: Page, title: 'Verified' | 'Accepted, unsigned' | 'Rejected' | 'Logged out'): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible()
}

export function visitorPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Visitor details as the agent sees them' })
}

export function checksPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Checks' })
}

/** The "Details for the website team" disclosure: checks, key, problems, expectation, report. */
export function teamDetails(page: Page): Locator {
  return page.locator('[data-test="website-team-details"]')
}

/** Opens the details (closed by default for an identity that is not rejected). */
export async function openTeamDetails(page: Page): Promise<void> {
  const details = teamDetails(page)
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.getByText('Details for the website team').click()
  await expect(checksPanel(page)).toBeVisible()
}

/** The answer for the agent: banner, visitor, expiry and the fields around them (not the decoded token). */
export function resultArea(page: Page): Locator {
  return page.locator('.result')
}

export function expiryPanel(page: Page): Locator {
  return page.getByRole('region', { name: /expiry$/ })
}

/** One row of a fields table, found by its row header (the field's label). */
export function fieldRow(table: Locator, label: string): { row: Locator; value: Locator; source: Locator } {
  const row = table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: label, exact: true }) })
  return { row, value: row.getByRole('cell').first(), source: row.getByRole('cell').last() }
}

/** The row headers of the visitor panel, top to bottom. */
export async function fieldLabels(panel: Locator): Promise<string[]> {
  return (await panel.getByRole('rowheader').allInnerTexts()).map((text) => text.trim())
}

export function keysTable(page: Page): Locator {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Fingerprint' }) })
}

export function keyRow(page: Page, kid: string): Locator {
  return keysTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${kid}\\b`) }) })
}

export function importReport(page: Page, title: string): Locator {
  return page.getByRole('region', { name: `Import report for ${title}` })
}

/** The countdown, e.g. "Expires in 59 minutes, 30 seconds", in seconds (negative once expired). */
export async function countdownSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').innerText()).trim()
  const units: Record<string, number> = { year: 365 * 86_400, day: 86_400, hour: 3600, minute: 60, second: 1 }
  let total = 0
  for (const [, amount = '0', unit = 'second'] of text.replace(/(\d),(\d)/g, '$1$2').matchAll(/(\d+)\s(year|day|hour|minute|second)s?\b/g)) {
    total += Number(amount) * (units[unit] ?? 0)
  }
  return text.startsWith('Expired') ? -total : total
}

export function samplesTable(page: Page): Locator {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'What happened' }) })
}

/** One row of the samples table, by the file's path as shown. */
export function sampleRow(page: Page, file: string): Locator {
  return samplesTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: file, exact: true }) })
}
