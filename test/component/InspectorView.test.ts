import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
    expect(section.text()).toContain('Identity, not accepted')
    // Nothing outside the section repeats the untrusted values.
    const outside = wrapper.get('.result').element.cloneNode(true) as Element
    outside.querySelector('details.not-accepted')?.remove()
    outside.querySelector('details.raw')?.remove()
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
    expect(wrapper.get('.visitor-panel tbody').text()).toContain('Unsigned identity')
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
      expect(wrapper.findAll('.examples button')).toHaveLength(0)
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
})
