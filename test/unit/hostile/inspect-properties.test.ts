/**
 * Properties of the core's one entry point over hostile input: for arbitrary text and JSON
 * (deep, wide, odd Unicode, duplicated members), `inspect` returns a result, never throws, uses
 * only known codes, and says *verified* only when the signature or hash holds over exactly the
 * values it reports, recomputed here independently of the core with node:crypto.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { CODE_INFO } from '../../../electron/common/codes'
import { inspect } from '../../../electron/core/inspect'
import type { Inspection } from '../../../electron/common/inspection'
import type { KeyRing } from '../../../electron/core/key-ring'
import {
  HS_SECRET,
  HS_SECRET_2,
  NOW,
  NOW_S,
  ROX_SECRET,
  ROX_SECRET_2,
  expectedRoxchatHash,
  expectedRoxchatMessage,
  manifest,
  ringFrom,
  settingsWith,
} from '../core/helpers'

/** Secrets the store holds, by Key ID, and one it does not (a forger's). */
const RINGCX_KEYS: Readonly<Record<string, string>> = { hs_main: HS_SECRET, hs_new: HS_SECRET_2 }
const ROXCHAT_KEYS: Readonly<Record<string, string>> = { main: ROX_SECRET, old_key: ROX_SECRET_2 }
const FOREIGN_SECRET = 'ffffffffffffffffffffffff'

let ring: KeyRing
beforeAll(async () => {
  ring = await ringFrom(manifest(
    ...Object.entries(RINGCX_KEYS).map(([kid, secret]) => ({ scheme: 'ringcx', kid, secret })),
    ...Object.entries(ROXCHAT_KEYS).map(([kid, secret]) => ({ scheme: 'roxchat', kid, secret })),
  ))
})

const settings = settingsWith({})
const inspectAt = (input: unknown): Promise<Inspection> => inspect(input, { keys: ring, settings, now: NOW })
const KNOWN_CODES = new Set(Object.keys(CODE_INFO))
const VERDICTS = new Set(['verified', 'accepted-unsigned', 'rejected', 'logged-out'])

/** The result is whole: a verdict, known codes only, and every code of a rejection explained. */
function expectWellFormed(inspection: Inspection): void {
  expect(VERDICTS.has(inspection.verdict)).toBe(true)
  for (const issue of [...inspection.errors, ...inspection.warnings]) {
    expect(KNOWN_CODES.has(issue.code), issue.code).toBe(true)
    expect(typeof issue.message).toBe('string')
  }
  if (inspection.verdict === 'rejected') expect(inspection.errors.length).toBeGreaterThan(0)
  else expect(inspection.errors).toEqual([])
  // Everything the window and the command line print must survive serialisation.
  expect(() => JSON.stringify(inspection)).not.toThrow()
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Text with lone surrogates, controls, bidi marks and astral characters. */
const oddText = fc.string({ unit: 'binary', maxLength: 40 })
/** Names that include the ones objects inherit. */
const oddName = fc.oneof(oddText, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'id', 'uuid', 'exp', 'hash', 'fields', 'expires', 'payload', 'now', 'config'))

/** JSON text nested `depth` deep, as arrays or objects. */
const deepJson = fc.tuple(fc.integer({ min: 1, max: 6000 }), fc.boolean(), fc.constantFrom('1', '"x"', 'null', '{}')).map(([depth, arrays, leaf]) =>
  arrays ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`,
)

/** Arbitrary JSON values, some of them wide. */
const jsonValue = fc.jsonValue({ maxDepth: 8 })
const wideObject = fc.integer({ min: 0, max: 5_000 }).map((count) => {
  const fields: Record<string, string> = { id: '1' }
  for (let index = 0; index < count; index++) fields[`f${index}`] = 'v'
  return { fields, hash: '0'.repeat(64) }
})

/** Page-like text around an identity form, with comments and odd text mixed in. */
const pageText = fc.tuple(oddText, fc.constantFrom(
  '_chatq.push(["_setSignedIdentity", "eyJhbGciOiJIUzI1NiJ9.e30.x"])',
  '<!-- _chatq.push(["_setSignedIdentity", "a.b.c"]) -->',
  '_chatq.push(["_setIdentity", {uuid: "u", extra_values: {__proto__: {x: 1}}}])',
  'roxchat_visitor = {fields: {id: "1", id: "2"}, hash: "00"};',
  'webim_visitor = ',
  'https://chat.example/?jwt_identity=',
  '/* roxchat_visitor = {fields: {id: "1"}} */',
  '{"payload": "x", "now": "1970-01-01T00:00:00Z", "config": {"roxchat": {"hashAlgorithm": "md5"}}}',
), oddText).map(([before, form, after]) => `${before}${form}${after}`)

describe('inspect never throws and always answers with known codes', () => {
  it('for arbitrary text, page text and deep JSON text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(oddText, pageText, deepJson, fc.string({ maxLength: 2000 })), async (text) => {
        const inspection = await inspectAt(text)
        expectWellFormed(inspection)
        expect(inspection.verdict).not.toBe('verified')
      }),
      { numRuns: 300 },
    )
  })

  it('for arbitrary JSON values, as text and as objects, narrow and wide', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonValue, wideObject), fc.boolean(), async (value, asText) => {
        const inspection = await inspectAt(asText ? JSON.stringify(value) : value)
        expectWellFormed(inspection)
        expect(inspection.verdict).not.toBe('verified')
      }),
      { numRuns: 60 },
    )
  }, 60_000)

  it('for objects nested far beyond the bound, and ones that hold themselves', async () => {
    let deep: unknown = 'x'
    for (let level = 0; level < 20_000; level++) deep = { fields: deep }
    const cyclic: Record<string, unknown> = { hash: 'x' }
    cyclic['fields'] = cyclic
    for (const input of [deep, cyclic, { payload: deep }]) expectWellFormed(await inspectAt(input))
  })
})

// ---------------------------------------------------------------------------------------------
// Verified means verified: recomputed over exactly what is reported

function hs256(input: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'ascii')).update(input, 'ascii').digest('base64url')
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** Claims as JSON text, with an optional duplicate member appended (parsers keep the last one). */
function claimsText(claims: Record<string, unknown>, duplicate: readonly [string, string] | null): string {
  const text = JSON.stringify(claims)
  if (duplicate === null) return text
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(duplicate[0])}:${JSON.stringify(duplicate[1])}}`
}

const ringcxCase = fc.record({
  uuid: oddText,
  firstname: fc.option(oddText, { nil: undefined }),
  extra: fc.dictionary(oddName, fc.oneof(oddText, fc.integer(), jsonValue), { maxKeys: 4 }),
  exp: fc.oneof(fc.integer({ min: NOW_S - 10_000, max: NOW_S + 400 * 86_400 }), fc.constant(NOW_S * 1000)),
  kid: fc.constantFrom('hs_main', 'hs_new', 'unknown', '__proto__'),
  signer: fc.constantFrom('hs_main', 'hs_new', 'foreign'),
  duplicate: fc.option(fc.tuple(fc.constantFrom('uuid', 'exp', 'firstname'), oddText), { nil: null }),
  tamper: fc.option(fc.tuple(fc.nat(), fc.constantFrom('A', '_', '-', 'é', '.')), { nil: null }),
  wrap: fc.constantFrom('bare', 'snippet', 'url'),
})

describe('a RingCX verdict of verified', () => {
  it('holds only for a token signed by the store key it names, over the claims it reports', async () => {
    let verified = 0
    await fc.assert(
      fc.asyncProperty(ringcxCase, async (c) => {
        const claims: Record<string, unknown> = { uuid: c.uuid, exp: c.exp, extra_values: c.extra }
        if (c.firstname !== undefined) claims['firstname'] = c.firstname
        const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: c.kid }))}.${base64url(claimsText(claims, c.duplicate))}`
        const secret = c.signer === 'foreign' ? FOREIGN_SECRET : (RINGCX_KEYS[c.signer] ?? '')
        let token = `${signingInput}.${hs256(signingInput, secret)}`
        if (c.tamper !== null) {
          const index = c.tamper[0] % token.length
          token = token.slice(0, index) + c.tamper[1] + token.slice(index + 1)
        }
        const input = c.wrap === 'bare' ? token : c.wrap === 'snippet' ? `<script>_chatq.push(["_setSignedIdentity", "${token}"])</script>` : `https://chat.example/?jwt_identity=${token}`
        const inspection = await inspectAt(input)
        expectWellFormed(inspection)
        if (inspection.verdict !== 'verified') return
        verified++

        // Recompute: the token's own signature, with the secret of the key the result names.
        const parts = token.split('.')
        const kid = inspection.key?.kid ?? ''
        const storeSecret = RINGCX_KEYS[kid]
        expect(storeSecret, `verified with ${kid}, which the store does not hold`).toBeDefined()
        expect(kid).toBe(c.kid)
        const expected = Buffer.from(hs256(`${parts[0]}.${parts[1]}`, storeSecret ?? ''), 'base64url')
        const actual = Buffer.from(parts[2] ?? '', 'base64url')
        expect(actual.length === expected.length && timingSafeEqual(actual, expected)).toBe(true)
        // The reported identity is the signed one, read as every parser reads the last duplicate.
        const signed = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
        expect(inspection.fields.find((field) => field.name === 'uuid')?.value).toBe(signed['uuid'])
        if (typeof signed['firstname'] === 'string') expect(inspection.fields.find((field) => field.name === 'firstname')?.value).toBe(signed['firstname'])
        // And a verified identity is one RingCX accepts: an exp at least the minimum ahead.
        expect(typeof signed['exp'] === 'number' && signed['exp'] >= NOW_S + settings.ringcx.minExpirySeconds).toBe(true)
      }),
      { numRuns: 250 },
    )
    // The property is not vacuous: genuine tokens are among the cases.
    expect(verified).toBeGreaterThan(0)
  }, 60_000)
})

const roxchatCase = fc.record({
  fields: fc.dictionary(oddName, oddText, { maxKeys: 6 }),
  id: oddText,
  expires: fc.option(fc.oneof(fc.integer({ min: NOW_S - 10_000, max: NOW_S + 400 * 86_400 }), fc.constant(NOW_S * 1000)), { nil: undefined }),
  signer: fc.constantFrom('main', 'old_key', 'foreign'),
  tamper: fc.option(fc.tuple(fc.nat(), oddText), { nil: null }),
  form: fc.constantFrom('json', 'snippet', 'object'),
})

describe('a Rox.Chat verdict of verified', () => {
  it('holds only when the hash of the reported fields and expiry, with the named store key, is the one sent', async () => {
    let verified = 0
    await fc.assert(
      fc.asyncProperty(roxchatCase, async (c) => {
        const fields: Record<string, string> = {}
        for (const [name, value] of Object.entries(c.fields)) Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true })
        fields['id'] = c.id
        const secret = c.signer === 'foreign' ? FOREIGN_SECRET : (ROXCHAT_KEYS[c.signer] ?? '')
        const hash = expectedRoxchatHash(expectedRoxchatMessage(fields, c.expires), secret, 'hmac-sha256')
        if (c.tamper !== null) {
          // Change one value (or add a field) after hashing.
          const names = Object.keys(fields)
          const name = names[c.tamper[0] % names.length] ?? 'id'
          Object.defineProperty(fields, name, { value: `${fields[name] ?? ''}${c.tamper[1]}`, enumerable: true, writable: true, configurable: true })
        }
        const visitor = c.expires === undefined ? { fields, hash } : { fields, expires: c.expires, hash }
        const input = c.form === 'object' ? visitor : c.form === 'json' ? JSON.stringify(visitor) : `<script>roxchat_visitor = ${JSON.stringify(visitor)};</script>`
        const inspection = await inspectAt(input)
        expectWellFormed(inspection)
        if (inspection.verdict !== 'verified') return
        verified++

        const kid = inspection.key?.kid ?? ''
        const storeSecret = ROXCHAT_KEYS[kid]
        expect(storeSecret, `verified with ${kid}, which the store does not hold`).toBeDefined()
        // Exactly the reported provided fields (the default order puts them first, so none is hidden).
        const reported: Record<string, string> = {}
        for (const field of [...inspection.fields, ...inspection.unmapped]) {
          expect(field.source).toBe('providedFields')
          Object.defineProperty(reported, field.name, { value: field.value, enumerable: true, writable: true, configurable: true })
        }
        const reportedExpires = inspection.expiry.expiresAt === null ? undefined : Math.round(Date.parse(inspection.expiry.expiresAt) / 1000)
        const recomputed = expectedRoxchatHash(expectedRoxchatMessage(reported, reportedExpires), storeSecret ?? '', 'hmac-sha256')
        expect(recomputed).toBe(hash)
        expect(reportedExpires).toBe(c.expires)
      }),
      { numRuns: 250 },
    )
    expect(verified).toBeGreaterThan(0)
  }, 60_000)
})
