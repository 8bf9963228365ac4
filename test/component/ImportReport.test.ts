import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ImportReport from '../../src/components/ImportReport.vue'
import { importReport } from './fixtures'
import { spokenText } from './spoken-text'

describe('ImportReport', () => {
  it('reports every key of an imported file as OK', () => {
    const wrapper = mount(ImportReport, { props: { report: importReport() } })
    expect(wrapper.get('h3').text()).toBe('demo-keys.json')
    expect(wrapper.get('[data-test="outcome"]').text()).toContain('Imported 3 keys.')
    const statuses = wrapper.findAll('[data-test="entry-status"]').map(spokenText)
    expect(statuses).toEqual(['OK', 'OK', 'OK'])
    expect(wrapper.text()).toContain('rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q')
  })

  it('shows each failed key with its code and message, warnings, and that nothing was stored', () => {
    const report = importReport({
      fileName: 'partner.jwks',
      format: 'jwks',
      imported: false,
      entries: [
        { index: 0, scheme: 'ringcx', kid: 'rsa_partner', ok: true, fingerprint: 'rsa:abc', alg: 'RS256',
          warnings: [{ code: 'key-private-reduced', message: 'The file held a private key: only its public part is kept.' }] },
        { index: 1, scheme: 'ringcx', kid: null, ok: false, warnings: [],
          error: { code: 'key-rsa-too-small', message: 'The RSA key has 1024 bits; at least 2048 are required.' } },
      ],
    })
    const wrapper = mount(ImportReport, { props: { report } })
    expect(wrapper.get('[data-test="outcome"]').text()).toContain('Not imported: nothing from it was stored')
    expect(wrapper.text()).toContain('Read as JWKS.')
    const [first, second] = wrapper.findAll('li.entry')
    expect(spokenText(first!)).toContain('OK')
    expect(first?.text()).toContain('The file held a private key: only its public part is kept.')
    expect(first?.text()).toContain('key-private-reduced')
    expect(spokenText(second!)).toContain('Error')
    expect(second?.text()).toContain('Key 2')
    expect(second?.text()).toContain('The RSA key has 1024 bits; at least 2048 are required.')
    expect(second?.text()).toContain('key-rsa-too-small')
  })

  it('names keys that would replace stored ones and says it waits for confirmation', () => {
    const report = importReport({
      imported: false,
      duplicates: [{ scheme: 'ringcx', kid: 'hs_demo', storedFingerprint: 'secret:OLD-0000000000000000', newFingerprint: 'secret:NEW-1111111111111111' }],
      unprotectedSecrets: true,
      confirmToken: 'token-1',
    })
    const wrapper = mount(ImportReport, { props: { report } })
    expect(wrapper.get('[data-test="outcome"]').text()).toContain('Waiting for your confirmation: nothing is stored yet.')
    expect(wrapper.text()).toContain('Key IDs already stored with another key')
    expect(wrapper.text()).toContain('hs_demo')
    expect(wrapper.text()).toContain('they would be stored in plain text')
  })

  it('tells a key that was already stored from a new one', () => {
    const report = importReport({ entries: [{ index: 0, scheme: 'roxchat', kid: 'rox_demo', ok: true, warnings: [], alreadyStored: true }] })
    const wrapper = mount(ImportReport, { props: { report } })
    expect(wrapper.get('[data-test="outcome"]').text()).toContain('Nothing new')
    expect(spokenText(wrapper.get('[data-test="entry-status"]'))).toBe('Already stored')
  })
})
