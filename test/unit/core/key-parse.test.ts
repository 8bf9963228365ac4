import { generateKeyPairSync } from 'node:crypto'
import { calculateJwkThumbprint } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseKeyFile, type KeyFileReport } from '../../../electron/core/key-parse'
import { MAX_KEY_FILE_BYTES } from '../../../electron/common/limits'
import {
  HS_SECRET,
  HS_SECRET_2,
  ROX_SECRET,
  generateRsa,
  manifest,
  selfSignedCertificatePem,
  type RsaPair,
} from './helpers'

let rsa: RsaPair
let small: RsaPair
let thumbprint: string

beforeAll(async () => {
  ;[rsa, small] = await Promise.all([generateRsa(2048), generateRsa(1024)])
  thumbprint = `rsa:${await calculateJwkThumbprint({ kty: 'RSA', n: rsa.publicJwk.n ?? '', e: rsa.publicJwk.e ?? '' })}`
})

/** The one error code of a single-key report. */
function errorOf(report: KeyFileReport): string | undefined {
  expect(report.ok).toBe(false)
  expect(report.keys).toEqual([])
  return report.entries[0]?.error?.code
}

describe('key manifest', () => {
  it('imports every kind of entry with its scheme, kid, algorithm and label', async () => {
    const report = await parseKeyFile(manifest(
      { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET, label: 'Website 2026' },
      { scheme: 'ringcx', kid: 'rsa_main', alg: 'RS256', publicKeyPem: rsa.publicPem },
      { scheme: 'ringcx', kid: 'rsa_jwk', jwk: rsa.publicJwk },
      { scheme: 'ringcx', kid: 'hs_jwk', jwk: { kty: 'oct', k: Buffer.from(HS_SECRET_2).toString('base64url') } },
      { scheme: 'roxchat', kid: 'Main.Key-1', secret: ROX_SECRET },
    ))
    expect(report.ok).toBe(true)
    expect(report.format).toBe('manifest')
    expect(report.keys.map((key) => [key.info.scheme, key.info.kid, key.info.alg])).toEqual([
      ['ringcx', 'hs_main', 'HS256'],
      ['ringcx', 'rsa_main', 'RS256'],
      ['ringcx', 'rsa_jwk', 'RS256'],
      ['ringcx', 'hs_jwk', 'HS256'],
      ['roxchat', 'Main.Key-1', 'secret'],
    ])
    expect(report.keys[0]?.label).toBe('Website 2026')
    expect(report.keys[1]?.info.bits).toBe(2048)
    expect(report.keys[0]?.info.bits).toBeUndefined()
    expect(report.entries.map((entry) => entry.ok)).toEqual([true, true, true, true, true])
  })

  it('is all-or-nothing: one bad entry leaves no keys, and the report says which entry failed', async () => {
    const report = await parseKeyFile(manifest(
      { scheme: 'ringcx', kid: 'good_one', secret: HS_SECRET },
      { scheme: 'ringcx', kid: 'bad_one', secret: HS_SECRET.slice(1) },
      { scheme: 'roxchat', kid: 'good_two', secret: ROX_SECRET },
    ))
    expect(report.ok).toBe(false)
    expect(report.keys).toEqual([])
    expect(report.entries.map((entry) => [entry.index, entry.scheme, entry.kid, entry.ok, entry.error?.code])).toEqual([
      [0, 'ringcx', 'good_one', true, undefined],
      [1, 'ringcx', 'bad_one', false, 'key-secret-invalid'],
      [2, 'roxchat', 'good_two', true, undefined],
    ])
  })

  it('refuses a kid used twice in one scheme (key-duplicate-kid) but allows it across schemes', async () => {
    const twice = await parseKeyFile(manifest(
      { scheme: 'ringcx', kid: 'same', secret: HS_SECRET },
      { scheme: 'ringcx', kid: 'same', secret: HS_SECRET_2 },
    ))
    expect(twice.ok).toBe(false)
    expect(twice.keys).toEqual([])
    expect(twice.entries.map((entry) => entry.error?.code)).toEqual([undefined, 'key-duplicate-kid'])

    const acrossSchemes = await parseKeyFile(manifest(
      { scheme: 'ringcx', kid: 'same', secret: HS_SECRET },
      { scheme: 'roxchat', kid: 'same', secret: ROX_SECRET },
    ))
    expect(acrossSchemes.ok).toBe(true)
  })

  it.each([
    ['Bad Kid', 'key-kid-invalid'],
    ['UPPER', 'key-kid-invalid'],
    ['with-dash', 'key-kid-invalid'],
    [42, 'key-kid-invalid'],
    ['', 'key-kid-missing'],
    [undefined, 'key-kid-missing'],
  ])('checks the RingCX kid pattern: %j → %s', async (kid, code) => {
    expect(errorOf(await parseKeyFile(manifest({ scheme: 'ringcx', kid, secret: HS_SECRET })))).toBe(code)
  })

  it('accepts lower-case letters, digits and _ as a RingCX kid', async () => {
    expect((await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'rsa_2026_b', secret: HS_SECRET }))).ok).toBe(true)
  })

  it('checks the Rox.Chat kid pattern (no spaces)', async () => {
    expect(errorOf(await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'two words', secret: ROX_SECRET })))).toBe('key-kid-invalid')
  })

  it.each([
    ['23 characters', HS_SECRET.slice(0, 23)],
    ['25 characters', `${HS_SECRET}0`],
    ['upper case', HS_SECRET.toUpperCase().replace(/\d/g, 'A')],
    ['one upper-case letter', `${HS_SECRET.slice(0, 23)}F`],
    ['non-hex', `${HS_SECRET.slice(0, 23)}g`],
    ['empty', ''],
  ])('refuses a RingCX secret that is not 24 characters 0-9a-f (%s)', async (_label, secret) => {
    expect(errorOf(await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'k', secret })))).toBe('key-secret-invalid')
  })

  it('refuses an empty or over-long Rox.Chat secret', async () => {
    expect(errorOf(await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'k', secret: '' })))).toBe('key-secret-invalid')
    expect(errorOf(await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'k', secret: 'x'.repeat(4097) })))).toBe('key-secret-invalid')
    expect((await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'k', secret: 'x'.repeat(4096) }))).ok).toBe(true)
  })

  it.each([
    ['a missing scheme', { kid: 'k', secret: HS_SECRET }, 'key-scheme-invalid'],
    ['an unknown scheme', { scheme: 'webim', kid: 'k', secret: HS_SECRET }, 'key-scheme-invalid'],
    ['no material', { scheme: 'ringcx', kid: 'k' }, 'key-material-missing'],
    ['two materials', { scheme: 'ringcx', kid: 'k', secret: HS_SECRET, jwk: { kty: 'oct', k: 'AA' } }, 'key-material-missing'],
    ['a secret that is not text', { scheme: 'ringcx', kid: 'k', secret: 123 }, 'key-material-missing'],
    ['a Rox.Chat key without a secret', { scheme: 'roxchat', kid: 'k', jwk: { kty: 'oct', k: 'AA' } }, 'key-material-missing'],
    ['a secret declared RS256', { scheme: 'ringcx', kid: 'k', alg: 'RS256', secret: HS_SECRET }, 'key-alg-invalid'],
    ['a secret declared HS512', { scheme: 'ringcx', kid: 'k', alg: 'HS512', secret: HS_SECRET }, 'key-alg-invalid'],
    ['a Rox.Chat key with an algorithm', { scheme: 'roxchat', kid: 'k', alg: 'HS256', secret: ROX_SECRET }, 'key-alg-invalid'],
    ['an entry that is not an object', 'ringcx:k', 'key-format-unrecognised'],
  ])('refuses %s', async (_label, entry, code) => {
    expect(errorOf(await parseKeyFile(JSON.stringify({ keys: [entry] })))).toBe(code)
  })

  it('refuses a PEM declared HS256', async () => {
    const report = await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'k', alg: 'HS256', publicKeyPem: rsa.publicPem }))
    expect(errorOf(report)).toBe('key-alg-invalid')
  })
})

describe('text secret files', () => {
  it.each([
    ['no line break', ''],
    ['a trailing "\\n"', '\n'],
    ['a trailing "\\r\\n"', '\r\n'],
  ])('keeps the RingCX secret without its line break (%s)', async (_label, ending) => {
    const report = await parseKeyFile(`${HS_SECRET}${ending}`, { scheme: 'ringcx', kid: 'hs_file' })
    expect(report.ok).toBe(true)
    expect(report.format).toBe('secret')
    expect(report.keys[0]?.material).toEqual({ scheme: 'ringcx', kid: 'hs_file', alg: 'HS256', secret: HS_SECRET })
  })

  it('keeps the Rox.Chat secret without its line break, and gives it the same fingerprint as the manifest form', async () => {
    const file = await parseKeyFile(`${ROX_SECRET}\r\n`, { scheme: 'roxchat', kid: 'rox_file' })
    const inline = await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'rox_file', secret: ROX_SECRET }))
    expect(file.keys[0]?.material).toEqual({ scheme: 'roxchat', kid: 'rox_file', alg: 'secret', secret: ROX_SECRET })
    expect(file.keys[0]?.info.fingerprint).toBe(inline.keys[0]?.info.fingerprint)
  })

  it('keeps other characters of the line, spaces included', async () => {
    const report = await parseKeyFile(' key with spaces \n', { scheme: 'roxchat', kid: 'spaced' })
    expect(report.keys[0]?.material).toMatchObject({ secret: ' key with spaces ' })
  })

  it('needs the scheme and kid from the caller, and one line only', async () => {
    expect(errorOf(await parseKeyFile(`${HS_SECRET}\n`))).toBe('key-scheme-invalid')
    expect(errorOf(await parseKeyFile(`${HS_SECRET}\n`, { scheme: 'ringcx' }))).toBe('key-kid-missing')
    expect(errorOf(await parseKeyFile(`${HS_SECRET}\n${HS_SECRET}\n`, { scheme: 'ringcx', kid: 'k' }))).toBe('key-format-unrecognised')
    expect(errorOf(await parseKeyFile(`${HS_SECRET}\n`, { scheme: 'ringcx', kid: 'Bad Kid' }))).toBe('key-kid-invalid')
    expect(errorOf(await parseKeyFile('not-a-24-hex-secret\n', { scheme: 'ringcx', kid: 'k' }))).toBe('key-secret-invalid')
  })

  it('calls text that is no key no key, not a secret file that needs a name', async () => {
    for (const text of ['Dear admin,\nplease find the key attached.\n', 'this is not a key at all']) {
      const report = await parseKeyFile(text)
      expect(errorOf(report)).toBe('key-format-unrecognised')
      expect(report.entries[0]?.error?.message).toMatch(/^this text is not a key/)
      expect(report.entries[0]?.error?.message).not.toContain('secret file')
    }
  })

  it('refuses an empty file and a file over 1 MiB', async () => {
    expect(errorOf(await parseKeyFile('', { scheme: 'roxchat', kid: 'k' }))).toBe('key-file-empty')
    expect(errorOf(await parseKeyFile(' \n\t', { scheme: 'roxchat', kid: 'k' }))).toBe('key-file-empty')
    expect(errorOf(await parseKeyFile('x'.repeat(MAX_KEY_FILE_BYTES + 1), { scheme: 'roxchat', kid: 'k' }))).toBe('key-file-too-large')
  })
})

describe('JWK and JWKS', () => {
  it('reads an oct JWK whose k decodes to the 24-hex string as that HS256 secret', async () => {
    const report = await parseKeyFile(JSON.stringify({ kty: 'oct', kid: 'hs_jwk', alg: 'HS256', use: 'sig', k: Buffer.from(HS_SECRET, 'ascii').toString('base64url') }))
    expect(report.ok).toBe(true)
    expect(report.format).toBe('jwk')
    expect(report.keys[0]?.material).toEqual({ scheme: 'ringcx', kid: 'hs_jwk', alg: 'HS256', secret: HS_SECRET })
  })

  it('refuses an oct JWK whose k is the 12 hex-decoded bytes (not the 24-character string)', async () => {
    const k = Buffer.from(HS_SECRET, 'hex').toString('base64url')
    expect(errorOf(await parseKeyFile(JSON.stringify({ kty: 'oct', kid: 'hs', k })))).toBe('key-secret-invalid')
  })

  it('reads an RSA JWK, takes the kid from the caller when the JWK has none', async () => {
    const withoutKid = await parseKeyFile(JSON.stringify(rsa.publicJwk), { scheme: 'ringcx', kid: 'rsa_named' })
    expect(withoutKid.ok).toBe(true)
    expect(withoutKid.keys[0]?.info).toMatchObject({ kid: 'rsa_named', alg: 'RS256', bits: 2048, fingerprint: thumbprint })
    expect(errorOf(await parseKeyFile(JSON.stringify(rsa.publicJwk)))).toBe('key-kid-missing')
  })

  it('reduces a private JWK to its public part, with a warning', async () => {
    const privateJwk = rsa.privateKey.export({ format: 'jwk' })
    const report = await parseKeyFile(JSON.stringify({ ...privateJwk, kid: 'rsa_private' }))
    expect(report.ok).toBe(true)
    expect(report.keys[0]?.warnings.map((warning) => warning.code)).toEqual(['key-private-reduced'])
    expect(report.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-private-reduced'])
    expect(report.keys[0]?.material).toEqual({ scheme: 'ringcx', kid: 'rsa_private', alg: 'RS256', publicJwk: { kty: 'RSA', n: rsa.publicJwk.n, e: rsa.publicJwk.e } })
  })

  it.each([
    ['use "enc"', () => ({ ...rsa.publicJwk, kid: 'k', use: 'enc' }), 'key-alg-invalid'],
    ['an RSA JWK declared PS256', () => ({ ...rsa.publicJwk, kid: 'k', alg: 'PS256' }), 'key-alg-invalid'],
    ['an oct JWK declared HS512', () => ({ kty: 'oct', kid: 'k', alg: 'HS512', k: Buffer.from(HS_SECRET).toString('base64url') }), 'key-alg-invalid'],
    ['an EC JWK', () => ({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'k' }), 'key-alg-invalid'],
    ['an oct JWK without k', () => ({ kty: 'oct', kid: 'k' }), 'key-material-missing'],
    ['an RSA JWK without n', () => ({ kty: 'RSA', kid: 'k', e: 'AQAB' }), 'key-rsa-invalid'],
    ['a 1024-bit RSA JWK', () => ({ ...small.publicJwk, kid: 'k' }), 'key-rsa-too-small'],
  ])('refuses %s', async (_label, jwk, code) => {
    expect(errorOf(await parseKeyFile(JSON.stringify(jwk())))).toBe(code)
  })

  it('refuses a JWK offered as a Rox.Chat key', async () => {
    expect(errorOf(await parseKeyFile(JSON.stringify({ ...rsa.publicJwk, kid: 'k' }), { scheme: 'roxchat' }))).toBe('key-scheme-invalid')
  })

  it('reads a JWKS as RingCX keys with their own kids', async () => {
    const report = await parseKeyFile(JSON.stringify({
      keys: [
        { ...rsa.publicJwk, kid: 'rsa_a', alg: 'RS256', use: 'sig' },
        { kty: 'oct', kid: 'hs_b', k: Buffer.from(HS_SECRET).toString('base64url') },
      ],
    }))
    expect(report.ok).toBe(true)
    expect(report.format).toBe('jwks')
    expect(report.keys.map((key) => [key.info.scheme, key.info.kid, key.info.alg])).toEqual([
      ['ringcx', 'rsa_a', 'RS256'],
      ['ringcx', 'hs_b', 'HS256'],
    ])
  })

  it('reports each JWKS entry and imports nothing when one fails', async () => {
    const report = await parseKeyFile(JSON.stringify({ keys: [{ ...rsa.publicJwk, kid: 'rsa_a' }, { ...rsa.publicJwk }, { ...rsa.publicJwk, kid: 'rsa_a' }] }))
    expect(report.ok).toBe(false)
    expect(report.keys).toEqual([])
    expect(report.entries.map((entry) => entry.error?.code)).toEqual([undefined, 'key-kid-missing', 'key-duplicate-kid'])
  })

  it('refuses a JWKS with a kid named by the caller, an empty key set and bad JSON', async () => {
    expect(errorOf(await parseKeyFile(JSON.stringify({ keys: [{ ...rsa.publicJwk, kid: 'a' }] }), { kid: 'b' }))).toBe('key-kid-invalid')
    expect(errorOf(await parseKeyFile(JSON.stringify({ keys: [] })))).toBe('key-material-missing')
    expect(errorOf(await parseKeyFile('{"keys": ['))).toBe('key-json-invalid')
    expect(errorOf(await parseKeyFile('{"hello": "world"}'))).toBe('key-format-unrecognised')
  })
})

describe('PEM keys and certificates', () => {
  it('reads an SPKI public key', async () => {
    const report = await parseKeyFile(rsa.publicPem, { scheme: 'ringcx', kid: 'rsa_pem' })
    expect(report.ok).toBe(true)
    expect(report.format).toBe('pem')
    expect(report.keys[0]?.info).toEqual({ scheme: 'ringcx', kid: 'rsa_pem', alg: 'RS256', fingerprint: thumbprint, bits: 2048 })
    expect(report.keys[0]?.warnings).toEqual([])
  })

  it('reads a PKCS#1 public key', async () => {
    const pkcs1 = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString()
    const report = await parseKeyFile(pkcs1, { scheme: 'ringcx', kid: 'rsa_pkcs1' })
    expect(report.keys[0]?.info.fingerprint).toBe(thumbprint)
  })

  it('reads the public key of an X.509 certificate', async () => {
    const report = await parseKeyFile(selfSignedCertificatePem(rsa), { scheme: 'ringcx', kid: 'rsa_cert' })
    expect(report.ok).toBe(true)
    expect(report.format).toBe('certificate')
    expect(report.keys[0]?.info).toMatchObject({ alg: 'RS256', bits: 2048, fingerprint: thumbprint })
    expect(report.keys[0]?.warnings).toEqual([])
  })

  it('refuses a broken certificate', async () => {
    const broken = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n'
    expect(errorOf(await parseKeyFile(broken, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-invalid')
  })

  it.each([
    ['PKCS#8', () => rsa.privatePem],
    ['PKCS#1', () => rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
  ])('keeps only the public part of a %s private key, with key-private-reduced', async (_label, pem) => {
    const report = await parseKeyFile(pem(), { scheme: 'ringcx', kid: 'rsa_private' })
    expect(report.ok).toBe(true)
    expect(report.keys[0]?.warnings.map((warning) => warning.code)).toEqual(['key-private-reduced'])
    expect(report.keys[0]?.info.fingerprint).toBe(thumbprint)
    expect(report.keys[0]?.material).toEqual({ scheme: 'ringcx', kid: 'rsa_private', alg: 'RS256', publicJwk: { kty: 'RSA', n: rsa.publicJwk.n, e: rsa.publicJwk.e } })
  })

  it('reduces a private key inside a manifest too', async () => {
    const report = await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'rsa_private', publicKeyPem: rsa.privatePem }))
    expect(report.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-private-reduced'])
  })

  it.each([
    ['a PKCS#8 encrypted private key', () => rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString()],
    ['a PKCS#1 encrypted private key (Proc-Type)', () => rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString()],
  ])('refuses %s with key-encrypted', async (_label, pem) => {
    expect(errorOf(await parseKeyFile(pem(), { scheme: 'ringcx', kid: 'k' }))).toBe('key-encrypted')
  })

  it('refuses EC keys (public and private) with key-rsa-invalid', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const publicPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const sec1Pem = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString()
    const pkcs8Pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(errorOf(await parseKeyFile(publicPem, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-invalid')
    expect(errorOf(await parseKeyFile(sec1Pem, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-invalid')
    expect(errorOf(await parseKeyFile(pkcs8Pem, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-invalid')
  })

  it('refuses RSA keys under 2048 bits (key-rsa-too-small) in every form', async () => {
    expect(errorOf(await parseKeyFile(small.publicPem, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-too-small')
    expect(errorOf(await parseKeyFile(small.privatePem, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-too-small')
    expect(errorOf(await parseKeyFile(selfSignedCertificatePem(small), { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-too-small')
    expect(errorOf(await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'k', publicKeyPem: small.publicPem })))).toBe('key-rsa-too-small')
  })

  it('refuses an unreadable PEM block', async () => {
    const garbage = '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n'
    expect(errorOf(await parseKeyFile(garbage, { scheme: 'ringcx', kid: 'k' }))).toBe('key-rsa-invalid')
  })

  it('needs a RingCX scheme and a kid for a bare PEM', async () => {
    expect(errorOf(await parseKeyFile(rsa.publicPem))).toBe('key-scheme-invalid')
    expect(errorOf(await parseKeyFile(rsa.publicPem, { scheme: 'roxchat', kid: 'k' }))).toBe('key-scheme-invalid')
    expect(errorOf(await parseKeyFile(rsa.publicPem, { scheme: 'ringcx' }))).toBe('key-kid-missing')
  })
})

describe('reports never reveal a secret', () => {
  it.each([
    ['a RingCX secret', HS_SECRET, manifest({ scheme: 'ringcx', kid: 'hs', secret: HS_SECRET })],
    ['a Rox.Chat secret', ROX_SECRET, manifest({ scheme: 'roxchat', kid: 'rox', secret: ROX_SECRET })],
  ])('%s appears in no encoding in the fingerprint or the report entries', async (_label, secret, text) => {
    const report = await parseKeyFile(text)
    const fingerprint = report.keys[0]?.info.fingerprint ?? ''
    expect(fingerprint).toMatch(/^secret:[A-Za-z0-9_-]+$/)
    const shown = JSON.stringify({ fingerprint, entries: report.entries })
    for (const encoding of ['utf8', 'hex', 'base64', 'base64url'] as const) {
      const encoded = Buffer.from(secret, 'utf8').toString(encoding)
      expect(shown).not.toContain(encoded)
      expect(shown.toLowerCase()).not.toContain(encoded.toLowerCase())
    }
  })
})
