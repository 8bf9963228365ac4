import { createHmac, webcrypto } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { createKeyRing } from '../../../electron/core/key-ring'
import { HS_SECRET, ROX_SECRET, generateRsa, importKeys, manifest, type RsaPair } from './helpers'

let rsa: RsaPair

beforeAll(async () => {
  rsa = await generateRsa()
})

const data = Buffer.from('header.claims', 'ascii')

describe('createKeyRing', () => {
  it('imports a RingCX HS256 key once, as the ASCII bytes of the 24-character secret', async () => {
    const ring = await createKeyRing(await importKeys(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET })))
    const key = ring.ringcx.get('hs_main')
    expect(key).toMatchObject({ kid: 'hs_main', alg: 'HS256' })
    expect(key?.cryptoKey.algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-256' } })
    expect(key?.cryptoKey.usages).toEqual(['verify'])
    const withAscii = createHmac('sha256', Buffer.from(HS_SECRET, 'ascii')).update(data).digest()
    const withHexBytes = createHmac('sha256', Buffer.from(HS_SECRET, 'hex')).update(data).digest()
    const cryptoKey = key?.cryptoKey as webcrypto.CryptoKey
    expect(await webcrypto.subtle.verify('HMAC', cryptoKey, withAscii, data)).toBe(true)
    expect(await webcrypto.subtle.verify('HMAC', cryptoKey, withHexBytes, data)).toBe(false)
  })

  it('imports a RingCX RS256 key as an RSASSA-PKCS1-v1_5 SHA-256 public verification key', async () => {
    const ring = await createKeyRing(await importKeys(manifest({ scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem })))
    const key = ring.ringcx.get('rsa_main')
    expect(key?.alg).toBe('RS256')
    expect(key?.cryptoKey.type).toBe('public')
    expect(key?.cryptoKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' }, modulusLength: 2048 })
    expect(key?.cryptoKey.usages).toEqual(['verify'])
  })

  it('keeps Rox.Chat keys in import order with the secret text and an HMAC key of its UTF-8 bytes', async () => {
    const unicode = 'ключ-секрет'
    const ring = await createKeyRing(await importKeys(manifest(
      { scheme: 'roxchat', kid: 'first', secret: ROX_SECRET },
      { scheme: 'roxchat', kid: 'second', secret: unicode },
    )))
    expect(ring.roxchat.map((key) => key.kid)).toEqual(['first', 'second'])
    expect(ring.roxchat[1]?.secret).toBe(unicode)
    const hmacKey = ring.roxchat[1]?.hmacKey
    if (hmacKey === undefined) throw new Error('no key')
    expect(createHmac('sha256', hmacKey).update(data).digest('hex')).toBe(createHmac('sha256', Buffer.from(unicode, 'utf8')).update(data).digest('hex'))
    expect(ring.ringcx.size).toBe(0)
  })

  it('carries each key\'s fingerprint from the import', async () => {
    const keys = await importKeys(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }, { scheme: 'roxchat', kid: 'rox', secret: ROX_SECRET }))
    const ring = await createKeyRing(keys)
    expect(ring.ringcx.get('hs_main')?.fingerprint).toBe(keys[0]?.info.fingerprint)
    expect(ring.roxchat[0]?.fingerprint).toBe(keys[1]?.info.fingerprint)
  })

  it('looks kids up in a Map, so prototype names are not keys', async () => {
    const ring = await createKeyRing(await importKeys(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET })))
    expect(ring.ringcx).toBeInstanceOf(Map)
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(ring.ringcx.get(name)).toBeUndefined()
  })

  it('holds an empty part for every scheme when there are no keys', async () => {
    const empty = await createKeyRing([])
    expect(empty.ringcx.size).toBe(0)
    expect(empty.roxchat).toEqual([])
  })
})
