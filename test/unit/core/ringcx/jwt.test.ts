import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import { parseKeyFile } from '../../../../electron/core/key-parse'
import type { KeyRing } from '../../../../electron/core/key-ring'
import { MAX_INPUT_BYTES } from '../../../../electron/common/limits'
import { verifyRingcxJwt } from '../../../../electron/core/ringcx/jwt'
import { DEFAULT_SETTINGS, type InspectionSettings } from '../../../../electron/common/settings'
import {
  HS_SECRET,
  HS_SECRET_2,
  NOW,
  NOW_S,
  checkOf,
  codes,
  generateRsa,
  goodClaims,
  handSignedHs256,
  handmadeToken,
  manifest,
  ringFrom,
  selfSignedCertificatePem,
  settingsWith,
  signToken,
  statuses,
  warningCodes,
  type Claims,
  type RsaPair,
} from '../helpers'

let rsa: RsaPair
let otherRsa: RsaPair
let ring: KeyRing

beforeAll(async () => {
  ;[rsa, otherRsa] = await Promise.all([generateRsa(), generateRsa()])
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'ringcx', kid: 'hs_new', secret: HS_SECRET_2 },
    { scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem },
  ))
})

const verify = (token: string, settings: InspectionSettings = DEFAULT_SETTINGS, keys: KeyRing = ring) => verifyRingcxJwt(token, keys, settings, NOW)
const inspectText = (text: unknown, settings: InspectionSettings = DEFAULT_SETTINGS, keys: KeyRing = ring) => inspect(text, { keys, settings, now: NOW })
const hs = (claims: Claims, kid?: unknown) => signToken(claims, { key: HS_SECRET, kid: kid === undefined ? 'hs_main' : kid })

describe('a good signed identity', () => {
  it('passes every check with HS256 and names the key', async () => {
    const result = await verify(await hs(goodClaims()))
    expect(codes(result)).toEqual([])
    expect(statuses(result)).toEqual({ format: 'pass', mode: 'pass', kid: 'pass', algorithm: 'pass', signature: 'pass', exp: 'pass', uuid: 'pass' })
    expect(checkOf(result, 'signature')?.kid).toBe('hs_main')
    expect(result.key?.kid).toBe('hs_main')
    expect(result.key?.fingerprint).toBe(ring.ringcx.get('hs_main')?.fingerprint)
    expect(result.expiry).toEqual({ expiresAt: new Date((NOW_S + 7200) * 1000).toISOString(), secondsLeft: 7200, status: 'valid' })
  })

  it('picks the key named by kid among several (rotation)', async () => {
    const token = await signToken(goodClaims(), { key: HS_SECRET_2, kid: 'hs_new' })
    const result = await verify(token)
    expect(codes(result)).toEqual([])
    expect(result.key?.kid).toBe('hs_new')
  })

  it('passes every check with RS256', async () => {
    const result = await verify(await signToken(goodClaims(), { alg: 'RS256', key: rsa.privateKey, kid: 'rsa_main' }))
    expect(codes(result)).toEqual([])
    expect(result.key?.kid).toBe('rsa_main')
  })

  it('is verified by inspect, with identity fields and the raw header and claims (no signature)', async () => {
    const token = await hs(goodClaims({ email: 'ada@example.com' }))
    const inspection = await inspectText(token)
    expect(inspection.verdict).toBe('verified')
    expect(inspection.scheme).toBe('ringcx')
    expect(inspection.fields.map((field) => [field.name, field.value, field.source])).toEqual([
      ['uuid', 'visitor-42', 'identity'],
      ['firstname', 'Ada', 'identity'],
      ['email', 'ada@example.com', 'identity'],
    ])
    expect(inspection.raw.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'hs_main' })
    expect(inspection.raw.claims).toMatchObject({ uuid: 'visitor-42' })
    expect(JSON.stringify(inspection.raw)).not.toContain(token.split('.')[2])
    expect(JSON.stringify(inspection)).not.toContain(HS_SECRET)
  })
})

describe('JWT attacks', () => {
  it.each(['none', 'None', 'NONE'])('alg %j with an empty signature is a refused algorithm, not malformed', async (alg) => {
    const token = handmadeToken({ alg, typ: 'JWT', kid: 'hs_main' }, goodClaims())
    const inspection = await inspectText(token)
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['ringcx-jwt-alg-not-allowed'])
    expect(checkOf(inspection, 'algorithm')).toEqual({ id: 'algorithm', status: 'fail', code: 'ringcx-jwt-alg-not-allowed' })
    expect(checkOf(inspection, 'signature')?.status).toBe('skip')
    expect(inspection.key).toBeNull()
  })

  it('alg none without a kid is refused too', async () => {
    const inspection = await inspectText(handmadeToken({ alg: 'none' }, goodClaims()))
    expect(codes(inspection)).toEqual(['ringcx-jwt-missing-kid', 'ringcx-jwt-alg-not-allowed'])
  })

  it.each(['HS384', 'HS512', 'RS512', 'PS256', 'ES256'])('refuses alg %s', async (alg) => {
    const token = handmadeToken({ alg, kid: 'hs_main' }, goodClaims(), 'c2lnbmF0dXJl')
    expect(codes(await verify(token))).toEqual(['ringcx-jwt-alg-not-allowed'])
  })

  it('HS/RS confusion: an HS256 token signed with the RSA public key\'s PEM text, naming the RS256 key, is refused', async () => {
    const token = await signToken(goodClaims(), { alg: 'HS256', key: rsa.publicPem, kid: 'rsa_main' })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-alg-not-allowed'])
    expect(checkOf(result, 'signature')?.status).toBe('skip')
    expect(result.key).toBeNull()
  })

  it('HS/RS confusion without a kid: the RSA key is never used as an HMAC secret', async () => {
    const token = await signToken(goodClaims(), { alg: 'HS256', key: rsa.publicPem, kid: null })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-missing-kid', 'ringcx-jwt-bad-signature'])
    expect(result.key).toBeNull()
  })

  it('a Rox.Chat key is never a RingCX key, even when the kid names it', async () => {
    const rox = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }, { scheme: 'roxchat', kid: 'rox_main', secret: 'e64e35642555f3ecd64ae7dbb600dca8' }))
    const token = await signToken(goodClaims(), { key: 'e64e35642555f3ecd64ae7dbb600dca8', kid: 'rox_main' })
    const result = await verify(token, DEFAULT_SETTINGS, rox)
    expect(codes(result)).toEqual(['ringcx-jwt-unknown-kid', 'ringcx-jwt-bad-signature'])
    expect(result.key).toBeNull()
  })

  it('an RS256 token naming an HS256 key is refused', async () => {
    const token = await signToken(goodClaims(), { alg: 'RS256', key: rsa.privateKey, kid: 'hs_main' })
    expect(codes(await verify(token))).toEqual(['ringcx-jwt-alg-not-allowed'])
  })

  it.each([
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['a path', '../../etc/passwd'],
    ['a number', 42],
    ['an empty string', ''],
    ['null', null as unknown],
    ['an object', { kid: 'hs_main' }],
  ])('kid trick (%s) is an unknown kid', async (_label, kid) => {
    // signToken leaves a null kid out, so build that header by hand.
    const token = kid === null
      ? await signToken(goodClaims(), { key: HS_SECRET, kid: null, header: { kid: null } })
      : await hs(goodClaims(), kid)
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-unknown-kid'])
    expect(checkOf(result, 'kid')).toEqual({ id: 'kid', status: 'fail', code: 'ringcx-jwt-unknown-kid' })
    expect((await inspectText(token)).verdict).toBe('rejected')
  })

  it('a missing kid fails the kid check, yet the signature check names the key that verifies', async () => {
    const token = await signToken(goodClaims(), { key: HS_SECRET_2, kid: null })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-missing-kid'])
    expect(checkOf(result, 'kid')).toEqual({ id: 'kid', status: 'fail', code: 'ringcx-jwt-missing-kid' })
    expect(checkOf(result, 'signature')).toEqual({ id: 'signature', status: 'pass', kid: 'hs_new' })
    expect(result.key?.kid).toBe('hs_new')
    expect((await inspectText(token)).verdict).toBe('rejected')
  })

  it('an unknown kid still tries every key of the algorithm', async () => {
    const token = await signToken(goodClaims(), { alg: 'RS256', key: rsa.privateKey, kid: 'rsa_2027' })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-unknown-kid'])
    expect(checkOf(result, 'signature')).toEqual({ id: 'signature', status: 'pass', kid: 'rsa_main' })
  })

  it('a missing kid with no key that verifies is a bad signature', async () => {
    const token = await signToken(goodClaims(), { alg: 'RS256', key: otherRsa.privateKey, kid: null })
    expect(codes(await verify(token))).toEqual(['ringcx-jwt-missing-kid', 'ringcx-jwt-bad-signature'])
  })

  it('refuses input over 1 MiB before parsing (input-too-large)', async () => {
    const token = await hs(goodClaims({ padding: 'x'.repeat(MAX_INPUT_BYTES) }))
    expect(token.length).toBeGreaterThan(MAX_INPUT_BYTES)
    const inspection = await inspectText(token)
    expect(codes(inspection)).toEqual(['input-too-large'])
    expect(inspection.verdict).toBe('rejected')
    expect(inspection.raw).toEqual({})
    const snippet = await inspectText(`<script>_chatq.push(["_setSignedIdentity", "${await hs(goodClaims())}"])</script>${' '.repeat(MAX_INPUT_BYTES)}`)
    expect(codes(snippet)).toEqual(['input-too-large'])
  })

  it('accepts input of exactly 1 MiB', async () => {
    const token = await hs(goodClaims())
    const inspection = await inspectText(token + ' '.repeat(MAX_INPUT_BYTES - token.length))
    expect(inspection.verdict).toBe('verified')
  })

  describe('lenient base64 is never verified', () => {
    let token: string
    beforeAll(async () => {
      token = await hs(goodClaims())
    })

    /** Asserts that a variant of a good token is refused without any key verifying it. */
    async function expectRefused(variant: string): Promise<void> {
      expect(variant).not.toBe(token)
      const inspection = await inspectText(variant)
      expect(inspection.verdict).toBe('rejected')
      expect(['ringcx-identity-malformed', 'input-unrecognised']).toContain(codes(inspection)[0])
      expect(codes(inspection).every((code) => code === 'ringcx-identity-malformed' || code === 'input-unrecognised')).toBe(true)
      expect(checkOf(inspection, 'signature')?.status).not.toBe('pass')
      expect(inspection.key).toBeNull()
    }

    it('whitespace inside a part', async () => {
      const [header = '', claims = '', signature = ''] = token.split('.')
      await expectRefused(`${header}.${claims.slice(0, 10)} ${claims.slice(10)}.${signature}`)
      await expectRefused(`${header}.${claims}.${signature.slice(0, 5)}\n${signature.slice(5)}`)
      await expectRefused(`${header.slice(0, 3)}\t${header.slice(3)}.${claims}.${signature}`)
    })

    it('padding "="', async () => {
      const [header = '', claims = '', signature = ''] = token.split('.')
      await expectRefused(`${header}.${claims}.${signature}=`)
      await expectRefused(`${header}==.${claims}.${signature}`)
    })

    it('a non-canonical last character that Node decodes to the same signature', async () => {
      const [header = '', claims = '', signature = ''] = token.split('.')
      expect(signature.length % 4).toBe(3) // 32 bytes: the last character carries 2 unused bits
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const last = alphabet.indexOf(signature.slice(-1))
      const twin = `${signature.slice(0, -1)}${alphabet[last ^ 1] ?? ''}`
      expect(Buffer.from(twin, 'base64url')).toEqual(Buffer.from(signature, 'base64url'))
      await expectRefused(`${header}.${claims}.${twin}`)
    })

    it('"+" and "/" for "-" and "_"', async () => {
      // Find a signature that contains "-" or "_" (deterministic: HMAC of varying uuids).
      let candidate = token
      for (let index = 0; !/[-_]/.test(candidate.split('.')[2] ?? ''); index++) {
        candidate = await hs(goodClaims({ uuid: `visitor-${index}` }))
      }
      const [header = '', claims = '', signature = ''] = candidate.split('.')
      const standard = signature.replace(/-/g, '+').replace(/_/g, '/')
      expect(Buffer.from(standard, 'base64')).toEqual(Buffer.from(signature, 'base64url'))
      expect((await inspectText(candidate)).verdict).toBe('verified')
      await expectRefused(`${header}.${claims}.${standard}`)
    })
  })
})

describe('RingCX modes', () => {
  const reject = () => settingsWith({ ringcx: { signedIdentities: 'reject' } })
  const unsigned = '_chatq.push(["_setIdentity", {uuid: "u-1", firstname: "Ann", extra_values: {plan: "gold"}}]);'

  it('require (the default) refuses an unsigned identity; its fields go to rejectedFields', async () => {
    const inspection = await inspectText(unsigned)
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['ringcx-unsigned-identity-rejected'])
    expect(checkOf(inspection, 'mode')).toEqual({ id: 'mode', status: 'fail', code: 'ringcx-unsigned-identity-rejected' })
    expect(inspection.fields).toEqual([])
    expect(inspection.unmapped).toEqual([])
    expect(inspection.rejectedFields).toEqual([
      { name: 'uuid', value: 'u-1', source: 'identity' },
      { name: 'firstname', value: 'Ann', source: 'identity' },
      { name: 'plan', value: 'gold', source: 'extra_values' },
    ])
  })

  it('reject refuses a signed identity, and still reports its other checks', async () => {
    const good = await verify(await hs(goodClaims()), reject())
    expect(codes(good)).toEqual(['ringcx-signed-identity-rejected'])
    expect(checkOf(good, 'mode')).toEqual({ id: 'mode', status: 'fail', code: 'ringcx-signed-identity-rejected' })
    expect(checkOf(good, 'signature')?.status).toBe('pass')
    const inspection = await inspectText(await hs(goodClaims()), reject())
    expect(inspection.verdict).toBe('rejected')
    expect(inspection.fields).toEqual([])
    expect(inspection.rejectedFields.map((field) => field.name)).toEqual(['uuid', 'firstname'])
  })

  it('reject accepts an unsigned identity as accepted-unsigned', async () => {
    const inspection = await inspectText(unsigned, reject())
    expect(inspection.verdict).toBe('accepted-unsigned')
    expect(codes(inspection)).toEqual([])
    expect(statuses(inspection)).toEqual({ format: 'pass', mode: 'pass', kid: 'skip', algorithm: 'skip', signature: 'skip', exp: 'skip', uuid: 'skip' })
    expect(inspection.fields.map((field) => [field.name, field.source])).toEqual([['uuid', 'identity'], ['firstname', 'identity']])
    expect(inspection.unmapped.map((field) => [field.name, field.value, field.source])).toEqual([['plan', 'gold', 'extra_values']])
    expect(inspection.rejectedFields).toEqual([])
  })

  it('reject still refuses a malformed unsigned identity', async () => {
    const inspection = await inspectText({ uuid: 'u', extra_values: ['not', 'an', 'object'] }, reject())
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['ringcx-identity-malformed'])
  })
})

describe('exp, nbf and uuid', () => {
  it.each([
    ['missing', undefined],
    ['text', String(NOW_S + 7200)],
    ['a fraction', NOW_S + 7200.5],
    ['null', null],
  ])('exp %s → ringcx-jwt-missing-exp', async (_label, exp) => {
    const claims = goodClaims()
    if (exp === undefined) delete claims['exp']
    else claims['exp'] = exp
    const result = await verify(await hs(claims))
    expect(codes(result)).toEqual(['ringcx-jwt-missing-exp'])
    expect(checkOf(result, 'exp')).toEqual({ id: 'exp', status: 'fail', code: 'ringcx-jwt-missing-exp' })
    expect(checkOf(result, 'signature')?.status).toBe('pass')
  })

  it('with tolerance 10: exp = now - 10 is expired (only expired), exp = now - 9 is only too soon', async () => {
    const settings = settingsWith({ ringcx: { clockToleranceSeconds: 10 } })
    const expired = await verify(await hs(goodClaims({ exp: NOW_S - 10 })), settings)
    expect(codes(expired)).toEqual(['ringcx-jwt-expired'])
    expect(checkOf(expired, 'exp')).toEqual({ id: 'exp', status: 'fail', code: 'ringcx-jwt-expired' })
    expect(expired.expiry.status).toBe('expired')
    const justInside = await verify(await hs(goodClaims({ exp: NOW_S - 9 })), settings)
    expect(codes(justInside)).toEqual(['ringcx-jwt-exp-too-soon'])
    expect(justInside.expiry.status).toBe('expiring-soon')
  })

  it('with tolerance 0: exp = now is expired', async () => {
    const settings = settingsWith({ ringcx: { clockToleranceSeconds: 0 } })
    expect(codes(await verify(await hs(goodClaims({ exp: NOW_S })), settings))).toEqual(['ringcx-jwt-expired'])
  })

  it('too soon when exp - now < minExpirySeconds; exactly 3600 passes', async () => {
    const soon = await verify(await hs(goodClaims({ exp: NOW_S + 3599 })))
    expect(codes(soon)).toEqual(['ringcx-jwt-exp-too-soon'])
    expect(checkOf(soon, 'exp')).toEqual({ id: 'exp', status: 'fail', code: 'ringcx-jwt-exp-too-soon' })
    const exact = await verify(await hs(goodClaims({ exp: NOW_S + 3600 })))
    expect(codes(exact)).toEqual([])
    expect(exact.expiry).toMatchObject({ secondsLeft: 3600, status: 'valid' })
  })

  it('names the rule behind each expiry message: the integration guide\'s leeway, the community page\'s hour', async () => {
    const expired = await verify(await hs(goodClaims({ exp: NOW_S - 3600 })))
    expect(expired.errors.find((error) => error.code === 'ringcx-jwt-expired')?.message).toContain('integration guide')
    const soon = await verify(await hs(goodClaims({ exp: NOW_S + 600 })))
    expect(soon.errors.find((error) => error.code === 'ringcx-jwt-exp-too-soon')?.message).toContain('community page')
  })

  it('reads the docs\' own example exp (507749400) as expired in 1986, with a readable date', async () => {
    const result = await verify(await hs(goodClaims({ exp: 507749400 })))
    expect(codes(result)).toEqual(['ringcx-jwt-expired'])
    expect(result.errors[0]?.message).toMatch(/1986/)
    expect(result.errors[0]?.message).not.toContain('507749400')
    expect(result.expiry.status).toBe('expired')
  })

  it('follows a configured minExpirySeconds', async () => {
    const settings = settingsWith({ ringcx: { minExpirySeconds: 60 } })
    expect(codes(await verify(await hs(goodClaims({ exp: NOW_S + 60 })), settings))).toEqual([])
    expect(codes(await verify(await hs(goodClaims({ exp: NOW_S + 59 })), settings))).toEqual(['ringcx-jwt-exp-too-soon'])
  })

  it('nbf in the future (beyond the tolerance) is reported on the exp check', async () => {
    const early = await verify(await hs(goodClaims({ nbf: NOW_S + 11 })))
    expect(codes(early)).toEqual(['ringcx-jwt-not-yet-valid'])
    expect(checkOf(early, 'exp')).toEqual({ id: 'exp', status: 'fail', code: 'ringcx-jwt-not-yet-valid' })
    expect(codes(await verify(await hs(goodClaims({ nbf: NOW_S + 10 }))))).toEqual([])
    expect(codes(await verify(await hs(goodClaims({ nbf: NOW_S - 100 }))))).toEqual([])
  })

  it('nbf that is not a number is not yet valid', async () => {
    expect(codes(await verify(await hs(goodClaims({ nbf: 'soon' }))))).toEqual(['ringcx-jwt-not-yet-valid'])
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a number', 42],
  ])('uuid %s → ringcx-jwt-missing-uuid', async (_label, uuid) => {
    const claims = goodClaims()
    if (uuid === undefined) delete claims['uuid']
    else claims['uuid'] = uuid
    const result = await verify(await hs(claims))
    expect(codes(result)).toEqual(['ringcx-jwt-missing-uuid'])
    expect(checkOf(result, 'uuid')).toEqual({ id: 'uuid', status: 'fail', code: 'ringcx-jwt-missing-uuid' })
  })

  it('reports every failing check: bad signature, expired and missing uuid together', async () => {
    const claims = goodClaims({ exp: NOW_S - 3600 })
    delete claims['uuid']
    const token = await signToken(claims, { key: HS_SECRET_2, kid: 'hs_main' })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-bad-signature', 'ringcx-jwt-expired', 'ringcx-jwt-missing-uuid'])
    expect(statuses(result)).toEqual({ format: 'pass', mode: 'pass', kid: 'pass', algorithm: 'pass', signature: 'fail', exp: 'fail', uuid: 'fail' })
    expect(result.key).toBeNull()
  })

  it('reports kid, algorithm, exp and uuid problems of one token together', async () => {
    const token = handmadeToken({ alg: 'none', kid: 'nobody' }, { nbf: NOW_S + 100 })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-unknown-kid', 'ringcx-jwt-alg-not-allowed', 'ringcx-jwt-missing-exp', 'ringcx-jwt-not-yet-valid', 'ringcx-jwt-missing-uuid'])
  })
})

describe('malformed tokens', () => {
  it('refuses a token whose parts are not JSON objects, skipping the other checks', async () => {
    const result = await verify(`${Buffer.from('[]').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`)
    expect(codes(result)).toEqual(['ringcx-identity-malformed'])
    expect(statuses(result)).toEqual({ format: 'fail', mode: 'skip', kid: 'skip', algorithm: 'skip', signature: 'skip', exp: 'skip', uuid: 'skip' })
  })

  it('refuses extra_values that is not an object on the format check', async () => {
    const result = await verify(await hs(goodClaims({ extra_values: ['a'] })))
    expect(checkOf(result, 'format')).toEqual({ id: 'format', status: 'fail', code: 'ringcx-identity-malformed' })
    expect(codes(result)).toEqual(['ringcx-identity-malformed'])
  })

  it('refuses an unknown critical header parameter', async () => {
    const token = handSignedHs256({ alg: 'HS256', kid: 'hs_main', crit: ['x-unknown'], 'x-unknown': 1 }, goodClaims(), HS_SECRET)
    expect(codes(await verify(handSignedHs256({ alg: 'HS256', kid: 'hs_main' }, goodClaims(), HS_SECRET)))).toEqual([])
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-identity-malformed'])
    expect(checkOf(result, 'signature')).toEqual({ id: 'signature', status: 'fail', code: 'ringcx-identity-malformed' })
  })

  it('refuses a wrong signature with the named key', async () => {
    const token = await signToken(goodClaims(), { key: HS_SECRET_2, kid: 'hs_main' })
    const result = await verify(token)
    expect(codes(result)).toEqual(['ringcx-jwt-bad-signature'])
    expect(checkOf(result, 'signature')).toEqual({ id: 'signature', status: 'fail', code: 'ringcx-jwt-bad-signature' })
  })

  it('refuses an HS256 token without a signature', async () => {
    const token = handmadeToken({ alg: 'HS256', kid: 'hs_main' }, goodClaims())
    expect(codes(await verify(token))).toEqual(['ringcx-jwt-bad-signature'])
  })

  it('does not try to verify when no key of the algorithm is loaded', async () => {
    const hsOnly = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }))
    const token = await signToken(goodClaims(), { alg: 'RS256', key: rsa.privateKey, kid: 'rsa_main' })
    const result = await verify(token, DEFAULT_SETTINGS, hsOnly)
    expect(codes(result)).toEqual(['ringcx-jwt-unknown-kid'])
    expect(checkOf(result, 'signature')?.status).toBe('skip')
  })
})

describe('RS256 keys in every form', () => {
  let token: string
  beforeAll(async () => {
    token = await signToken(goodClaims(), { alg: 'RS256', key: rsa.privateKey, kid: 'rsa_2026' })
  })

  const forms: readonly [string, () => { text: string; hint: { scheme?: 'ringcx'; kid?: string } }, string[]][] = [
    ['a PEM public key', () => ({ text: rsa.publicPem, hint: { scheme: 'ringcx', kid: 'rsa_2026' } }), []],
    ['an X.509 certificate', () => ({ text: selfSignedCertificatePem(rsa), hint: { scheme: 'ringcx', kid: 'rsa_2026' } }), []],
    ['a PEM private key (reduced)', () => ({ text: rsa.privatePem, hint: { scheme: 'ringcx', kid: 'rsa_2026' } }), ['key-private-reduced']],
    ['a JWK', () => ({ text: JSON.stringify({ ...rsa.publicJwk, kid: 'rsa_2026', alg: 'RS256' }), hint: {} }), []],
    ['a JWKS', () => ({ text: JSON.stringify({ keys: [{ ...otherRsa.publicJwk, kid: 'rsa_old' }, { ...rsa.publicJwk, kid: 'rsa_2026' }] }), hint: {} }), []],
  ]

  it.each(forms)('verifies with %s', async (_label, file, importWarnings) => {
    const { text, hint } = file()
    const report = await parseKeyFile(text, hint)
    expect(report.ok).toBe(true)
    expect(report.entries.flatMap((entry) => entry.warnings.map((warning) => warning.code))).toEqual(importWarnings)
    const keys = await ringFrom({ text, hint })
    const inspection = await inspectText(token, DEFAULT_SETTINGS, keys)
    expect(codes(inspection)).toEqual([])
    expect(inspection.verdict).toBe('verified')
    expect(inspection.key?.kid).toBe('rsa_2026')
  })
})

describe('extra values', () => {
  const mappings = settingsWith({
    ringcx: {
      extraValueMappings: [
        { key: 'account', target: 'custom:account_number', regex: '[0-9]{6}' },
        { key: 'tier', target: 'identity:company' },
        { key: 'uuid', target: 'custom:customer_id' },
      ],
    },
  })

  it('maps extra values and the uuid to their target fields with their sources', async () => {
    const token = await hs(goodClaims({ extra_values: { account: '123456', tier: 'gold', note: 'vip' } }))
    const inspection = await inspectText(token, mappings)
    expect(inspection.verdict).toBe('verified')
    expect(inspection.fields.map((field) => [field.name, field.value, field.source])).toEqual([
      ['uuid', 'visitor-42', 'identity'],
      ['firstname', 'Ada', 'identity'],
      ['account_number', '123456', 'extra_values'],
      ['company', 'gold', 'extra_values'],
      ['customer_id', 'visitor-42', 'identity'],
    ])
    expect(inspection.unmapped.map((field) => [field.name, field.value, field.source])).toEqual([['note', 'vip', 'extra_values']])
    expect(warningCodes(inspection)).toEqual([])
  })

  it('leaves a value that fails its regex unmapped, with a warning', async () => {
    const token = await hs(goodClaims({ extra_values: { account: '12345x' } }))
    const inspection = await inspectText(token, mappings)
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(inspection.fields.map((field) => field.name)).not.toContain('account_number')
    expect(inspection.unmapped.map((field) => [field.name, field.value, field.source])).toEqual([['account', '12345x', 'extra_values']])
  })

  it('a rejected identity contributes nothing to fields or unmapped: everything is in rejectedFields', async () => {
    const token = await hs(goodClaims({ exp: NOW_S - 100, extra_values: { account: '123456', note: 'vip' } }))
    const inspection = await inspectText(token, mappings)
    expect(inspection.verdict).toBe('rejected')
    expect(inspection.fields).toEqual([])
    expect(inspection.unmapped).toEqual([])
    expect(inspection.warnings).toEqual([])
    expect(inspection.rejectedFields).toEqual([
      { name: 'uuid', value: 'visitor-42', source: 'identity' },
      { name: 'firstname', value: 'Ada', source: 'identity' },
      { name: 'account', value: '123456', source: 'extra_values' },
      { name: 'note', value: 'vip', source: 'extra_values' },
    ])
  })
})
