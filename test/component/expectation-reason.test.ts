/**
 * The reason beside an unmet "verified" expectation: for every vendor, a code that says no key of
 * the store made the signature or hash points at a key missing from the store; others do not.
 */
import { describe, expect, it } from 'vitest'
import { vocabularies } from '../../electron/common/schemes'
import { expectationReason } from '../../src/expectation-reason'

const OTHER_KEY = /probably signed with a key that is not in your key store/

describe('expectationReason', () => {
  it.each(vocabularies().flatMap((vocabulary) => [...vocabulary.codes.noKey, ...vocabulary.codes.noMatchingKey].map((code) => [vocabulary.name, code] as const)))(
    '%s: %s points at a key missing from the store',
    (_vendor, code) => {
      expect(expectationReason('verdict', 'verified', [code])).toMatch(OTHER_KEY)
    },
  )

  it('says so for every vendor, and each vendor names a code of its own', () => {
    for (const vocabulary of vocabularies()) {
      expect(vocabulary.codes.noMatchingKey.length).toBeGreaterThan(0)
      for (const code of [...vocabulary.codes.noKey, ...vocabulary.codes.noMatchingKey]) expect(vocabulary.codes.errors).toContain(code)
    }
  })

  it('does not blame the store for an expired or malformed identity', () => {
    expect(expectationReason('verdict', 'verified', ['ringcx-jwt-expired'])).not.toMatch(OTHER_KEY)
    expect(expectationReason('verdict', 'verified', ['zendesk-jwt-malformed'])).not.toMatch(OTHER_KEY)
    expect(expectationReason('verdict', 'rejected', ['intercom-hmac-mismatch'])).not.toMatch(OTHER_KEY)
  })

  it('says nothing for a mismatch that says it all, and "no error" for an empty list', () => {
    expect(expectationReason('fields.email', 'a@b', ['ringcx-jwt-bad-signature'])).toBe('')
    expect(expectationReason('errors', ['x'], [])).toBe('The inspection found no error.')
  })
})
