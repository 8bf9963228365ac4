/**
 * Deep nesting and width: JSON nested 5,000 deep (about 12 KB) used to overflow the stack of
 * every JSON.stringify of an input value. Text deeper than MAX_NESTING_DEPTH is now refused
 * before parsing with `input-too-deep`; values are shown through a bounded serialiser; and a
 * visitor with 150,000 fields inspects.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import type { Inspection } from '../../../electron/common/inspection'
import { nestingDepthExceeds } from '../../../electron/core/json-source'
import type { KeyRing } from '../../../electron/core/key-ring'
import { MAX_INPUT_BYTES, MAX_NESTING_DEPTH } from '../../../electron/common/limits'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { displayJson, displayValue } from '../../../electron/common/values'
import { HS_SECRET, NOW, ROX_SECRET, checkOf, codes, manifest, ringFrom, roxchatVisitor, settingsWith } from '../core/helpers'
import { HEADER_TEXT, claimsText, hs256OverText, nestedArrays } from './helpers'

let ring: KeyRing

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
})

const options = (extra: Partial<InspectOptions> = {}): InspectOptions => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...extra })
const unsignedMode = settingsWith({ ringcx: { signedIdentities: 'reject' } })
const DEEP = 5000

/**
 * Inspects without throwing, and the result crosses the command line's serialiser (JSON) and,
 * unless it is wide (where copying takes seconds, not a stack), the window's (structured clone).
 */
async function inspectSafely(input: unknown, extra: Partial<InspectOptions> = {}, { wide = false } = {}): Promise<Inspection> {
  const inspection = await inspect(input, options(extra))
  expect(() => JSON.stringify(inspection)).not.toThrow()
  if (!wide) expect(() => structuredClone(inspection)).not.toThrow()
  return inspection
}

function deepObject(depth: number): unknown {
  let value: unknown = 'leaf'
  for (let level = 0; level < depth; level++) value = { x: value }
  return value
}

describe('text nested 5,000 deep is refused before parsing, with a code and no throw', () => {
  it('a sample file (about 12 KB)', async () => {
    const text = `{"payload": ${JSON.stringify(roxchatVisitor({ id: '42' }))}, "note": ${nestedArrays(DEEP)}}`
    expect(text.length).toBeLessThan(12_000)
    const inspection = await inspectSafely(text)
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['input-too-deep'])
    expect(inspection.checks).toEqual([{ id: 'format', status: 'fail', code: 'input-too-deep' }])
  })

  it('JWT claims, even correctly signed', async () => {
    const token = hs256OverText(HEADER_TEXT, claimsText(`"extra_values":{"x":${nestedArrays(DEEP)}}`))
    const inspection = await inspectSafely(token)
    expect(inspection.scheme).toBe('ringcx')
    expect(codes(inspection)).toEqual(['input-too-deep'])
    expect(checkOf(inspection, 'format')).toMatchObject({ status: 'fail', code: 'input-too-deep' })
    expect(checkOf(inspection, 'signature')?.status).toBe('skip')
    expect(inspection.raw.claims).toBeUndefined()
  })

  it('a JWT header', async () => {
    const token = hs256OverText(`{"alg":"HS256","kid":"hs_main","x":${nestedArrays(DEEP)}}`, claimsText())
    expect(codes(await inspectSafely(token))).toEqual(['input-too-deep'])
  })

  it('an unsigned identity, in a page snippet or as JSON', async () => {
    const snippet = `<script>_chatq.push(["_setIdentity", {uuid: "u-1", extra_values: {x: ${nestedArrays(DEEP)}}}]);</script>`
    const fromSnippet = await inspectSafely(snippet, { settings: unsignedMode })
    expect(codes(fromSnippet)).toEqual(['input-too-deep'])
    expect(fromSnippet.scheme).toBe('ringcx')
    const json = `{"uuid":"u-1","extra_values":{"x":${nestedArrays(DEEP)}}}`
    expect(codes(await inspectSafely(json, { settings: unsignedMode }))).toEqual(['input-too-deep'])
  })

  it('a Rox.Chat visitor, in a page snippet, as JSON5, or as a payload text inside a sample', async () => {
    const { hash } = roxchatVisitor({ id: '42' })
    const snippet = `roxchat_visitor = {fields: {id: '42'}, hash: '${hash}', x: ${nestedArrays(DEEP)}};`
    expect(codes(await inspectSafely(snippet))).toEqual(['input-too-deep'])
    const json5 = `{fields: {id: '42'}, hash: '${hash}', x: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}}`
    expect(codes(await inspectSafely(json5))).toEqual(['input-too-deep'])
    const sample = JSON.stringify({ payload: `{"fields":{"id":"42"},"hash":"${hash}","x":${nestedArrays(DEEP)}}` })
    expect(codes(await inspectSafely(sample))).toEqual(['input-too-deep'])
  })

  it('the limit is exact: 64 levels are read, 65 are refused', async () => {
    const visitor = JSON.stringify(roxchatVisitor({ id: '42' })).slice(0, -1)
    // The visitor object is level 1; the arrays inside add the rest.
    const at = await inspectSafely(`${visitor},"x":${nestedArrays(MAX_NESTING_DEPTH - 1)}}`)
    expect(at.verdict).toBe('verified')
    const over = await inspectSafely(`${visitor},"x":${nestedArrays(MAX_NESTING_DEPTH)}}`)
    expect(codes(over)).toEqual(['input-too-deep'])
  })
})

describe('values handed in as objects are held to the same bound', () => {
  it('a deep or cyclic object is refused with a code, without a throw', async () => {
    const deep = await inspectSafely({ fields: { id: '42' }, hash: '00', x: deepObject(100_000) })
    expect(codes(deep)).toEqual(['input-too-deep'])
    const cyclic: Record<string, unknown> = { uuid: 'u-1', extra_values: {} }
    ;(cyclic['extra_values'] as Record<string, unknown>)['self'] = cyclic
    const fromCycle = await inspect(cyclic, options({ settings: unsignedMode, scheme: 'ringcx' }))
    expect(codes(fromCycle)).toEqual(['input-too-deep'])
  })
})

describe('the depth scan', () => {
  it('counts only brackets outside strings (and JSON5 comments)', () => {
    const inString = `{"a": "${'['.repeat(DEEP)}"}`
    expect(nestingDepthExceeds(inString, 'json')).toBe(false)
    expect(nestingDepthExceeds(`{a: '${'{'.repeat(DEEP)}', /* ${'['.repeat(DEEP)} */ b: 1 // ${'['.repeat(DEEP)}\n}`, 'json5')).toBe(false)
    expect(nestingDepthExceeds(`{"a": "\\"", "b": ${nestedArrays(DEEP)}}`, 'json')).toBe(true)
    // In strict JSON an apostrophe is not a quote, so it hides nothing.
    expect(nestingDepthExceeds(`{"a": 1, '${nestedArrays(DEEP)}'}`, 'json')).toBe(true)
  })

  it('does not recurse: a whole input of brackets is answered', () => {
    expect(nestingDepthExceeds('['.repeat(MAX_INPUT_BYTES), 'json')).toBe(true)
    expect(nestingDepthExceeds('[]'.repeat(MAX_INPUT_BYTES / 2), 'json5')).toBe(false)
  })
})

describe('the bounded serialiser', () => {
  it('writes JSON like JSON.stringify, compact or indented', () => {
    const value = { a: [1, 'x', null, true], b: {}, c: [], d: { e: 'f' }, skip: undefined, n: Number.NaN }
    expect(displayJson(value)).toBe(JSON.stringify(value))
    expect(displayJson(value, { indent: 2 })).toBe(JSON.stringify(value, null, 2))
    expect(displayJson([undefined, () => 1])).toBe('[null,null]')
    expect(displayJson('\ud800')).toBe('"\\ud800"')
    expect(displayValue('text')).toBe('text')
  })

  it('never throws: deep, cyclic, wide, BigInt and throwing values give bounded text', () => {
    const deep = displayJson(deepObject(100_000))
    expect(deep.startsWith('{"x":{"x":')).toBe(true)
    expect(deep).toContain('{…}')
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['self'] = cyclic
    expect(() => displayJson(cyclic)).not.toThrow()
    const wide = displayJson(Array.from({ length: 200_000 }, (_, index) => index), { maxLength: 100 })
    expect(wide).toHaveLength(100)
    expect(wide.endsWith('…')).toBe(true)
    expect(displayJson({ n: 10n })).toBe('{"n":10}')
    const hostile = { get boom(): never { throw new Error('no') } }
    expect(() => displayJson(hostile)).not.toThrow()
    expect(displayJson(hostile).endsWith('…')).toBe(true)
  })

  it('never cuts inside a surrogate pair', () => {
    const text = displayJson(`a${'\ud83d\ude00'.repeat(10)}`, { maxLength: 5 })
    expect(text.isWellFormed()).toBe(true)
    expect(text.length).toBeLessThanOrEqual(5)
  })
})

describe('a visitor with 150,000 fields inspects', () => {
  const fields: Record<string, string> = { id: '42' }
  for (let index = 0; index < 150_000; index++) fields[`f${index}`] = `v${index % 10}`

  it('verified, given as an object', async () => {
    const inspection = await inspectSafely(roxchatVisitor(fields), {}, { wide: true })
    expect(inspection.verdict).toBe('verified')
    // id is shown in the agent's panel; the other 150,000 are listed apart.
    expect(inspection.fields.length + inspection.unmapped.length).toBe(150_001)
  }, 60_000)

  it('rejected (a wrong hash), with its fields listed as not accepted', async () => {
    const inspection = await inspectSafely({ ...roxchatVisitor(fields), hash: '0'.repeat(64) }, {}, { wide: true })
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(inspection.rejectedFields.length).toBe(150_001)
  }, 60_000)

  it('verified, given as a page snippet just under 1 MiB', async () => {
    // Short unquoted names (one, two, three characters) fit 150,000 fields in 1 MiB.
    const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$'
    const rest = `${first}0123456789`
    const names: string[] = [...first].filter((name) => name !== 'i')
    for (const a of first) for (const b of rest) names.push(`${a}${b}`)
    for (const a of first) for (const b of rest) for (const c of rest) if (names.length < 150_000) names.push(`${a}${b}${c}`)
    const small: Record<string, string> = { id: '42' }
    for (const name of names.slice(0, 150_000 - 1)) if (name !== 'id') small[name] = ''
    const { hash } = roxchatVisitor(small)
    const text = `roxchat_visitor = {fields: {${Object.keys(small).map((name) => `${name}:'${small[name] ?? ''}'`).join(',')}}, hash: '${hash}'};`
    expect(text.length).toBeLessThanOrEqual(MAX_INPUT_BYTES)
    const inspection = await inspectSafely(text, {}, { wide: true })
    expect(inspection.verdict).toBe('verified')
    expect(inspection.fields.length + inspection.unmapped.length).toBe(Object.keys(small).length)
    expect(Object.keys(small).length).toBeGreaterThanOrEqual(149_990)
  }, 60_000)
})
