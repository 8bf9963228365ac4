import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import type { KeyRing } from '../../../../electron/core/key-ring'
import { mergeFieldSets } from '../../../../electron/core/roxchat/priority-merge'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { NOW, ROX_SECRET, manifest, ringFrom, roxchatVisitor, settingsWith } from '../helpers'
import type { RoxchatFieldSet } from '../../../../electron/common/roxchat/settings'
import { ROXCHAT_KNOWN_FIELDS } from '../../../../electron/common/roxchat'

const DEFAULT_ORDER = DEFAULT_SETTINGS.roxchat.priorityOrder

describe('mergeFieldSets', () => {
  it('uses the default order providedFields > fields > opFields', () => {
    expect(DEFAULT_ORDER).toEqual(['providedFields', 'fields', 'opFields'])
    const result = mergeFieldSets({
      opFields: { phone: 'op', email: 'op@x', comment: 'op' },
      fields: { phone: 'service', email: 'service@x' },
      providedFields: { phone: 'provided' },
    }, DEFAULT_ORDER)
    expect(result.fields).toEqual([
      { name: 'phone', value: 'provided', source: 'providedFields', overridden: [{ source: 'fields', value: 'service' }, { source: 'opFields', value: 'op' }] },
      { name: 'email', value: 'service@x', source: 'fields', overridden: [{ source: 'opFields', value: 'op@x' }] },
      { name: 'comment', value: 'op', source: 'opFields', overridden: [] },
    ])
  })

  it('lets a changed order change the winner', () => {
    const sets = { providedFields: { phone: 'provided' }, fields: { phone: 'service' }, opFields: { phone: 'op' } }
    const reversed: RoxchatFieldSet[] = ['opFields', 'fields', 'providedFields']
    expect(mergeFieldSets(sets, reversed).fields).toEqual([
      { name: 'phone', value: 'op', source: 'opFields', overridden: [{ source: 'fields', value: 'service' }, { source: 'providedFields', value: 'provided' }] },
    ])
    expect(mergeFieldSets(sets, ['fields', 'opFields', 'providedFields']).fields[0]?.source).toBe('fields')
  })

  it('does not list equal lower values as overridden', () => {
    const result = mergeFieldSets({ providedFields: { email: 'a@b' }, fields: { email: 'a@b' }, opFields: { email: 'c@d' } }, DEFAULT_ORDER)
    expect(result.fields[0]?.overridden).toEqual([{ source: 'opFields', value: 'c@d' }])
  })

  it('sends fields outside the ten known ones to unmapped, merged the same way, with their source', () => {
    const result = mergeFieldSets({
      providedFields: { id: '1', crm_id: 'A' },
      opFields: { crm_id: 'B', note: 'n' },
    }, DEFAULT_ORDER)
    expect(result.fields.map((field) => field.name)).toEqual(['id'])
    expect(result.unmapped).toEqual([
      { name: 'crm_id', value: 'A', source: 'providedFields', overridden: [{ source: 'opFields', value: 'B' }] },
      { name: 'note', value: 'n', source: 'opFields', overridden: [] },
    ])
  })

  it('lists known fields in the vendor\'s order whatever the input order', () => {
    const reversedKnown = Object.fromEntries([...ROXCHAT_KNOWN_FIELDS].reverse().map((name) => [name, name.toUpperCase()]))
    const result = mergeFieldSets({ fields: reversedKnown }, DEFAULT_ORDER)
    expect(result.fields.map((field) => field.name)).toEqual([...ROXCHAT_KNOWN_FIELDS])
  })

  it('skips absent and null sets', () => {
    expect(mergeFieldSets({ providedFields: null, fields: { id: '1' } }, DEFAULT_ORDER).fields).toEqual([
      { name: 'id', value: '1', source: 'fields', overridden: [] },
    ])
    expect(mergeFieldSets({}, DEFAULT_ORDER)).toEqual({ fields: [], unmapped: [] })
  })

  it('treats prototype names as ordinary field names', () => {
    const fields = JSON.parse('{"__proto__": "p", "constructor": "c", "id": "1"}') as Record<string, string>
    const result = mergeFieldSets({ fields }, DEFAULT_ORDER)
    expect(result.unmapped.map((field) => [field.name, field.value])).toEqual([['__proto__', 'p'], ['constructor', 'c']])
  })

  it('merges 100,000 fields per set', () => {
    const count = 100_000
    const provided: Record<string, string> = {}
    const service: Record<string, string> = {}
    for (let index = 0; index < count; index++) {
      provided[`f${index}`] = `p${index}`
      service[`f${index}`] = index % 2 === 0 ? `p${index}` : `s${index}`
    }
    const result = mergeFieldSets({ providedFields: provided, fields: service }, DEFAULT_ORDER)
    expect(result.unmapped).toHaveLength(count)
    expect(result.unmapped[0]).toEqual({ name: 'f0', value: 'p0', source: 'providedFields', overridden: [] })
    expect(result.unmapped[count - 1]).toEqual({ name: `f${count - 1}`, value: `p${count - 1}`, source: 'providedFields', overridden: [{ source: 'fields', value: `s${count - 1}` }] })
    expect(result.unmapped.filter((field) => field.overridden.length > 0)).toHaveLength(count / 2)
  })
})

describe('the merge inside an inspection', () => {
  let ring: KeyRing
  beforeAll(async () => {
    ring = await ringFrom(manifest({ scheme: 'roxchat', kid: 'main', secret: ROX_SECRET }))
  })

  const sample = (visitor: unknown, config?: unknown) => ({
    payload: visitor,
    fields: { phone: 'service-phone', crm_id: 'S-1' },
    opFields: { phone: 'op-phone', comment: 'called back' },
    ...(config === undefined ? {} : { config }),
  })

  it('merges a verified provided visitor over fields and opFields', async () => {
    const inspection = await inspect(sample(roxchatVisitor({ id: '7', phone: 'site-phone' })), { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.verdict).toBe('verified')
    expect(inspection.fields.map((field) => [field.name, field.value, field.source])).toEqual([
      ['id', '7', 'providedFields'],
      ['phone', 'site-phone', 'providedFields'],
      ['comment', 'called back', 'opFields'],
    ])
    expect(inspection.fields[1]?.overridden).toEqual([{ source: 'fields', value: 'service-phone' }, { source: 'opFields', value: 'op-phone' }])
    expect(inspection.unmapped.map((field) => [field.name, field.source])).toEqual([['crm_id', 'fields']])
  })

  it('follows the configured order (settings, or the sample\'s config under sample semantics)', async () => {
    const reversed = { roxchat: { priorityOrder: ['opFields', 'fields', 'providedFields'] } }
    const bySettings = await inspect(sample(roxchatVisitor({ id: '7', phone: 'site-phone' })), { keys: ring, settings: settingsWith(reversed), now: NOW })
    expect(bySettings.fields.find((field) => field.name === 'phone')?.source).toBe('opFields')
    const withConfig = sample(roxchatVisitor({ id: '7', phone: 'site-phone' }), reversed)
    const byConfig = await inspect(withConfig, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW, sampleSemantics: true })
    expect(byConfig.fields.find((field) => field.name === 'phone')?.source).toBe('opFields')
    const configIgnored = await inspect(withConfig, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(configIgnored.fields.find((field) => field.name === 'phone')?.source).toBe('providedFields')
  })

  it('a rejected provided visitor contributes nothing; its fields go to rejectedFields while service and agent fields still merge', async () => {
    const forged = { ...roxchatVisitor({ id: '7', phone: 'site-phone' }), hash: '0'.repeat(64) }
    const inspection = await inspect(sample(forged), { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.verdict).toBe('rejected')
    expect(inspection.fields.map((field) => [field.name, field.value, field.source])).toEqual([
      ['phone', 'service-phone', 'fields'],
      ['comment', 'called back', 'opFields'],
    ])
    expect(inspection.rejectedFields).toEqual([
      { name: 'id', value: '7', source: 'providedFields' },
      { name: 'phone', value: 'site-phone', source: 'providedFields' },
    ])
  })

  it('a logout still shows the service and agent fields', async () => {
    const inspection = await inspect(sample(null), { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.verdict).toBe('logged-out')
    expect(inspection.fields.map((field) => [field.name, field.source])).toEqual([['phone', 'fields'], ['comment', 'opFields']])
  })
})
