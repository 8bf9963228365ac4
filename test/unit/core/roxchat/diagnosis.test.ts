import { createHash, createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import { MAX_DIAGNOSIS_ATTEMPTS } from '../../../../electron/core/diagnosis-kit'
import { diagnoseRoxchatHash } from '../../../../electron/core/roxchat/diagnosis'
import { parseKeyFile } from '../../../../electron/core/key-parse'
import { createKeyRing, type KeyRing } from '../../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'

const ROX_KEY = 'e64e35642555f3ecd64ae7dbb600dca8'
const OTHER_ROX_KEY = 'a-second-rox-key'
const HS_A = '0123456789abcdef01234567'
const HS_B = 'fedcba9876543210fedcba98'
const NOW = new Date('2026-03-01T00:00:00Z')
const EXPIRES = Math.floor(NOW.getTime() / 1000) + 7200
const FIELDS = { phone: '+10432234376', id: '12345', display_name: 'John', email: 'abc@rox.chat' }

let ring: KeyRing
beforeAll(async () => {
  const report = await parseKeyFile(JSON.stringify({
    keys: [
      { scheme: 'roxchat', kid: 'rox_main', secret: ROX_KEY },
      { scheme: 'roxchat', kid: 'rox_other', secret: OTHER_ROX_KEY },
      { scheme: 'ringcx', kid: 'hs_a', secret: HS_A },
      { scheme: 'ringcx', kid: 'hs_b', secret: HS_B },
    ],
  }))
  expect(report.ok).toBe(true)
  ring = await createKeyRing(report.keys)
})

/** The message as the vendor notes define it, built independently of the core. */
function sortedMessage(fields: Record<string, string>, expires?: number | string): string {
  const names = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  return names.map((name) => fields[name]).join('') + (expires === undefined ? '' : String(expires))
}
const hmac = (message: string, key = ROX_KEY): Buffer => createHmac('sha256', key).update(message).digest()

async function roxDiagnosis(visitor: Record<string, unknown>): Promise<string[]> {
  const inspection = await inspect(JSON.stringify(visitor), { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
  expect(inspection.errors.map((error) => error.code)).toContain('wrong-provided-visitor-hash-value')
  return (inspection.diagnosis ?? []).map((entry) => entry.code)
}

describe('Rox.Chat near misses', () => {
  it('a correct visitor gets no diagnosis', async () => {
    const inspection = await inspect(JSON.stringify({ fields: FIELDS, expires: EXPIRES, hash: hmac(sortedMessage(FIELDS, EXPIRES)).toString('hex') }), { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.verdict).toBe('verified')
    expect(inspection.diagnosis).toBeUndefined()
  })

  it.each([
    ['upper-case hex', () => hmac(sortedMessage(FIELDS, EXPIRES)).toString('hex').toUpperCase(), 'diagnosis-uppercase-hex'],
    ['base64 instead of hex', () => hmac(sortedMessage(FIELDS, EXPIRES)).toString('base64'), 'diagnosis-base64-digest'],
    ['SHA-256 instead of HMAC', () => createHash('sha256').update(sortedMessage(FIELDS, EXPIRES) + ROX_KEY).digest('hex'), 'diagnosis-other-algorithm'],
    ['MD5 with the second key', () => createHash('md5').update(sortedMessage(FIELDS, EXPIRES) + OTHER_ROX_KEY).digest('hex'), 'diagnosis-other-algorithm'],
    ['fields in the given order', () => hmac(Object.values(FIELDS).join('') + String(EXPIRES)).toString('hex'), 'diagnosis-unsorted-fields'],
    ['expires left out', () => hmac(sortedMessage(FIELDS)).toString('hex'), 'diagnosis-expires-left-out'],
    ['expires in milliseconds', () => hmac(sortedMessage(FIELDS, EXPIRES * 1000)).toString('hex'), 'diagnosis-expires-milliseconds'],
    ['a number hashed before it became text', () => hmac(sortedMessage({ ...FIELDS, id: '12345.0' }, EXPIRES)).toString('hex'), 'diagnosis-number-formatting'],
    ['a key with a trailing line break', () => hmac(sortedMessage(FIELDS, EXPIRES), `${ROX_KEY}\n`).toString('hex'), 'diagnosis-key-whitespace'],
    ['unrelated data', () => hmac('something else entirely').toString('hex'), 'diagnosis-unexplained'],
  ])('%s', async (_name, makeHash, code) => {
    expect(await roxDiagnosis({ fields: FIELDS, expires: EXPIRES, hash: makeHash() })).toEqual([code])
  })

  it('expires added to the message of a visitor without expires', async () => {
    expect(await roxDiagnosis({ fields: FIELDS, hash: hmac(`${sortedMessage(FIELDS)}None`).toString('hex') })).toEqual(['diagnosis-expires-added'])
  })

  it('stops after a bounded number of attempts', () => {
    const keys = Array.from({ length: 100 }, (_, index) => ({ ...ring.roxchat[0]!, kid: `k${index}` }))
    const result = diagnoseRoxchatHash({ fields: FIELDS, expires: EXPIRES, hash: 'f'.repeat(64), keys, algorithm: 'hmac-sha256' })
    expect(result.map((entry) => entry.code)).toEqual(['diagnosis-unexplained'])
    expect(MAX_DIAGNOSIS_ATTEMPTS).toBeLessThanOrEqual(64)
  })
})

describe('Rox.Chat generators in the wild', () => {
  /** Fields whose names sort differently alone and as "name==value": "a1==…" comes before "a==…". */
  const PREFIXED = { id: '77', a: 'first', a1: 'second' }

  it('names the Android demo\'s order: whole "name==value" strings sorted, upper-case hex', async () => {
    const demoOrder = ['a1', 'a', 'id'].map((name) => PREFIXED[name as keyof typeof PREFIXED]).join('')
    const hash = hmac(demoOrder + String(EXPIRES)).toString('hex').toUpperCase()
    expect(await roxDiagnosis({ fields: PREFIXED, expires: EXPIRES, hash })).toEqual(['diagnosis-key-value-sorted'])
  })

  it('names an expires of 0 dropped from the message, apart from an expires left out', async () => {
    expect(await roxDiagnosis({ fields: FIELDS, expires: 0, hash: hmac(sortedMessage(FIELDS)).toString('hex') })).toEqual(['diagnosis-expires-zero-dropped'])
  })

  it('tries the Android demo\'s order only where it differs from the sorted names', () => {
    const keys = ring.roxchat
    const result = diagnoseRoxchatHash({ fields: FIELDS, expires: EXPIRES, hash: hmac('nothing').toString('hex'), keys, algorithm: 'hmac-sha256' })
    expect(result.map((entry) => entry.code)).toEqual(['diagnosis-unexplained'])
  })

  it('names a v1 crc made with HMAC-SHA256 only for a v1 visitor: in v2 it is the account\'s algorithm', () => {
    const keys = ring.roxchat
    const crc = hmac(sortedMessage(FIELDS)).toString('hex')
    expect(diagnoseRoxchatHash({ fields: FIELDS, hash: crc, keys, algorithm: 'md5', v1: true }).map((entry) => entry.code)).toEqual(['diagnosis-v1-crc-hmac'])
    expect(diagnoseRoxchatHash({ fields: FIELDS, hash: crc, keys, algorithm: 'md5' }).map((entry) => entry.code)).toEqual(['diagnosis-other-algorithm'])
  })
})
