import { describe, expect, it } from 'vitest'
import { SCHEME_IDS, vocabularyOf } from '../../../electron/common/schemes'
import { RINGCX_SCHEME } from '../../../electron/core/ringcx'
import { registerScheme, schemeById, schemeOfPayload, schemes } from '../../../electron/core/schemes'

describe('the scheme registry', () => {
  it('holds one engine per built-in vocabulary, in the same order', () => {
    expect(schemes().map((scheme) => scheme.id)).toEqual(SCHEME_IDS)
    for (const scheme of schemes()) expect(scheme.vocabulary).toBe(vocabularyOf(scheme.id))
  })

  it('names the scheme of each payload kind', () => {
    expect(schemeOfPayload('ringcx-jwt')?.id).toBe('ringcx')
    expect(schemeOfPayload('ringcx-unsigned')?.id).toBe('ringcx')
    expect(schemeOfPayload('roxchat-token')?.id).toBe('roxchat')
    expect(schemeOfPayload('invalid')).toBeUndefined()
  })

  it('refuses a second scheme of the same id, or one that brings another scheme’s vocabulary', () => {
    expect(() => registerScheme(RINGCX_SCHEME)).toThrow(/registered already/)
    expect(() => registerScheme({ ...RINGCX_SCHEME, id: 'other' })).toThrow(/vocabulary of "ringcx"/)
    expect(schemeById('other')).toBeUndefined()
  })
})
