import { createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkExpectation, readExpectation } from '../../../electron/core/expectation'
import { inspect } from '../../../electron/core/inspect'
import type { Inspection } from '../../../electron/common/inspection'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing, type KeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'

const KEY = 'e64e35642555f3ecd64ae7dbb600dca8'
const NOW = new Date('2026-03-01T00:00:00Z')
let ring: KeyRing
let verified: Inspection

function visitor(fields: Record<string, string>): Record<string, unknown> {
  const names = Object.keys(fields).sort()
  return { fields, hash: createHmac('sha256', KEY).update(names.map((name) => fields[name]).join('')).digest('hex') }
}

beforeAll(async () => {
  const report = await parseKeyFile(JSON.stringify({ keys: [{ scheme: 'roxchat', kid: 'rox', secret: KEY }] }))
  ring = await createKeyRing(report.keys)
  verified = await inspect({ payload: visitor({ id: '7', email: 'a@b.c', plan: 'gold' }), opFields: { phone: '555' } }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
})

describe('checkExpectation', () => {
  it('is met when everything expected holds (lists compare as sets)', () => {
    const { expectation } = readExpectation({
      verdict: 'verified',
      errors: [],
      warnings: [],
      fields: { email: { value: 'a@b.c', source: 'providedFields' }, phone: { source: 'opFields' } },
      unmapped: ['plan'],
      expiryStatus: 'none',
    })
    expect(expectation).not.toBeNull()
    expect(checkExpectation(expectation!, verified)).toEqual({ met: true, mismatches: [] })
  })

  it('lists every mismatch with its path, expected and actual value', () => {
    const { expectation } = readExpectation({
      verdict: 'rejected',
      errors: ['provided-visitor-expired'],
      fields: { email: { value: 'x@y.z' }, phone: { source: 'providedFields' }, login: {} },
      unmapped: [],
      expiryStatus: 'valid',
    })
    const result = checkExpectation(expectation!, verified)
    expect(result.met).toBe(false)
    expect(result.mismatches.map((mismatch) => mismatch.path)).toEqual([
      'verdict', 'errors', 'fields.email.value', 'fields.phone.source', 'fields.login', 'unmapped', 'expiryStatus',
    ])
    expect(result.mismatches[0]).toEqual({ path: 'verdict', expected: 'rejected', actual: 'verified' })
  })

  it.each<[unknown, string]>([
    [[], 'not an object'],
    [{ verdict: 'fine' }, 'unknown verdict'],
    [{ errors: 'ringcx-jwt-expired' }, 'errors not a list'],
    [{ fields: { id: { source: 'somewhere' } } }, 'unknown source'],
    [{ colour: 'red' }, 'unknown member'],
  ])('refuses a malformed expect (%j: %s)', (value, why) => {
    const read = readExpectation(value)
    expect(read.expectation, why).toBeNull()
    expect(read.problems.length).toBeGreaterThan(0)
  })
})

describe('inspect with sample expectations, tokens and start page', () => {
  it('reports expectation met or not on the inspection', async () => {
    const met = await inspect({ payload: visitor({ id: '1' }), expect: { verdict: 'verified' } }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(met.expectation).toEqual({ met: true, mismatches: [] })
    const failed = await inspect({ payload: visitor({ id: '1' }), expect: { verdict: 'rejected' } }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(failed.expectation?.met).toBe(false)
    const malformed = await inspect({ payload: visitor({ id: '1' }), expect: { verdict: 'nope' } }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(malformed.expectation?.met).toBe(false)
    expect(malformed.expectation?.mismatches[0]?.path).toBe('expect')
  })

  it('identifies a visitor by auth token from the token table', async () => {
    const authTokens = new Map([['tok-1', { id: '42', display_name: 'Tok' }]])
    const inspection = await inspect({ authToken: 'tok-1', opFields: { display_name: 'Agent typed' } }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW, authTokens })
    expect(inspection.verdict).toBe('verified')
    expect(inspection.checks.find((check) => check.id === 'token')?.status).toBe('pass')
    expect(inspection.fields.find((field) => field.name === 'display_name')).toMatchObject({ value: 'Tok', source: 'providedFields', overridden: [{ source: 'opFields', value: 'Agent typed' }] })
  })

  it('gives provided-auth-token-not-found for an unknown token or no table', async () => {
    const unknown = await inspect({ authToken: 'tok-2' }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW, authTokens: new Map([['tok-1', { id: '1' }]]) })
    expect(unknown.errors.map((error) => error.code)).toEqual(['provided-auth-token-not-found'])
    const noTable = await inspect({ authToken: 'tok-1' }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(noTable.verdict).toBe('rejected')
    expect(noTable.errors.map((error) => error.code)).toEqual(['provided-auth-token-not-found'])
  })

  it('carries the start page and refuses a malformed one', async () => {
    const withPage = await inspect({ payload: visitor({ id: '1' }), startPage: { title: 'Main page', url: 'https://example.com' } }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(withPage.startPage).toEqual({ title: 'Main page', url: 'https://example.com' })
    const bad = await inspect({ payload: visitor({ id: '1' }), startPage: 'https://example.com' }, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(bad.errors.map((error) => error.code)).toEqual(['sample-invalid'])
  })
})
