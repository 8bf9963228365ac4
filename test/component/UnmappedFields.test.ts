import { mount } from '@vue/test-utils'
import { createTestingPinia } from '@pinia/testing'
import { describe, expect, it, vi } from 'vitest'
import UnmappedFields from '../../src/components/UnmappedFields.vue'
import { ringcxVerified, roxchatMerged } from './fixtures'
import { spokenText } from './spoken-text'

const global = { plugins: [createTestingPinia({ createSpy: vi.fn })] }

describe('UnmappedFields', () => {
  it('lists Rox.Chat fields the agent panel does not show, with the vendor’s reason', () => {
    const wrapper = mount(UnmappedFields, { props: { scheme: 'roxchat', fields: roxchatMerged().unmapped }, global })
    expect(wrapper.get('h3').text()).toContain('Not shown in the agent panel')
    expect(wrapper.get('.reason').text()).toBe(
      'Rox.Chat sends these fields with the visitor’s first message and through its API, but the agent’s visitor panel does not show them.',
    )
    const cells = wrapper.findAll('tbody tr').map((row) => row.findAll('th, td').map(spokenText))
    expect(cells).toEqual([['loyalty_tier', 'silver', 'Provided by website, verified']])
  })

  it('gives the RingCX reason, and per value whether it had no mapping or failed its pattern', () => {
    const fields = ringcxVerified().unmapped
    const wrapper = mount(UnmappedFields, { props: { scheme: 'ringcx', fields, mappedKeys: ['plan'] }, global })
    expect(wrapper.get('.reason').text()).toContain('no mapping configured, or their value failed the mapping’s pattern')
    const rows = wrapper.findAll('tbody tr')
    expect(rows[0]?.text()).toContain('plan')
    expect(rows[0]?.text()).toContain('Failed its mapping’s pattern')
    expect(rows[1]?.text()).toContain('last_order')
    expect(rows[1]?.text()).toContain('No mapping configured')
    expect(rows[1]?.text()).toContain('Extra value')
  })

  it('draws the first 500 of thousands of fields at once and the rest on request', async () => {
    const fields = Array.from({ length: 2000 }, (_, index) => ({ name: `extra_${index}`, value: String(index), source: 'providedFields' as const, overridden: [] }))
    const wrapper = mount(UnmappedFields, { props: { scheme: 'roxchat', fields }, global })
    expect(wrapper.get('h3').text()).toContain('(2000)')
    expect(wrapper.findAll('tbody tr')).toHaveLength(500)
    const more = wrapper.get('button.show-all')
    expect(more.text()).toBe('Show the other 1,500 fields')
    await more.trigger('click')
    expect(wrapper.findAll('tbody tr')).toHaveLength(2000)
    expect(wrapper.find('button.show-all').exists()).toBe(false)
    // Mounting 2,000 rows is slow on a loaded two-core machine; the assertions are about rows, not time.
  }, 30_000)
})
