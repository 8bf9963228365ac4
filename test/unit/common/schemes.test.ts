import { describe, expect, it } from 'vitest'
import { CODE_INFO, ERROR_CODES, WARNING_CODES, codeInfo } from '../../../electron/common/codes'
import { SCHEME_IDS, VOCABULARIES, isSchemeId, schemeIdList, schemeName, vocabularyOf } from '../../../electron/common/schemes'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'

describe('the vocabulary registry', () => {
  it('lists the built-in schemes in the order menus show them', () => {
    expect(SCHEME_IDS).toEqual(['ringcx', 'roxchat', 'intercom', 'zendesk', 'crisp', 'chatwoot', 'helpscout', 'tawkto'])
    expect(SCHEME_IDS.map((id) => VOCABULARIES[id].id)).toEqual(SCHEME_IDS)
    expect(schemeIdList()).toBe(SCHEME_IDS.join(' or '))
    expect(schemeIdList(true)).toBe(SCHEME_IDS.map((id) => `"${id}"`).join(' or '))
  })

  it('tells scheme ids from other text, prototype members included', () => {
    expect(isSchemeId('roxchat')).toBe(true)
    for (const other of ['webim', '', '__proto__', 'constructor', 42, null]) expect(isSchemeId(other)).toBe(false)
    expect(vocabularyOf('toString')).toBeUndefined()
  })

  it('names schemes, and says so for none', () => {
    expect(schemeName('ringcx')).toBe('RingCX')
    expect(schemeName('roxchat')).toBe('Rox.Chat')
    expect(schemeName(null)).toBe('Unknown kind')
  })

  it('derives the codes, their words and the default settings from every scheme', () => {
    for (const id of SCHEME_IDS) {
      const { codes, settings } = VOCABULARIES[id]
      expect(ERROR_CODES).toEqual(expect.arrayContaining([...codes.errors]))
      expect(WARNING_CODES).toEqual(expect.arrayContaining([...codes.warnings]))
      expect(ERROR_CODES).toContain(codes.malformed)
      expect(DEFAULT_SETTINGS[id]).toBe(settings.defaults)
    }
    expect(codeInfo('roxchat-no-key')).toBe(CODE_INFO['roxchat-no-key'])
    expect(codeInfo('no-such-code')).toBeUndefined()
  })

  it('gives every scheme words for each of its sources, checks and forms', () => {
    for (const id of SCHEME_IDS) {
      const vocabulary = VOCABULARIES[id]
      expect(Object.keys(vocabulary.fields.sourceTexts).sort()).toEqual([...vocabulary.fields.sources].sort())
      for (const label of [...Object.values(vocabulary.checks), ...Object.values(vocabulary.forms)]) expect(label.length).toBeGreaterThan(0)
      for (const name of vocabulary.fields.order) expect(vocabulary.fields.labels[name]).toBeTruthy()
    }
  })
})
