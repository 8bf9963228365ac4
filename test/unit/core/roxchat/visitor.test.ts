import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import type { KeyRing } from '../../../../electron/core/key-ring'
import { MAX_ROXCHAT_EXPIRES, verifyRoxchatVisitor } from '../../../../electron/core/roxchat/visitor'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import {
  NOW,
  NOW_S,
  ROX_SECRET,
  ROX_SECRET_2,
  checkOf,
  warningCodes,
  codes,
  expectedRoxchatHash,
  manifest,
  ringFrom,
  roxchatVisitor,
  settingsWith,
  statuses,
} from '../helpers'
import { ROXCHAT_HASH_ALGORITHMS } from '../../../../electron/common/roxchat/settings'

let ring: KeyRing
let emptyRing: KeyRing

const FIELDS = { id: '12345', display_name: 'John', phone: '+10432234376', email: 'abc@rox.chat' }

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'roxchat', kid: 'old_key', secret: ROX_SECRET_2 },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
    { scheme: 'roxchat', kid: 'spare', secret: 'spare-secret' },
  ))
  emptyRing = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: '0123456789abcdef01234567' }))
})

const verify = (visitor: unknown, settings = DEFAULT_SETTINGS, keys = ring) => verifyRoxchatVisitor(visitor, keys.roxchat, settings, NOW_S)

describe('verifyRoxchatVisitor', () => {
  it.each(ROXCHAT_HASH_ALGORITHMS)('verifies a %s hash computed independently, naming the key that matched', (algorithm) => {
    const visitor = roxchatVisitor(FIELDS, { expires: NOW_S + 3600, algorithm })
    const result = verify(visitor, settingsWith({ roxchat: { hashAlgorithm: algorithm } }))
    expect(codes(result)).toEqual([])
    expect(statuses(result)).toEqual({ format: 'pass', fields: 'pass', expires: 'pass', hash: 'pass' })
    expect(checkOf(result, 'hash')?.kid).toBe('main')
    expect(result.key?.kid).toBe('main')
    expect(result.verifiedFields).toEqual(FIELDS)
    expect(result.hashedMessage).toBe(`Johnabc@rox.chat12345+10432234376${NOW_S + 3600}`)
  })

  it('tries every key: each of the three keys is found', () => {
    for (const [kid, secret] of [['old_key', ROX_SECRET_2], ['main', ROX_SECRET], ['spare', 'spare-secret']] as const) {
      expect(checkOf(verify(roxchatVisitor(FIELDS, { secret })), 'hash')).toEqual({ id: 'hash', status: 'pass', kid })
    }
  })

  it('refuses a hash made with another algorithm than the configured one', () => {
    const visitor = roxchatVisitor(FIELDS, { algorithm: 'sha256' })
    expect(codes(verify(visitor))).toEqual(['wrong-provided-visitor-hash-value'])
    expect(verify(visitor).verifiedFields).toBeNull()
  })

  it('never uses a RingCX secret as a Rox.Chat key', () => {
    const mixed = { ...emptyRing, roxchat: [...ring.roxchat] }
    expect(codes(verify(roxchatVisitor(FIELDS, { secret: '0123456789abcdef01234567' }), DEFAULT_SETTINGS, mixed))).toEqual(['wrong-provided-visitor-hash-value'])
  })

  it('refuses a hash made with a key that is not loaded', () => {
    expect(codes(verify(roxchatVisitor(FIELDS, { secret: 'unknown-secret' })))).toEqual(['wrong-provided-visitor-hash-value'])
  })

  it('refuses the upper-case spelling of the right hash', () => {
    const visitor = roxchatVisitor(FIELDS)
    const result = verify({ ...visitor, hash: visitor.hash.toUpperCase() })
    expect(codes(result)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(checkOf(result, 'hash')).toEqual({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a number', 12345],
    ['truncated', 'abc'],
  ])('refuses a hash that is %s', (_label, hash) => {
    const { fields } = roxchatVisitor(FIELDS)
    expect(codes(verify(hash === undefined ? { fields } : { fields, hash }))).toEqual(['wrong-provided-visitor-hash-value'])
  })

  it('computes the message in UTF-8 byte order of the names', () => {
    const fields = { id: '1', '\uFF21': 'fullwidth', '\u{1F600}': 'emoji', Zeta: 'z', alpha: 'a' }
    const visitor = roxchatVisitor(fields)
    const result = verify(visitor)
    expect(codes(result)).toEqual([])
    expect(result.hashedMessage).toBe('za1fullwidthemoji')
  })

  it.each([
    ['a number', { id: '1', phone: 5 }],
    ['null', { id: '1', phone: null }],
    ['an object', { id: '1', info: { a: 1 } }],
    ['a boolean', { id: '1', high_priority: true }],
    ['a missing id', { display_name: 'John' }],
    ['an empty id', { id: '', display_name: 'John' }],
    ['a numeric id', { id: 12345 }],
  ])('refuses %s with wrong-provided-visitor-field-value', (_label, fields) => {
    const result = verify({ fields, hash: 'a'.repeat(64) })
    expect(codes(result)).toContain('wrong-provided-visitor-field-value')
    expect(checkOf(result, 'fields')).toEqual({ id: 'fields', status: 'fail', code: 'wrong-provided-visitor-field-value' })
    expect(result.verifiedFields).toBeNull()
  })

  it('reports a missing id even when the hash is right', () => {
    const visitor = roxchatVisitor({ display_name: 'John' })
    expect(codes(verify(visitor))).toEqual(['wrong-provided-visitor-field-value'])
  })

  it.each([
    ['a fraction', 1.5],
    ['text', String(NOW_S + 3600)],
    ['above 2147483647', MAX_ROXCHAT_EXPIRES + 1],
    ['null', null],
  ])('refuses expires that is %s', (_label, expires) => {
    const { fields, hash } = roxchatVisitor(FIELDS)
    const result = verify({ fields, expires, hash })
    expect(codes(result)).toContain('wrong-provided-visitor-expires-value')
    expect(checkOf(result, 'expires')).toEqual({ id: 'expires', status: 'fail', code: 'wrong-provided-visitor-expires-value' })
  })

  it('accepts expires = 2147483647', () => {
    expect(MAX_ROXCHAT_EXPIRES).toBe(2147483647)
    expect(codes(verify(roxchatVisitor(FIELDS, { expires: 2147483647 })))).toEqual([])
  })

  it('refuses expires <= now as provided-visitor-expired and accepts now + 1', () => {
    expect(codes(verify(roxchatVisitor(FIELDS, { expires: NOW_S })))).toEqual(['provided-visitor-expired'])
    expect(codes(verify(roxchatVisitor(FIELDS, { expires: NOW_S - 1 })))).toEqual(['provided-visitor-expired'])
    expect(codes(verify(roxchatVisitor(FIELDS, { expires: NOW_S + 1 })))).toEqual([])
  })

  it('describes the expiry: none, expiring soon (under 5 minutes), valid, expired', () => {
    expect(verify(roxchatVisitor(FIELDS)).expiry).toEqual({ expiresAt: null, secondsLeft: null, status: 'none' })
    expect(verify(roxchatVisitor(FIELDS, { expires: NOW_S + 299 })).expiry.status).toBe('expiring-soon')
    const valid = verify(roxchatVisitor(FIELDS, { expires: NOW_S + 300 })).expiry
    expect(valid).toEqual({ expiresAt: new Date((NOW_S + 300) * 1000).toISOString(), secondsLeft: 300, status: 'valid' })
    expect(verify(roxchatVisitor(FIELDS, { expires: NOW_S })).expiry.status).toBe('expired')
  })

  it('says roxchat-no-key when no Rox.Chat key is loaded', () => {
    const result = verify(roxchatVisitor(FIELDS), DEFAULT_SETTINGS, emptyRing)
    expect(codes(result)).toEqual(['roxchat-no-key'])
    expect(checkOf(result, 'hash')).toEqual({ id: 'hash', status: 'fail', code: 'roxchat-no-key' })
  })

  it.each([
    ['a string', 'visitor'],
    ['an array', [FIELDS]],
    ['no fields', { hash: 'abc' }],
    ['fields as a list', { fields: [['id', '1']], hash: 'abc' }],
  ])('refuses %s as roxchat-visitor-malformed and skips the other checks', (_label, visitor) => {
    const result = verify(visitor)
    expect(codes(result)).toEqual(['roxchat-visitor-malformed'])
    expect(statuses(result)).toEqual({ format: 'fail', fields: 'skip', expires: 'skip', hash: 'skip' })
  })

  it('reports every failing check together', () => {
    const result = verify({ fields: { display_name: 'John' }, expires: NOW_S - 10, hash: 'f'.repeat(64) })
    expect(codes(result)).toEqual(['wrong-provided-visitor-field-value', 'provided-visitor-expired', 'wrong-provided-visitor-hash-value'])
    expect(statuses(result)).toEqual({ format: 'pass', fields: 'fail', expires: 'fail', hash: 'fail' })
  })

  it('keeps every received field as text for the rejected view', () => {
    const result = verify({ fields: { id: '1', phone: 5 }, hash: 'x' })
    expect(result.receivedFields).toEqual([
      { name: 'id', value: '1', source: 'providedFields' },
      { name: 'phone', value: '5', source: 'providedFields' },
    ])
  })
})

describe('Rox.Chat visitors through inspect', () => {
  const options = () => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW })

  it('verifies the JSON form and merges its fields as providedFields', async () => {
    const inspection = await inspect(JSON.stringify(roxchatVisitor(FIELDS, { expires: NOW_S + 3600 })), options())
    expect(inspection.scheme).toBe('roxchat')
    expect(inspection.verdict).toBe('verified')
    expect(inspection.raw.form).toBe('json')
    expect(inspection.key?.kid).toBe('main')
    expect(inspection.fields.map((field) => [field.name, field.source])).toEqual([
      ['id', 'providedFields'],
      ['display_name', 'providedFields'],
      ['phone', 'providedFields'],
      ['email', 'providedFields'],
    ])
  })

  it('reads a roxchat_visitor snippet inside HTML with unquoted keys, single quotes and trailing commas', async () => {
    const { hash } = roxchatVisitor(FIELDS, { expires: NOW_S + 3600 })
    const html = `<html><body><script>
      // identity for the chat
      var roxchat_visitor = {
        fields: {
          id: '12345',
          display_name: "John",
          phone: '+10432234376',
          email: "abc@rox.chat",
        },
        expires: ${NOW_S + 3600},
        hash: '${hash}',
      };
    </script></body></html>`
    const inspection = await inspect(html, options())
    expect(codes(inspection)).toEqual([])
    expect(inspection.verdict).toBe('verified')
    expect(inspection.raw.form).toBe('page-snippet')
  })

  it('reads the legacy webim_visitor name', async () => {
    const visitor = roxchatVisitor({ id: '7' })
    const inspection = await inspect(`webim_visitor = {fields: {id: "7"}, hash: "${visitor.hash}"};`, options())
    expect(inspection.verdict).toBe('verified')
  })

  it('reads roxchat_visitor = null; as a logout', async () => {
    const inspection = await inspect('<script>roxchat_visitor = null;</script>', options())
    expect(inspection.verdict).toBe('logged-out')
    expect(inspection.scheme).toBe('roxchat')
    expect(codes(inspection)).toEqual([])
  })

  it('refuses a snippet that does not parse as roxchat-visitor-malformed', async () => {
    const broken = await inspect('roxchat_visitor = {fields: {id: "1"}, hash: };', options())
    expect(broken.verdict).toBe('rejected')
    expect(codes(broken)).toEqual(['roxchat-visitor-malformed'])
    const unclosed = await inspect('roxchat_visitor = {fields: {id: "1"}', options())
    expect(codes(unclosed)).toEqual(['roxchat-visitor-malformed'])
    const notObject = await inspect('roxchat_visitor = {fields: "id"};', options())
    expect(codes(notObject)).toEqual(['roxchat-visitor-malformed'])
  })

  it('shows the hashed message (never the key) in the raw view', async () => {
    const visitor = roxchatVisitor(FIELDS)
    const inspection = await inspect(visitor, options())
    expect(inspection.raw.hashedMessage).toBe('Johnabc@rox.chat12345+10432234376')
    expect(JSON.stringify(inspection)).not.toContain(ROX_SECRET)
  })

  it('uses the configured algorithm', async () => {
    const visitor = roxchatVisitor(FIELDS, { algorithm: 'md5' })
    expect((await inspect(visitor, options())).verdict).toBe('rejected')
    const md5 = await inspect(visitor, { ...options(), settings: settingsWith({ roxchat: { hashAlgorithm: 'md5' } }) })
    expect(md5.verdict).toBe('verified')
    expect(md5.raw.hashedMessage).toBeDefined()
    expect(visitor.hash).toBe(expectedRoxchatHash(md5.raw.hashedMessage ?? '', ROX_SECRET, 'md5'))
  })
})

describe('what the Rox.Chat hash does not cover', () => {
  // The vendor's published v2 example (webim.ru id-2-0), which reproduces with its published key.
  const PUBLISHED = { id: '12345', display_name: 'Евгений', phone: '+78123855337', email: 'abc@webim.ru' }
  const PUBLISHED_EXPIRES = 1481195621
  const PUBLISHED_HMAC = '07ef16b821f9552a8b3118416ed9ed6278d3a8ff93751d157c88edc1895cd86f'
  const BEFORE = Date.UTC(2016, 11, 1) / 1000

  it('verifies the vendor\'s published example with its key', () => {
    const result = verifyRoxchatVisitor({ fields: PUBLISHED, expires: PUBLISHED_EXPIRES, hash: PUBLISHED_HMAC }, ring.roxchat, DEFAULT_SETTINGS, BEFORE)
    expect(codes(result)).toEqual([])
    expect(warningCodes(result)).toEqual([])
  })

  it('keeps the same hash when the last digit of the last-sorted value moves into expires: refused, and the shift is named', () => {
    const shifted = { fields: { ...PUBLISHED, phone: '+7812385533' }, expires: 71481195621, hash: PUBLISHED_HMAC }
    const result = verifyRoxchatVisitor(shifted, ring.roxchat, DEFAULT_SETTINGS, BEFORE)
    expect(codes(result)).toEqual(['wrong-provided-visitor-expires-value'])
    expect(checkOf(result, 'hash')?.status).toBe('pass')
    expect(warningCodes(result)).toContain('roxchat-expires-boundary-shift')
    const words = result.warnings.find((warning) => warning.code === 'roxchat-expires-boundary-shift')?.message ?? ''
    expect(words).toContain('4235')
    expect(words).toContain('"phone"')
    expect(words).toContain('1481195621')
  })

  it('does not speak of a shift for a ten-digit expires, however far ahead', () => {
    const visitor = roxchatVisitor(FIELDS, { expires: MAX_ROXCHAT_EXPIRES })
    expect(warningCodes(verify(visitor))).not.toContain('roxchat-expires-boundary-shift')
    expect(warningCodes(verify(visitor))).toContain('roxchat-expires-far-future')
  })
})
