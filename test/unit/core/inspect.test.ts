import { beforeAll, describe, expect, it } from 'vitest'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import { createKeyRing, type KeyRing } from '../../../electron/core/key-ring'
import { MAX_INPUT_BYTES } from '../../../electron/common/limits'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import {
  HS_SECRET,
  NOW,
  NOW_S,
  ROX_SECRET,
  checkOf,
  codes,
  goodClaims,
  manifest,
  ringFrom,
  roxchatVisitor,
  signToken,
  statuses,
} from './helpers'

let ring: KeyRing

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
})

const options = (extra: Partial<InspectOptions> = {}): InspectOptions => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...extra })

describe('inspect: the shape of every result', () => {
  it('fills every member even for input that matches nothing', async () => {
    const inspection = await inspect('just some words', options())
    expect(inspection).toMatchObject({
      scheme: null,
      verdict: 'rejected',
      warnings: [],
      key: null,
      expiry: { expiresAt: null, secondsLeft: null, status: 'none' },
      fields: [],
      unmapped: [],
      rejectedFields: [],
      now: NOW.toISOString(),
      appliedFromSample: [],
      raw: {},
    })
    expect(codes(inspection)).toEqual(['input-unrecognised'])
    expect(inspection.checks).toEqual([{ id: 'format', status: 'fail', code: 'input-unrecognised' }])
    expect(inspection.sample).toBeUndefined()
  })

  it('refuses input over 1 MiB', async () => {
    const inspection = await inspect(`roxchat_visitor = null;${' '.repeat(MAX_INPUT_BYTES)}`, options())
    expect(codes(inspection)).toEqual(['input-too-large'])
    expect(inspection.verdict).toBe('rejected')
  })

  it('takes an already-parsed object', async () => {
    const inspection = await inspect(roxchatVisitor({ id: '1' }), options())
    expect(inspection.verdict).toBe('verified')
    expect(inspection.raw.form).toBe('object')
  })

  it('reads an ambiguous object as the scheme the caller names', async () => {
    const asRoxchat = await inspect({ display_name: 'x' }, options({ scheme: 'roxchat' }))
    expect(asRoxchat.scheme).toBe('roxchat')
    expect(codes(asRoxchat)).toEqual(['roxchat-visitor-malformed'])
    const asRingcx = await inspect({ display_name: 'x' }, options({ scheme: 'ringcx' }))
    expect(codes(asRingcx)).toEqual(['ringcx-unsigned-identity-rejected'])
  })

  it('a RingCX JSON identity is unsigned and refused in require mode', async () => {
    const inspection = await inspect('{"uuid": "u-1", "email": "a@b"}', options())
    expect(inspection.scheme).toBe('ringcx')
    expect(codes(inspection)).toEqual(['ringcx-unsigned-identity-rejected'])
    expect(inspection.raw).toMatchObject({ form: 'json', identity: { uuid: 'u-1', email: 'a@b' } })
  })

  it('reports roxchat-no-key when only RingCX keys are loaded', async () => {
    const ringcxOnly = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }))
    const inspection = await inspect(roxchatVisitor({ id: '1' }), options({ keys: ringcxOnly }))
    expect(codes(inspection)).toEqual(['roxchat-no-key'])
    expect(inspection.verdict).toBe('rejected')
  })

  it('with no keys at all a signed identity cannot verify', async () => {
    const inspection = await inspect(await signToken(goodClaims(), { key: HS_SECRET }), options({ keys: await createKeyRing([]) }))
    expect(codes(inspection)).toEqual(['ringcx-jwt-unknown-kid'])
    expect(checkOf(inspection, 'signature')?.status).toBe('skip')
    expect(inspection.verdict).toBe('rejected')
  })
})

describe('inspect: QA sample files', () => {
  it('judges at the sample\'s own now with sample semantics, unless the caller named the time', async () => {
    const visitor = roxchatVisitor({ id: '1' }, { expires: NOW_S - 60 })
    const sample = JSON.stringify({ payload: visitor, now: new Date((NOW_S - 3600) * 1000).toISOString() })
    const atSampleNow = await inspect(sample, options({ sampleSemantics: true }))
    expect(atSampleNow.verdict).toBe('verified')
    expect(atSampleNow.now).toBe(new Date((NOW_S - 3600) * 1000).toISOString())
    expect(atSampleNow.appliedFromSample).toEqual(['now'])
    const atNamedNow = await inspect(sample, options({ sampleSemantics: true, nowIsExplicit: true }))
    expect(codes(atNamedNow)).toEqual(['provided-visitor-expired'])
    expect(atNamedNow.now).toBe(NOW.toISOString())
    expect(atNamedNow.appliedFromSample).toEqual([])
    expect(atNamedNow.warnings).toEqual([])
  })

  it('uses the sample\'s now for RingCX expiry too, with sample semantics', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S + 600 }), { key: HS_SECRET })
    expect(codes(await inspect(token, options()))).toEqual(['ringcx-jwt-exp-too-soon'])
    const sample = { payload: token, now: new Date((NOW_S - 7200) * 1000).toISOString() }
    expect((await inspect(sample, options({ sampleSemantics: true }))).verdict).toBe('verified')
  })

  it('applies the sample\'s config over the caller\'s settings with sample semantics', async () => {
    const token = await signToken(goodClaims({ exp: NOW_S + 600 }), { key: HS_SECRET })
    const inspection = await inspect({ payload: token, config: { ringcx: { minExpirySeconds: 300 } } }, options({ sampleSemantics: true }))
    expect(inspection.verdict).toBe('verified')
    expect(inspection.expiry.status).toBe('valid')
    expect(inspection.appliedFromSample).toEqual(['config'])
  })

  it('refuses a sample whose config is invalid as sample-invalid, with sample semantics', async () => {
    const visitor = roxchatVisitor({ id: '1' })
    const inspection = await inspect({ payload: visitor, config: { roxchat: { hashAlgorithm: 'sha1' } } }, options({ sampleSemantics: true }))
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['sample-invalid'])
    expect(checkOf(inspection, 'format')).toEqual({ id: 'format', status: 'fail', code: 'sample-invalid' })
    expect(inspection.appliedFromSample).toEqual([])
  })

  it('does not read the config of a sample it does not apply', async () => {
    const inspection = await inspect({ payload: roxchatVisitor({ id: '1' }), config: { roxchat: { hashAlgorithm: 'sha1' } } }, options())
    expect(inspection.verdict).toBe('verified')
    expect(inspection.warnings.map((warning) => warning.code)).toEqual(['sample-settings-ignored'])
  })

  it('refuses a sample with a bad member as sample-invalid', async () => {
    expect(codes(await inspect({ payload: 'roxchat_visitor = null;', now: 'tomorrow' }, options()))).toEqual(['sample-invalid'])
    expect(codes(await inspect({ payload: 'roxchat_visitor = null;', scheme: 'dimelo' }, options()))).toEqual(['sample-invalid'])
  })

  it('keeps unknown sample members in inspection.sample.extras', async () => {
    const inspection = await inspect({ payload: 'roxchat_visitor = null;', qaTicket: 'QA-17', reviewer: { name: 'Kim' } }, options())
    expect(inspection.verdict).toBe('logged-out')
    expect(inspection.sample?.extras).toEqual({ qaTicket: 'QA-17', reviewer: { name: 'Kim' } })
  })

  it('uses the sample\'s scheme for an ambiguous payload', async () => {
    const inspection = await inspect({ payload: { display_name: 'x' }, scheme: 'roxchat' }, options())
    expect(inspection.scheme).toBe('roxchat')
  })

  it('merges the sample\'s fields and opFields into a Rox.Chat inspection', async () => {
    const inspection = await inspect({ payload: roxchatVisitor({ id: '1' }), fields: { email: 'svc@x' }, opFields: { comment: 'c' } }, options())
    expect(inspection.fields.map((field) => [field.name, field.source])).toEqual([['id', 'providedFields'], ['email', 'fields'], ['comment', 'opFields']])
  })
})

describe('inspect: checks lists', () => {
  it('RingCX results carry the seven RingCX checks in order', async () => {
    const inspection = await inspect(await signToken(goodClaims(), { key: HS_SECRET }), options())
    expect(inspection.checks.map((check) => check.id)).toEqual(['format', 'mode', 'kid', 'algorithm', 'signature', 'exp', 'uuid'])
    expect(new Set(Object.values(statuses(inspection)))).toEqual(new Set(['pass']))
  })

  it('Rox.Chat results carry the four Rox.Chat checks in order', async () => {
    const inspection = await inspect(roxchatVisitor({ id: '1' }), options())
    expect(inspection.checks.map((check) => check.id)).toEqual(['format', 'fields', 'expires', 'hash'])
  })
})
