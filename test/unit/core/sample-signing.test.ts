import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import { fingerprintKey } from '../../../electron/core/key-fingerprint'
import { createKeyRing } from '../../../electron/core/key-ring'
import { RINGCX_SIGNER, rsaSigningKey, signRingcxToken, type RingcxSigningKey } from '../../../electron/core/ringcx/signer'
import { ROXCHAT_SIGNER, signRoxchatVisitor, type RoxchatSigningKey } from '../../../electron/core/roxchat/signer'
import { expectationFrom, parseTimeSpec, readRsaPrivateKey } from '../../../electron/core/sample-signing'
import { DEFAULT_SETTINGS, resolveSettings } from '../../../electron/common/settings'
import { ROXCHAT_HASH_ALGORITHMS } from '../../../electron/common/roxchat/settings'

const NOW = new Date('2026-05-01T10:00:00Z')
const BASE = NOW.getTime() / 1000

const HS_KEY: RingcxSigningKey = { scheme: 'ringcx', kid: 'qa_hs', alg: 'HS256', secret: '00112233445566778899aabb' }
const ROX_KEY: RoxchatSigningKey = { scheme: 'roxchat', kid: 'qa_rox', secret: 'a QA key' }

async function ringFor(key: RingcxSigningKey | RoxchatSigningKey) {
  const material = key.scheme === 'ringcx' ? RINGCX_SIGNER.verificationMaterial(key) : ROXCHAT_SIGNER.verificationMaterial(key)
  return createKeyRing([{ material, info: { scheme: material.scheme, kid: material.kid, alg: material.alg, fingerprint: await fingerprintKey(material) } }])
}

describe('sample signing round trips', () => {
  it.each(['HS256', 'RS256'] as const)('a %s sample verifies and meets its own expectation', async (alg) => {
    const signed = alg === 'HS256'
      ? { ok: true as const, key: HS_KEY }
      : rsaSigningKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'qa_rs')
    if (!signed.ok || signed.key.scheme !== 'ringcx') throw new Error('signing key refused')
    const token = await signRingcxToken(signed.key, { uuid: 'u-9', firstname: 'Zoe', extra_values: { tier: 'b' } }, parseTimeSpec('+2h', NOW)!)
    const keys = await ringFor(signed.key)
    const first = await inspect(token, { keys, settings: DEFAULT_SETTINGS, now: NOW })
    expect(first.verdict).toBe('verified')
    const sample = { payload: token, now: NOW.toISOString(), expect: expectationFrom(first) }
    const again = await inspect(JSON.stringify(sample), { keys, settings: DEFAULT_SETTINGS, now: new Date(), sampleSemantics: true })
    expect(again.expectation).toEqual({ met: true, mismatches: [] })
  })

  it.each(ROXCHAT_HASH_ALGORITHMS)('a Rox.Chat %s visitor verifies with that algorithm', async (algorithm) => {
    const signed = { key: ROX_KEY }
    const visitor = signRoxchatVisitor(signed.key.secret, { id: '5', display_name: 'Ünïcode ✓' }, algorithm, parseTimeSpec('+1d', NOW)!)
    const settings = resolveSettings({ roxchat: { hashAlgorithm: algorithm } })
    if (!settings.ok) throw new Error('settings refused')
    const inspection = await inspect({ payload: visitor, now: NOW.toISOString() }, { keys: await ringFor(signed.key), settings: settings.value, now: NOW })
    expect(inspection.verdict).toBe('verified')
    expect(inspection.key?.kid).toBe('qa_rox')
  })

  it('a deliberately short exp records the failure it produces', async () => {
    const signed = { key: HS_KEY }
    const token = await signRingcxToken(signed.key, { uuid: 'u' }, parseTimeSpec('+10m', NOW)!)
    const inspection = await inspect(token, { keys: await ringFor(signed.key), settings: DEFAULT_SETTINGS, now: NOW })
    expect(expectationFrom(inspection)).toMatchObject({ verdict: 'rejected', errors: ['ringcx-jwt-exp-too-soon'], expiryStatus: 'expiring-soon' })
  })
})

describe('signing keys', () => {
  it('refuses bad kids and RSA keys', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(rsaSigningKey(pem, 'Bad Kid').ok).toBe(false)
    expect(rsaSigningKey('not a pem', 'k').ok).toBe(false)
    expect(readRsaPrivateKey('not a pem').ok).toBe(false)
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(rsaSigningKey(small, 'k').ok).toBe(false)
    expect(readRsaPrivateKey(small).ok).toBe(false)
  })

  it('signs with stored secrets but not with stored RSA public keys', () => {
    expect(RINGCX_SIGNER.signingKey({ scheme: 'ringcx', kid: 'k', alg: 'HS256', secret: '00112233445566778899aabb' })).not.toBeNull()
    expect(ROXCHAT_SIGNER.signingKey({ scheme: 'roxchat', kid: 'r', alg: 'secret', secret: 'x' })).not.toBeNull()
    expect(RINGCX_SIGNER.signingKey({ scheme: 'ringcx', kid: 'k', alg: 'RS256', publicJwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } })).toBeNull()
  })
})

describe('parseTimeSpec', () => {
  it.each([
    ['+2h', BASE + 7200],
    ['-5m', BASE - 300],
    ['+1d', BASE + 86400],
    ['1900000000', 1900000000],
    ['2026-05-01T12:00:00Z', BASE + 7200],
    ['soon', null],
  ])('%s', (spec, expected) => {
    expect(parseTimeSpec(spec, NOW)).toBe(expected)
  })
})
