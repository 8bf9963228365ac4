/**
 * Value shown ≠ value hashed: text that is not well-formed Unicode (a lone surrogate) is hashed
 * as U+FFFD's UTF-8 bytes but shown as itself, so every scheme refuses it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import type { KeyRing } from '../../../electron/core/key-ring'
import { verifyRoxchatVisitor } from '../../../electron/core/roxchat/visitor'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { findIllFormedText } from '../../../electron/common/values'
import {
  HS_SECRET,
  NOW,
  NOW_S,
  ROX_SECRET,
  checkOf,
  codes,
  goodClaims,
  handSignedHs256,
  manifest,
  ringFrom,
  roxchatVisitor,
  settingsWith,
} from '../core/helpers'

let ring: KeyRing

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
})

const options = (extra: Partial<InspectOptions> = {}): InspectOptions => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...extra })
const unsignedMode = settingsWith({ ringcx: { signedIdentities: 'reject' } })

const LONE_HIGH = '\ud800'
const LONE_LOW = '\udc00'

describe('Rox.Chat: a lone surrogate in a field', () => {
  it('hashes exactly as U+FFFD does, which is why it used to verify', () => {
    // The hash is computed independently of the core (node:crypto over UTF-8).
    const lone = roxchatVisitor({ id: '42', display_name: `Ann${LONE_HIGH}` })
    const replaced = roxchatVisitor({ id: '42', display_name: 'Ann\ufffd' })
    expect(lone.hash).toBe(replaced.hash)
    expect(codes(verifyRoxchatVisitor(replaced, ring.roxchat, DEFAULT_SETTINGS, NOW_S))).toEqual([])
  })

  it('in a value is refused with the vendor\'s field code, given as an object', async () => {
    const inspection = await inspect(roxchatVisitor({ id: '42', display_name: `Ann${LONE_HIGH}` }), options())
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-field-value'])
    expect(checkOf(inspection, 'fields')).toMatchObject({ status: 'fail', code: 'wrong-provided-visitor-field-value' })
    // Nothing is hashed, so no diagnosis guesses at it and nothing is shown as verified.
    expect(checkOf(inspection, 'hash')?.status).toBe('skip')
    expect(inspection.raw.hashedMessage).toBeUndefined()
    expect(inspection.fields).toEqual([])
    expect(inspection.errors[0]?.message).toContain('display_name')
  })

  it('is refused when it comes from a JSON escape in the visitor text', async () => {
    const visitor = roxchatVisitor({ id: '42', display_name: `Ann${LONE_HIGH}` })
    const text = JSON.stringify(visitor) // escapes the lone surrogate as \ud800
    expect(text).toContain('\\ud800')
    const inspection = await inspect(text, options())
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-field-value'])
  })

  it('is refused in a page snippet (a JSON5 escape) and in the id itself', async () => {
    const visitor = roxchatVisitor({ id: `4${LONE_LOW}2` })
    const inspection = await inspect(`roxchat_visitor = {fields: {id: '4\\uDC002'}, hash: '${visitor.hash}'};`, options())
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-field-value'])
  })

  it('in a field name is refused with the same code', async () => {
    const inspection = await inspect(roxchatVisitor({ id: '42', [`na${LONE_HIGH}me`]: 'Ann' }), options())
    expect(codes(inspection)).toEqual(['wrong-provided-visitor-field-value'])
    expect(inspection.errors[0]?.message).toContain('member name')
  })

  it('reversed surrogates (low then high) are refused; a real pair (an emoji) verifies', async () => {
    expect(codes(await inspect(roxchatVisitor({ id: '42', display_name: `${LONE_LOW}${LONE_HIGH}` }), options()))).toEqual(['wrong-provided-visitor-field-value'])
    const emoji = await inspect(roxchatVisitor({ id: '42', display_name: 'Ann \ud83d\ude00' }), options())
    expect(emoji.verdict).toBe('verified')
  })

  it('in the hash is refused with the hash code; in another member with the malformed code', async () => {
    const visitor = roxchatVisitor({ id: '42' })
    const badHash = await inspect({ ...visitor, hash: `${visitor.hash.slice(0, -1)}${LONE_HIGH}` }, options())
    expect(codes(badHash)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(badHash.diagnosis).toBeUndefined()
    const other = await inspect({ ...visitor, note: LONE_HIGH }, options())
    expect(codes(other)).toEqual(['roxchat-visitor-malformed'])
    expect(checkOf(other, 'format')?.status).toBe('fail')
  })

  it('in "expires" (text, so already not an integer) is refused with the expires code', async () => {
    const inspection = await inspect({ ...roxchatVisitor({ id: '42' }), expires: `1${LONE_HIGH}` }, options())
    expect(codes(inspection)).toContain('wrong-provided-visitor-expires-value')
    expect(inspection.errors.every((error) => error.message.isWellFormed())).toBe(true)
  })
})

describe('RingCX: a lone surrogate in a JWT or an identity', () => {
  it('in a claim of a correctly signed JWT is refused as malformed, though the signature verifies', async () => {
    // JSON.stringify writes the lone surrogate as the escape \ud800, as a website's encoder would.
    const token = handSignedHs256({ alg: 'HS256', typ: 'JWT', kid: 'hs_main' }, goodClaims({ firstname: `Ada${LONE_HIGH}` }), HS_SECRET)
    const inspection = await inspect(token, options())
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['ringcx-identity-malformed'])
    expect(checkOf(inspection, 'format')).toMatchObject({ status: 'fail', code: 'ringcx-identity-malformed' })
    expect(checkOf(inspection, 'signature')?.status).toBe('pass')
    expect(inspection.errors[0]?.message).toContain('firstname')
  })

  it('the same token with U+FFFD instead verifies (the control)', async () => {
    const token = handSignedHs256({ alg: 'HS256', typ: 'JWT', kid: 'hs_main' }, goodClaims({ firstname: 'Ada\ufffd' }), HS_SECRET)
    expect((await inspect(token, options())).verdict).toBe('verified')
  })

  it('in an extra value\'s name, the uuid or the header is refused as malformed', async () => {
    const inExtraName = handSignedHs256({ alg: 'HS256', kid: 'hs_main' }, goodClaims({ extra_values: { [`pl${LONE_LOW}an`]: 'gold' } }), HS_SECRET)
    const inUuid = handSignedHs256({ alg: 'HS256', kid: 'hs_main' }, goodClaims({ uuid: `visitor${LONE_HIGH}` }), HS_SECRET)
    const inHeader = handSignedHs256({ alg: 'HS256', kid: 'hs_main', typ: `JWT${LONE_HIGH}` }, goodClaims(), HS_SECRET)
    for (const token of [inExtraName, inUuid, inHeader]) {
      expect(codes(await inspect(token, options()))).toEqual(['ringcx-identity-malformed'])
    }
  })

  it('in an unsigned identity is refused as malformed, in a snippet or as an object', async () => {
    const snippet = await inspect('_chatq.push(["_setIdentity", {uuid: "u-1", firstname: "Ada\\uD800"}]);', options({ settings: unsignedMode }))
    expect(snippet.verdict).toBe('rejected')
    expect(codes(snippet)).toEqual(['ringcx-identity-malformed'])
    const object = await inspect({ uuid: 'u-1', extra_values: { plan: `gold${LONE_LOW}` } }, options({ settings: unsignedMode, scheme: 'ringcx' }))
    expect(codes(object)).toEqual(['ringcx-identity-malformed'])
    const control = await inspect('_chatq.push(["_setIdentity", {uuid: "u-1", firstname: "Ada"}]);', options({ settings: unsignedMode }))
    expect(control.verdict).toBe('accepted-unsigned')
  })
})

describe('sample files', () => {
  it('refuse a lone surrogate in their own fields with sample-invalid', async () => {
    const sample = JSON.stringify({ payload: roxchatVisitor({ id: '42' }), fields: { display_name: `Ann${LONE_HIGH}` } })
    const inspection = await inspect(sample, options())
    expect(codes(inspection)).toEqual(['sample-invalid'])
    const control = JSON.stringify({ payload: roxchatVisitor({ id: '42' }), fields: { display_name: 'Ann' } })
    expect((await inspect(control, options())).verdict).toBe('verified')
  })
})

describe('Rox.Chat identification by token', () => {
  it('refuses a token whose registered fields hold a lone surrogate, with the field code', async () => {
    const authTokens = new Map([['tok-bad', { id: '42', display_name: `Ann${LONE_HIGH}` }], ['tok-good', { id: '42', display_name: 'Ann' }]])
    const bad = await inspect(JSON.stringify({ authToken: 'tok-bad' }), options({ authTokens }))
    expect(bad.verdict).toBe('rejected')
    expect(codes(bad)).toEqual(['wrong-provided-visitor-field-value'])
    expect(bad.fields).toEqual([])
    expect((await inspect(JSON.stringify({ authToken: 'tok-good' }), options({ authTokens }))).verdict).toBe('verified')
  })
})

describe('findIllFormedText', () => {
  it('names the path and whether a name or a value is at fault', () => {
    expect(findIllFormedText({ fields: { id: '1', name: LONE_HIGH } })).toEqual({ path: ['fields', 'name'], in: 'value' })
    expect(findIllFormedText({ a: [0, { [LONE_LOW]: 1 }] })).toEqual({ path: ['a', 1, LONE_LOW], in: 'name' })
    expect(findIllFormedText(LONE_HIGH)).toEqual({ path: [], in: 'value' })
    expect(findIllFormedText({ a: ['ok', 'é', '\ud83d\ude00'], b: 1, c: null })).toBeNull()
  })

  it('is bounded: a cycle or a chain deeper than the limit is reported unchecked, not followed forever', () => {
    const cycle: Record<string, unknown> = { a: 'ok' }
    cycle['self'] = cycle
    expect(findIllFormedText(cycle)?.in).toBe('unchecked')
    let chain: unknown = 'leaf'
    for (let depth = 0; depth < 100_000; depth++) chain = [chain]
    expect(findIllFormedText(chain)?.in).toBe('unchecked')
  })
})
