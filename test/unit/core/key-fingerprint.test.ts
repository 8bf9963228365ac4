import { calculateJwkThumbprint } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprintKey } from '../../../electron/core/key-fingerprint'
import type { RsaPublicJwk } from '../../../electron/common/key-material'
import { HS_SECRET, HS_SECRET_2, ROX_SECRET, generateRsa, type RsaPair } from './helpers'

let rsa: RsaPair
let publicJwk: RsaPublicJwk

beforeAll(async () => {
  rsa = await generateRsa()
  publicJwk = { kty: 'RSA', n: rsa.publicJwk.n ?? '', e: rsa.publicJwk.e ?? '' }
})

describe('fingerprintKey', () => {
  it('gives an RSA key its RFC 7638 thumbprint', async () => {
    const fingerprint = await fingerprintKey({ scheme: 'ringcx', kid: 'rsa', alg: 'RS256', publicJwk })
    expect(fingerprint).toBe(`rsa:${await calculateJwkThumbprint({ kty: 'RSA', n: publicJwk.n, e: publicJwk.e })}`)
  })

  it('is stable for a secret, independent of kid and scheme, and differs between secrets', async () => {
    const a = await fingerprintKey({ scheme: 'ringcx', kid: 'one', alg: 'HS256', secret: HS_SECRET })
    const b = await fingerprintKey({ scheme: 'ringcx', kid: 'two', alg: 'HS256', secret: HS_SECRET })
    const c = await fingerprintKey({ scheme: 'roxchat', kid: 'three', alg: 'secret', secret: HS_SECRET })
    const d = await fingerprintKey({ scheme: 'ringcx', kid: 'one', alg: 'HS256', secret: HS_SECRET_2 })
    expect(a).toMatch(/^secret:[A-Za-z0-9_-]{22}$/)
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(d).not.toBe(a)
  })

  it.each([HS_SECRET, ROX_SECRET, 'short', 'ключ-секрет'])('does not reveal the secret %j in any encoding', async (secret) => {
    const fingerprint = await fingerprintKey({ scheme: 'roxchat', kid: 'k', alg: 'secret', secret })
    const body = fingerprint.slice('secret:'.length)
    for (const encoding of ['utf8', 'hex', 'base64', 'base64url'] as const) {
      expect(body).not.toContain(Buffer.from(secret, 'utf8').toString(encoding))
    }
  })
})
