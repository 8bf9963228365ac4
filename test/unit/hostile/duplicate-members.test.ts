/**
 * Suspicious but valid: JSON with a member name twice in one object. JSON.parse, json5 and jose
 * keep the last; other parsers keep the first, so what was checked may not be what is used.
 * Every such text is still read as before, with a stable warning naming the member and where.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import { duplicateMembersInText, duplicateMembersOf, MAX_LISTED_DUPLICATES, numberLiteralOf, readJsonText } from '../../../electron/core/json-source'
import type { Inspection } from '../../../electron/common/inspection'
import type { KeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { HS_SECRET, NOW, ROX_SECRET, codes, manifest, ringFrom, roxchatVisitor, settingsWith, warningCodes } from '../core/helpers'
import { HEADER_TEXT, claimsText, hs256OverText } from './helpers'

let ring: KeyRing

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
})

const options = (extra: Partial<InspectOptions> = {}): InspectOptions => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...extra })
const unsignedMode = settingsWith({ ringcx: { signedIdentities: 'reject' } })

function fieldValue(inspection: Inspection, name: string): string | undefined {
  return inspection.fields.find((field) => field.name === name)?.value
}

function readValue(text: string, dialect: 'json' | 'json5'): unknown {
  const read = readJsonText(text, dialect)
  if (!read.ok) throw new Error(read.message)
  return read.value
}

describe('RingCX JWTs', () => {
  it('claims with "uuid" twice verify, keep the last, and warn naming uuid and the claims', async () => {
    // The claims text holds uuid twice: "visitor-42" first, "attacker-1" last.
    const token = hs256OverText(HEADER_TEXT, claimsText('"uuid":"attacker-1"'))
    const inspection = await inspect(token, options())
    expect(inspection.verdict).toBe('verified')
    expect(codes(inspection)).toEqual([])
    expect(warningCodes(inspection)).toEqual(['ringcx-duplicate-member'])
    expect(fieldValue(inspection, 'uuid')).toBe('attacker-1')
    expect(inspection.warnings[0]?.message).toContain('"uuid" appears 2 times in the JWT claims')
  })

  it('a duplicate inside extra_values or in the header is named with its path', async () => {
    const nested = hs256OverText(HEADER_TEXT, claimsText('"extra_values":{"plan":"free","plan":"gold"}'))
    const inClaims = await inspect(nested, options())
    expect(warningCodes(inClaims)).toEqual(['ringcx-duplicate-member'])
    expect(inClaims.warnings[0]?.message).toContain('"plan" appears 2 times in the JWT claims at extra_values')

    const header = hs256OverText('{"alg":"HS256","kid":"other","typ":"JWT","kid":"hs_main"}', claimsText())
    const inHeader = await inspect(header, options())
    expect(inHeader.verdict).toBe('verified')
    expect(warningCodes(inHeader)).toEqual(['ringcx-duplicate-member'])
    expect(inHeader.warnings[0]?.message).toContain('"kid" appears 2 times in the JWT header')
  })

  it('warns on a rejected token too, and not at all for the same names in different objects', async () => {
    const expired = hs256OverText(HEADER_TEXT, '{"uuid":"a","uuid":"b","exp":1000}')
    const rejected = await inspect(expired, options())
    expect(codes(rejected)).toContain('ringcx-jwt-expired')
    expect(warningCodes(rejected)).toEqual(['ringcx-duplicate-member'])

    const clean = hs256OverText(HEADER_TEXT, claimsText('"extra_values":{"uuid":"x","exp":"y"}'))
    expect(warningCodes(await inspect(clean, options()))).toEqual([])
  })

  it('an unsigned identity with "uuid" twice warns with the RingCX code', async () => {
    const inspection = await inspect('_chatq.push(["_setIdentity", {uuid: "u-1", firstname: "Ada", "uuid": "u-2"}]);', options({ settings: unsignedMode }))
    expect(inspection.verdict).toBe('accepted-unsigned')
    expect(warningCodes(inspection)).toEqual(['ringcx-duplicate-member'])
    expect(fieldValue(inspection, 'uuid')).toBe('u-2')
    expect(inspection.warnings[0]?.message).toContain('in the identity')
  })
})

describe('Rox.Chat visitors', () => {
  it('a visitor with "id" twice in its fields verifies over the last and warns naming id and fields', async () => {
    const { hash } = roxchatVisitor({ id: '42', display_name: 'Ann' })
    const text = `{"fields":{"id":"7","display_name":"Ann","id":"42"},"hash":"${hash}"}`
    const inspection = await inspect(text, options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['roxchat-duplicate-member'])
    expect(fieldValue(inspection, 'id')).toBe('42')
    expect(inspection.warnings[0]?.message).toContain('"id" appears 2 times in the visitor at fields')
  })

  it('a page snippet counts unquoted, quoted and escaped spellings of one name as the same name', async () => {
    const { hash } = roxchatVisitor({ id: '42' })
    const snippet = `<script>roxchat_visitor = {fields: {id: '7', "id": "8", \\u0069d: '42',}, hash: '${hash}', hash: '${hash}'};</script>`
    const inspection = await inspect(snippet, options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['roxchat-duplicate-member', 'roxchat-duplicate-member'])
    const messages = inspection.warnings.map((warning) => warning.message).join('\n')
    expect(messages).toContain('"id" appears 3 times in the visitor at fields')
    expect(messages).toContain('"hash" appears 2 times in the visitor.')
  })

  it('a rejected visitor warns too', async () => {
    const inspection = await inspect('{"fields":{"id":"1","id":"2"},"hash":"00"}', options())
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(warningCodes(inspection)).toEqual(['roxchat-duplicate-member'])
  })
})

describe('sample files', () => {
  it('a sample with "payload" twice warns with the sample code; its payload\'s duplicates with the vendor\'s', async () => {
    const good = JSON.stringify(roxchatVisitor({ id: '42' }))
    const sample = `{"payload": {"fields": {"id": "1"}, "hash": "00"}, "payload": ${good}}`
    const inspection = await inspect(sample, options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['sample-duplicate-member'])
    expect(inspection.warnings[0]?.message).toContain('"payload" appears 2 times in the sample file')

    const { hash } = roxchatVisitor({ id: '42' })
    const both = `{"payload": {"fields": {"id": "1", "id": "42"}, "hash": "${hash}"}, "fields": {"display_name": "A", "display_name": "B"}}`
    const inner = await inspect(both, options())
    expect(inner.verdict).toBe('verified')
    expect(warningCodes(inner).sort()).toEqual(['roxchat-duplicate-member', 'sample-duplicate-member'])
    expect(inner.warnings.find((warning) => warning.code === 'sample-duplicate-member')?.message).toContain('in the sample file at fields')
  })

  it('a JSON5 sample and a payload given as text inside a sample are scanned as well', async () => {
    const { hash } = roxchatVisitor({ id: '42' })
    const json5 = `{payload: {fields: {id: '42'}, hash: '${hash}'}, now: '2026-03-01T12:00:00Z', now: '2026-03-01T12:00:00Z'}`
    expect(warningCodes(await inspect(json5, options()))).toEqual(['sample-settings-ignored', 'sample-duplicate-member'])
    const payloadText = JSON.stringify({ payload: `roxchat_visitor = {fields: {id: '1', id: '42'}, hash: '${hash}'}` })
    expect(warningCodes(await inspect(payloadText, options()))).toEqual(['roxchat-duplicate-member'])
  })
})

describe('the member scan', () => {
  it('does not mistake braces, colons, quotes or comments inside strings for members', () => {
    const json = readValue('{"a":"{\\"a\\":1,\\"a\\":2}","b":[{"a":1},{"a":2}],"c":{"a":"x:y,"}}', 'json')
    expect(duplicateMembersOf(json).total).toBe(0)
    const json5 = readValue(`{a: "it's", /* a: 1, */ b: 'say "a": 2', // a: 3
      c: [{a: 1}, {a: 2}], d: '\\'a\\': 4'}`, 'json5')
    expect(duplicateMembersOf(json5).total).toBe(0)
  })

  it('finds duplicates in objects inside arrays, with their index in the path', () => {
    const json = readValue('{"items":[{"k":1},{"k":1,"k":2}]}', 'json')
    expect(duplicateMembersOf(json).listed).toEqual([{ path: ['items', 1], name: 'k', count: 2 }])
    const json5 = readValue("{items: [{k: 1}, {k: 1, 'k': 2, k: 3}]}", 'json5')
    expect(duplicateMembersOf(json5).listed).toEqual([{ path: ['items', 1], name: 'k', count: 3 }])
  })

  it('lists a bounded number and counts the rest', async () => {
    const members = Array.from({ length: 50 }, (_, index) => `"f${index}":"a","f${index}":"b"`).join(',')
    const value = readValue(`{"fields":{"id":"1",${members}},"hash":"00"}`, 'json')
    const found = duplicateMembersOf(value)
    expect(found.total).toBe(50)
    expect(found.listed).toHaveLength(MAX_LISTED_DUPLICATES)
    const inspection = await inspect(`{"fields":{"id":"1",${members}},"hash":"00"}`, options())
    expect(inspection.warnings).toHaveLength(MAX_LISTED_DUPLICATES + 1)
    expect(new Set(warningCodes(inspection))).toEqual(new Set(['roxchat-duplicate-member']))
  })

  it('reports nothing for values that were not read from text', () => {
    expect(duplicateMembersOf({ a: 1 }).total).toBe(0)
    expect(duplicateMembersOf(null).total).toBe(0)
  })
})

describe('the count that spares the member scan', () => {
  // readJsonText skips the member scan when the text names as many members as the parsed value
  // holds; these texts must still come out exactly as the scan finds them.
  const texts = [
    '{"a":1,"b":{"c":2,"d":[{"e":3},{"e":4}]}}',
    '{"a":1,"a":2}',
    '[{"x":1,"x":2},{"y":[{"z":1,"z":1,"z":1}]}]',
    '{"a" : {"b":1}, "a":{"b":2,"b":3}}',
    '{"\\u0061":1,"a":2}',
    '{"a\\"":1,"a\\"":2}',
    '{"__proto__":1,"__proto__":2}',
    '{"s":"\\":{\\"","t":"a:b","u":["\\\\",":"]}',
    '{"k":{},"k":[]}',
    '{}',
    '[]',
  ]
  it.each(texts)('finds the duplicates of %s as the scan does', (text) => {
    expect(duplicateMembersOf(readValue(text, 'json'))).toEqual(duplicateMembersInText(text, 'json'))
    // The JWT path: text read without its members, told with the parsed value.
    const skipped = readJsonText(text, 'json', { members: 'skip' })
    expect(skipped.ok && duplicateMembersInText(text, 'json', skipped.value)).toEqual(duplicateMembersInText(text, 'json'))
  })

  it('keeps the spelling of an exp or expires number', () => {
    const spelled = readValue('{ "expires" : 2e9, "inner": {"exp": -0}, "more": {"exp": 2000000000.0} }', 'json') as Record<string, unknown>
    expect([numberLiteralOf(spelled, 'expires'), numberLiteralOf(spelled['inner'], 'exp'), numberLiteralOf(spelled['more'], 'exp')]).toEqual(['2e9', '-0', '2000000000.0'])
    const plain = readValue('{"expires":2000000000,"fields":{"exp":"2e9"},"inner":{"exp":1E3}}', 'json') as Record<string, unknown>
    expect([numberLiteralOf(plain, 'expires'), numberLiteralOf(plain['fields'], 'exp'), numberLiteralOf(plain['inner'], 'exp')]).toEqual([undefined, undefined, '1E3'])
    expect(numberLiteralOf(readValue('{"exp\\u0069res":2e9}', 'json'), 'expires')).toBe('2e9')
  })
})
