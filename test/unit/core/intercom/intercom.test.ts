import { createHmac, randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { inspect } from '../../../../electron/core/inspect'
import { createKeyRing } from '../../../../electron/core/key-ring'
import { describeIdentity, detectPayload, listIdentities } from '../../../../electron/core/payload-detect'
import { INTERCOM_SCHEME } from '../../../../electron/core/intercom'
import { INTERCOM_SIGNER } from '../../../../electron/core/intercom/signer'
import { parseTimeSpec } from '../../../../electron/core/sample-signing'
import { visibleText } from '../../../../electron/core/visible-text'
import { NOW, NOW_S, codes, manifest, ringFrom, settingsWith, warningCodes } from '../helpers'

const WEB = randomBytes(20).toString('hex')
const IOS = randomBytes(20).toString('hex')
const hex = (secret: string, message: string): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
const keys = manifest({ scheme: 'intercom', kid: 'web', secret: WEB }, { scheme: 'intercom', kid: 'ios_app', secret: IOS })
const ring = await ringFrom(keys)
const run = (input: unknown, settings = DEFAULT_SETTINGS, options: { scheme?: 'intercom'; sampleSemantics?: boolean } = {}) => inspect(input, { keys: ring, settings, now: NOW, ...options })
const snippet = (settings: Record<string, unknown>): string => `<script>\n  window.intercomSettings = ${JSON.stringify({ app_id: 'abc123', ...settings })};\n</script>`
const jwt = (claims: Record<string, unknown>, secret = WEB, alg = 'HS256') => new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret))

describe('Intercom user_hash', () => {
  it('verifies the HMAC of user_id; email and name are sent beside it, not covered', async () => {
    const result = await run(snippet({ user_id: 'u-42', email: 'ada@example.com', name: 'Ada', plan: 'gold', user_hash: hex(WEB, 'u-42') }))
    expect(result.scheme).toBe('intercom')
    expect(result.verdict).toBe('verified')
    expect(result.key?.kid).toBe('web')
    expect(result.fields.map((field) => [field.name, field.source])).toEqual([['user_id', 'intercom-signed'], ['email', 'intercom-sent'], ['name', 'intercom-sent']])
    expect(result.unmapped.map((field) => field.name)).toEqual(['plan'])
    expect(result.expiry.status).toBe('none')
    expect(result.raw.hashedMessage).toBe('u-42')
  })

  it('hashes the email when there is no user_id', async () => {
    expect((await run(snippet({ email: 'ada@example.com', user_hash: hex(WEB, 'ada@example.com') }))).verdict).toBe('verified')
  })

  it('reads Intercom("boot", {…}) and the settings JSON', async () => {
    const boot = `Intercom('boot', { app_id: 'abc', user_id: 'u-1', user_hash: '${hex(WEB, 'u-1')}', })`
    expect((await run(boot)).verdict).toBe('verified')
    expect(detectPayload(boot).payload).toMatchObject({ kind: 'intercom-user', form: 'intercom-boot' })
    expect((await run(JSON.stringify({ user_id: 'u-1', user_hash: hex(WEB, 'u-1') }))).verdict).toBe('verified')
  })

  it('rejects a tampered user, a missing hash and a missing identifier, with Intercom\'s words', async () => {
    expect(codes(await run(snippet({ user_id: 'u-43', user_hash: hex(WEB, 'u-42') })))).toEqual(['intercom-hmac-mismatch'])
    expect(codes(await run(snippet({ user_id: 'u-42', user_hash: '' })))).toEqual(['intercom-missing-user-hash'])
    expect(codes(await run(snippet({ name: 'Ada', user_hash: hex(WEB, 'Ada') })))).toEqual(['intercom-missing-identifier'])
    const empty = await inspect(snippet({ user_id: 'u-42', user_hash: hex(WEB, 'u-42') }), { keys: await createKeyRing([]), settings: DEFAULT_SETTINGS, now: NOW })
    expect(codes(empty)).toEqual(['intercom-no-key'])
    expect(empty.diagnosis).toBeUndefined()
  })

  it('says when no secret of the platform is stored', async () => {
    const webOnly = await ringFrom(manifest({ scheme: 'intercom', kid: 'web', secret: WEB }))
    const result = await inspect(snippet({ user_id: 'u-42', user_hash: hex(WEB, 'u-42') }), { keys: webOnly, settings: settingsWith({ intercom: { platform: 'android' } }), now: NOW })
    expect(codes(result)).toEqual(['intercom-no-key'])
    expect(result.diagnosis?.[0]?.code).toBe('diagnosis-other-platform')
  })
})

describe('Intercom near-miss diagnosis', () => {
  const diagnosed = async (settings: Record<string, unknown>, config = DEFAULT_SETTINGS) => (await run(snippet(settings), config)).diagnosis?.[0]?.code

  it('names the hash of email sent with a user_id', async () => {
    expect(await diagnosed({ user_id: 'u-42', email: 'ada@example.com', user_hash: hex(WEB, 'ada@example.com') })).toBe('diagnosis-other-identifier')
  })

  it('names another platform\'s secret', async () => {
    expect(await diagnosed({ user_id: 'u-42', user_hash: hex(IOS, 'u-42') })).toBe('diagnosis-other-platform')
    // …and the right one verifies once Settings say iOS.
    expect((await run(snippet({ user_id: 'u-42', user_hash: hex(IOS, 'u-42') }), settingsWith({ intercom: { platform: 'ios' } }))).verdict).toBe('verified')
  })

  it('names upper-case hex, base64 and a secret with whitespace', async () => {
    expect(await diagnosed({ user_id: 'u-42', user_hash: hex(WEB, 'u-42').toUpperCase() })).toBe('diagnosis-uppercase-hex')
    const base64 = createHmac('sha256', WEB).update('u-42').digest('base64')
    expect(await diagnosed({ user_id: 'u-42', user_hash: base64 })).toBe('diagnosis-base64-digest')
    expect(await diagnosed({ user_id: 'u-42', user_hash: hex(`${WEB}\n`, 'u-42') })).toBe('diagnosis-key-whitespace')
    expect(await diagnosed({ user_id: 'u-42', user_hash: hex('other', 'u-42') })).toBe('diagnosis-unexplained')
  })
})

describe('Intercom Messenger JWT', () => {
  it('verifies intercom_user_jwt in the settings; its claims are signed', async () => {
    const token = await jwt({ user_id: 'u-7', email: 'ada@example.com', exp: NOW_S + 3600 })
    const result = await run(snippet({ intercom_user_jwt: token, name: 'Unsigned Name' }))
    expect(result.verdict).toBe('verified')
    expect(result.fields.map((field) => [field.name, field.source])).toEqual([['user_id', 'intercom-signed'], ['email', 'intercom-signed'], ['name', 'intercom-sent']])
    expect(result.expiry.status).toBe('valid')
  })

  it('detects a bare JWT by its user_id claim, or with --scheme', async () => {
    const token = await jwt({ user_id: 'u-7' })
    expect(detectPayload(token).payload.kind).toBe('intercom-jwt')
    const other = await jwt({ sub: 'x' })
    expect(detectPayload(other).payload.kind).toBe('ringcx-jwt')
    expect(detectPayload(other, { scheme: 'intercom' }).payload.kind).toBe('intercom-jwt')
    const result = await run(token)
    expect(result.verdict).toBe('verified')
    expect(warningCodes(result)).toEqual(['intercom-jwt-no-exp'])
  })

  it('rejects a tampered, expired, user-less or non-HS256 token', async () => {
    const token = await jwt({ user_id: 'u-7' })
    const [header, , signature] = token.split('.')
    const tampered = `${header}.${Buffer.from(JSON.stringify({ user_id: 'u-8' })).toString('base64url')}.${signature}`
    expect(codes(await run(tampered))).toEqual(['intercom-jwt-bad-signature'])
    expect(codes(await run(await jwt({ user_id: 'u-7', exp: NOW_S - 1 })))).toEqual(['intercom-jwt-expired'])
    expect(codes(await run(await jwt({ user_id: 7 }), DEFAULT_SETTINGS, { scheme: 'intercom' }))).toEqual(['intercom-jwt-missing-user-id'])
    expect(codes(await run(await jwt({ user_id: 'u-7' }, WEB, 'HS512')))).toEqual(['intercom-jwt-alg-not-allowed'])
  })

  it('diagnoses another platform\'s secret and a secret with whitespace', async () => {
    expect((await run(await jwt({ user_id: 'u-7' }, IOS))).diagnosis?.[0]?.code).toBe('diagnosis-other-platform')
    expect((await run(await jwt({ user_id: 'u-7' }, ` ${WEB}`))).diagnosis?.[0]?.code).toBe('diagnosis-key-whitespace')
  })
})

describe('Intercom keys and settings', () => {
  it('names keys by platform and refuses other Key IDs', async () => {
    const report = await import('../../../../electron/core/key-parse').then(({ parseKeyFile }) => parseKeyFile(WEB, { scheme: 'intercom', kid: 'desktop' }))
    expect(report.entries[0]?.error?.code).toBe('key-kid-invalid')
    expect(settingsWith({ intercom: { platform: 'ios' } }).intercom.platform).toBe('ios')
    expect(() => settingsWith({ intercom: { platform: 'windows' } })).toThrow(/intercom.platform/)
  })
})

describe('Intercom hostile input', () => {
  it('reads own members only: a __proto__ user_hash is not the user\'s', async () => {
    const result = await run(`window.intercomSettings = {user_id: "u-1", __proto__: {user_hash: "${hex(WEB, 'u-1')}"}}`)
    expect(result.verdict).toBe('rejected')
  })

  it('keeps values as sent for the front doors, which escape control characters (visibleText)', async () => {
    const result = await run(snippet({ user_id: 'u-1', name: `A\u001b[31mda\u202e${'x'.repeat(10_000)}`, user_hash: hex(WEB, 'u-1') }))
    const name = visibleText(result.fields.find((field) => field.name === 'name')?.value ?? '')
    expect(name).toContain('\\u001B')
    expect(name).toContain('\\u202E')
    expect(name).not.toMatch(/[\u0000-\u001f\u202e]/)
  })

  it('warns of a member the settings give twice, and rejects ill-formed member names', async () => {
    const twice = await run(`window.intercomSettings = {user_id: "u-1", email: "a@b.c", email: "x@y.z", user_hash: "${hex(WEB, 'u-1')}"}`)
    expect(twice.verdict).toBe('verified')
    expect(warningCodes(twice)).toContain('intercom-duplicate-member')
    expect(codes(await run(`window.intercomSettings = {user_id: "u-1", "\\ud800": 1, user_hash: "${hex(WEB, 'u-1')}"}`))).toEqual(['intercom-settings-malformed'])
  })

  it('survives deep nesting, odd types and ill-formed text', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    expect((await run(`window.intercomSettings = {user_id: "u-1", deep: ${deep}, user_hash: "${hex(WEB, 'u-1')}"}`)).scheme).toBe('intercom')
    expect(codes(await run(snippet({ user_id: 'u-1', user_hash: 42 })))).toEqual(['intercom-settings-malformed'])
    expect(codes(await run(snippet({ user_id: '\ud800', user_hash: 'ab' })))).toEqual(['intercom-settings-malformed'])
    expect(codes(await run('window.intercomSettings = {user_id: "u-1", user_hash: '))).toEqual(['intercom-settings-malformed'])
    expect(codes(await run(snippet({ intercom_user_jwt: 'eyJ.not.a jwt' })))).toEqual(['intercom-jwt-malformed'])
  })
})

describe('Intercom QA signing', () => {
  const context = { now: NOW, settings: DEFAULT_SETTINGS, time: (spec: string) => parseTimeSpec(spec, NOW) ?? 0 }
  const key = { scheme: 'intercom' as const, kid: 'ios_app', secret: IOS }

  it('signs a user_hash sample that verifies on its platform', async () => {
    const signed = await INTERCOM_SIGNER.sign({ scheme: 'intercom', kid: 'ios_app', fields: { user_id: 'u-9', email: 'a@b.c' } }, key, context)
    expect(signed.config).toEqual({ intercom: { platform: 'ios' } })
    const result = await run({ payload: signed.payload, config: signed.config, scheme: 'intercom' }, DEFAULT_SETTINGS, { sampleSemantics: true })
    expect(result.verdict).toBe('verified')
  })

  it('signs a JWT sample with exp', async () => {
    const signed = await INTERCOM_SIGNER.sign({ scheme: 'intercom', kid: 'ios_app', form: 'jwt', fields: { user_id: 'u-9' }, exp: '+2h' }, key, context)
    const result = await run({ payload: signed.payload, config: signed.config }, DEFAULT_SETTINGS, { sampleSemantics: true })
    expect(result.verdict).toBe('verified')
    expect(result.expiry.secondsLeft).toBe(7200)
    expect(result.timeLimits?.map((limit) => limit.code)).toEqual(['intercom-jwt-expired'])
  })
})

describe('Intercom in page text', () => {
  it('finds every identity in order, flags commented-out ones and inspects the first live one', async () => {
    const page = `<!-- <script>window.intercomSettings = {user_id: "old", user_hash: "00"};</script> -->\n<script>\n  Intercom('boot', {user_id: "u-1", user_hash: "${hex(WEB, 'u-1')}"});\n</script>`
    const detected = detectPayload(page)
    expect(detected.identities.map((identity) => [identity.form, identity.commented, identity.line])).toEqual([['intercom-settings', true, 1], ['intercom-boot', false, 3]])
    expect((await run(page)).verdict).toBe('verified')
    const listed = listIdentities(page)
    expect(listed.map((identity) => identity.scheme)).toEqual(['intercom', 'intercom'])
    expect(detectPayload(listed[1]?.text ?? '').payload).toMatchObject({ kind: 'intercom-user', form: 'intercom-boot' })
    expect(describeIdentity(detected.identities[0]!)).toMatch(/^a window\.intercomSettings assignment at line 1/)
    expect(codes(await run('<!-- window.intercomSettings = {user_id: "u", user_hash: "00"} -->'))).toEqual(['input-identity-commented-out'])
  })

  it('hands its secrets to the capture audit\'s leak search, fingerprinted only when read', async () => {
    const lazy = await createKeyRing([{ material: { scheme: 'intercom', kid: 'web', alg: 'secret', secret: WEB } }])
    expect(INTERCOM_SCHEME.keys.secrets?.(lazy.intercom).map((key) => [key.kid, key.secret])).toEqual([['web', WEB]])
    expect(INTERCOM_SCHEME.detect.identityMarkers).toContain('user_hash')
  })
})
