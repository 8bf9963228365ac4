import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, resolveSettings, type SettingsResult } from '../../../electron/common/settings'

/** The problems of a refused input, as [path, code] pairs. */
function problems(result: SettingsResult): [string, string][] {
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.problems.map((problem) => [problem.path, problem.code])
}

describe('resolveSettings defaults', () => {
  it('returns the defaults for nothing, null and an empty object', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      ringcx: { signedIdentities: 'require', minExpirySeconds: 3600, clockToleranceSeconds: 10, extraValueMappings: [] },
      roxchat: { hashAlgorithm: 'hmac-sha256', priorityOrder: ['providedFields', 'fields', 'opFields'] },
    })
    expect(resolveSettings(undefined)).toEqual({ ok: true, value: DEFAULT_SETTINGS })
    expect(resolveSettings(null)).toEqual({ ok: true, value: DEFAULT_SETTINGS })
    expect(resolveSettings({})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
  })

  it('fills everything left out from the defaults', () => {
    expect(resolveSettings({ ringcx: { signedIdentities: 'reject' }, roxchat: { hashAlgorithm: 'md5' } })).toEqual({
      ok: true,
      value: {
        ...DEFAULT_SETTINGS,
        ringcx: { ...DEFAULT_SETTINGS.ringcx, signedIdentities: 'reject' },
        roxchat: { ...DEFAULT_SETTINGS.roxchat, hashAlgorithm: 'md5' },
      },
    })
  })

  it('fills from a given base instead of the defaults', () => {
    const base = resolveSettings({ ringcx: { minExpirySeconds: 60 }, roxchat: { priorityOrder: ['opFields', 'fields', 'providedFields'] } })
    if (!base.ok) throw new Error('base refused')
    const result = resolveSettings({ ringcx: { clockToleranceSeconds: 0 } }, base.value)
    expect(result.ok && result.value.ringcx).toMatchObject({ minExpirySeconds: 60, clockToleranceSeconds: 0 })
    expect(result.ok && result.value.roxchat.priorityOrder).toEqual(['opFields', 'fields', 'providedFields'])
  })

  it('accepts the boundaries: 0 and one year of minimum expiry, 0 and one day of tolerance', () => {
    expect(resolveSettings({ ringcx: { minExpirySeconds: 0, clockToleranceSeconds: 0 } }).ok).toBe(true)
    expect(resolveSettings({ ringcx: { minExpirySeconds: 31_536_000, clockToleranceSeconds: 86_400 } }).ok).toBe(true)
  })
})

describe('resolveSettings problems', () => {
  it('refuses settings that are not an object', () => {
    expect(problems(resolveSettings([]))).toEqual([['', 'settings-not-object']])
    expect(problems(resolveSettings('require'))).toEqual([['', 'settings-not-object']])
  })

  it.each([
    ['ringcx.minExpirySeconds', { ringcx: { minExpirySeconds: -1 } }],
    ['ringcx.minExpirySeconds', { ringcx: { minExpirySeconds: 1.5 } }],
    ['ringcx.minExpirySeconds', { ringcx: { minExpirySeconds: '3600' } }],
    ['ringcx.minExpirySeconds', { ringcx: { minExpirySeconds: 31_536_001 } }],
    ['ringcx.clockToleranceSeconds', { ringcx: { clockToleranceSeconds: 86_401 } }],
    ['ringcx.clockToleranceSeconds', { ringcx: { clockToleranceSeconds: null } }],
    ['ringcx.signedIdentities', { ringcx: { signedIdentities: 'both' } }],
    ['ringcx.signedIdentities', { ringcx: { signedIdentities: 'Require' } }],
    ['roxchat.hashAlgorithm', { roxchat: { hashAlgorithm: 'sha1' } }],
    ['roxchat.hashAlgorithm', { roxchat: { hashAlgorithm: 'HMAC-SHA256' } }],
    ['ringcx', { ringcx: 'require' }],
    ['ringcx', { ringcx: null }],
    ['roxchat', { roxchat: ['md5'] }],
    ['roxchat', { roxchat: null }],
  ])('names %s for %j', (path, input) => {
    expect(problems(resolveSettings(input))).toEqual([[path, 'settings-bad-value']])
  })

  it('reports every problem field by field', () => {
    expect(problems(resolveSettings({
      ringcx: { minExpirySeconds: -5, clockToleranceSeconds: 'ten', signedIdentities: 'accept-both' },
      roxchat: { hashAlgorithm: 'crc32', priorityOrder: ['fields'] },
    }))).toEqual([
      ['ringcx.signedIdentities', 'settings-bad-value'],
      ['ringcx.minExpirySeconds', 'settings-bad-value'],
      ['ringcx.clockToleranceSeconds', 'settings-bad-value'],
      ['roxchat.hashAlgorithm', 'settings-bad-value'],
      ['roxchat.priorityOrder', 'settings-bad-value'],
    ])
  })

  it('refuses unknown members at every level', () => {
    expect(problems(resolveSettings({ theme: 'dark' }))).toEqual([['theme', 'settings-unknown-member']])
    expect(problems(resolveSettings({ ringcx: { mode: 'require' } }))).toEqual([['ringcx.mode', 'settings-unknown-member']])
    expect(problems(resolveSettings({ roxchat: { algorithm: 'md5' } }))).toEqual([['roxchat.algorithm', 'settings-unknown-member']])
    expect(problems(resolveSettings({ ringcx: { extraValueMappings: [{ key: 'a', target: 'custom:a', flags: 'i' }] } })))
      .toEqual([['ringcx.extraValueMappings[0].flags', 'settings-unknown-member']])
  })
})

describe('priority order', () => {
  it.each([
    [['opFields', 'fields', 'providedFields']],
    [['fields', 'providedFields', 'opFields']],
  ])('accepts the permutation %j', (order) => {
    const result = resolveSettings({ roxchat: { priorityOrder: order } })
    expect(result.ok && result.value.roxchat.priorityOrder).toEqual(order)
  })

  it.each([
    ['one set missing', ['providedFields', 'fields']],
    ['a set twice', ['providedFields', 'fields', 'fields']],
    ['a set twice, one missing, right length', ['fields', 'fields', 'opFields']],
    ['an extra set', ['providedFields', 'fields', 'opFields', 'opFields']],
    ['an unknown set', ['providedFields', 'fields', 'agentFields']],
    ['not a list', 'providedFields,fields,opFields'],
    ['empty', []],
  ])('refuses %s', (_label, order) => {
    expect(problems(resolveSettings({ roxchat: { priorityOrder: order } }))).toEqual([['roxchat.priorityOrder', 'settings-bad-value']])
  })
})

describe('extra-value mappings', () => {
  it('accepts mappings with and without a regex', () => {
    const result = resolveSettings({
      ringcx: {
        extraValueMappings: [
          { key: 'account', target: 'custom:account_number', regex: '[0-9]{6}' },
          { key: 'uuid', target: 'identity:customer_id' },
        ],
      },
    })
    expect(result.ok && result.value.ringcx.extraValueMappings).toEqual([
      { key: 'account', target: 'custom:account_number', regex: '[0-9]{6}' },
      { key: 'uuid', target: 'identity:customer_id' },
    ])
  })

  it.each([
    ['an invalid regex', '([a-z', 'settings-pattern-invalid'],
    ['a regex with an unknown character property', '\\p{NotAProperty}', 'settings-pattern-invalid'],
    ['an over-long regex', 'a'.repeat(501), 'settings-pattern-too-large'],
    ['a regex with a backreference', '(a)\\1', 'settings-pattern-unsupported'],
  ])('refuses %s with its own code', (_label, regex, code) => {
    expect(problems(resolveSettings({ ringcx: { extraValueMappings: [{ key: 'a', target: 'custom:a', regex }] } })))
      .toEqual([['ringcx.extraValueMappings[0].regex', code]])
  })

  it.each([
    ['a regex that is not text', { key: 'a', target: 'custom:a', regex: 5 }, 'ringcx.extraValueMappings[0].regex'],
    ['a key with a space', { key: 'my key', target: 'custom:a' }, 'ringcx.extraValueMappings[0].key'],
    ['an empty key', { key: '', target: 'custom:a' }, 'ringcx.extraValueMappings[0].key'],
    ['a target without prefix', { key: 'a', target: 'account_number' }, 'ringcx.extraValueMappings[0].target'],
    ['a target with another prefix', { key: 'a', target: 'field:a' }, 'ringcx.extraValueMappings[0].target'],
    ['a target name with a dash', { key: 'a', target: 'custom:account-number' }, 'ringcx.extraValueMappings[0].target'],
    ['an entry that is not an object', 'a=custom:a', 'ringcx.extraValueMappings[0]'],
  ])('refuses %s', (_label, mapping, path) => {
    expect(problems(resolveSettings({ ringcx: { extraValueMappings: [mapping] } }))).toEqual([[path, 'settings-bad-value']])
  })

  it('refuses a key mapped twice, naming the second', () => {
    expect(problems(resolveSettings({
      ringcx: { extraValueMappings: [{ key: 'a', target: 'custom:a' }, { key: 'a', target: 'custom:b' }] },
    }))).toEqual([['ringcx.extraValueMappings[1].key', 'settings-bad-value']])
  })

  it('refuses mappings that are not a list, or more than 200', () => {
    expect(problems(resolveSettings({ ringcx: { extraValueMappings: { a: 'custom:a' } } }))).toEqual([['ringcx.extraValueMappings', 'settings-bad-value']])
    const many = Array.from({ length: 201 }, (_, index) => ({ key: `k${index}`, target: 'custom:a' }))
    expect(problems(resolveSettings({ ringcx: { extraValueMappings: many } }))).toEqual([['ringcx.extraValueMappings', 'settings-bad-value']])
    expect(resolveSettings({ ringcx: { extraValueMappings: many.slice(0, 200) } }).ok).toBe(true)
  })
})
