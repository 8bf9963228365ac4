import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import VisitorPanel from '../../src/components/VisitorPanel.vue'
import { installFakeBridge, type FakeBridge } from './fake-bridge'
import { ringcxVerified, roxchatMerged } from './fixtures'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
})

function mountPanel(props: InstanceType<typeof VisitorPanel>['$props']) {
  return mount(VisitorPanel, { props, global: { plugins: [pinia] }, attachTo: document.body })
}

function rowLabels(wrapper: ReturnType<typeof mountPanel>): string[] {
  return wrapper.findAll('tbody th[scope="row"]').map((cell) => cell.text())
}

describe('VisitorPanel', () => {
  it('shows Rox.Chat fields in the vendor order with readable labels, whatever order they arrive in', () => {
    const fields = [...roxchatMerged().fields].reverse()
    const wrapper = mountPanel({ scheme: 'roxchat', fields })
    expect(rowLabels(wrapper)).toEqual(['ID', 'Display name', 'Phone', 'Email', 'Comment', 'Info', 'Priority'])
  })

  it('shows RingCX identity attributes first, then mapped fields labelled in words with their key beside', () => {
    const wrapper = mountPanel({ scheme: 'ringcx', fields: ringcxVerified().fields })
    expect(rowLabels(wrapper)).toEqual(['UUID', 'First name', 'Last name', 'Email', 'Company', 'Account number (account_number)', 'Customer ID (customer_id)'])
    expect(wrapper.findAll('tbody th .fields__key').map((key) => key.text())).toEqual(['(account_number)', '(customer_id)'])
  })

  it('gives each value a source chip and explains the chips in a legend', () => {
    const wrapper = mountPanel({ scheme: 'roxchat', fields: roxchatMerged().fields })
    const rows = wrapper.findAll('tbody > tr')
    expect(rows[0]?.text()).toContain('Provided by website, verified')
    expect(rows[4]?.text()).toContain('Recognised by service')
    expect(rows[5]?.text()).toContain('Entered by agent')
    const legend = wrapper.get('.legend').text()
    expect(legend).toContain('Provided by website, verified')
    expect(legend).toContain('Recognised by service')
    expect(legend).toContain('Entered by agent')
  })

  it('leaves out of the legend the sources no value in the panel comes from', () => {
    const identityOnly = ringcxVerified().fields.filter((field) => field.source === 'identity')
    // One source: its chip says it all, so no legend repeats it.
    expect(mountPanel({ scheme: 'ringcx', fields: identityOnly }).find('.legend').exists()).toBe(false)

    const withMapping = mountPanel({ scheme: 'ringcx', fields: ringcxVerified().fields }).get('.legend').text()
    expect(withMapping).toContain('Mapped extra value')
  })

  it('explains a source that only an overridden value comes from', () => {
    const fields = roxchatMerged().fields.filter((field) => field.source === 'providedFields')
    const legend = mountPanel({ scheme: 'roxchat', fields }).get('.legend').text()
    expect(legend).toContain('Entered by agent')
    expect(legend).toContain('Recognised by service')
  })

  it('expands an override marker to the values it overrode and their sources', async () => {
    const wrapper = mountPanel({ scheme: 'roxchat', fields: roxchatMerged().fields })
    const marker = wrapper.findAll('button.disclosure').find((button) => button.element.closest('tr')?.textContent?.includes('Display name'))
    expect(marker?.text()).toContain('Overrides 1 other value')
    // The button names its field, so a list of buttons read out of context still says which.
    expect(marker?.text()).toContain('of Display name')
    expect(marker?.attributes('aria-expanded')).toBe('false')
    const list = wrapper.get(`#${marker?.attributes('aria-controls') ?? ''}`)
    expect(list.isVisible()).toBe(false)

    await marker?.trigger('click')
    expect(marker?.attributes('aria-expanded')).toBe('true')
    expect(list.isVisible()).toBe(true)
    expect(list.text()).toContain('John Smith')
    expect(list.text()).toContain('Entered by agent')

    await marker?.trigger('click')
    expect(list.isVisible()).toBe(false)
  })

  it('shows a priority badge when high_priority is "1", and none otherwise', () => {
    const flagged = mountPanel({ scheme: 'roxchat', fields: roxchatMerged().fields })
    expect(flagged.get('header').text()).toContain('High priority')
    // Once, in the header: the row keeps its value.
    expect(flagged.text().match(/High priority/g)).toHaveLength(1)
    const fields = roxchatMerged().fields.map((field) => (field.name === 'high_priority' ? { ...field, value: '0' } : field))
    const plain = mountPanel({ scheme: 'roxchat', fields })
    expect(plain.text()).not.toContain('High priority')
  })

  it('calls an accepted unsigned identity an unsigned identity, never a signed one', () => {
    const wrapper = mountPanel({ scheme: 'ringcx', fields: ringcxVerified().fields.slice(0, 3), trust: 'unsigned' })
    expect(wrapper.text()).toContain('Sent by website, unsigned')
    expect(wrapper.text()).not.toContain('verified')
  })

  describe('links', () => {
    function withProfile(url: string) {
      return mountPanel({ scheme: 'roxchat', fields: [{ name: 'profile_url', value: url, source: 'providedFields', overridden: [] }] })
    }

    it('shows an https: URL as text and opens it through the main process only on click', async () => {
      const wrapper = withProfile('https://example.com/u/12345')
      expect(wrapper.find('a').exists()).toBe(false)
      expect(wrapper.find('img').exists()).toBe(false)
      expect(wrapper.text()).toContain('https://example.com/u/12345')
      expect(bridge.appOpenExternal).not.toHaveBeenCalled()

      await wrapper.get('button[aria-label="Open Profile URL in your browser"]').trigger('click')
      expect(bridge.appOpenExternal).toHaveBeenCalledWith({ url: 'https://example.com/u/12345' })
    })

    it.each(['http://example.com/u/1', 'javascript://alert(1)', 'file:///etc/passwd'])('offers no way to open %s', (url) => {
      const wrapper = withProfile(url)
      expect(wrapper.find('button.link-button').exists()).toBe(false)
      expect(wrapper.text()).toContain('not https: will not open')
    })

    it('shows the page the chat started from as text, opening it only on click and only over https', async () => {
      const fields = roxchatMerged().fields
      const wrapper = mountPanel({ scheme: 'roxchat', fields, startPage: { title: 'Pricing', url: 'https://shop.example.com/pricing' } })
      const startPage = wrapper.get('.start-page')
      const [label, title, url] = startPage.findAll(':scope > span')
      expect([label?.text(), title?.text(), url?.get('.value-text').text()]).toEqual(['Chat started on', 'Pricing', 'https://shop.example.com/pricing'])
      expect(startPage.find('a').exists()).toBe(false)
      expect(bridge.appOpenExternal).not.toHaveBeenCalled()
      await startPage.get('button[aria-label="Open the start page in your browser"]').trigger('click')
      expect(bridge.appOpenExternal).toHaveBeenCalledWith({ url: 'https://shop.example.com/pricing' })

      const plain = mountPanel({ scheme: 'roxchat', fields, startPage: { title: 'Old shop', url: 'http://shop.example.com/' } })
      expect(plain.get('.start-page').find('button').exists()).toBe(false)
      expect(plain.get('.start-page').text()).toContain('not https: will not open')
    })

    it('never shows an avatar image', () => {
      const wrapper = mountPanel({ scheme: 'roxchat', fields: [{ name: 'avatar_url', value: 'https://example.com/a.png', source: 'providedFields', overridden: [] }] })
      expect(wrapper.find('img').exists()).toBe(false)
      expect(wrapper.text()).toContain('Avatar URL')
    })
  })
})
