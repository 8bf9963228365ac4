import { readFile, readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspect } from '../../electron/core/inspect'
import { readKeyFile } from '../../electron/core/key-parse'
import { createKeyRing } from '../../electron/core/key-ring'
import { DEFAULT_SETTINGS, resolveSettings } from '../../electron/common/settings'

const examples = resolve(import.meta.dirname, '..', '..', 'resources', 'examples')
const NOW = new Date('2026-06-01T12:00:00Z')

/** What each shipped example must show a new user; the README and the demo loader rely on it. */
const EXPECTED: Record<string, { verdict: string; errors: string[]; diagnosis?: string; warnings?: string[] }> = {
  'ringcx-verified-hs256.jwt': { verdict: 'verified', errors: [] },
  'ringcx-verified-rs256.html': { verdict: 'verified', errors: [] },
  'ringcx-chat-url.txt': { verdict: 'verified', errors: [] },
  'ringcx-expired.sample.json': { verdict: 'rejected', errors: ['ringcx-jwt-expired'] },
  'ringcx-exp-too-soon.sample.json': { verdict: 'rejected', errors: ['ringcx-jwt-exp-too-soon'] },
  'ringcx-bad-signature.jwt': { verdict: 'rejected', errors: ['ringcx-jwt-bad-signature'] },
  'ringcx-alg-none.jwt': { verdict: 'rejected', errors: ['ringcx-jwt-alg-not-allowed'] },
  'ringcx-unknown-kid.jwt': { verdict: 'rejected', errors: ['ringcx-jwt-unknown-kid'] },
  'ringcx-missing-uuid.jwt': { verdict: 'rejected', errors: ['ringcx-jwt-missing-uuid'] },
  'ringcx-unsigned.js': { verdict: 'rejected', errors: ['ringcx-unsigned-identity-rejected'] },
  'roxchat-verified.html': { verdict: 'verified', errors: [] },
  'roxchat-merge.sample.json': { verdict: 'verified', errors: [] },
  'roxchat-wrong-hash.json': { verdict: 'rejected', errors: ['wrong-provided-visitor-hash-value'] },
  'roxchat-expired.sample.json': { verdict: 'rejected', errors: ['provided-visitor-expired'] },
  'roxchat-logout.js': { verdict: 'logged-out', errors: [] },
  'webim-legacy.js': { verdict: 'verified', errors: [] },
  'intercom-verified.html': { verdict: 'verified', errors: [] },
  'intercom-jwt.html': { verdict: 'verified', errors: [] },
  'intercom-hash-of-email.js': { verdict: 'rejected', errors: ['intercom-hmac-mismatch'], diagnosis: 'diagnosis-other-identifier' },
  'intercom-ios-secret.js': { verdict: 'rejected', errors: ['intercom-hmac-mismatch'], diagnosis: 'diagnosis-other-platform' },
  'zendesk-verified.html': { verdict: 'verified', errors: [] },
  'zendesk-wrong-kid.jwt': { verdict: 'rejected', errors: ['zendesk-jwt-bad-signature'], diagnosis: 'diagnosis-kid-names-other-key' },
  'crisp-verified.html': { verdict: 'verified', errors: [] },
  'crisp-lowercased-email.js': { verdict: 'rejected', errors: ['crisp-signature-mismatch'], diagnosis: 'diagnosis-normalised-email' },
  'chatwoot-verified.html': { verdict: 'verified', errors: [] },
  'chatwoot-uppercase-hash.js': { verdict: 'rejected', errors: ['chatwoot-hmac-failed'], diagnosis: 'diagnosis-uppercase-hex' },
  'helpscout-verified.html': { verdict: 'verified', errors: [] },
  'helpscout-base64-signature.js': { verdict: 'rejected', errors: ['helpscout-signature-mismatch'], diagnosis: 'diagnosis-base64-digest' },
  'tawkto-visitor.html': { verdict: 'verified', errors: [] },
  'tawkto-login.js': { verdict: 'verified', errors: [] },
  // In the wild: a v1 visitor hashed over cp1251 bytes, a chat link, a mobile SDK request and token, the docs' 1986 exp.
  'webim-v1-cp1251.js': { verdict: 'verified', errors: [], warnings: ['roxchat-v1-visitor'] },
  'roxchat-client-link.txt': { verdict: 'verified', errors: [] },
  'roxchat-mobile-visitor-ext.txt': { verdict: 'verified', errors: [] },
  'ringcx-mobile-sdk.jwt': { verdict: 'rejected', errors: ['ringcx-mobile-sdk-token', 'ringcx-jwt-missing-exp', 'ringcx-jwt-missing-uuid'] },
  'ringcx-docs-example-1986.jwt': { verdict: 'rejected', errors: ['ringcx-jwt-expired'] },
}

describe('resources/examples', () => {
  it('has an expectation for every payload file and every file for an expectation', async () => {
    const files = (await readdir(examples)).filter((name) => !name.startsWith('demo-') && !name.endsWith('.md'))
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it('marks every demo key as a demo key', async () => {
    const manifest = JSON.parse(await readFile(join(examples, 'demo-keys.json'), 'utf8')) as { keys: { label: string }[] }
    expect(manifest.keys.length).toBeGreaterThan(0)
    for (const key of manifest.keys) expect(key.label).toMatch(/^DEMO KEY/)
  })

  it.each(Object.entries(EXPECTED))('%s inspects as expected with the demo keys and settings', async (name, expected) => {
    // Read without fingerprints (as the command line does): a secret's scrypt is computed only for a key that matches, when read.
    const report = readKeyFile(await readFile(join(examples, 'demo-keys.json'), 'utf8'))
    expect(report.ok).toBe(true)
    const settings = resolveSettings(JSON.parse(await readFile(join(examples, 'demo-settings.json'), 'utf8')))
    if (!settings.ok) throw new Error('demo settings are invalid')
    const text = await readFile(join(examples, name), 'utf8')
    // A sample file shows what it documents where it is replayed as a sample (batch, the Samples view).
    const sampleSemantics = name.endsWith('.sample.json')
    const inspection = await inspect(text, { keys: await createKeyRing(report.keys.map(({ material }) => ({ material }))), settings: settings.value, now: NOW, sampleSemantics })
    expect(inspection.verdict).toBe(expected.verdict)
    expect(inspection.errors.map((error) => error.code)).toEqual(expected.errors)
    if (expected.warnings !== undefined) expect(inspection.warnings.map((warning) => warning.code)).toEqual(expect.arrayContaining(expected.warnings))
    expect(inspection.expectation?.met ?? true).toBe(true)
    if (expected.diagnosis !== undefined) expect(inspection.diagnosis?.[0]?.code).toBe(expected.diagnosis)
  })
})

describe('resources/examples in the wild', () => {
  it('names the encoding the v1 example was hashed in', async () => {
    const report = readKeyFile(await readFile(join(examples, 'demo-keys.json'), 'utf8'))
    const inspection = await inspect(await readFile(join(examples, 'webim-v1-cp1251.js'), 'utf8'), { keys: await createKeyRing(report.keys.map(({ material }) => ({ material }))), settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.warnings.find((warning) => warning.code === 'roxchat-v1-visitor')?.message).toContain('cp1251')
  })
})
