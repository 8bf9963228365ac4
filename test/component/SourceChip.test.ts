import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import SourceChip from '../../src/components/SourceChip.vue'
import SourceLegend from '../../src/components/SourceLegend.vue'
import type { FieldSource } from '../../electron/common/inspection'
import { spokenText } from './spoken-text'

describe('SourceChip', () => {
  it.each<[FieldSource, string]>([
    ['providedFields', 'Provided by website, verified'],
    ['fields', 'Recognised by service'],
    ['opFields', 'Entered by agent'],
    ['identity', 'Provided by website, verified'],
    ['extra_values', 'Mapped extra value'],
  ])('names the %s source in words', (source, words) => {
    const chip = mount(SourceChip, { props: { source } })
    expect(spokenText(chip)).toBe(words)
    // The icon is decoration: the words alone carry the meaning.
    expect(chip.find('[aria-hidden="true"]').exists()).toBe(true)
    expect(chip.attributes('title')).toBeTruthy()
  })

  it('says unsigned for an accepted unsigned RingCX identity', () => {
    expect(spokenText(mount(SourceChip, { props: { source: 'identity', trust: 'unsigned' } }))).toBe('Sent by website, unsigned')
  })

  it('gives one concept one name: a value the website vouches for reads the same for both vendors', () => {
    const ringcx = spokenText(mount(SourceChip, { props: { source: 'identity' } }))
    const roxchat = spokenText(mount(SourceChip, { props: { source: 'providedFields' } }))
    expect(ringcx).toBe(roxchat)
    expect(spokenText(mount(SourceChip, { props: { source: 'identity', trust: 'not-accepted' } })))
      .toBe(spokenText(mount(SourceChip, { props: { source: 'providedFields', trust: 'not-accepted' } })))
  })

  it('never says verified or signed for values that were not accepted', () => {
    for (const source of ['providedFields', 'identity', 'extra_values'] as const) {
      const text = spokenText(mount(SourceChip, { props: { source, trust: 'not-accepted' } }))
      expect(text).toMatch(/not (accepted|verified)/)
      expect(text).not.toMatch(/Signed|Provided by website, verified/)
    }
  })

  it('calls an extra value without a mapping just an extra value', () => {
    expect(spokenText(mount(SourceChip, { props: { source: 'extra_values', mapped: false } }))).toBe('Extra value')
  })
})

describe('SourceLegend', () => {
  it('explains the three Rox.Chat sources', () => {
    const legend = mount(SourceLegend, { props: { scheme: 'roxchat', sources: new Set(['providedFields', 'fields', 'opFields'] as const) } })
    const terms = legend.findAll('dt').map(spokenText)
    expect(terms).toEqual(['Provided by website, verified', 'Recognised by service', 'Entered by agent'])
    expect(legend.findAll('dd')).toHaveLength(3)
  })

  it('explains the RingCX sources, unsigned when the identity is', () => {
    const legend = mount(SourceLegend, { props: { scheme: 'ringcx', sources: new Set(['identity', 'extra_values'] as const), trust: 'unsigned' } })
    expect(legend.findAll('dt').map(spokenText)).toEqual(['Sent by website, unsigned', 'Mapped extra value, unsigned'])
  })

  it('explains only the sources the panel shows', () => {
    const legend = mount(SourceLegend, { props: { scheme: 'ringcx', sources: new Set(['identity'] as const) } })
    expect(legend.findAll('dt').map(spokenText)).toEqual(['Provided by website, verified'])
    expect(legend.text()).not.toContain('Mapped extra value')
  })
})
