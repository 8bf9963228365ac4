/**
 * An RSA key with public exponent 1 turns RS256 into "the signature is the padded hash": anyone can
 * mint tokens that verify. Such keys (and other impossible exponents) are refused in every form a
 * key file can take, and a token forged for one is never verified.
 */
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import { parseKeyFile, readKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing } from '../../../electron/core/key-ring'
import { rsaExponentProblem } from '../../../electron/core/rsa-exponent'
import { rsaSigningKey } from '../../../electron/core/ringcx/signer'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { NOW, NOW_S, base64urlJson, generateRsa, manifest, selfSignedCertificatePem, type RsaPair } from '../core/helpers'

let rsa: RsaPair
/** The same modulus with other exponents, as public and private JWKs. */
let withExponent: (e: string) => { publicJwk: JsonWebKey; privateJwk: JsonWebKey }

beforeAll(async () => {
  rsa = await generateRsa(2048)
  const privateJwk = rsa.privateKey.export({ format: 'jwk' })
  withExponent = (e) => ({ publicJwk: { kty: 'RSA', n: privateJwk.n, e }, privateJwk: { ...privateJwk, e } })
})

/** e as base64url of its big-endian bytes; `n` stands for the modulus itself. */
const WEAK_EXPONENTS: readonly [string, string][] = [
  ['1', 'AQ'],
  ['1 with a leading zero byte', 'AAE'],
  ['0', 'AA'],
  ['2 (even)', 'Ag'],
  ['65536 (even)', 'AQAA'],
  ['n (not below the modulus)', 'n'],
]

function exponent(e: string): string {
  return e === 'n' ? (withExponent('AQAB').publicJwk.n as string) : e
}

function spkiPem(jwk: JsonWebKey): string {
  return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString()
}

/** Every form a key file can take, built around one public JWK (and its private twin). */
function forms(e: string): [string, string, { scheme?: 'ringcx'; kid?: string }][] {
  const { publicJwk, privateJwk } = withExponent(exponent(e))
  const hint = { scheme: 'ringcx' as const, kid: 'rsa_main' }
  const pair: RsaPair = { ...rsa, publicKey: createPublicKey({ key: publicJwk, format: 'jwk' }) }
  return [
    ['a JWK with kid', JSON.stringify({ ...publicJwk, kid: 'rsa_main' }), {}],
    ['a JWKS', JSON.stringify({ keys: [{ ...publicJwk, kid: 'rsa_main', alg: 'RS256', use: 'sig' }] }), {}],
    ['a manifest jwk', manifest({ scheme: 'ringcx', kid: 'rsa_main', jwk: publicJwk }), {}],
    ['a manifest publicKeyPem', manifest({ scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: spkiPem(publicJwk) }), {}],
    ['a PEM public key (SPKI)', spkiPem(publicJwk), hint],
    ['a PEM public key (PKCS#1)', createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }).toString(), hint],
    ['an X.509 certificate', selfSignedCertificatePem(pair), hint],
    ['a PEM private key (PKCS#8)', createPrivateKey({ key: privateJwk, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString(), hint],
    ['a PEM private key (PKCS#1)', createPrivateKey({ key: privateJwk, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }).toString(), hint],
    ['a private JWK', JSON.stringify({ ...privateJwk, kid: 'rsa_main' }), {}],
  ]
}

describe('RSA public exponent', () => {
  it.each(WEAK_EXPONENTS)('refuses e = %s in every key form with key-rsa-exponent-weak', async (_label, e) => {
    for (const [form, text, hint] of forms(e)) {
      const report = await parseKeyFile(text, hint)
      expect({ form, ok: report.ok, codes: report.entries.map((entry) => entry.error?.code) }).toEqual({ form, ok: false, codes: ['key-rsa-exponent-weak'] })
      expect(report.keys).toEqual([])
      // The command line's reading path applies the same rule.
      expect(readKeyFile(text, hint).entries.map((entry) => entry.error?.code)).toEqual(['key-rsa-exponent-weak'])
    }
  })

  it.each([['3', 'Aw'], ['65537', 'AQAB']])('accepts e = %s in every key form', async (_label, e) => {
    for (const [form, text, hint] of forms(e)) {
      const report = await parseKeyFile(text, hint)
      expect({ form, codes: report.entries.map((entry) => entry.error?.code) }).toEqual({ form, codes: [undefined] })
      expect(report.keys[0]?.material).toMatchObject({ alg: 'RS256', publicJwk: { e } })
    }
  })

  it('refuses the weak key inside a key set, so the whole set is refused', async () => {
    const report = await parseKeyFile(JSON.stringify({ keys: [
      { ...withExponent('AQAB').publicJwk, kid: 'rsa_good' },
      { ...withExponent('AQ').publicJwk, kid: 'rsa_bad' },
    ] }))
    expect(report.ok).toBe(false)
    expect(report.entries.map((entry) => [entry.kid, entry.error?.code])).toEqual([['rsa_good', undefined], ['rsa_bad', 'key-rsa-exponent-weak']])
  })

  it('refuses a private key with e = 1 for signing samples', () => {
    const pem = createPrivateKey({ key: withExponent('AQ').privateJwk, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(rsaSigningKey(pem, 'rsa_main').ok).toBe(false)
    expect(rsaSigningKey(rsa.privatePem, 'rsa_main').ok).toBe(true)
  })

  it('explains the rule for each weak exponent and says nothing for 65537', () => {
    const n = withExponent('AQAB').publicJwk.n as string
    expect(rsaExponentProblem({ n, e: 'AQAB' })).toBeNull()
    expect(rsaExponentProblem({ n, e: 'Aw' })).toBeNull()
    for (const [, e] of WEAK_EXPONENTS) expect(rsaExponentProblem({ n, e: exponent(e) })).toEqual(expect.any(String))
  })
})

describe('a token forged for an e = 1 key', () => {
  /** With e = 1 the RS256 "signature" is the EMSA-PKCS1-v1_5 encoding itself: no private key needed. */
  function forgeRs256(claims: Record<string, unknown>, kid: string): string {
    const input = `${base64urlJson({ alg: 'RS256', typ: 'JWT', kid })}.${base64urlJson(claims)}`
    const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(input).digest()])
    const encoded = Buffer.concat([Buffer.from([0x00, 0x01]), Buffer.alloc(256 - 3 - digestInfo.length, 0xff), Buffer.from([0x00]), digestInfo])
    return `${input}.${encoded.toString('base64url')}`
  }

  it('verifies against the bare key (the attack is real), but the key never gets into a key ring', async () => {
    const weak = withExponent('AQ').publicJwk
    const token = forgeRs256({ uuid: 'mallory', exp: NOW_S + 7200 }, 'rsa_main')
    const bare = await createKeyRing([{ material: { scheme: 'ringcx', kid: 'rsa_main', alg: 'RS256', publicJwk: { kty: 'RSA', n: weak.n as string, e: 'AQ' } } }])
    expect((await inspect(token, { keys: bare, settings: DEFAULT_SETTINGS, now: NOW })).verdict).toBe('verified')

    const imported = await parseKeyFile(JSON.stringify({ ...weak, kid: 'rsa_main' }))
    const inspection = await inspect(token, { keys: await createKeyRing(imported.keys), settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.verdict).toBe('rejected')
    expect(inspection.errors.map((error) => error.code)).toContain('ringcx-jwt-unknown-kid')
  })
})
