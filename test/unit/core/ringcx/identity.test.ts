import { describe, expect, it } from 'vitest'
import { ringcxFieldView, ringcxIdentityShapeProblem } from '../../../../electron/core/ringcx/identity'
import { warningCodes } from '../helpers'
import type { ExtraValueMapping } from '../../../../electron/common/ringcx/settings'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../../../../electron/common/ringcx'

const view = (identity: Record<string, unknown>, mappings: readonly ExtraValueMapping[] = []) => ringcxFieldView(identity, mappings)
const triples = (fields: readonly { name: string; value: string; source: string }[]) => fields.map((field) => [field.name, field.value, field.source])

describe('ringcxFieldView', () => {
  it('lists identity attributes in the vendor\'s order with source identity, whatever the claim order', () => {
    const result = view({ company: 'ACME', email: 'a@b', uuid: 'u1', lastname: 'L', firstname: 'F', screenname: 'S', avatar_url: 'https://a/x.png' })
    expect(result.fields.map((field) => field.name)).toEqual([...RINGCX_IDENTITY_ATTRIBUTES])
    expect(result.fields.every((field) => field.source === 'identity' && field.overridden.length === 0)).toBe(true)
  })

  it('ignores JWT claims that are not identity attributes, and null attributes', () => {
    const result = view({ uuid: 'u1', exp: 1, iat: 2, sub: 'x', firstname: null })
    expect(triples(result.fields)).toEqual([['uuid', 'u1', 'identity']])
    expect(result.unmapped).toEqual([])
    expect(result.received).toEqual([{ name: 'uuid', value: 'u1', source: 'identity' }])
  })

  it('shows non-text values as JSON text', () => {
    const result = view({ uuid: 42, extra_values: { flags: ['a', 'b'], vip: true } })
    expect(triples(result.fields)).toEqual([['uuid', '42', 'identity']])
    expect(triples(result.unmapped)).toEqual([['flags', '["a","b"]', 'extra_values'], ['vip', 'true', 'extra_values']])
  })

  it('keeps unmapped extra values under their own key', () => {
    const result = view({ uuid: 'u1', extra_values: { plan: 'gold', region: 'eu' } })
    expect(triples(result.unmapped)).toEqual([['plan', 'gold', 'extra_values'], ['region', 'eu', 'extra_values']])
  })

  it('maps custom:<name> and identity:<name> without the prefix, source extra_values', () => {
    const result = view({ uuid: 'u1', extra_values: { acct: '123456', org: 'ACME' } }, [
      { key: 'acct', target: 'custom:account_number' },
      { key: 'org', target: 'identity:company' },
    ])
    expect(triples(result.fields)).toEqual([
      ['uuid', 'u1', 'identity'],
      ['account_number', '123456', 'extra_values'],
      ['company', 'ACME', 'extra_values'],
    ])
    expect(result.unmapped).toEqual([])
  })

  it('maps the uuid like an extra value, with source identity', () => {
    const result = view({ uuid: 'u1' }, [{ key: 'uuid', target: 'custom:customer_id' }])
    expect(triples(result.fields)).toEqual([['uuid', 'u1', 'identity'], ['customer_id', 'u1', 'identity']])
  })

  it('does not map a value that fails its regex: it stays unmapped with a warning', () => {
    const result = view({ uuid: 'u1', extra_values: { acct: '12345' } }, [{ key: 'acct', target: 'custom:account_number', regex: '\\d{6}' }])
    expect(warningCodes(result)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(result.fields.map((field) => field.name)).toEqual(['uuid'])
    expect(triples(result.unmapped)).toEqual([['acct', '12345', 'extra_values']])
  })

  it('matches the regex against the whole value', () => {
    const mapping = [{ key: 'acct', target: 'custom:account_number', regex: '\\d{6}' }]
    expect(warningCodes(view({ extra_values: { acct: 'x1234567' } }, mapping))).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(warningCodes(view({ extra_values: { acct: '123456' } }, mapping))).toEqual([])
    const alternation = [{ key: 'acct', target: 'custom:a', regex: 'a|b' }]
    expect(warningCodes(view({ extra_values: { acct: 'ab' } }, alternation))).toEqual(['ringcx-extra-value-regex-mismatch'])
  })

  it('a uuid that fails its regex warns, and the uuid attribute itself stays', () => {
    const result = view({ uuid: 'u1' }, [{ key: 'uuid', target: 'custom:customer_id', regex: '\\d+' }])
    expect(warningCodes(result)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(triples(result.fields)).toEqual([['uuid', 'u1', 'identity']])
  })

  it('keeps the identity attribute when a mapping targets it, listing a differing mapped value as overridden', () => {
    const result = view({ uuid: 'u1', company: 'ACME', extra_values: { org: 'Other', same: 'ACME' } }, [
      { key: 'org', target: 'identity:company' },
      { key: 'same', target: 'identity:company' },
    ])
    expect(result.fields.find((field) => field.name === 'company')).toEqual({
      name: 'company',
      value: 'ACME',
      source: 'identity',
      overridden: [{ source: 'extra_values', value: 'Other' }],
    })
  })

  it('skips mappings whose key is absent', () => {
    const result = view({ uuid: 'u1' }, [{ key: 'acct', target: 'custom:account_number', regex: '\\d+' }])
    expect(result.fields.map((field) => field.name)).toEqual(['uuid'])
    expect(result.warnings).toEqual([])
  })

  it('lists every attribute and extra value as received', () => {
    const result = view({ uuid: 'u1', email: 'e', extra_values: { acct: '1' } }, [{ key: 'acct', target: 'custom:account_number' }])
    expect(result.received).toEqual([
      { name: 'uuid', value: 'u1', source: 'identity' },
      { name: 'email', value: 'e', source: 'identity' },
      { name: 'acct', value: '1', source: 'extra_values' },
    ])
  })
})

describe('ringcxIdentityShapeProblem', () => {
  it('accepts an identity without extra_values or with an object, and refuses other kinds', () => {
    expect(ringcxIdentityShapeProblem({ uuid: 'u' })).toBeNull()
    expect(ringcxIdentityShapeProblem({ extra_values: {} })).toBeNull()
    expect(ringcxIdentityShapeProblem({ extra_values: [] })).not.toBeNull()
    expect(ringcxIdentityShapeProblem({ extra_values: 'a=b' })).not.toBeNull()
    expect(ringcxIdentityShapeProblem({ extra_values: null })).not.toBeNull()
  })
})
