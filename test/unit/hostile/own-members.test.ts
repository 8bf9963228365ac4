/**
 * Inherited members ("Trust the verdict", item 4): input objects are read by their own members
 * only. An extra-value mapping for `constructor`, `toString`, `__proto__` or `hasOwnProperty`
 * used to fill a field from Object.prototype; a member a prototype carries (prototype pollution
 * elsewhere in the process) must never stand in for one the payload, sample, settings or key
 * file left out; and a name such as `__proto__` in the input must not change a result's prototype.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import type { Inspection } from '../../../electron/common/inspection'
import { parseKeyFile } from '../../../electron/core/key-parse'
import type { KeyRing } from '../../../electron/core/key-ring'
import { mergeFieldSets } from '../../../electron/core/roxchat/priority-merge'
import { ringcxFieldView } from '../../../electron/core/ringcx/identity'
import { verifyRoxchatVisitor } from '../../../electron/core/roxchat/visitor'
import { DEFAULT_SETTINGS, resolveSettings } from '../../../electron/common/settings'
import { parseTokenTable } from '../../../electron/core/token-table'
import {
  HS_SECRET,
  HS_SECRET_2,
  NOW,
  NOW_S,
  ROX_SECRET,
  codes,
  goodClaims,
  manifest,
  ringFrom,
  roxchatVisitor,
  settingsWith,
  signToken,
  warningCodes,
} from '../core/helpers'

/** Names every object inherits from Object.prototype. */
const INHERITED = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']
const mappings = INHERITED.map((key, index) => ({ key, target: `custom:inherited_${index}` }))
const settings = settingsWith({ ringcx: { signedIdentities: 'reject', extraValueMappings: mappings } })
const acceptSigned = settingsWith({ ringcx: { extraValueMappings: mappings } })

let ring: KeyRing
beforeAll(async () => {
  ring = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }, { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET }))
})

/** Whatever an inspection shows, with no trace of a prototype's members. */
function expectNothingInherited(inspection: Inspection): void {
  const shown = [...inspection.fields, ...inspection.unmapped, ...inspection.rejectedFields]
  expect(shown.map((field) => field.name).filter((name) => name.startsWith('inherited_'))).toEqual([])
  expect(JSON.stringify(inspection)).not.toMatch(/native code|\[object Object\]|function /)
}

describe('extra-value mappings for names every object inherits', () => {
  it('map nothing in the field view', () => {
    const view = ringcxFieldView({ uuid: 'u1', extra_values: { plan: 'gold' } }, mappings)
    expect(view.fields.map((field) => field.name)).toEqual(['uuid'])
    expect(view.unmapped.map((field) => field.name)).toEqual(['plan'])
    expect(view.warnings).toEqual([])
  })

  it('map nothing for a verified token', async () => {
    const token = await signToken(goodClaims({ extra_values: { plan: 'gold' } }), { key: HS_SECRET })
    const inspection = await inspect(token, { keys: ring, settings: acceptSigned, now: NOW })
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual([])
    expectNothingInherited(inspection)
  })

  it('map nothing for a forged token, nor for one without extra_values at all', async () => {
    for (const claims of [goodClaims({ extra_values: { plan: 'gold' } }), goodClaims()]) {
      const forged = await signToken(claims, { key: HS_SECRET_2 })
      const inspection = await inspect(forged, { keys: ring, settings: acceptSigned, now: NOW })
      expect(codes(inspection)).toEqual(['ringcx-jwt-bad-signature'])
      expectNothingInherited(inspection)
    }
  })

  it('map nothing for an unsigned identity accepted as such', async () => {
    const unsigned = `_chatq.push(["_setIdentity", ${JSON.stringify({ uuid: 'u1', extra_values: { plan: 'gold' } })}])`
    const inspection = await inspect(unsigned, { keys: ring, settings, now: NOW })
    expect(inspection.verdict).toBe('accepted-unsigned')
    expectNothingInherited(inspection)
  })

  it('do map an own member of that name: it is the sender\'s data', async () => {
    const identity = JSON.parse('{"uuid":"u1","extra_values":{"__proto__":"own","constructor":"also own"}}') as Record<string, unknown>
    const view = ringcxFieldView(identity, mappings)
    expect(view.fields.map((field) => [field.name, field.value])).toEqual([['uuid', 'u1'], ['inherited_0', 'also own'], ['inherited_2', 'own']])
  })
})

describe('names from the input never change a result object\'s prototype', () => {
  it('a mapping target named __proto__ is a field like any other', () => {
    const view = ringcxFieldView({ uuid: 'u1', extra_values: { plan: 'gold' } }, [{ key: 'plan', target: 'custom:__proto__' }])
    const field = view.fields.find((entry) => entry.name === '__proto__')
    expect(field?.value).toBe('gold')
    for (const entry of view.fields) expect(Object.getPrototypeOf(entry)).toBe(Object.prototype)
  })

  it('a sample member named __proto__ is kept as an extra member, not made the prototype', async () => {
    const sample = `{"payload": ${JSON.stringify(await signToken(goodClaims(), { key: HS_SECRET }))}, "__proto__": {"polluted": "yes"}}`
    const inspection = await inspect(sample, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    const extras = inspection.sample?.extras ?? {}
    expect(Object.hasOwn(extras, '__proto__')).toBe(true)
    expect((extras as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.getPrototypeOf(extras) === Object.prototype || Object.getPrototypeOf(extras) === null).toBe(true)
  })

  it('Rox.Chat field sets named with inherited names merge as ordinary fields', () => {
    const merged = mergeFieldSets(
      { providedFields: JSON.parse('{"id":"1","__proto__":"p","constructor":"c"}') as Record<string, string>, opFields: { toString: 't' } },
      DEFAULT_SETTINGS.roxchat.priorityOrder,
    )
    expect(merged.unmapped.map((field) => [field.name, field.value, field.overridden])).toEqual([['__proto__', 'p', []], ['constructor', 'c', []], ['toString', 't', []]])
  })

  it('a token table keeps a token or field named __proto__ as data', () => {
    const parsed = parseTokenTable('{"__proto__": {"id": "7", "__proto__": "x"}}')
    expect(parsed.ok && parsed.table.get('__proto__')).toEqual(JSON.parse('{"id": "7", "__proto__": "x"}'))
  })
})

/**
 * A member Object.prototype carries while the test runs, as prototype pollution elsewhere in the
 * process would leave it; removed after each test.
 */
const planted: string[] = []
function plant(name: string, value: unknown): void {
  Object.defineProperty(Object.prototype, name, { value, configurable: true, writable: true, enumerable: false })
  planted.push(name)
}
afterEach(() => {
  for (const name of planted.splice(0)) delete (Object.prototype as Record<string, unknown>)[name]
})

describe('a member only a prototype carries never stands in for a missing one', () => {
  it('RingCX: a token without uuid still lacks its uuid', async () => {
    const claims = goodClaims()
    delete claims['uuid']
    const token = await signToken(claims, { key: HS_SECRET })
    plant('uuid', 'inherited-visitor')
    const inspection = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(codes(inspection)).toEqual(['ringcx-jwt-missing-uuid'])
  })

  it('RingCX: an inherited extra value is not mapped', () => {
    plant('plan', 'inherited-plan')
    const view = ringcxFieldView({ uuid: 'u1', extra_values: {} }, [{ key: 'plan', target: 'custom:plan' }])
    expect(view.fields.map((field) => field.name)).toEqual(['uuid'])
  })

  it('Rox.Chat: a visitor without id is still refused, and the hash is over its own fields', () => {
    const visitor = roxchatVisitor({ display_name: 'Ann' }, { expires: NOW_S + 3600 })
    plant('id', 'inherited-id')
    const result = verifyRoxchatVisitor(visitor, [], DEFAULT_SETTINGS, NOW_S)
    expect(codes(result)).toContain('wrong-provided-visitor-field-value')
  })

  it('Rox.Chat: an inherited hash or expires is not the visitor\'s', async () => {
    const visitor = roxchatVisitor({ id: '1' })
    const { hash, ...withoutHash } = visitor
    plant('hash', hash)
    plant('expires', 'never')
    const inspection = await inspect(JSON.stringify(withoutHash), { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-hash-value'])
  })

  it('settings: inherited mappings or modes are not settings', () => {
    plant('extraValueMappings', [{ key: 'plan', target: 'custom:plan' }])
    plant('signedIdentities', 'reject')
    const result = resolveSettings({ ringcx: {} })
    expect(result.ok && result.value.ringcx).toEqual(DEFAULT_SETTINGS.ringcx)
  })

  it('settings: an inherited regex is not a mapping\'s pattern', () => {
    plant('regex', '\\d+')
    const result = resolveSettings({ ringcx: { extraValueMappings: [{ key: 'plan', target: 'custom:plan' }] } })
    expect(result.ok && result.value.ringcx.extraValueMappings).toEqual([{ key: 'plan', target: 'custom:plan' }])
  })

  it('key manifests: an inherited secret is not a key the file holds', async () => {
    plant('secret', HS_SECRET)
    const report = await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'no_material' }))
    expect(report.entries.map((entry) => entry.error?.code)).toEqual(['key-material-missing'])
    expect(report.keys).toEqual([])
  })

  it('sample files: an inherited payload does not make an identity a sample', async () => {
    plant('payload', await signToken(goodClaims(), { key: HS_SECRET }))
    const inspection = await inspect('{"uuid": "u1", "firstname": "Ann"}', { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.sample).toBeUndefined()
    expect(codes(inspection)).toEqual(['ringcx-unsigned-identity-rejected'])
  })
})
