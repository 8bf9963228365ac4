import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { inspect } from '../../../../electron/core/inspect'
import { createKeyRing } from '../../../../electron/core/key-ring'
import { detectPayload } from '../../../../electron/core/payload-detect'
import { TAWKTO_SCHEME } from '../../../../electron/core/tawkto'
import { NOW, codes, manifest, ringFrom, warningCodes } from '../helpers'

const KEY = randomBytes(20).toString('hex')
const ring = await ringFrom(manifest({ scheme: 'tawkto', kid: 'property_1', secret: KEY }))
const hex = (message: string, secret = KEY): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
const run = (input: unknown) => inspect(input, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
const visitorPage = (visitor: Record<string, unknown>) => `<script type="text/javascript">\nvar Tawk_API = Tawk_API || {}, Tawk_LoadStart = new Date();\nTawk_API.visitor = ${JSON.stringify(visitor)};\n</script>`
const login = (visitor: Record<string, unknown>) => `Tawk_API.onLoad = function () {\n  Tawk_API.login(${JSON.stringify(visitor)}, function (error) {});\n};`

describe('tawk.to secure mode', () => {
  it('verifies Tawk_API.visitor\'s hash of the email', async () => {
    const result = await run(visitorPage({ name: 'Ada', email: 'ada@example.com', hash: hex('ada@example.com') }))
    expect(result.scheme).toBe('tawkto')
    expect(result.verdict).toBe('verified')
    expect(result.fields.map((field) => [field.name, field.source])).toEqual([['name', 'tawkto-sent'], ['email', 'tawkto-signed']])
    expect(result.expiry.status).toBe('none')
  })

  it('verifies Tawk_API.login\'s hash of the userId (rule unconfirmed)', async () => {
    const result = await run(login({ hash: hex('u-9'), userId: 'u-9', name: 'Ada', email: 'ada@example.com' }))
    expect(detectPayload(login({ userId: 'u' })).payload).toMatchObject({ form: 'tawkto-login' })
    expect(result.verdict).toBe('verified')
    expect(result.fields.find((field) => field.name === 'userId')?.source).toBe('tawkto-signed')
  })

  it('rejects a tampered visitor, a login without hash and a missing key; warns of a visitor without hash', async () => {
    expect(codes(await run(visitorPage({ email: 'eve@example.com', hash: hex('ada@example.com') })))).toEqual(['tawkto-hash-mismatch'])
    expect(codes(await run(login({ userId: 'u-9' })))).toEqual(['tawkto-missing-hash'])
    expect(codes(await inspect(login({ userId: 'u-9', hash: hex('u-9') }), { keys: await createKeyRing([]), settings: DEFAULT_SETTINGS, now: NOW }))).toEqual(['tawkto-no-key'])
    const unsigned = await run(visitorPage({ name: 'Ada', email: 'a@b.c' }))
    expect(unsigned.verdict).toBe('accepted-unsigned')
    expect(warningCodes(unsigned)).toEqual(['tawkto-visitor-unverified'])
  })

  it('diagnoses the other identifier, upper case, base64 and whitespace in the key', async () => {
    expect((await run(login({ userId: 'u-9', email: 'a@b.c', hash: hex('a@b.c') }))).diagnosis?.[0]?.code).toBe('diagnosis-other-identifier')
    expect((await run(visitorPage({ email: 'a@b.c', userId: 'u-9', hash: hex('u-9') }))).diagnosis?.[0]?.code).toBe('diagnosis-other-identifier')
    const diagnosed = async (hash: string) => (await run(visitorPage({ email: 'a@b.c', hash }))).diagnosis?.[0]?.code
    expect(await diagnosed(hex('a@b.c').toUpperCase())).toBe('diagnosis-uppercase-hex')
    expect(await diagnosed(createHmac('sha256', KEY).update('a@b.c').digest('base64'))).toBe('diagnosis-base64-digest')
    expect(await diagnosed(hex('a@b.c', `${KEY}\n`))).toBe('diagnosis-key-whitespace')
  })

  it('stands hostile input', async () => {
    expect(codes(await run('Tawk_API.visitor = {email: "a@b.c", hash: '))).toEqual(['tawkto-bad-attributes'])
    expect(codes(await run(visitorPage({ email: { toString: 'x' }, hash: 'ab' })))).toEqual(['tawkto-bad-attributes'])
    expect((await run(`Tawk_API.visitor = {email: "a@b.c", __proto__: {hash: "${hex('a@b.c')}"}}`)).verdict).toBe('accepted-unsigned')
    const huge = 'z'.repeat(500_000)
    const result = await run(visitorPage({ email: 'a@b.c', name: huge, hash: hex('a@b.c') }))
    expect(result.verdict).toBe('verified')
    // Kept as sent (the input is bounded at 1 MiB); the front doors cut what they show.
    expect(result.fields[0]?.value).toHaveLength(500_000)
  })

  it('signs visitor and login samples that inspect as verified', async () => {
    const key = { scheme: 'tawkto' as const, kid: 'property_1', secret: KEY }
    const context = { now: NOW, settings: DEFAULT_SETTINGS, time: () => 0 }
    for (const form of ['visitor', 'login'] as const) {
      const signed = await TAWKTO_SCHEME.signer?.sign({ scheme: 'tawkto', kid: 'property_1', form, fields: { name: 'Ada', email: 'a@b.c', userId: 'u-1' } }, key, context)
      expect((await run({ payload: signed?.payload, scheme: 'tawkto' })).verdict).toBe('verified')
    }
  })
})
