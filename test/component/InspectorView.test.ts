import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import InspectorView from '../../src/views/InspectorView.vue'
import { setBridge } from '../../src/bridge'
import { useInspectionStore } from '../../src/stores/inspection'
import { useKeysStore } from '../../src/stores/keys'
import { useSettingsStore } from '../../src/stores/settings'
import { CODE_INFO } from '../../electron/common/codes'
import { createFakeBridge, installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_SETTINGS, importReport, ringcxBadSignature, ringcxUnsignedAccepted, ringcxVerified, roxchatMerged } from './fixtures'
import { dropFiles, fileOfSize, pasteText } from './dom-events'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
})

async function mountInspector() {
  await Promise.all([useKeysStore().refresh(), useSettingsStore().load()])
  const wrapper = mount(InspectorView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

async function inspect(wrapper: Awaited<ReturnType<typeof mountInspector>>, text = 'payload') {
  await wrapper.get('#payload-text').setValue(text)
  await wrapper.get('form.payload-input').trigger('submit')
  await flushPromises()
}

describe('InspectorView', () => {
  it('inspects the text area and shows the verdict in words, with a live announcement', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    const wrapper = await mountInspector()
    await inspect(wrapper, 'eyJ…')
    expect(bridge.inspectPayload).toHaveBeenCalledWith({ text: 'eyJ…' })
    expect(wrapper.get('#verdict-title').text()).toBe('Verified')
    expect(wrapper.get('.verdict__meta').text()).toContain('RingCX · JWT')
    expect(wrapper.get('[data-test="verdict-announcement"]').attributes('aria-live')).toBe('polite')
    expect(wrapper.get('[data-test="verdict-announcement"]').text()).toBe('Verdict: Verified, RingCX.')
    const key = wrapper.get('[data-test="matched-key"]')
    expect(key.text()).toContain('hs_demo')
    expect(key.text()).toContain('secret:EIFS-wiD0s2Ej-EKU1yqnw')
    expect(key.text()).toContain('DEMO')
  })

  it('notes on the banner a sample judged by its own now or config, and only then', async () => {
    const wrapper = await mountInspector()
    const opened = { fileName: 'a.sample.json', text: '{"payload":{}}' }
    const from = { kind: 'file', fileName: 'a.sample.json', demo: false } as const
    useInspectionStore().showInspected({ ...opened, inspection: roxchatMerged({ appliedFromSample: ['now', 'config'] }) }, from)
    await flushPromises()
    const note = wrapper.get('section.verdict [data-test="verdict-sample-note"]')
    expect(note.text()).toMatch(/^SAMPLE Judged by the sample file's own time \(.*2026.*\) and its own settings/)
    useInspectionStore().showInspected({ ...opened, inspection: roxchatMerged({ appliedFromSample: ['config'] }) }, from)
    await flushPromises()
    expect(wrapper.get('[data-test="verdict-sample-note"]').text()).toContain('own settings')
    bridge.inspectPayload.mockImplementation(() => ok(roxchatMerged()))
    await inspect(wrapper)
    expect(wrapper.find('[data-test="verdict-sample-note"]').exists()).toBe(false)
  })

  it('explains each error in plain words with what to do, and lists every check', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect(wrapper.get('#verdict-title').text()).toBe('Rejected')
    const issue = wrapper.get('.issue--error')
    expect(issue.text()).toContain(CODE_INFO['ringcx-jwt-bad-signature'].summary)
    expect(issue.text()).toContain(CODE_INFO['ringcx-jwt-bad-signature'].advice)
    expect(issue.text()).toContain('ringcx-jwt-bad-signature')
    expect(wrapper.get('[data-test="diagnosis"]').text()).toContain('None of the usual mistakes')
    const checks = wrapper.findAll('.check').map(spokenText)
    expect(checks[4]).toContain('Signature Failed')
    expect(checks[0]).toContain('Payload format Passed')
  })

  it('shows a rejected payload’s fields only in the collapsed “not accepted” section', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect(wrapper.find('.visitor-panel').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Signed identity')
    const section = wrapper.get('details.not-accepted')
    expect((section.element as HTMLDetailsElement).open).toBe(false)
    expect(section.get('summary').text()).toContain('Not accepted — do not trust (4 values)')
    expect(section.text()).toContain('mallory@example.com')
    expect(section.text()).toContain('Sent by website, not verified')
    // Nothing outside the section repeats the untrusted values.
    const outside = wrapper.get('.result').element.cloneNode(true) as Element
    outside.querySelector('details.not-accepted')?.remove()
    // The decoded token beside the token (for QA) shows them too, marked as not verified.
    expect(wrapper.get('[data-test="decoded-untrusted"]').text()).toContain('do not trust')
    outside.querySelector('.payload-section')?.remove()
    expect(outside.textContent).not.toContain('mallory@example.com')
  })

  it('shows a merged Rox.Chat visitor, its unmapped fields and a priority badge', async () => {
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect(wrapper.get('.visitor-panel').text()).toContain('High priority')
    expect(wrapper.get('.unmapped').text()).toContain('loyalty_tier')
    expect(wrapper.find('details.not-accepted').exists()).toBe(false)
  })

  it('marks an accepted unsigned identity as unsigned', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxUnsignedAccepted()))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect(wrapper.get('#verdict-title').text()).toBe('Accepted, unsigned')
    expect(wrapper.get('.visitor-panel tbody').text()).toContain('Sent by website, unsigned')
  })

  it('inspects pasted text when the paste lands outside a text field', async () => {
    const wrapper = await mountInspector()
    pasteText(document.body, '{"fields":{"id":"1"},"hash":"x"}')
    await flushPromises()
    expect(bridge.inspectPayload).toHaveBeenCalledWith({ text: '{"fields":{"id":"1"},"hash":"x"}' })
    expect((wrapper.get('#payload-text').element as HTMLTextAreaElement).value).toBe('{"fields":{"id":"1"},"hash":"x"}')
  })

  it('leaves a paste into the text area to the text area', async () => {
    const wrapper = await mountInspector()
    pasteText(wrapper.get('#payload-text').element, 'partial')
    await flushPromises()
    expect(bridge.inspectPayload).not.toHaveBeenCalled()
  })

  it('reads a dropped file and inspects it under its name', async () => {
    const wrapper = await mountInspector()
    const file = fileOfSize('visitor.json', 30, '{"fields":{"id":"1"},"hash":"x"}')
    dropFiles(wrapper.get('.inspector-view').element, [file])
    await flushPromises()
    expect(bridge.inspectPayload).toHaveBeenCalledWith({ text: '{"fields":{"id":"1"},"hash":"x"}', fileName: 'visitor.json' })
    expect(wrapper.get('.verdict__meta').text()).toContain('visitor.json')
  })

  it('refuses a dropped file over 1 MiB before reading it', async () => {
    const wrapper = await mountInspector()
    const file = fileOfSize('page.har', 5 * 1024 * 1024)
    dropFiles(wrapper.get('.inspector-view').element, [file])
    await flushPromises()
    expect(file.reads).toBe(0)
    expect(bridge.inspectPayload).not.toHaveBeenCalled()
    const problem = wrapper.get('[role="alert"]')
    expect(problem.text()).toContain('larger than 1 MiB')
    expect(problem.text()).toContain('page.har is 5.0 MiB')
    expect(problem.text()).toContain('input-too-large')
  })

  it('opens a payload file through the main process with the Open button', async () => {
    bridge.inspectOpenFile.mockImplementation(() => ok({ fileName: 'token.jwt', text: 'eyJ…', inspection: ringcxVerified() }))
    const wrapper = await mountInspector()
    await wrapper.findAll('button').find((button) => button.text().startsWith('Open…'))?.trigger('click')
    await flushPromises()
    expect(bridge.inspectOpenFile).toHaveBeenCalledTimes(1)
    expect(wrapper.get('.verdict__meta').text()).toContain('token.jwt')
  })

  it('shows the hashed message only with QA tools on', async () => {
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect(wrapper.find('[data-test="hashed-message"]').exists()).toBe(false)
    bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, qaTools: true }))
    await useSettingsStore().load()
    await flushPromises()
    expect(wrapper.get('[data-test="hashed-message"]').text()).toContain('Johnabc@rox.chat12345silver+104322343762147483000')
  })

  it('says the result on screen was re-checked when the settings change', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    const wrapper = await mountInspector()
    await inspect(wrapper, 'eyJ…')
    expect(wrapper.find('[data-test="recheck-note"]').exists()).toBe(false)
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    const ringcx = { ...DEMO_SETTINGS.inspection.ringcx, clockToleranceSeconds: 0 }
    bridge.settingsUpdate.mockImplementation(() => ok({ saved: true as const, settings: { ...DEMO_SETTINGS, inspection: { ...DEMO_SETTINGS.inspection, ringcx } } }))
    await useSettingsStore().save({ inspection: { ringcx: { clockToleranceSeconds: 0 } } })
    await flushPromises()
    expect(wrapper.get('#verdict-title').text()).toBe('Rejected')
    expect(spokenText(wrapper.get('[data-test="recheck-note"]'))).toBe('Re-checked with the new settings.')
  })

  it('shows a rejected token’s time left without a green “Valid”', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    const pill = wrapper.get('[data-test="expiry-status"]')
    expect(spokenText(pill)).toBe('Not accepted')
    expect(pill.classes()).not.toContain('status-pill--valid')
    expect(wrapper.get('[data-test="countdown"]').text()).toMatch(/^Expires in/)
  })

  describe('first start with an empty key store', () => {
    beforeEach(() => {
      bridge = createFakeBridge({ keys: false })
      setBridge(bridge)
    })

    it('offers the demo in one click, then inspects an example and shows the picker, all marked DEMO', async () => {
      bridge.inspectPayload.mockImplementation(() => ok(roxchatMerged()))
      const wrapper = await mountInspector()
      const offer = wrapper.get('.demo-offer')
      expect(offer.text()).toContain('No keys yet')
      await offer.findAll('button').find((button) => button.text() === 'Load DEMO keys and examples')?.trigger('click')
      await flushPromises()
      expect(bridge.demoLoad).toHaveBeenCalledTimes(1)
      expect(wrapper.find('.demo-offer').exists()).toBe(false)
      expect(wrapper.get('.examples h3').text()).toContain('DEMO')
      // One compact control for all examples, showing the one on screen.
      const picker = wrapper.get('.examples select')
      expect(wrapper.findAll('.examples button').map((button) => button.attributes('aria-label'))).toEqual(['Hide the DEMO examples'])
      expect((picker.element as HTMLSelectElement).value).toBe('roxchat-merge.sample.json')
      expect(picker.text()).toContain('Rox.Chat visitor merged with service and agent fields — roxchat-merge.sample.json')
      expect(bridge.inspectPayload).toHaveBeenCalledWith({ text: '{"payload":{}}', fileName: 'roxchat-merge.sample.json' })
      expect(wrapper.get('.verdict__meta').text()).toContain('DEMO')
      expect(useInspectionStore().origin?.demo).toBe(true)
    })

    it('inspects the example picked in the list', async () => {
      bridge.demoLoad.mockImplementation(() => ok({
        keys: importReport(),
        examples: [
          { name: 'ringcx-verified-hs256.jwt', description: 'RingCX token, verified (HS256)', text: 'eyJ.verified' },
          { name: 'ringcx-bad-signature.jwt', description: 'RingCX token, altered after signing', text: 'eyJ.altered' },
        ],
      }))
      bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
      const wrapper = await mountInspector()
      await wrapper.findAll('button').find((button) => button.text() === 'Load DEMO keys and examples')?.trigger('click')
      await flushPromises()
      bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
      await wrapper.get('.examples select').setValue('ringcx-bad-signature.jwt')
      await flushPromises()
      expect(bridge.inspectPayload).toHaveBeenLastCalledWith({ text: 'eyJ.altered', fileName: 'ringcx-bad-signature.jwt' })
      expect(wrapper.get('#verdict-title').text()).toBe('Rejected')
      expect(wrapper.get('.verdict__meta').text()).toContain('example ringcx-bad-signature.jwt')
    })
  })

  it.each([
    ['verified', ringcxVerified(), 'Serve the visitor as the person shown; you may discuss their account.'],
    ['rejected', ringcxBadSignature(), 'Treat the visitor as anonymous; do not disclose account data.'],
    ['accepted unsigned', ringcxUnsignedAccepted(), 'Treat these details as the visitor’s own claims: confirm who they are before you disclose account data.'],
  ])('tells the agent in one sentence what to do with a %s identity', async (_name, result, sentence) => {
    bridge.inspectPayload.mockImplementation(() => ok(result))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect(spokenText(wrapper.get('[data-test="agent-action"]'))).toBe(`What to do: ${sentence}`)
  })

  it('puts checks, key, diagnosis and the report in one disclosure, open for a rejected payload only', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    const details = () => wrapper.get('[data-test="website-team-details"]')
    expect(details().get('summary').text()).toContain('Details for the website team')
    expect((details().element as HTMLDetailsElement).open).toBe(false)
    for (const part of ['.checks', '[data-test="matched-key"]', '.copy-report']) expect(details().find(part).exists()).toBe(true)
    // The agent's answer comes first: the visitor before the expiry, both before the details.
    const order = ['.verdict', '.visitor-panel', '.expiry', '.unmapped', '[data-test="website-team-details"]']
      .map((selector) => wrapper.get(selector).element)
    for (let index = 1; index < order.length; index += 1) {
      const position = (order[index - 1] as Element).compareDocumentPosition(order[index] as Element)
      expect(position & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    }
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    await inspect(wrapper)
    expect((details().element as HTMLDetailsElement).open).toBe(true)
    expect(details().find('[data-test="diagnosis"]').exists()).toBe(true)
    // The failure sentence is said once: in the issue list, not again beside its check.
    expect(wrapper.text().split(CODE_INFO['ringcx-jwt-bad-signature'].summary)).toHaveLength(2)
  })

  it('opens the details for every payload in QA mode', async () => {
    bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, qaTools: true }))
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    const wrapper = await mountInspector()
    await inspect(wrapper)
    expect((wrapper.get('[data-test="website-team-details"]').element as HTMLDetailsElement).open).toBe(true)
  })

  it('shows the decoded header and claims beside the token, with readable times and what each means', async () => {
    const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImhzX2RlbW8ifQ.eyJ1dWlkIjoiYSJ9.c2ln'
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified({ raw: { form: 'jwt', header: { alg: 'HS256', typ: 'JWT', kid: 'hs_demo' }, claims: { uuid: 'a', exp: 4_102_444_800 } } })))
    const wrapper = await mountInspector()
    await inspect(wrapper, token)
    const decoded = wrapper.get('.decoded')
    expect(decoded.get('[data-test="token-parts"]').findAll('.token__part').map((part) => part.text()))
      .toEqual(['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImhzX2RlbW8ifQ', 'eyJ1dWlkIjoiYSJ9', 'c2ln'])
    const kidRow = decoded.findAll('tr').find((row) => row.text().startsWith('kid'))
    expect(kidRow?.text()).toContain('names the key in your key store')
    const expRow = decoded.findAll('tr').find((row) => row.text().startsWith('exp'))
    expect(expRow?.text()).toMatch(/4102444800.*2100/)
    expect(decoded.text()).toContain('never signs or re-signs')
  })

  it('checks once with a pasted key, clears it at once and says the result used an unsaved key', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxBadSignature()))
    const wrapper = await mountInspector()
    await inspect(wrapper, 'eyJ.token')
    const form = wrapper.get('[data-test="quick-check"] form')
    await form.get('textarea').setValue('0123456789abcdef01234567')
    await form.trigger('submit')
    expect((form.get('textarea').element as HTMLTextAreaElement).value).toBe('')
    await flushPromises()
    expect(bridge.inspectQuickCheck).toHaveBeenCalledWith({ text: 'eyJ.token', keyText: '0123456789abcdef01234567', scheme: 'ringcx' })
    expect(bridge.keysImportText).not.toHaveBeenCalled()
    expect(wrapper.get('#verdict-title').text()).toBe('Verified')
    expect(wrapper.get('[data-test="unsaved-key-note"]').text()).toContain('not stored')
  })

  describe('the verdict follows the clock', () => {
    const START = Date.parse('2026-06-01T09:00:00.000Z')
    const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString()

    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
      vi.setSystemTime(START)
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('turns a verified token rejected when exp passes: banner, check and live region together', async () => {
      bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified({
        now: at(0),
        expiry: { expiresAt: at(3), secondsLeft: 3, status: 'expiring-soon' },
        timeLimits: [{ at: at(5), check: 'exp', code: 'ringcx-jwt-expired', kind: 'expired' }],
      })))
      const wrapper = await mountInspector()
      await inspect(wrapper)
      expect(wrapper.get('#verdict-title').text()).toBe('Verified')
      await vi.advanceTimersByTimeAsync(5000)
      expect(wrapper.get('#verdict-title').text()).toMatch(/^Expired at .+ — was verified$/)
      expect(wrapper.get('section.verdict').classes()).toContain('verdict--rejected')
      const exp = wrapper.findAll('.check').map(spokenText).find((check) => check.startsWith('Expiry'))
      expect(exp).toContain('Failed')
      expect(wrapper.get('[data-test="verdict-announcement"]').text()).toMatch(/^Verdict changed: Expired at .+ — was verified\. Treat the visitor as anonymous/)
      expect(spokenText(wrapper.get('[data-test="expiry-status"]'))).toBe('Expired')
      expect(wrapper.get('[data-test="untrusted-note"]').text()).toContain('No longer verified')
      expect((wrapper.get('[data-test="website-team-details"]').element as HTMLDetailsElement).open).toBe(true)
    })
  })

  describe('the DEMO example picker', () => {
    beforeEach(() => {
      bridge = createFakeBridge({ keys: false })
      setBridge(bridge)
      bridge.demoLoad.mockImplementation(() => ok({
        keys: importReport(),
        examples: [
          { name: 'ringcx-verified-hs256.jwt', description: 'RingCX token, verified (HS256)', text: 'eyJ.verified' },
          { name: 'ringcx-bad-signature.jwt', description: 'RingCX token, altered after signing', text: 'eyJ.altered' },
          { name: 'roxchat-logout.js', description: 'Rox.Chat logout', text: 'roxchat_visitor = null' },
        ],
      }))
      bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    })

    async function loaded() {
      const wrapper = await mountInspector()
      await wrapper.findAll('button').find((button) => button.text() === 'Load DEMO keys and examples')?.trigger('click')
      await flushPromises()
      return wrapper
    }

    it('moves focus to the verdict once the demo is loaded', async () => {
      await loaded()
      expect(document.activeElement?.id).toBe('verdict-title')
    })

    it('browses with the arrow keys without inspecting each example, and inspects on Enter', async () => {
      const wrapper = await loaded()
      const select = wrapper.get('.examples select')
      bridge.inspectPayload.mockClear()
      for (const value of ['ringcx-bad-signature.jwt', 'roxchat-logout.js']) {
        await select.trigger('keydown', { key: 'ArrowDown' })
        ;(select.element as HTMLSelectElement).value = value
        await select.trigger('change')
      }
      expect(bridge.inspectPayload).not.toHaveBeenCalled()
      expect(wrapper.get('.examples__inspect').text()).toBe('Inspect example')
      await select.trigger('keydown', { key: 'Enter' })
      await flushPromises()
      expect(bridge.inspectPayload).toHaveBeenCalledTimes(1)
      expect(bridge.inspectPayload).toHaveBeenCalledWith({ text: 'roxchat_visitor = null', fileName: 'roxchat-logout.js' })
    })

    it('can be hidden, and focus moves to the Open button', async () => {
      const wrapper = await loaded()
      await wrapper.get('button[aria-label="Hide the DEMO examples"]').trigger('click')
      await flushPromises()
      expect(wrapper.find('.examples').exists()).toBe(false)
      expect(document.activeElement?.textContent).toContain('Open…')
    })
  })

})
