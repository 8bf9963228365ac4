/**
 * describeFixit: from the core's Inspection to the description a program is generated from.
 */
import { describe, expect, it } from 'vitest'
import {
  FIXIT_LANGUAGES,
  describeFixit,
  generateFixitProgram,
  type DescribeFixitResult as SchemeDescribeResult,
  type FixitDescription,
  type FixitInspection,
} from '../../../../electron/common/fixit'
import { FIXIT_PLACEHOLDER_KID, type RingcxFixitDescription } from '../../../../electron/common/ringcx/fixit'
import type { RoxchatFixitDescription } from '../../../../electron/common/roxchat/fixit'
import { inspect } from '../../../../electron/core/inspect'
import type { Inspection } from '../../../../electron/common/inspection'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import {
  HS_SECRET,
  NOW,
  NOW_S,
  ROX_SECRET,
  generateRsa,
  goodClaims,
  handSignedHs256,
  manifest,
  ringFrom,
  roxchatVisitor,
  settingsWith,
  signToken,
} from '../../core/helpers'

type DescribeFixitResult = SchemeDescribeResult<FixitDescription>

const ringKeys = manifest({ scheme: 'ringcx', kid: 'hs_main', alg: 'HS256', secret: HS_SECRET }, { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET })

// FixitInspection names only the schemes with fix programs; these tests inspect only those.
async function inspected(payload: unknown, settings = DEFAULT_SETTINGS, sampleSemantics = false): Promise<Inspection & FixitInspection> {
  return inspect(payload, { keys: await ringFrom(ringKeys), settings, now: NOW, sampleSemantics }) as Promise<Inspection & FixitInspection>
}

function described(result: DescribeFixitResult): { description: NonNullable<Extract<DescribeFixitResult, { ok: true }>['description']>; notes: string[] } {
  if (!result.ok) throw new Error(`expected a description, got ${result.code}: ${result.message}`)
  return { description: result.description, notes: result.notes.map((note) => note.code) }
}

function ringcx(result: DescribeFixitResult): { description: RingcxFixitDescription; notes: string[] } {
  const { description, notes } = described(result)
  if (description.scheme !== 'ringcx') throw new Error('expected a RingCX description')
  return { description, notes }
}

function roxchat(result: DescribeFixitResult): { description: RoxchatFixitDescription; notes: string[] } {
  const { description, notes } = described(result)
  if (description.scheme !== 'roxchat') throw new Error('expected a Rox.Chat description')
  return { description, notes }
}

describe('describeFixit, RingCX', () => {
  it('takes header and claims without exp and iat, and the lifetime exp - iat', async () => {
    const token = await signToken(goodClaims({ iat: NOW_S - 100, exp: NOW_S + 7100, extra_values: { plan: 'gold' } }), { key: HS_SECRET })
    const inspection = await inspected(token)
    expect(inspection.verdict).toBe('verified')
    const { description, notes } = ringcx(describeFixit(inspection))
    expect(description).toEqual({
      scheme: 'ringcx',
      alg: 'HS256',
      kid: 'hs_main',
      claims: { uuid: 'visitor-42', firstname: 'Ada', extra_values: { plan: 'gold' } },
      lifetimeSeconds: 7200,
    })
    expect(notes).toEqual([])
  })

  it('counts from the inspection time without iat, and from a sample\'s own now', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S + 5000 }), { key: HS_SECRET })
    expect(ringcx(describeFixit(await inspected(token))).description.lifetimeSeconds).toBe(5000)
    const sample = JSON.stringify({ payload: token, now: new Date((NOW_S + 1000) * 1000).toISOString() })
    expect(ringcx(describeFixit(await inspected(sample, DEFAULT_SETTINGS, true))).description.lifetimeSeconds).toBe(4000)
  })

  it('raises a lifetime RingCX would refuse to the minimum plus a margin, and says so', async () => {
    const exact = await signToken(goodClaims({ iat: NOW_S, exp: NOW_S + 3600 }), { key: HS_SECRET })
    const result = ringcx(describeFixit(await inspected(exact)))
    expect(result.description.lifetimeSeconds).toBe(3900)
    expect(result.notes).toEqual(['fixit-lifetime-raised'])

    const expired = await signToken(goodClaims({ exp: NOW_S - 60 }), { key: HS_SECRET })
    const inspection = await inspected(expired)
    expect(inspection.verdict).toBe('rejected')
    expect(ringcx(describeFixit(inspection)).description.lifetimeSeconds).toBe(3900)
    // The account's own minimum counts.
    expect(ringcx(describeFixit(inspection, settingsWith({ ringcx: { minExpirySeconds: 7200 } }))).description.lifetimeSeconds).toBe(7500)
  })

  it('describes a rejected token too: the fix is for identities that fail', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S + 7200 }), { key: 'the-wrong-secret-000000000' })
    const inspection = await inspected(token)
    expect(inspection.errors.map((error) => error.code)).toContain('ringcx-jwt-bad-signature')
    expect(ringcx(describeFixit(inspection)).description.claims).toEqual({ uuid: 'visitor-42', firstname: 'Ada' })
  })

  it('keeps RS256 and the named kid', async () => {
    const pair = await generateRsa()
    const token = await signToken(goodClaims(), { alg: 'RS256', key: pair.privateKey, kid: 'rsa_2026' })
    const { description } = ringcx(describeFixit(await inspected(token)))
    expect(description.alg).toBe('RS256')
    expect(description.kid).toBe('rsa_2026')
  })

  it('drops nbf, names a placeholder kid, replaces another alg, and notes a missing uuid', async () => {
    const token = handSignedHs256({ alg: 'HS512', typ: 'JWT' }, { firstname: 'Ada', exp: NOW_S + 9000, nbf: NOW_S + 60 }, HS_SECRET)
    const { description, notes } = ringcx(describeFixit(await inspected(token)))
    expect(description.alg).toBe('HS256')
    expect(description.kid).toBe(FIXIT_PLACEHOLDER_KID)
    expect(description.claims).toEqual({ firstname: 'Ada' })
    expect(notes.sort()).toEqual(['fixit-alg-replaced', 'fixit-kid-unknown', 'fixit-nbf-dropped', 'fixit-uuid-missing'])
  })

  it('signs an unsigned identity, with a lifetime RingCX accepts', async () => {
    const page = '_chatq.push(["_setIdentity", {"uuid": "u-1", "firstname": "Ann", "extra_values": {"plan": "gold"}}])'
    const inspection = await inspected(page, settingsWith({ ringcx: { signedIdentities: 'reject' } }))
    expect(inspection.verdict).toBe('accepted-unsigned')
    const { description, notes } = ringcx(describeFixit(inspection))
    expect(description.claims).toEqual({ uuid: 'u-1', firstname: 'Ann', extra_values: { plan: 'gold' } })
    expect(description.lifetimeSeconds).toBe(3900)
    expect(notes).toEqual(expect.arrayContaining(['fixit-unsigned-identity', 'fixit-kid-unknown', 'fixit-exp-missing']))
  })

  it('refuses claims nested beyond the limit', async () => {
    let deep: unknown = 'bottom'
    for (let level = 0; level < 40; level++) deep = { deeper: deep }
    const token = handSignedHs256({ alg: 'HS256', typ: 'JWT', kid: 'hs_main' }, { uuid: 'u', exp: NOW_S + 9000, deep }, HS_SECRET)
    const result = describeFixit(await inspected(token))
    expect(result).toMatchObject({ ok: false, code: 'fixit-too-deep' })
  })
})

describe('describeFixit, Rox.Chat', () => {
  const fields = { id: '12345', display_name: 'John', loyalty_tier: 'silver' }

  it('takes the fields, the lifetime expires - now and the given algorithm, never the hash', async () => {
    const visitor = roxchatVisitor(fields, { expires: NOW_S + 3000, algorithm: 'sha256' })
    const inspection = await inspected(JSON.stringify(visitor), settingsWith({ roxchat: { hashAlgorithm: 'sha256' } }))
    expect(inspection.verdict).toBe('verified')
    const { description, notes } = roxchat(describeFixit(inspection, settingsWith({ roxchat: { hashAlgorithm: 'sha256' } })))
    expect(description).toEqual({ scheme: 'roxchat', algorithm: 'sha256', fields, lifetimeSeconds: 3000 })
    expect(notes).toEqual([])
    expect(JSON.stringify(description)).not.toContain(visitor.hash)
  })

  it('has no expires when the visitor had none, and HMAC-SHA256 by default', async () => {
    const visitor = roxchatVisitor(fields)
    const { description } = roxchat(describeFixit(await inspected(JSON.stringify(visitor))))
    expect(description.lifetimeSeconds).toBeNull()
    expect(description.algorithm).toBe('hmac-sha256')
  })

  it('gives an expired visitor a fresh hour, and reads milliseconds as seconds', async () => {
    const expired = roxchat(describeFixit(await inspected(JSON.stringify(roxchatVisitor(fields, { expires: NOW_S - 10 })))))
    expect(expired.description.lifetimeSeconds).toBe(3600)
    expect(expired.notes).toEqual(['fixit-expires-past'])
    const millis = roxchat(describeFixit(await inspected(JSON.stringify({ fields, expires: (NOW_S + 1800) * 1000, hash: 'ab' }))))
    expect(millis.description.lifetimeSeconds).toBe(1800)
    expect(millis.notes).toEqual(['fixit-expires-milliseconds'])
  })

  it('turns numbers into text, leaves nulls out, repairs lone surrogates and notes each', async () => {
    const text = '{"fields":{"id":42,"vip":true,"gone":null,"name":"A\\ud800"},"expires":' + String(NOW_S + 600) + ',"hash":"00"}'
    const result = roxchat(describeFixit(await inspected(text)))
    expect(result.description.fields).toEqual({ id: '42', vip: 'true', name: 'A\uFFFD' })
    expect(result.notes.sort()).toEqual(['fixit-field-dropped', 'fixit-field-not-text', 'fixit-field-not-text', 'fixit-text-repaired'])
  })

  it('keeps "__proto__" a field and notes a missing id', async () => {
    const result = roxchat(describeFixit(await inspected('{"fields":{"__proto__":"x"},"hash":"00"}')))
    expect(Object.keys(result.description.fields)).toEqual(['__proto__'])
    expect(result.notes).toEqual(['fixit-id-missing'])
  })

  it('has nothing to sign for a logout, a token or an unreadable payload', async () => {
    expect(describeFixit(await inspected('roxchat_visitor = null;'))).toMatchObject({ ok: false, code: 'fixit-logged-out' })
    expect(describeFixit(await inspected('hello, world'))).toMatchObject({ ok: false, code: 'fixit-no-identity' })
    const token = await inspected(JSON.stringify({ payload: null, authToken: 't-1', scheme: 'roxchat' }))
    expect(describeFixit(token)).toMatchObject({ ok: false })
  })
})

describe('what a description and its programs never hold', () => {
  it('holds no signature, hash or key, in any language', async () => {
    const token = await signToken(goodClaims({ iat: NOW_S }), { key: HS_SECRET })
    const visitor = roxchatVisitor({ id: '7', display_name: 'Ann' }, { expires: NOW_S + 999 })
    for (const [payload, secret, secretPart] of [
      [token, HS_SECRET, token.split('.')[2] ?? ''],
      [JSON.stringify(visitor), ROX_SECRET, visitor.hash],
    ] as const) {
      const { description } = described(describeFixit(await inspected(payload)))
      for (const language of FIXIT_LANGUAGES) {
        const { text } = generateFixitProgram(description, language)
        expect(text).not.toContain(secret)
        expect(text).not.toContain(secretPart)
        expect(text).toContain('SIGNING_KEY')
      }
    }
  })

  it('reads a real Inspection (structurally)', async () => {
    const inspection = await inspected('{"fields":{"id":"1"},"hash":"00"}')
    const view: FixitInspection = inspection
    expect(describeFixit(view).ok).toBe(true)
  })
})
