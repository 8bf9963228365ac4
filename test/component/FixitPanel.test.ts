import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { FIXIT_LANGUAGES, FIXIT_LANGUAGE_LABELS } from '../../electron/common/fixit'
import FixitPanel from '../../src/components/FixitPanel.vue'
import { installFakeBridge } from './fake-bridge'
import { ringcxVerified, roxchatMerged } from './fixtures'

enableAutoUnmount(afterEach)

beforeEach(() => {
  installFakeBridge()
})

const mountPanel = (inspection = ringcxVerified()) =>
  mount(FixitPanel, { props: { inspection }, attachTo: document.body })

describe('FixitPanel', () => {
  it('shows the program in the picked language and says what it changes', async () => {
    const wrapper = mountPanel()
    expect(wrapper.get('summary').text()).toBe('How the website should sign this')
    const select = wrapper.get('select')
    expect(select.findAll('option').map((option) => option.text())).toEqual(FIXIT_LANGUAGES.map((language) => FIXIT_LANGUAGE_LABELS[language]))
    expect(wrapper.get('[data-test="fixit-program"]').text()).toContain('node:crypto')
    await select.setValue('python')
    expect(wrapper.get('[data-test="fixit-program"]').text()).toMatch(/^# Prints a RingCX Messaging signed identity/)
    expect(wrapper.get('[data-test="fixit-program"]').text()).toContain('KID = "hs_demo"')
    expect(wrapper.text()).toContain('SIGNING_KEY')
  })

  it('copies the program', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = mountPanel(roxchatMerged())
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(wrapper.get('[data-test="fixit-program"]').element.textContent)
    expect(writeText.mock.calls[0]?.[0]).toMatch(/^\/\/ Prints a Rox\.Chat/)
    expect(wrapper.get('[data-test="fixit-copy-status"]').text()).toContain('Copied')
  })

  it('says when there is nothing to sign', () => {
    const wrapper = mountPanel(roxchatMerged({ raw: { form: 'page-snippet', visitor: null }, verdict: 'logged-out' }))
    expect(wrapper.text()).toContain('there is no visitor to sign')
    expect(wrapper.find('select').exists()).toBe(false)
  })
})
