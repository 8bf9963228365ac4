import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import ChecksList from '../../src/components/ChecksList.vue'
import type { Check, Inspection } from '../../electron/common/inspection'
import { ringcxBadSignature, ringcxVerified, roxchatMerged } from './fixtures'

enableAutoUnmount(afterEach)

function mountChecks(inspection: Inspection, headerKid: string | null = null) {
  return mount(ChecksList, {
    props: { checks: inspection.checks, matchedKey: inspection.key, verdict: inspection.verdict, headerKid },
  })
}

const matchedKey = (wrapper: ReturnType<typeof mountChecks>) => wrapper.get('[data-test="matched-key"]').text()

function withCheck(inspection: Inspection, replaced: Check): readonly Check[] {
  return inspection.checks.map((check) => (check.id === replaced.id ? replaced : check))
}

describe('ChecksList', () => {
  it('names the key that verified a verified payload', () => {
    const text = matchedKey(mountChecks(ringcxVerified()))
    expect(text).toContain('Verified with key')
    expect(text).toContain('hs_demo')
  })

  it('never says "verified" for a rejected token whose signature a stored key made', () => {
    const expired = ringcxVerified({
      verdict: 'rejected',
      checks: withCheck(ringcxVerified(), { id: 'exp', status: 'fail', code: 'ringcx-jwt-expired' }),
    })
    const text = matchedKey(mountChecks(expired))
    expect(text).not.toMatch(/verified/i)
    expect(text).toContain('Signature made with key')
    expect(text).toContain('(the identity is still rejected)')
    expect(text).toContain('hs_demo')
  })

  it('says the header names another key when a stored key made the signature of an unknown kid', () => {
    const unknownKid = ringcxVerified({
      verdict: 'rejected',
      checks: withCheck(ringcxVerified(), { id: 'kid', status: 'fail', code: 'ringcx-jwt-unknown-kid' }),
    })
    const wrapper = mountChecks(unknownKid, 'hs_retired')
    expect(matchedKey(wrapper)).toContain('Signature made with key')
    expect(wrapper.get('[data-test="header-kid-note"]').text()).toBe('The token’s header names another key “hs_retired”, which is not in your key store.')
  })

  it('says the header names no key when the kid is missing', () => {
    const missingKid = ringcxVerified({
      verdict: 'rejected',
      checks: withCheck(ringcxVerified(), { id: 'kid', status: 'fail', code: 'ringcx-jwt-missing-kid' }),
    })
    expect(mountChecks(missingKid).get('[data-test="header-kid-note"]').text()).toBe('The token’s header names no key.')
  })

  it('gives the same notes for a Zendesk JWT, in its own codes', () => {
    const checks = (code: Check['code']): readonly Check[] => [{ id: 'format', status: 'pass' }, { id: 'zendesk-kid', status: 'fail', code }]
    const zendesk = (code: Check['code']): Inspection => ({ ...ringcxVerified(), scheme: 'zendesk', verdict: 'rejected', checks: checks(code) })
    expect(mountChecks(zendesk('zendesk-jwt-unknown-kid'), 'app_old').get('[data-test="header-kid-note"]').text()).toBe('The token’s header names another key “app_old”, which is not in your key store.')
    expect(mountChecks(zendesk('zendesk-jwt-missing-kid')).get('[data-test="header-kid-note"]').text()).toBe('The token’s header names no key.')
    expect(mountChecks(zendesk('zendesk-jwt-bad-signature')).find('[data-test="header-kid-note"]').exists()).toBe(false)
  })

  it('speaks of a hash for Rox.Chat', () => {
    const expired = roxchatMerged({
      verdict: 'rejected',
      checks: withCheck(roxchatMerged(), { id: 'expires', status: 'fail', code: 'provided-visitor-expired' }),
    })
    expect(matchedKey(mountChecks(expired))).toContain('Hash made with key')
  })

  it('says no key verified a payload no key matched', () => {
    const wrapper = mountChecks(ringcxBadSignature())
    expect(matchedKey(wrapper)).toBe('No key verified this payload.')
    expect(wrapper.find('[data-test="header-kid-note"]').exists()).toBe(false)
  })
})
