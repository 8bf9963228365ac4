import { createHash, createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import type { KeyRing } from '../../../../electron/core/key-ring'
import { listIdentities } from '../../../../electron/core/payload-detect'
import { roxchatVisitorVersion, verifyRoxchatV1Visitor } from '../../../../electron/core/roxchat/visitor-v1'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { NOW, ROX_SECRET, checkOf, codes, manifest, readVectors, ringFrom, statuses, warningCodes } from '../helpers'

/** A key this test owns, besides the vendor's published one. */
const FRESH_KEY = 'v1-test-key-7f3a'

let ring: KeyRing
let emptyRing: KeyRing
beforeAll(async () => {
  ring = await ringFrom(manifest({ scheme: 'roxchat', kid: 'legacy', secret: FRESH_KEY }, { scheme: 'roxchat', kid: 'demo', secret: ROX_SECRET }))
  emptyRing = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: '0123456789abcdef01234567' }))
})

/** The v1 message, built independently of the core: values in the byte order of their names. */
function v1Message(fields: Record<string, string>): string {
  return Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map((name) => fields[name]).join('')
}
const md5 = (bytes: Buffer, key = FRESH_KEY): string => createHash('md5').update(Buffer.concat([bytes, Buffer.from(key)])).digest('hex')

function v1Visitor(fields: Record<string, string>, bytes?: Buffer, key = FRESH_KEY): Record<string, string> {
  return { ...fields, crc: md5(bytes ?? Buffer.from(v1Message(fields), 'utf8'), key) }
}

const verify = (visitor: Record<string, unknown>, keys = ring) => verifyRoxchatV1Visitor(visitor, keys.roxchat)
const inspectText = (text: string, keys = ring) => inspect(text, { keys, settings: DEFAULT_SETTINGS, now: NOW })

describe('roxchatVisitorVersion', () => {
  it('reads flat objects with a crc or an id as v1 and everything with fields or hash as v2', () => {
    expect(roxchatVisitorVersion({ id: '1', crc: 'x' })).toBe('v1')
    expect(roxchatVisitorVersion({ id: '1' })).toBe('v1')
    expect(roxchatVisitorVersion({ fields: { id: '1' }, crc: 'x' })).toBe('v2')
    expect(roxchatVisitorVersion({ id: '1', hash: 'x' })).toBe('v2')
    expect(roxchatVisitorVersion({})).toBe('v2')
    expect(roxchatVisitorVersion(null)).toBe('v2')
  })
})

describe('verifyRoxchatV1Visitor', () => {
  it('verifies an MD5 crc over UTF-8 values and warns that v1 has no expiry and uses MD5', () => {
    const fields = { id: '42', display_name: 'John', email: 'john@example.com', icq: '123456' }
    const result = verify(v1Visitor(fields))
    expect(codes(result)).toEqual([])
    expect(statuses(result)).toEqual({ format: 'pass', fields: 'pass', expires: 'skip', hash: 'pass' })
    expect(checkOf(result, 'hash')?.kid).toBe('legacy')
    expect(result.encoding).toBe('utf-8')
    expect(warningCodes(result)).toEqual(['roxchat-v1-visitor'])
    expect(result.warnings[0]?.message).toContain('UTF-8')
    expect(result.verifiedFields).toEqual(fields)
    expect(result.expiry.status).toBe('none')
    expect(result.hashedMessage).toBe('John' + 'john@example.com' + '123456' + '42')
  })

  it('matches the cp1251 bytes of Cyrillic values, written out by hand, and names cp1251', () => {
    // "Иван" in Windows-1251: И=C8 в=E2 а=E0 н=ED.
    const fields = { id: '7', display_name: 'Иван' }
    const result = verify(v1Visitor(fields, Buffer.from('c8e2e0ed37', 'hex')))
    expect(codes(result)).toEqual([])
    expect(result.encoding).toBe('cp1251')
    expect(result.warnings[0]?.message).toContain('cp1251')
  })

  it('matches the KOI8-R bytes when neither UTF-8 nor cp1251 does', () => {
    // "Иван" in KOI8-R: И=E9 в=D7 а=C1 н=CE.
    const result = verify(v1Visitor({ id: '7', display_name: 'Иван' }, Buffer.from('e9d7c1ce37', 'hex')))
    expect(codes(result)).toEqual([])
    expect(result.encoding).toBe('koi8-r')
  })

  it('tries UTF-8 first: a crc over the UTF-8 bytes of Cyrillic text names UTF-8', () => {
    expect(verify(v1Visitor({ id: '7', display_name: 'Иван' })).encoding).toBe('utf-8')
  })

  it('never matches a crc over the "?" a codec writes for characters it lacks', () => {
    // 日本 has no cp1251 or KOI8-R bytes: a crc over "??" is a crc over other text.
    const result = verify(v1Visitor({ id: '7', display_name: '日本' }, Buffer.from('??7')))
    expect(codes(result)).toEqual(['wrong-provided-visitor-hash-value'])
  })

  it('reproduces the RFC 1321 MD5 digests as a v1 crc (message and key joined)', () => {
    const { digests } = readVectors<{ digests: { alg: string; inputUtf8: string; hex: string }[] }>('rfc4231-and-digests.json')
    const md5Cases = digests.filter((entry) => entry.alg === 'md5' && entry.inputUtf8.length >= 2)
    expect(md5Cases.length).toBeGreaterThan(0)
    return Promise.all(md5Cases.map(async (entry) => {
      const id = entry.inputUtf8.slice(0, -1)
      const key = entry.inputUtf8.slice(-1)
      const keys = await ringFrom(manifest({ scheme: 'roxchat', kid: 'vector', secret: key }))
      expect(codes(verify({ id, crc: entry.hex }, keys))).toEqual([])
    }))
  })

  it('uses the v2 error codes: missing id, a value that is not text, a wrong or missing crc, no key', () => {
    expect(codes(verify(v1Visitor({ display_name: 'x' })))).toEqual(['wrong-provided-visitor-field-value'])
    expect(codes(verify({ id: '1', age: 3, crc: 'x' }))).toEqual(['wrong-provided-visitor-field-value'])
    expect(codes(verify({ ...v1Visitor({ id: '1' }), crc: 'ab'.repeat(16) }))).toEqual(['wrong-provided-visitor-hash-value'])
    expect(codes(verify({ id: '1' }))).toEqual(['wrong-provided-visitor-hash-value'])
    expect(codes(verify({ id: '1', crc: '' }))).toEqual(['wrong-provided-visitor-hash-value'])
    expect(codes(verify(v1Visitor({ id: '1' }), emptyRing))).toEqual(['roxchat-no-key'])
  })

  it('refuses text that is not well-formed Unicode, in a value or in the crc, with the part\'s code', () => {
    expect(codes(verify({ id: '1', display_name: 'a\ud800', crc: 'x' }))).toEqual(['wrong-provided-visitor-field-value'])
    expect(codes(verify({ id: '1', crc: '\udfff' }))).toEqual(['wrong-provided-visitor-hash-value'])
  })

  it('keeps members named after Object.prototype as fields, without touching any prototype', () => {
    const fields = JSON.parse('{"id":"1","__proto__":"p","constructor":"c","toString":"t"}') as Record<string, string>
    const visitor = { ...JSON.parse(JSON.stringify(v1Visitor({ id: '1' }))) as object }
    Object.defineProperty(visitor, '__proto__', { value: 'p', enumerable: true, configurable: true, writable: true })
    Object.assign(visitor, { constructor: 'c', toString: 't' })
    const names = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    const crc = md5(Buffer.from(names.map((name) => fields[name]).join('')))
    const result = verify({ ...visitor, crc } as Record<string, unknown>)
    expect(codes(result)).toEqual([])
    expect(Object.keys(result.verifiedFields ?? {})).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString']))
    expect(Object.getPrototypeOf(result.verifiedFields)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['p']).toBeUndefined()
  })
})

describe('v1 visitors through detection and inspection', () => {
  it('inspects a webim_visitor page variable, a roxchat_visitor one and plain JSON', async () => {
    const visitor = v1Visitor({ id: '42', display_name: 'John', icq: '555' })
    for (const text of [`webim_visitor = ${JSON.stringify(visitor)};`, `roxchat_visitor = ${JSON.stringify(visitor)};`, JSON.stringify(visitor)]) {
      const inspection = await inspectText(text)
      expect(inspection.scheme).toBe('roxchat')
      expect(inspection.verdict).toBe('verified')
      expect(inspection.warnings.map((warning) => warning.code)).toContain('roxchat-v1-visitor')
      // icq is a known v1 field: it is shown in the panel, after email's place.
      expect(inspection.fields.map((field) => field.name)).toEqual(['id', 'display_name', 'icq'])
    }
  })

  it('takes the first live identity of a page and flags the commented-out v1 one before it', async () => {
    const old = v1Visitor({ id: 'old' })
    const live = v1Visitor({ id: 'live' })
    const page = `<!-- webim_visitor = ${JSON.stringify(old)}; -->\n<script>webim_visitor = ${JSON.stringify(live)};</script>`
    const listed = listIdentities(page)
    expect(listed.map((identity) => [identity.form, identity.commented])).toEqual([['visitor-assignment', true], ['visitor-assignment', false]])
    const inspection = await inspectText(page)
    expect(inspection.verdict).toBe('verified')
    expect(inspection.fields.find((field) => field.name === 'id')?.value).toBe('live')
  })

  it('diagnoses a v1 crc made with HMAC-SHA256, as the iOS demo does', async () => {
    const fields = { id: '1234567890987654321', display_name: 'Никита' }
    const crc = createHmac('sha256', FRESH_KEY).update(v1Message(fields)).digest('hex')
    const inspection = await inspectText(JSON.stringify({ ...fields, crc }))
    expect(inspection.errors.map((error) => error.code)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(inspection.diagnosis?.map((entry) => entry.code)).toEqual(['diagnosis-v1-crc-hmac'])
  })

  it('diagnoses a v1 crc in upper-case hex', async () => {
    const visitor = v1Visitor({ id: '9', display_name: 'Ann' })
    const inspection = await inspectText(JSON.stringify({ ...visitor, crc: visitor['crc']?.toUpperCase() }))
    expect(inspection.diagnosis?.map((entry) => entry.code)).toEqual(['diagnosis-uppercase-hex'])
  })

  it('verifies a v1 visitor with a value of half a megabyte', async () => {
    const inspection = await inspectText(JSON.stringify(v1Visitor({ id: '1', info: 'ж'.repeat(250_000) })))
    expect(inspection.verdict).toBe('verified')
  })
})
