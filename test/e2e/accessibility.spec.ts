/**
 * An axe-core audit (WCAG 2.0 and 2.1, levels A and AA) of every view, light and dark, with
 * something real in each; any violation fails the test with what axe found.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './app-harness'
import { VIEW_STATES, openWithDemo, showState, withSampleLibrary } from './states'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

for (const theme of ['light', 'dark'] as const) {
  test(`every view passes axe-core (WCAG 2.1 A and AA), ${theme}`, async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    await page.emulateMedia({ colorScheme: theme })
    await withSampleLibrary(app, async () => {
      await app.open()
      // The first start, before anything is loaded.
      const first = await new AxeBuilder({ page }).withTags(TAGS).analyze()
      expect(first.violations.map(({ id, nodes }) => ({ id, nodes: nodes.map((node) => node.target.join(' ')) })), 'first start').toEqual([])
      await openWithDemo(app)
      for (const state of VIEW_STATES) {
        await showState(page, state)
        // Open what a person would open: the details and the JSON as received.
        const details = page.locator('[data-test="website-team-details"]:not([open]) > summary')
        if (await details.count() > 0) await details.click()
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze()
        const violations = results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`) }))
        expect(violations, `${state}, ${theme}`).toEqual([])
      }
    })
  })
}
