import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { escalationReport, maskValue } from '../../../electron/common/escalation-report'
import { inspect } from '../../../electron/core/inspect'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'

const SECRET = '0123456789abcdef01234567'
const NOW = new Date('2026-03-01T00:00:00Z')

describe('escalationReport', () => {
  it('keeps codes, checks, field names and the visitor id, and hides values, signature and key material', async () => {
    const report = await parseKeyFile(JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'hs_a', secret: SECRET }] }))
    const keys = await createKeyRing(report.keys)
    const token = await new SignJWT({ uuid: 'visitor-42', email: 'ann.lee@example.com', extra_values: { plan: 'platinum' }, exp: Math.floor(NOW.getTime() / 1000) + 600 })
      .setProtectedHeader({ alg: 'HS256', kid: 'hs_a' })
      .sign(new TextEncoder().encode(SECRET))
    const inspection = await inspect(token, { keys, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.errors.map((error) => error.code)).toEqual(['ringcx-jwt-exp-too-soon'])

    const text = escalationReport(inspection, { source: 'pasted token' })
    expect(text).toContain('ringcx-jwt-exp-too-soon')
    expect(text).toContain('`visitor-42`')
    expect(text).toContain('email')
    expect(text).not.toContain('ann.lee@example.com')
    expect(text).not.toContain('platinum')
    const [, , signature] = token.split('.')
    expect(text).not.toContain(signature)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(report.keys[0]!.info.fingerprint)
  })

  it('masks every character but the first', () => {
    expect(maskValue('secret@example.com')).toBe('s•••••••• (18 chars)')
    expect(maskValue('ab')).toBe('••')
  })
})

describe('escalationReport: what the scheme does not protect', () => {
  it('explains the Rox.Chat hash\'s blind spots to the website team, and says nothing of the kind for RingCX', async () => {
    const report = await parseKeyFile(JSON.stringify({ keys: [{ scheme: 'roxchat', kid: 'rox', secret: 'report-test-key' }] }))
    const keys = await createKeyRing(report.keys)
    const rox = await inspect('roxchat_visitor = {"fields": {"id": "1"}, "hash": "00"};', { keys, settings: DEFAULT_SETTINGS, now: NOW })
    expect(rox.scheme).toBe('roxchat')
    const text = escalationReport(rox)
    expect(text).toContain('### What the Rox.Chat hash does not cover')
    expect(text).toContain('4235')
    const ringcx = await inspect('eyJhbGciOiJIUzI1NiJ9.eyJ1dWlkIjoiMSJ9.x', { keys, settings: DEFAULT_SETTINGS, now: NOW })
    expect(escalationReport(ringcx)).not.toContain('does not cover')
  })
})
