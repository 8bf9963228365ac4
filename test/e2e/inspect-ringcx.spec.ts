/**
 * RingCX identities as an agent inspects them: a verified token with its fields and sources, the
 * matched key, and rejected tokens with their codes explained in plain words.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CODE_INFO, type IssueCode } from '../../electron/common/codes'
import { expect, pasteOutsideFields, test } from './app-harness'
import { OWN_HS, OWN_HS_MANIFEST, OWN_RSA, OWN_RSA_MANIFEST, epochSeconds, hsToken, rsToken } from './keys'
import { checksPanel, expectVerdict, fieldLabels, fieldRow, inspectTyped, keyRow, openTeamDetails, resultArea, showView, visitorPanel } from './screen'

const IN_A_DAY = epochSeconds(new Date()) + 86_400

test.beforeEach(async ({ app }) => {
  await app.seedKeys(OWN_HS_MANIFEST, 'website-hs.json')
  await app.seedKeys(OWN_RSA_MANIFEST, 'website-rsa.json')
})

test('a verified token shows the visitor, each value’s source and the key that matched', async ({ app }) => {
  const { page } = app
  const fingerprint = app.keyStore.list(new Date()).find((key) => key.kid === OWN_HS.kid)?.fingerprint
  await app.open()
  await inspectTyped(page, await hsToken(IN_A_DAY, { screenname: 'ann_l' }))

  await expectVerdict(page, 'Verified')
  await expect(page.getByRole('region', { name: 'Verified' })).toContainText('RingCX · JWT')
  await expect(page.getByRole('status').filter({ hasText: 'Verdict: Verified, RingCX.' })).toBeAttached()

  const panel = visitorPanel(page)
  // The vendor's order of identity attributes.
  expect(await fieldLabels(panel)).toEqual(['UUID', 'First name', 'Last name', 'Email', 'Screen name', 'Company'])
  await expect(fieldRow(panel, 'First name').value).toHaveText('Ann')
  await expect(fieldRow(panel, 'Email').value).toHaveText('ann.lee@example.com')
  for (const label of ['UUID', 'First name', 'Email']) await expect(fieldRow(panel, label).source).toHaveText(/Provided by website, verified/)

  await openTeamDetails(page)
  const checks = checksPanel(page)
  await expect(checks.getByText('Verified with key')).toBeVisible()
  await expect(checks.getByRole('code').filter({ hasText: OWN_HS.kid })).toBeVisible()
  await expect(checks.getByRole('code').filter({ hasText: fingerprint ?? '-' })).toBeVisible()
  await expect(checks.getByRole('listitem').filter({ hasText: 'Signature' })).toContainText('Passed')
  await expect(checks.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0)

  // The match is counted for rotation hints, and the Keys view shows it at once.
  expect(app.keyStore.list(new Date()).find((key) => key.kid === OWN_HS.kid)).toMatchObject({ matchCount: 1 })
  await showView(page, 'Keys')
  const row = keyRow(page, OWN_HS.kid)
  await expect(row.getByRole('cell').nth(5)).toHaveText('1')
  await expect(row.getByRole('cell').nth(4)).not.toHaveText('never')
  await expect(keyRow(page, OWN_RSA.kid).getByRole('cell').nth(4)).toHaveText('never')

  // Each further inspection shows up too, also while the Keys view stays open in between.
  await showView(page, 'Inspector')
  await inspectTyped(page, await rsToken(IN_A_DAY))
  await expectVerdict(page, 'Verified')
  await showView(page, 'Keys')
  await expect(keyRow(page, OWN_RSA.kid).getByRole('cell').nth(5)).toHaveText('1')
})

test('a payload file opened with Open… (an RS256 token in a page snippet) is inspected', async ({ app }) => {
  const { page } = app
  const dir = await mkdtemp(join(tmpdir(), 'vi-e2e-payload-'))
  try {
    const file = join(dir, 'checkout.html')
    await writeFile(file, `<script>\n  _chatq.push(['_setSignedIdentity', '${await rsToken(IN_A_DAY)}']);\n</script>\n`)
    app.dialogs.payloadFile = file
    await app.open()
    await page.getByRole('button', { name: 'Open…' }).click()

    await expectVerdict(page, 'Verified')
    await expect(page.getByRole('region', { name: 'Verified' })).toContainText('checkout.html')
    await openTeamDetails(page)
    await expect(checksPanel(page).getByRole('code').filter({ hasText: OWN_RSA.kid })).toBeVisible()
    await expect(fieldRow(visitorPanel(page), 'UUID').value).toHaveText('e2e-visitor-0001')
    expect(app.dialogs.opened).toEqual(['pickPayloadFile'])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

const OTHER_SECRET = 'abcdefabcdefabcdefabcdef'

interface RejectedCase {
  readonly what: string
  readonly token: () => Promise<string>
  readonly code: IssueCode
  readonly check: string
  /** A key whose signature matches, although the token is rejected for another reason. */
  readonly signedBy: string | null
}

const REJECTED: readonly RejectedCase[] = [
  { what: 'signed with another secret', token: () => hsToken(IN_A_DAY, {}, OTHER_SECRET), code: 'ringcx-jwt-bad-signature', check: 'Signature', signedBy: null },
  { what: 'naming a Key ID not in the store', token: () => hsToken(IN_A_DAY, {}, OTHER_SECRET, 'hs_nobody'), code: 'ringcx-jwt-unknown-kid', check: 'Key ID', signedBy: null },
  { what: 'expired an hour ago', token: () => hsToken(epochSeconds(new Date()) - 3600), code: 'ringcx-jwt-expired', check: 'Expiry (exp)', signedBy: OWN_HS.kid },
  { what: 'naming a retired Key ID but signed with a stored key', token: () => hsToken(IN_A_DAY, {}, OWN_HS.secret, 'hs_retired'), code: 'ringcx-jwt-unknown-kid', check: 'Key ID', signedBy: OWN_HS.kid },
]

for (const rejected of REJECTED) {
  test(`a token ${rejected.what} is rejected with ${rejected.code} explained`, async ({ app }) => {
    const { page } = app
    await app.open()
    // Ctrl+V outside the editor inspects the clipboard at once.
    await pasteOutsideFields(page, await rejected.token())

    await expectVerdict(page, 'Rejected')
    await expect(page.getByRole('region', { name: 'Rejected' })).toContainText('The chat would not accept this identity')
    await expect(page.getByRole('region', { name: 'Rejected' })).toContainText('What to do: Treat the visitor as anonymous; do not disclose account data.')

    const problems = page.getByRole('region', { name: 'Problems found' })
    const error = problems.getByRole('listitem').filter({ hasText: `Code ${rejected.code}` })
    await expect(error).toContainText(`Error: ${CODE_INFO[rejected.code].summary}`)
    await expect(error).toContainText(`What to do: ${CODE_INFO[rejected.code].advice}`)

    await expect(checksPanel(page).getByRole('listitem').filter({ hasText: rejected.check })).toContainText('Failed')
    const matchedKey = checksPanel(page).locator('[data-test="matched-key"]')
    if (rejected.signedBy === null) await expect(matchedKey).toHaveText('No key verified this payload.')
    else {
      // The key made the signature, but nothing calls the rejected identity verified.
      await expect(matchedKey.getByRole('code').filter({ hasText: rejected.signedBy })).toBeVisible()
      await expect(matchedKey).toContainText('Signature made with key (the identity is still rejected)')
      await expect(matchedKey).not.toContainText(/verified/i)
    }
    if (rejected.code === 'ringcx-jwt-unknown-kid' && rejected.signedBy !== null) {
      await expect(matchedKey).toContainText('The token’s header names another key “hs_retired”, which is not in your key store.')
    }

    // Nothing of a rejected identity is shown as trusted: only a collapsed "not accepted" section.
    await expect(visitorPanel(page)).toBeHidden()
    const notAccepted = page.getByText(/Not accepted — do not trust/)
    await expect(notAccepted).toBeVisible()
    await expect(resultArea(page).getByRole('cell', { name: 'Ann', exact: true })).toBeHidden()
    await notAccepted.click()
    await expect(resultArea(page).getByRole('row', { name: /firstname/ })).toContainText('Sent by website, not verified')
    // The decoded token beside the token shows the claims as received, and says not to trust them.
    await expect(page.locator('[data-test="decoded-untrusted"]')).toHaveText(/not verified: do not trust them/)
  })
}

test('File › Paste and Inspect inspects the text main read from the clipboard, and refuses over 1 MiB', async ({ app }) => {
  const { page } = app
  await app.open()
  await showView(page, 'Keys')

  // Main reads the clipboard and sends the text along: the page is granted no clipboard permission.
  await app.pasteFromMenu(await hsToken(IN_A_DAY))
  await expect(page.getByRole('heading', { name: 'Inspector', level: 2 })).toBeAttached()
  await expectVerdict(page, 'Verified')
  await expect(page.getByRole('region', { name: 'Verified' })).toContainText('pasted text')
  await expect(page.getByRole('textbox', { name: 'Payload', exact: true })).toHaveValue(/^eyJ/)

  await app.pasteFromMenu('x'.repeat(1536 * 1024))
  const problem = page.getByRole('alert').filter({ hasText: 'input-too-large' })
  await expect(problem).toContainText('The text on the clipboard is 1.5 MiB')
  await expect(problem).toContainText(CODE_INFO['input-too-large'].summary)
  expect(app.calls.filter((call) => call.channel === 'inspect:payload')).toHaveLength(1)
})
