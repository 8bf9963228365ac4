/**
 * A payload's own clock and rules: a pasted or opened sample file may carry `now` and `config`,
 * but they judge it only where the caller asked for sample semantics (batch, the Samples view,
 * `inspect --sample`). Everywhere else the operator's clock and settings decide, and the result
 * says that the file's own were ignored.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import type { KeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import {
  HS_SECRET,
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

let ring: KeyRing

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
})

/** The operator's view: default settings (signed identities required, HMAC-SHA256) at NOW. */
const operator = (extra: Partial<InspectOptions> = {}): InspectOptions => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...extra })
const asSample = (extra: Partial<InspectOptions> = {}): InspectOptions => operator({ sampleSemantics: true, ...extra })

const hoursAgo = (hours: number): string => new Date((NOW_S - hours * 3600) * 1000).toISOString()

describe('a sample\'s own now', () => {
  it('does not make an expired token verify in a plain inspection', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S - 3600 }), { key: HS_SECRET })
    const sample = JSON.stringify({ payload: token, now: hoursAgo(3) })

    const plain = await inspect(sample, operator())
    expect(plain.verdict).toBe('rejected')
    expect(codes(plain)).toEqual(['ringcx-jwt-expired'])
    expect(warningCodes(plain)).toEqual(['sample-settings-ignored'])
    expect(plain.appliedFromSample).toEqual([])
    expect(plain.now).toBe(NOW.toISOString())

    const replayed = await inspect(sample, asSample())
    expect(replayed.verdict).toBe('verified')
    expect(replayed.appliedFromSample).toEqual(['now'])
    expect(replayed.now).toBe(hoursAgo(3))
    expect(warningCodes(replayed)).toEqual([])
  })

  it('does not revive expired Rox.Chat visitor data either, given as an object', async () => {
    const sample = { payload: roxchatVisitor({ id: '7' }, { expires: NOW_S - 60 }), now: hoursAgo(1) }
    const plain = await inspect(sample, operator())
    expect(codes(plain)).toEqual(['provided-visitor-expired'])
    expect(warningCodes(plain)).toEqual(['sample-settings-ignored'])
    expect((await inspect(sample, asSample())).verdict).toBe('verified')
  })

  it('loses to a time the user named, under sample semantics too, without a warning', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S - 3600 }), { key: HS_SECRET })
    const inspection = await inspect({ payload: token, now: hoursAgo(3) }, asSample({ nowIsExplicit: true }))
    expect(codes(inspection)).toEqual(['ringcx-jwt-expired'])
    expect(inspection.appliedFromSample).toEqual([])
    expect(warningCodes(inspection)).toEqual([])
  })
})

describe('a sample\'s own config', () => {
  it('cannot choose MD5 where the operator chose HMAC-SHA256', async () => {
    const visitor = roxchatVisitor({ id: '7', display_name: 'Ann' }, { algorithm: 'md5' })
    const sample = JSON.stringify({ payload: visitor, config: { roxchat: { hashAlgorithm: 'md5' } } })

    const plain = await inspect(sample, operator())
    expect(plain.verdict).toBe('rejected')
    expect(codes(plain)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(warningCodes(plain)).toEqual(['sample-settings-ignored'])
    expect(plain.fields).toEqual([])

    const replayed = await inspect(sample, asSample())
    expect(replayed.verdict).toBe('verified')
    expect(replayed.appliedFromSample).toEqual(['config'])
  })

  it('cannot accept an unsigned identity where the operator requires signed ones', async () => {
    const sample = { payload: '_chatq.push(["_setIdentity", {uuid: "u-1", firstname: "Mallory"}])', config: { ringcx: { signedIdentities: 'reject' } } }

    const plain = await inspect(sample, operator())
    expect(plain.verdict).toBe('rejected')
    expect(codes(plain)).toEqual(['ringcx-unsigned-identity-rejected'])
    expect(warningCodes(plain)).toEqual(['sample-settings-ignored'])

    const replayed = await inspect(sample, asSample())
    expect(replayed.verdict).toBe('accepted-unsigned')
    expect(replayed.appliedFromSample).toEqual(['config'])
  })

  it('cannot put an agent-typed id over the verified one with its own priority order', async () => {
    const sample = {
      payload: roxchatVisitor({ id: '7', display_name: 'Ann' }),
      opFields: { id: '999', display_name: 'Typed by an agent' },
      config: { roxchat: { priorityOrder: ['opFields', 'fields', 'providedFields'] } },
    }

    const plain = await inspect(sample, operator())
    expect(plain.verdict).toBe('verified')
    expect(plain.fields.find((field) => field.name === 'id')).toMatchObject({ value: '7', source: 'providedFields', overridden: [{ source: 'opFields', value: '999' }] })
    expect(warningCodes(plain)).toEqual(['sample-settings-ignored'])

    const replayed = await inspect(sample, asSample())
    expect(replayed.fields.find((field) => field.name === 'id')).toMatchObject({ value: '999', source: 'opFields' })
    expect(replayed.appliedFromSample).toEqual(['config'])
  })

  it('keeps fields and opFields as data, merged by the operator\'s own order', async () => {
    const reversed = settingsWith({ roxchat: { priorityOrder: ['opFields', 'providedFields', 'fields'] } })
    const sample = { payload: roxchatVisitor({ id: '7', phone: 'site' }), fields: { phone: 'service' }, opFields: { phone: 'agent' } }
    const inspection = await inspect(sample, operator({ settings: reversed }))
    expect(inspection.fields.find((field) => field.name === 'phone')).toMatchObject({ value: 'agent', source: 'opFields' })
    // Field sets are not settings: nothing was ignored, nothing applied.
    expect(warningCodes(inspection)).toEqual([])
    expect(inspection.appliedFromSample).toEqual([])
  })
})

describe('what the result says', () => {
  it('lists both when both apply, and warns once when both are ignored', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S + 600 }), { key: HS_SECRET })
    const sample = { payload: token, now: hoursAgo(1), config: { ringcx: { minExpirySeconds: 60 } } }
    const replayed = await inspect(sample, asSample())
    expect(replayed.verdict).toBe('verified')
    expect(replayed.appliedFromSample).toEqual(['now', 'config'])

    const plain = await inspect(sample, operator())
    expect(codes(plain)).toEqual(['ringcx-jwt-exp-too-soon'])
    expect(warningCodes(plain)).toEqual(['sample-settings-ignored'])
    expect(plain.appliedFromSample).toEqual([])
  })

  it('says nothing of a payload that is not a sample, or a sample without now or config', async () => {
    const token = await signToken(goodClaims(), { key: HS_SECRET })
    for (const input of [token, { payload: token }, { payload: token, expect: { verdict: 'verified' } }]) {
      for (const options of [operator(), asSample()]) {
        const inspection = await inspect(input, options)
        expect(inspection.verdict).toBe('verified')
        expect(inspection.appliedFromSample).toEqual([])
        expect(warningCodes(inspection)).toEqual([])
      }
    }
  })

  it('checks a sample\'s expect against the verdict the operator\'s rules gave', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S - 3600 }), { key: HS_SECRET })
    const sample = { payload: token, now: hoursAgo(3), expect: { verdict: 'verified' } }
    expect((await inspect(sample, operator())).expectation?.met).toBe(false)
    expect((await inspect(sample, asSample())).expectation?.met).toBe(true)
  })
})
