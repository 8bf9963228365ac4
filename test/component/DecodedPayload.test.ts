import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import DecodedPayload from '../../src/components/DecodedPayload.vue'
import { ringcxVerified, roxchatMerged } from './fixtures'

enableAutoUnmount(afterEach)

function mountDecoded(inspection: ReturnType<typeof roxchatMerged>) {
  return mount(DecodedPayload, { props: { inspection, text: null, qaTools: false } })
}

describe('DecodedPayload: what the scheme does not protect', () => {
  it('explains beside a Rox.Chat visitor that the hash covers neither names nor boundaries', () => {
    const note = mountDecoded(roxchatMerged()).find('[data-test="integrity-note"]')
    expect(note.exists()).toBe(true)
    expect(note.text()).toContain('What the Rox.Chat hash does not cover')
    expect(note.text()).toContain('4235')
  })

  it('says nothing of the kind for RingCX, whose signature covers the whole token', () => {
    expect(mountDecoded(ringcxVerified()).find('[data-test="integrity-note"]').exists()).toBe(false)
  })

  it('lays out a flat v1 visitor as its fields and its crc, with the crc\'s meaning', () => {
    const inspection = roxchatMerged({ raw: { form: 'page-snippet', visitor: { id: '7', display_name: 'Иван', icq: '555', crc: 'ab'.repeat(16) } } })
    const wrapper = mountDecoded(inspection)
    const titles = wrapper.findAll('.part__title').map((title) => title.text())
    expect(titles).toContain('Visitor object (v1)')
    expect(titles).toContain('Visitor fields')
    const fieldNames = wrapper.findAll('.part--fields tbody th').map((cell) => cell.text())
    expect(fieldNames).toEqual(['id', 'display_name', 'icq'])
    expect(wrapper.find('.part--visitor').text()).toContain('MD5')
  })
})
