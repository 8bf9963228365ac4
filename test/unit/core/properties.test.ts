/**
 * Property tests: sign-then-verify holds, and changing any character of a token, any field
 * value, the expiry or any hash character is refused.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import type { KeyRing } from '../../../electron/core/key-ring'
import { roxchatHashMessage } from '../../../electron/core/roxchat/hash'
import { MAX_ROXCHAT_EXPIRES } from '../../../electron/core/roxchat/visitor'
import { type InspectionSettings } from '../../../electron/common/settings'
import {
  HS_SECRET,
  HS_SECRET_2,
  NOW,
  NOW_S,
  ROX_SECRET,
  ROX_SECRET_2,
  codes,
  expectedRoxchatMessage,
  generateRsa,
  manifest,
  ringFrom,
  roxchatVisitor,
  settingsWith,
  signToken,
  type Claims,
  type RsaPair,
  type RoxchatVisitorObject,
} from './helpers'
import { ROXCHAT_HASH_ALGORITHMS, type RoxchatHashAlgorithm } from '../../../electron/common/roxchat/settings'

let rsa: RsaPair
let ring: KeyRing
const settingsFor = new Map<RoxchatHashAlgorithm, InspectionSettings>()

const HS_KEYS = [['hs_main', HS_SECRET], ['hs_new', HS_SECRET_2]] as const
const ROX_KEYS = [['main', ROX_SECRET], ['old_key', ROX_SECRET_2], ['unicode', 'ключ ✓ 😀']] as const

beforeAll(async () => {
  rsa = await generateRsa()
  ring = await ringFrom(manifest(
    ...HS_KEYS.map(([kid, secret]) => ({ scheme: 'ringcx', kid, secret })),
    { scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem },
    ...ROX_KEYS.map(([kid, secret]) => ({ scheme: 'roxchat', kid, secret })),
  ))
  for (const algorithm of ROXCHAT_HASH_ALGORITHMS) settingsFor.set(algorithm, settingsWith({ roxchat: { hashAlgorithm: algorithm } }))
})

const inspectAt = (input: unknown, settings?: InspectionSettings) => inspect(input, { keys: ring, settings: settings ?? settingsWith({}), now: NOW })

// ---------------------------------------------------------------------------------------------
// Arbitraries

const text = fc.string({ unit: 'binary', maxLength: 24 })
const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }).filter((value) => value !== '__proto__')

/** RingCX claims with a uuid and an expiry at least an hour away. */
const claimsArbitrary: fc.Arbitrary<Claims> = fc.record(
  {
    uuid: fc.string({ unit: 'binary', minLength: 1, maxLength: 36 }),
    firstname: text,
    lastname: text,
    email: fc.emailAddress(),
    company: text,
    extra_values: fc.dictionary(name, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 4 }),
    exp: fc.integer({ min: NOW_S + 3600, max: NOW_S + 10 * 365 * 86_400 }),
  },
  { requiredKeys: ['uuid', 'exp'] },
)

/** Rox.Chat fields: string values, a non-empty id. */
const fieldsArbitrary = fc
  .tuple(fc.dictionary(name, text, { maxKeys: 6 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }))
  .map(([fields, id]) => ({ ...fields, id }))

const visitorArbitrary = fc.record({
  fields: fieldsArbitrary,
  expires: fc.option(fc.integer({ min: NOW_S + 1, max: MAX_ROXCHAT_EXPIRES }), { nil: undefined }),
  algorithm: fc.constantFrom(...ROXCHAT_HASH_ALGORITHMS),
  key: fc.constantFrom(...ROX_KEYS),
})

function buildVisitor(input: { fields: Record<string, string>; expires: number | undefined; algorithm: RoxchatHashAlgorithm; key: readonly [string, string] }): RoxchatVisitorObject {
  return roxchatVisitor(input.fields, {
    secret: input.key[1],
    algorithm: input.algorithm,
    ...(input.expires === undefined ? {} : { expires: input.expires }),
  })
}

/** Characters to put in place of one token character: base64url, separators, padding, and others. */
const replacement = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '.', '=', '+', '/', ' ', '\n', 'é', '%')

function replaceAt(value: string, index: number, char: string): string {
  return value.slice(0, index) + char + value.slice(index + 1)
}

/** Replaces one character of the chosen part (0 header, 1 claims, 2 signature) of a compact token. */
function tamper(token: string, part: number, offset: number, char: string): string {
  const parts = token.split('.')
  const target = parts[part] ?? ''
  parts[part] = replaceAt(target, offset % target.length, char)
  return parts.join('.')
}

// ---------------------------------------------------------------------------------------------

describe('sign-then-verify', () => {
  it('holds for HS256 with random claims and either key', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArbitrary, fc.constantFrom(...HS_KEYS), async (claims, [kid, secret]) => {
        const inspection = await inspectAt(await signToken(claims, { key: secret, kid }))
        expect(codes(inspection)).toEqual([])
        expect(inspection.verdict).toBe('verified')
        expect(inspection.key?.kid).toBe(kid)
      }),
      { numRuns: 60 },
    )
  })

  it('holds for RS256 with random claims', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArbitrary, async (claims) => {
        const inspection = await inspectAt(await signToken(claims, { alg: 'RS256', key: rsa.privateKey, kid: 'rsa_main' }))
        expect(codes(inspection)).toEqual([])
        expect(inspection.verdict).toBe('verified')
        expect(inspection.key?.kid).toBe('rsa_main')
      }),
      { numRuns: 25 },
    )
  })

  it('holds for Rox.Chat visitors with every algorithm and every key', async () => {
    await fc.assert(
      fc.asyncProperty(visitorArbitrary, async (input) => {
        const visitor = buildVisitor(input)
        const inspection = await inspectAt(JSON.stringify(visitor), settingsFor.get(input.algorithm))
        expect(codes(inspection)).toEqual([])
        expect(inspection.verdict).toBe('verified')
        expect(inspection.key?.kid).toBe(input.key[0])
      }),
      { numRuns: 120 },
    )
  })

  it('the hashed message follows the UTF-8 byte order (code point order) of the names', () => {
    fc.assert(
      fc.property(fc.dictionary(name, text, { maxKeys: 8 }), fc.option(fc.integer({ min: 0, max: MAX_ROXCHAT_EXPIRES }), { nil: undefined }), (fields, expires) => {
        expect(roxchatHashMessage(fields, expires)).toBe(expectedRoxchatMessage(fields, expires))
      }),
      { numRuns: 300 },
    )
  })
})

describe('tampering is refused', () => {
  it('changing any one character of an HS256 token (header, claims or signature) is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        claimsArbitrary, fc.constantFrom(0, 1, 2), fc.nat(), replacement,
        async (claims, part, offset, char) => {
          const token = await signToken(claims, { key: HS_SECRET, kid: 'hs_main' })
          const changed = tamper(token, part, offset, char)
          fc.pre(changed !== token)
          const inspection = await inspectAt(changed)
          expect(inspection.verdict).toBe('rejected')
          expect(codes(inspection).length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 250 },
    )
  })

  it('changing any one character of an RS256 token is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        claimsArbitrary, fc.constantFrom(0, 1, 2), fc.nat(), replacement,
        async (claims, part, offset, char) => {
          const token = await signToken(claims, { alg: 'RS256', key: rsa.privateKey, kid: 'rsa_main' })
          const changed = tamper(token, part, offset, char)
          fc.pre(changed !== token)
          expect((await inspectAt(changed)).verdict).toBe('rejected')
        },
      ),
      { numRuns: 40 },
    )
  })

  it('changing any byte of a signed token (as bytes, then re-encoded) is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        claimsArbitrary, fc.constantFrom(0, 1, 2), fc.nat(), fc.integer({ min: 1, max: 255 }),
        async (claims, part, offset, flip) => {
          const token = await signToken(claims, { key: HS_SECRET_2, kid: 'hs_new' })
          const parts = token.split('.')
          const bytes = Buffer.from(parts[part] ?? '', 'base64url')
          const index = offset % bytes.length
          bytes[index] = (bytes[index] ?? 0) ^ flip
          parts[part] = bytes.toString('base64url')
          expect((await inspectAt(parts.join('.'))).verdict).toBe('rejected')
        },
      ),
      { numRuns: 150 },
    )
  })

  it('changing any field value of a Rox.Chat visitor is refused', async () => {
    await fc.assert(
      fc.asyncProperty(visitorArbitrary, fc.nat(), text, async (input, pick, newValue) => {
        const visitor = buildVisitor(input)
        const names = Object.keys(visitor.fields)
        const fieldName = names[pick % names.length] ?? 'id'
        fc.pre(visitor.fields[fieldName] !== newValue)
        const changed = { ...visitor, fields: { ...visitor.fields, [fieldName]: newValue } }
        const inspection = await inspectAt(JSON.stringify(changed), settingsFor.get(input.algorithm))
        expect(inspection.verdict).toBe('rejected')
        expect(inspection.fields).toEqual([])
      }),
      { numRuns: 150 },
    )
  })

  it('changing, adding or removing the expiry is refused', async () => {
    await fc.assert(
      fc.asyncProperty(visitorArbitrary, fc.integer({ min: NOW_S + 1, max: MAX_ROXCHAT_EXPIRES }), fc.boolean(), async (input, other, remove) => {
        const visitor = buildVisitor(input)
        let changed: Record<string, unknown>
        if (visitor.expires !== undefined && remove) {
          changed = { fields: visitor.fields, hash: visitor.hash }
        } else {
          fc.pre(other !== visitor.expires)
          changed = { ...visitor, expires: other }
        }
        const inspection = await inspectAt(JSON.stringify(changed), settingsFor.get(input.algorithm))
        expect(inspection.verdict).toBe('rejected')
        expect(codes(inspection)).toContain('wrong-provided-visitor-hash-value')
      }),
      { numRuns: 150 },
    )
  })

  it('changing any hash character (upper case included) is refused', async () => {
    await fc.assert(
      fc.asyncProperty(visitorArbitrary, fc.nat(), fc.constantFrom(...'0123456789abcdefABCDEFgz '), async (input, position, char) => {
        const visitor = buildVisitor(input)
        const changedHash = replaceAt(visitor.hash, position % visitor.hash.length, char)
        fc.pre(changedHash !== visitor.hash)
        const inspection = await inspectAt(JSON.stringify({ ...visitor, hash: changedHash }), settingsFor.get(input.algorithm))
        expect(inspection.verdict).toBe('rejected')
        expect(codes(inspection)).toEqual(['wrong-provided-visitor-hash-value'])
      }),
      { numRuns: 150 },
    )
  })
})
