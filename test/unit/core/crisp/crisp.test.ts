import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { CRISP_SCHEME } from '../../../../electron/core/crisp'
import { inspect } from '../../../../electron/core/inspect'
import { createKeyRing } from '../../../../electron/core/key-ring'
import { detectPayload, listIdentities } from '../../../../electron/core/payload-detect'
import { visibleText } from '../../../../electron/core/visible-text'
import { NOW, codes, manifest, ringFrom, warningCodes } from '../helpers'

const SECRET = randomBytes(16).toString('hex')
const ring = await ringFrom(manifest({ scheme: 'crisp', kid: 'shop', secret: SECRET }))
const hex = (message: string, secret = SECRET): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
const run = (input: unknown, scheme?: 'crisp') => inspect(input, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW, ...(scheme === undefined ? {} : { scheme }) })
const push = (email: string, signature?: string) => `<script>window.$crisp=[];$crisp.push(["set", "user:email", [${JSON.stringify(email)}${signature === undefined ? '' : `, ${JSON.stringify(signature)}`}]]);</script>`

describe('Crisp user:email signature', () => {
  it('verifies the HMAC of the email as given, inside HTML, with no expiry', async () => {
    const result = await run(push('Ada@Example.com', hex('Ada@Example.com')))
    expect(result.scheme).toBe('crisp')
    expect(result.verdict).toBe('verified')
    expect(result.fields).toEqual([{ name: 'email', value: 'Ada@Example.com', source: 'crisp-signed', overridden: [] }])
    expect(result.expiry.status).toBe('none')
  })

  it('reads single quotes and the email alone (unverified)', async () => {
    const single = `$crisp.push(['set', 'user:email', ['ada@example.com', '${hex('ada@example.com')}']])`
    expect((await run(single)).verdict).toBe('verified')
    const alone = await run('$crisp.push(["set", "user:email", "ada@example.com"])')
    expect(alone.verdict).toBe('accepted-unsigned')
    expect(warningCodes(alone)).toEqual(['crisp-email-unverified'])
    expect(detectPayload('$crisp.push(["set","user:email",["a@b.c"]])').payload).toMatchObject({ kind: 'crisp-email', form: 'crisp-push' })
  })

  it('rejects a tampered email and says when no key is loaded', async () => {
    expect(codes(await run(push('eve@example.com', hex('ada@example.com'))))).toEqual(['crisp-signature-mismatch'])
    const none = await inspect(push('ada@example.com', hex('ada@example.com')), { keys: await createKeyRing([]), settings: DEFAULT_SETTINGS, now: NOW })
    expect(codes(none)).toEqual(['crisp-no-key'])
  })

  it('diagnoses upper-case hex, base64, a normalised email and a secret with whitespace', async () => {
    const diagnosed = async (email: string, signature: string) => (await run(push(email, signature))).diagnosis?.[0]?.code
    expect(await diagnosed('ada@example.com', hex('ada@example.com').toUpperCase())).toBe('diagnosis-uppercase-hex')
    expect(await diagnosed('ada@example.com', createHmac('sha256', SECRET).update('ada@example.com').digest('base64'))).toBe('diagnosis-base64-digest')
    expect(await diagnosed('Ada@Example.com ', hex('ada@example.com'))).toBe('diagnosis-normalised-email')
    expect(await diagnosed('ada@example.com', hex('ada@example.com', `${SECRET} `))).toBe('diagnosis-key-whitespace')
  })

  it('refuses what it cannot read, and reads own members only', async () => {
    expect(codes(await run('$crisp.push(["set", "user:email", [email, sig]])'))).toEqual(['crisp-push-malformed'])
    expect(codes(await run('$crisp.push(["set", "user:email", ["a@b.c", "x"'))).toEqual(['crisp-push-malformed'])
    expect(codes(await run(JSON.stringify({ __proto__: { email: 'a@b.c' } }), 'crisp'))).toEqual(['crisp-push-malformed'])
    expect(codes(await run(push('\ud800@x', 'ab')))).toEqual(['crisp-push-malformed'])
  })

  it('keeps the email as pushed for the front doors, which escape control characters', async () => {
    const email = 'ada\u001b[2J@example.com'
    const result = await run(push(email, hex(email)))
    expect(result.verdict).toBe('verified')
    expect(visibleText(result.fields[0]?.value ?? '')).toBe('ada\\u001B[2J@example.com')
  })

  it('finds every push of a page in order, commented-out ones flagged, each readable alone', async () => {
    const email = 'ada@example.com'
    const page = `<script>\n// ${push('old@example.com', '00')}\n${push(email, hex(email))}\n</script>`
    const detected = detectPayload(page)
    expect(detected.identities.map((identity) => [identity.form, identity.commented])).toEqual([['crisp-push', true], ['crisp-push', false]])
    expect((await run(page)).verdict).toBe('verified')
    const listed = listIdentities(page)
    expect((await run(listed[1]?.text ?? '')).verdict).toBe('verified')
  })

  it('signs a sample that inspects as verified', async () => {
    const signer = CRISP_SCHEME.signer
    if (signer === undefined) throw new Error('no signer')
    const signed = await signer.sign({ scheme: 'crisp', kid: 'shop', fields: { email: 'bo@example.com' } }, { scheme: 'crisp', kid: 'shop', secret: SECRET }, { now: NOW, settings: DEFAULT_SETTINGS, time: () => 0 })
    expect((await run({ payload: signed.payload, scheme: 'crisp' })).verdict).toBe('verified')
  })
})
