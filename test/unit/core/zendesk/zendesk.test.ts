import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { inspect } from '../../../../electron/core/inspect'
import { parseKeyFile } from '../../../../electron/core/key-parse'
import { detectPayload } from '../../../../electron/core/payload-detect'
import { parseTimeSpec } from '../../../../electron/core/sample-signing'
import { ZENDESK_SIGNER } from '../../../../electron/core/zendesk/signer'
import { visibleText } from '../../../../electron/core/visible-text'
import { NOW, NOW_S, base64urlJson, codes, manifest, ringFrom, settingsWith, warningCodes } from '../helpers'

const KEY_A = 'app_67097c94d8a020e6a236ae87'
const KEY_B = 'app_0123456789abcdef01234567'
const SECRET_A = randomBytes(24).toString('base64url')
const SECRET_B = randomBytes(24).toString('base64url')
const ring = await ringFrom(manifest({ scheme: 'zendesk', kid: KEY_A, secret: SECRET_A }, { scheme: 'zendesk', kid: KEY_B, secret: SECRET_B }))
const run = (input: unknown, settings = DEFAULT_SETTINGS, scheme?: 'zendesk') => inspect(input, { keys: ring, settings, now: NOW, ...(scheme === undefined ? {} : { scheme }) })

/** A JWT built by hand with node:crypto, so any header or claims can be signed. */
function jwt(claims: Record<string, unknown>, options: { kid?: unknown; secret?: string; alg?: string } = {}): string {
  const header: Record<string, unknown> = { alg: options.alg ?? 'HS256', typ: 'JWT' }
  if (options.kid !== null) header['kid'] = options.kid ?? KEY_A
  const input = `${base64urlJson(header)}.${base64urlJson(claims)}`
  return `${input}.${createHmac('sha256', Buffer.from(options.secret ?? SECRET_A, 'utf8')).update(input).digest('base64url')}`
}
const good = (extra: Record<string, unknown> = {}) => ({ scope: 'user', external_id: 'cust-1', name: 'Ada', email: 'ada@example.com', email_verified: true, exp: NOW_S + 600, ...extra })
const page = (token: string) => `<html><body><script>\n  zE("messenger", "loginUser", function (callback) {\n    callback("${token}");\n  });\n</script></body></html>`

describe('Zendesk loginUser JWT', () => {
  it('verifies a JWT in the loginUser callback, its claims in Zendesk\'s order', async () => {
    const result = await run(page(jwt(good({ plan: 'gold' }))))
    expect(result.scheme).toBe('zendesk')
    expect(result.verdict).toBe('verified')
    expect(result.key?.kid).toBe(KEY_A)
    expect(result.fields.map((field) => field.name)).toEqual(['external_id', 'name', 'email', 'email_verified'])
    expect(result.unmapped.map((field) => field.name)).toEqual(['plan'])
    expect(result.expiry).toMatchObject({ status: 'valid', secondsLeft: 600 })
  })

  it('reads arrow callbacks and bare JWTs by their claims or with --scheme', async () => {
    const arrow = `zE('messenger','loginUser', (cb) => cb('${jwt(good())}'))`
    expect(detectPayload(arrow).payload).toMatchObject({ kind: 'zendesk-jwt', form: 'zendesk-login-user' })
    expect(detectPayload(jwt(good())).payload.kind).toBe('zendesk-jwt')
    const bare = jwt({ sub: 'x' })
    expect(detectPayload(bare).payload.kind).toBe('ringcx-jwt')
    expect(codes(await run(bare, DEFAULT_SETTINGS, 'zendesk'))).toEqual(['zendesk-jwt-missing-scope', 'zendesk-jwt-missing-external-id'])
  })

  it('says when the callback passes no JWT literal', async () => {
    expect(codes(await run('zE("messenger", "loginUser", function (cb) { fetch("/jwt").then(r => r.text()).then(cb) })'))).toEqual(['zendesk-jwt-malformed'])
  })

  it('rejects tampered, unknown-kid, kid-less, non-HS256, scope-less, id-less and expired JWTs', async () => {
    const token = jwt(good())
    const [header, , signature] = token.split('.')
    expect(codes(await run(`${header}.${base64urlJson(good({ external_id: 'cust-2' }))}.${signature}`))).toEqual(['zendesk-jwt-bad-signature'])
    expect(codes(await run(jwt(good(), { kid: 'app_gone' })))).toEqual(['zendesk-jwt-unknown-kid'])
    expect(codes(await run(jwt(good(), { kid: null })))).toEqual(['zendesk-jwt-missing-kid'])
    expect(codes(await run(jwt(good(), { alg: 'HS512' })))).toEqual(['zendesk-jwt-alg-not-allowed'])
    expect(codes(await run(jwt(good({ scope: 'admin' }))))).toEqual(['zendesk-jwt-missing-scope'])
    expect(codes(await run(jwt(good({ external_id: 'x'.repeat(256) }))))).toEqual(['zendesk-jwt-missing-external-id'])
    expect(codes(await run(jwt(good({ exp: NOW_S - 1 }))))).toEqual(['zendesk-jwt-expired'])
  })

  it('warns of a JWT without exp and of email_verified false', async () => {
    const result = await run(jwt(good({ exp: undefined, email_verified: false })))
    expect(result.verdict).toBe('verified')
    expect(warningCodes(result)).toEqual(['zendesk-jwt-no-exp', 'zendesk-email-not-verified'])
    expect(result.expiry.status).toBe('none')
  })

  it('honours the account\'s key IDs from Settings, at most ten', async () => {
    expect(codes(await run(jwt(good()), settingsWith({ zendesk: { keyIds: [KEY_B] } })))).toEqual(['zendesk-jwt-unknown-kid'])
    expect(() => settingsWith({ zendesk: { keyIds: Array.from({ length: 11 }, (_, index) => `app_${index}`) } })).toThrow(/zendesk.keyIds/)
    expect(() => settingsWith({ zendesk: { keyIds: ['a', 'a'] } })).toThrow(/zendesk.keyIds/)
  })
})

describe('Zendesk diagnosis', () => {
  it('names the key that signed when kid names another one', async () => {
    expect((await run(jwt(good(), { kid: KEY_A, secret: SECRET_B }))).diagnosis?.[0]?.code).toBe('diagnosis-kid-names-other-key')
    expect((await run(jwt(good(), { kid: 'app_typo', secret: SECRET_B }))).diagnosis?.[0]?.code).toBe('diagnosis-kid-names-other-key')
  })

  it('names a secret with whitespace, and says when nothing explains it', async () => {
    expect((await run(jwt(good(), { secret: `${SECRET_A}\n` }))).diagnosis?.[0]?.code).toBe('diagnosis-key-whitespace')
    expect((await run(jwt(good(), { secret: 'unrelated' }))).diagnosis?.[0]?.code).toBe('diagnosis-unexplained')
  })
})

describe('Zendesk hostile input', () => {
  it('treats prototype names as unknown key IDs and claims as own members', async () => {
    expect(codes(await run(jwt(good(), { kid: '__proto__' })))).toEqual(['zendesk-jwt-unknown-kid'])
    expect(codes(await run(jwt(good(), { kid: { toString: 1 } })))).toEqual(['zendesk-jwt-unknown-kid'])
    const polluted = `{"scope":"user","__proto__":{"external_id":"x"}}`
    const input = `${base64urlJson({ alg: 'HS256', kid: KEY_A })}.${Buffer.from(polluted).toString('base64url')}`
    const token = `${input}.${createHmac('sha256', SECRET_A).update(input).digest('base64url')}`
    expect(codes(await run(token, DEFAULT_SETTINGS, 'zendesk'))).toEqual(['zendesk-jwt-missing-external-id'])
  })

  it('keeps claims as signed for the front doors to escape, and refuses claims nested beyond the bounds', async () => {
    const result = await run(jwt(good({ name: 'Ada\u0007\u001b]0;pwned\u0007', big: 'y'.repeat(100_000) })))
    expect(result.verdict).toBe('verified')
    expect(visibleText(result.fields.find((field) => field.name === 'name')?.value ?? '')).toBe('Ada\\u0007\\u001B]0;pwned\\u0007')
    expect(result.unmapped.find((field) => field.name === 'big')?.value).toHaveLength(100_000)
    expect(codes(await run(jwt(good({ deep: JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`) }))))).toEqual(['input-too-deep'])
  })

  it('warns of a claim given twice, and gives the exp as its time limit', async () => {
    const token = await jwt(good({}))
    const [header = '', , signature = ''] = token.split('.')
    const claims = JSON.stringify(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))).replace(/^\{/, '{"name":"A","name":"B",')
    const twice = await run(`${header}.${Buffer.from(claims).toString('base64url')}.${signature}`, DEFAULT_SETTINGS, 'zendesk')
    expect(warningCodes(twice)).toContain('zendesk-duplicate-member')
    const verified = await run(token)
    expect(verified.verdict).toBe('verified')
    expect(verified.timeLimits?.map((limit) => limit.code)).toEqual(verified.expiry.expiresAt === null ? [] : ['zendesk-jwt-expired'])
  })

  it('refuses non-canonical and non-JSON parts', async () => {
    expect(codes(await run(`${base64urlJson({ alg: 'HS256' })}.bm90IGpzb24.sig`, DEFAULT_SETTINGS, 'zendesk'))).toEqual(['zendesk-jwt-malformed'])
  })
})

describe('Zendesk keys and QA signing', () => {
  it('takes a key by its app_ ID and refuses spaces', async () => {
    expect((await parseKeyFile(SECRET_A, { scheme: 'zendesk', kid: 'app 1' })).entries[0]?.error?.code).toBe('key-kid-invalid')
  })

  it('signs a loginUser sample that verifies', async () => {
    const context = { now: NOW, settings: DEFAULT_SETTINGS, time: (spec: string) => parseTimeSpec(spec, NOW) ?? 0 }
    const signed = await ZENDESK_SIGNER.sign({ scheme: 'zendesk', kid: KEY_B, fields: { external_id: 'c-9', name: 'Bo' }, exp: '+10m' }, { scheme: 'zendesk', kid: KEY_B, secret: SECRET_B }, context)
    const result = await run({ payload: signed.payload, scheme: 'zendesk' })
    expect(result.verdict).toBe('verified')
    expect(result.key?.kid).toBe(KEY_B)
  })
})
