import { createHmac, randomBytes } from 'node:crypto'
import { visibleText } from '../../../../electron/core/visible-text'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { HELPSCOUT_SCHEME } from '../../../../electron/core/helpscout'
import { inspect } from '../../../../electron/core/inspect'
import { createKeyRing } from '../../../../electron/core/key-ring'
import { NOW, codes, manifest, ringFrom, warningCodes } from '../helpers'

const SECRET = randomBytes(24).toString('hex')
const ring = await ringFrom(manifest({ scheme: 'helpscout', kid: 'support-beacon', secret: SECRET }))
const digest = (message: string, secret = SECRET): Buffer => createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest()
const hex = (message: string, secret = SECRET): string => digest(message, secret).toString('hex')
const run = (input: unknown) => inspect(input, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
const identify = (user: Record<string, unknown>) => `<body><script>!function(e,t,n){}(window,document,window.Beacon||function(){});\nwindow.Beacon('init', 'beacon-id');\nBeacon("identify", ${JSON.stringify(user)});</script></body>`

describe('Help Scout Beacon secure mode', () => {
  it('verifies the signature of the email inside HTML; the other attributes are not covered', async () => {
    const result = await run(identify({ name: 'Ada', email: 'ada@example.com', company: 'ACME', plan: 'pro', signature: hex('ada@example.com') }))
    expect(result.scheme).toBe('helpscout')
    expect(result.verdict).toBe('verified')
    expect(result.fields.map((field) => [field.name, field.source])).toEqual([['name', 'helpscout-sent'], ['email', 'helpscout-signed'], ['company', 'helpscout-sent']])
    expect(result.unmapped.map((field) => field.name)).toEqual(['plan'])
    expect(result.expiry.status).toBe('none')
  })

  it('rejects a tampered email, a missing email and a missing key; warns without a signature', async () => {
    expect(codes(await run(identify({ email: 'eve@example.com', signature: hex('ada@example.com') })))).toEqual(['helpscout-signature-mismatch'])
    expect(codes(await run(identify({ name: 'Ada', signature: hex('Ada') })))).toEqual(['helpscout-missing-email'])
    expect(codes(await inspect(identify({ email: 'a@b.c', signature: hex('a@b.c') }), { keys: await createKeyRing([]), settings: DEFAULT_SETTINGS, now: NOW }))).toEqual(['helpscout-no-key'])
    const unsigned = await run(identify({ email: 'a@b.c' }))
    expect(unsigned.verdict).toBe('accepted-unsigned')
    expect(warningCodes(unsigned)).toEqual(['helpscout-signature-missing'])
  })

  it('diagnoses the documentation\'s encodings: upper case, base64, dashed hex; and whitespace in the key', async () => {
    const diagnosed = async (signature: string) => (await run(identify({ email: 'a@b.c', signature }))).diagnosis?.[0]?.code
    expect(await diagnosed(hex('a@b.c').toUpperCase())).toBe('diagnosis-uppercase-hex')
    expect(await diagnosed(digest('a@b.c').toString('base64'))).toBe('diagnosis-base64-digest')
    expect(await diagnosed([...digest('a@b.c')].map((byte) => byte.toString(16).padStart(2, '0')).join('-'))).toBe('diagnosis-dashed-hex')
    expect(await diagnosed(hex('a@b.c', ` ${SECRET}`))).toBe('diagnosis-key-whitespace')
  })

  it('stands hostile input', async () => {
    expect(codes(await run('Beacon("identify", {email: "a@b.c", signature: '))).toEqual(['helpscout-identify-malformed'])
    expect(codes(await run(identify({ email: ['a@b.c'], signature: 'x' })))).toEqual(['helpscout-identify-malformed'])
    expect(codes(await run(`Beacon('identify', {__proto__: {email: "a@b.c"}, signature: "${hex('a@b.c')}"})`))).toEqual(['helpscout-missing-email'])
    const result = await run(identify({ email: 'a@b.c', name: '\u202eevil', signature: hex('a@b.c') }))
    expect(visibleText(result.fields[0]?.value ?? '')).toBe('\\u202Eevil')
  })

  it('signs a sample that inspects as verified', async () => {
    const signed = await HELPSCOUT_SCHEME.signer?.sign({ scheme: 'helpscout', kid: 'support-beacon', fields: { email: 'a@b.c', name: 'Ada' } }, { scheme: 'helpscout', kid: 'support-beacon', secret: SECRET }, { now: NOW, settings: DEFAULT_SETTINGS, time: () => 0 })
    expect((await run({ payload: signed?.payload, scheme: 'helpscout' })).verdict).toBe('verified')
  })
})
