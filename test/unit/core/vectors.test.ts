/**
 * Known-answer vectors from outside the project, read in place from ../shared/vectors/ and run
 * through the core's own hash path (computeRoxchatHash) and RSA path (parseKeyFile →
 * createKeyRing → the RS256 CryptoKey).
 */
import { createSecretKey, webcrypto } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing } from '../../../electron/core/key-ring'
import type { RoxchatHashKey } from '../../../electron/core/roxchat/keys'
import { constantTimeEquals } from '../../../electron/core/constant-time'
import { computeRoxchatHash } from '../../../electron/core/roxchat/hash'
import { PROJECT_ROOT, VECTORS_DIR, generateRsa, importKeys, manifest, readVectors } from './helpers'
import type { RoxchatHashAlgorithm } from '../../../electron/common/roxchat/settings'

interface RfcVectors {
  readonly hmacSha256: readonly { case: number; keyHex: string; dataHex: string; hmacSha256Hex: string; truncatedBits?: number }[]
  readonly digests: readonly { alg: 'sha256' | 'sha512' | 'md5'; inputUtf8: string; hex: string }[]
}

interface WycheproofMac {
  readonly numberOfTests: number
  readonly testGroups: readonly { keySize: number; tagSize: number; tests: readonly { tcId: number; key: string; msg: string; tag: string; result: 'valid' | 'invalid' | 'acceptable' }[] }[]
}

interface WycheproofRsa {
  readonly numberOfTests: number
  readonly testGroups: readonly {
    keySize: number
    publicKeyPem: string
    keyJwk: Record<string, unknown>
    tests: readonly { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable'; flags: readonly string[] }[]
  }[]
}

/** A Rox.Chat hash key built exactly as createKeyRing builds one, from raw key bytes. */
function hashKey(keyBytes: Buffer): Pick<RoxchatHashKey, 'secret' | 'hmacKey'> {
  return { secret: keyBytes.toString('utf8'), hmacKey: createSecretKey(keyBytes) }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
function asUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

describe('the vectors directory', () => {
  it('is ../shared/vectors from the project root, outside the project', () => {
    expect(VECTORS_DIR).toBe(path.resolve(PROJECT_ROOT, '..', 'shared', 'vectors'))
    expect(path.relative(PROJECT_ROOT, VECTORS_DIR).startsWith('..')).toBe(true)
    for (const name of ['rfc4231-and-digests.json', 'wycheproof-hmac-sha256.json', 'wycheproof-rsa-2048-sha256.json']) {
      expect(existsSync(path.join(VECTORS_DIR, name))).toBe(true)
    }
  })
})

describe('RFC 4231 HMAC-SHA-256 through computeRoxchatHash', () => {
  const { hmacSha256 } = readVectors<RfcVectors>('rfc4231-and-digests.json')

  it('holds the seven cases', () => {
    expect(hmacSha256.map((vector) => vector.case)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it.each(hmacSha256.map((vector) => [vector.case, vector] as const))('case %i', (_case, vector) => {
    const hex = computeRoxchatHash(Buffer.from(vector.dataHex, 'hex'), hashKey(Buffer.from(vector.keyHex, 'hex')), 'hmac-sha256')
    // Case 5 gives only the first 128 bits.
    const digits = vector.truncatedBits === undefined ? hex.length : vector.truncatedBits / 4
    expect(vector.hmacSha256Hex).toHaveLength(digits)
    expect(constantTimeEquals(hex.slice(0, digits), vector.hmacSha256Hex)).toBe(true)
  })

  it('text keys and messages give the same answer through parseKeyFile and createKeyRing', async () => {
    const textCases = hmacSha256.filter((vector) =>
      asUtf8(Buffer.from(vector.keyHex, 'hex')) !== null && asUtf8(Buffer.from(vector.dataHex, 'hex')) !== null && vector.truncatedBits === undefined)
    expect(textCases.map((vector) => vector.case)).toEqual([1, 2])
    for (const vector of textCases) {
      const ring = await createKeyRing(await importKeys(manifest({ scheme: 'roxchat', kid: `rfc${vector.case}`, secret: asUtf8(Buffer.from(vector.keyHex, 'hex')) })))
      const key = ring.roxchat[0]
      if (key === undefined) throw new Error('no key')
      expect(computeRoxchatHash(asUtf8(Buffer.from(vector.dataHex, 'hex')) ?? '', key, 'hmac-sha256')).toBe(vector.hmacSha256Hex)
    }
  })
})

describe('SHA-256, SHA-512 and MD5 digests through computeRoxchatHash (key "")', () => {
  const { digests } = readVectors<RfcVectors>('rfc4231-and-digests.json')

  it('covers the three digest algorithms', () => {
    expect(new Set(digests.map((vector) => vector.alg))).toEqual(new Set(['sha256', 'sha512', 'md5']))
  })

  it.each(digests.map((vector) => [vector.alg, vector.inputUtf8, vector] as const))('%s(%j)', (_alg, _input, vector) => {
    const algorithm: RoxchatHashAlgorithm = vector.alg
    // The SHA/MD5 variants hash message + key: with the key '' that is the plain digest.
    expect(computeRoxchatHash(vector.inputUtf8, hashKey(Buffer.alloc(0)), algorithm)).toBe(vector.hex)
  })

  it('appends the key to the message: digest(msg + key) equals the digest of the joined text', () => {
    for (const vector of digests.filter((candidate) => candidate.inputUtf8 === 'abc')) {
      expect(computeRoxchatHash('a', hashKey(Buffer.from('bc')), vector.alg)).toBe(vector.hex)
    }
  })
})

describe('Wycheproof HMAC-SHA256 through computeRoxchatHash', () => {
  const vectors = readVectors<WycheproofMac>('wycheproof-hmac-sha256.json')
  const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ ...test, tagSize: group.tagSize })))

  it('holds every announced case, valid and invalid', () => {
    expect(cases).toHaveLength(vectors.numberOfTests)
    expect(cases.filter((test) => test.result === 'valid').length).toBeGreaterThan(0)
    expect(cases.filter((test) => test.result === 'invalid').length).toBeGreaterThan(0)
  })

  it('accepts every valid tag and refuses every invalid one (tags truncated to tagSize)', () => {
    const wrong: number[] = []
    for (const test of cases) {
      const hex = computeRoxchatHash(Buffer.from(test.msg, 'hex'), hashKey(Buffer.from(test.key, 'hex')), 'hmac-sha256')
      const matches = constantTimeEquals(hex.slice(0, test.tagSize / 4), test.tag)
      if (test.result === 'valid' && !matches) wrong.push(test.tcId)
      if (test.result === 'invalid' && matches) wrong.push(test.tcId)
    }
    expect(wrong).toEqual([])
  })
})

describe('Wycheproof RSASSA-PKCS1-v1_5 SHA-256 (2048) through the core\'s RS256 key path', () => {
  const vectors = readVectors<WycheproofRsa>('wycheproof-rsa-2048-sha256.json')

  it('holds every announced case', () => {
    expect(vectors.testGroups.flatMap((group) => group.tests)).toHaveLength(vectors.numberOfTests)
  })

  it.each(vectors.testGroups.map((group, index) => [index, group] as const))('group %i: valid accepted, invalid refused', async (index, group) => {
    const kidPem = `wycheproof_pem_${index}`
    const kidJwk = `wycheproof_jwk_${index}`
    const pemReport = await parseKeyFile(manifest({ scheme: 'ringcx', kid: kidPem, publicKeyPem: group.publicKeyPem }))
    const jwkReport = await parseKeyFile(JSON.stringify({ keys: [{ ...group.keyJwk, kid: kidJwk }] }))
    expect(pemReport.ok).toBe(true)
    expect(jwkReport.ok).toBe(true)
    expect(pemReport.keys[0]?.info.bits).toBe(group.keySize)
    expect(jwkReport.keys[0]?.info.fingerprint).toBe(pemReport.keys[0]?.info.fingerprint)
    const ring = await createKeyRing([...pemReport.keys, ...jwkReport.keys])

    for (const kid of [kidPem, kidJwk]) {
      const key = ring.ringcx.get(kid)
      expect(key?.alg).toBe('RS256')
      const cryptoKey = key?.cryptoKey as webcrypto.CryptoKey
      const wrong: number[] = []
      for (const test of group.tests) {
        let accepted: boolean
        try {
          accepted = await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', cryptoKey, Buffer.from(test.sig, 'hex'), Buffer.from(test.msg, 'hex'))
        } catch {
          accepted = false
        }
        if (test.result === 'valid' && !accepted) wrong.push(test.tcId)
        if (test.result === 'invalid' && accepted) wrong.push(test.tcId)
      }
      expect(wrong).toEqual([])
    }
  })

  it('holds no key under 2048 bits; a generated 1024-bit key is refused with key-rsa-too-small', async () => {
    expect(vectors.testGroups.every((group) => group.keySize >= 2048)).toBe(true)
    const small = await generateRsa(1024)
    const report = await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'small', publicKeyPem: small.publicPem }))
    expect(report.ok).toBe(false)
    expect(report.entries.map((entry) => entry.error?.code)).toEqual(['key-rsa-too-small'])
  })
})
