import { createHmac, randomBytes } from 'node:crypto'
import { visibleText } from '../../../../electron/core/visible-text'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { CHATWOOT_SCHEME } from '../../../../electron/core/chatwoot'
import { inspect } from '../../../../electron/core/inspect'
import { createKeyRing } from '../../../../electron/core/key-ring'
import { detectPayload } from '../../../../electron/core/payload-detect'
import { NOW, codes, manifest, ringFrom, settingsWith, warningCodes } from '../helpers'

const TOKEN = randomBytes(18).toString('base64url')
const ring = await ringFrom(manifest({ scheme: 'chatwoot', kid: 'website_inbox', secret: TOKEN }))
const hex = (message: string, secret = TOKEN): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
const run = (input: unknown, settings = DEFAULT_SETTINGS) => inspect(input, { keys: ring, settings, now: NOW })
const setUser = (identifier: string, attributes: Record<string, unknown>) => `<html><script>\nwindow.addEventListener('chatwoot:ready', function () {\n  window.$chatwoot.setUser(${JSON.stringify(identifier)}, ${JSON.stringify(attributes)});\n});\n</script></html>`
const ENFORCED = settingsWith({ chatwoot: { enforceIdentityValidation: true } })

describe('Chatwoot identifier_hash', () => {
  it('verifies the HMAC of the identifier; name and email are not covered', async () => {
    const result = await run(setUser('user-7', { name: 'Ada', email: 'ada@example.com', plan: 'gold', identifier_hash: hex('user-7') }))
    expect(result.scheme).toBe('chatwoot')
    expect(result.verdict).toBe('verified')
    expect(result.fields.map((field) => [field.name, field.source])).toEqual([['identifier', 'chatwoot-signed'], ['name', 'chatwoot-sent'], ['email', 'chatwoot-sent']])
    expect(result.unmapped.map((field) => field.name)).toEqual(['plan'])
    expect(result.expiry.status).toBe('none')
  })

  it('reads a number identifier as Ruby\'s to_s, single quotes, and the JSON form', async () => {
    expect((await run(`$chatwoot.setUser(42, {identifier_hash: '${hex('42')}'})`)).verdict).toBe('verified')
    expect((await run(JSON.stringify({ identifier: 'u-1', identifier_hash: hex('u-1') }))).verdict).toBe('verified')
    expect(detectPayload(`$chatwoot.setUser('u', {})`).payload).toMatchObject({ kind: 'chatwoot-user', form: 'chatwoot-set-user' })
  })

  it('rejects a tampered identifier and a missing key', async () => {
    expect(codes(await run(setUser('user-8', { identifier_hash: hex('user-7') })))).toEqual(['chatwoot-hmac-failed'])
    expect(codes(await inspect(setUser('user-7', { identifier_hash: hex('user-7') }), { keys: await createKeyRing([]), settings: DEFAULT_SETTINGS, now: NOW }))).toEqual(['chatwoot-no-key'])
  })

  it('takes a setUser without hash unverified, unless the inbox enforces validation', async () => {
    const open = await run(setUser('user-7', { name: 'Ada' }))
    expect(open.verdict).toBe('accepted-unsigned')
    expect(warningCodes(open)).toEqual(['chatwoot-identity-unverified'])
    expect(codes(await run(setUser('user-7', { name: 'Ada' }), ENFORCED))).toEqual(['chatwoot-hmac-failed'])
    // A wrong hash fails whether or not validation is enforced (Chatwoot #4805).
    expect(codes(await run(setUser('user-7', { identifier_hash: 'random' })))).toEqual(['chatwoot-hmac-failed'])
  })

  it('diagnoses upper-case hex (which Chatwoot rejects), base64 and a token with whitespace', async () => {
    const diagnosed = async (hash: string) => (await run(setUser('user-7', { identifier_hash: hash }))).diagnosis?.[0]?.code
    expect(await diagnosed(hex('user-7').toUpperCase())).toBe('diagnosis-uppercase-hex')
    expect(await diagnosed(createHmac('sha256', TOKEN).update('user-7').digest('base64'))).toBe('diagnosis-base64-digest')
    expect(await diagnosed(hex('user-7', `${TOKEN}\r\n`))).toBe('diagnosis-key-whitespace')
    expect(await diagnosed(hex('user-7', 'nope'))).toBe('diagnosis-unexplained')
  })

  it('stands hostile input: a variable identifier, prototype names, nesting, control characters', async () => {
    expect(codes(await run('$chatwoot.setUser(user.id, {identifier_hash: "x"})'))).toEqual(['chatwoot-set-user-malformed'])
    expect(codes(await run('$chatwoot.setUser("u", "not an object")'))).toEqual(['chatwoot-set-user-malformed'])
    expect((await run(`$chatwoot.setUser("u", {__proto__: {identifier_hash: "${hex('u')}"}})`)).verdict).toBe('accepted-unsigned')
    const nested = await run(`$chatwoot.setUser("u", {identifier_hash: "${hex('u')}", x: ${'{a:'.repeat(3000)}1${'}'.repeat(3000)}})`)
    // Nested beyond MAX_NESTING_DEPTH: the object literal is refused before it is parsed.
    expect(codes(nested)).toEqual(['input-too-deep'])
    const shown = await run(setUser('u\u0000\u009b', { identifier_hash: hex('u\u0000\u009b') }))
    expect(shown.verdict).toBe('verified')
    expect(visibleText(shown.fields[0]?.value ?? '')).toBe('u\\u0000\\u009B')
  })

  it('signs a sample that inspects as verified', async () => {
    const signed = await CHATWOOT_SCHEME.signer?.sign({ scheme: 'chatwoot', kid: 'website_inbox', fields: { identifier: 'c-1', email: 'a@b.c' } }, { scheme: 'chatwoot', kid: 'website_inbox', secret: TOKEN }, { now: NOW, settings: DEFAULT_SETTINGS, time: () => 0 })
    expect((await run({ payload: signed?.payload, scheme: 'chatwoot' })).verdict).toBe('verified')
  })
})
