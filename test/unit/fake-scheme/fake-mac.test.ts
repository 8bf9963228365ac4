/**
 * Proof of the room: a third vendor registered through the registry alone is detected, keyed,
 * inspected and reported end to end through the command line's code path, with no edit outside
 * this folder. See docs/adding-a-vendor.md.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_REJECTED } from '../../../electron/cli/run-cli'
import { registerScheme } from '../../../electron/core/schemes'
import { FAKE_MAC_SCHEME, fakeMacPayload } from './fake-mac'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const SECRET = 'a shared FakeMAC secret'
const NOW = new Date('2026-06-01T12:00:00Z')

let dir: string
let unregister: () => void

const cli = (...argv: string[]): Promise<CapturedRun> => runCaptured(argv, { now: NOW })

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-fake-scheme-'))
  unregister = registerScheme(FAKE_MAC_SCHEME)
})

afterAll(async () => {
  unregister()
  await rm(dir, { recursive: true, force: true })
})

describe('a scheme registered through the registry alone', () => {
  it('verifies its payload with a key from a manifest, end to end through cli inspect', async () => {
    const keys = await file('keys.json', JSON.stringify({ keys: [{ scheme: 'fakemac', kid: 'shop_key', secret: SECRET }] }))
    const payload = await file('visitor.txt', `${fakeMacPayload('visitor-42', SECRET)}\n`)
    const run = await cli('inspect', payload, '--key', keys, '--json')
    expect(run.status).toBe(EXIT_OK)
    expect(run.lines[0]).toMatchObject({
      scheme: 'fakemac',
      verdict: 'verified',
      errors: [],
      checks: [{ id: 'format', status: 'pass' }, { id: 'mac', status: 'pass', kid: 'shop_key' }],
      key: { kid: 'shop_key' },
      fields: [{ name: 'value', value: 'visitor-42', source: 'signed-value', overridden: [] }],
    })
    expect((run.lines[0]?.['key'] as { fingerprint: string }).fingerprint).toMatch(/^secret:/)
  })

  it('rejects a tampered payload with its own code and words, and a bare secret named SCHEME:KID=FILE works', async () => {
    const secret = await file('secret.txt', `${SECRET}\n`)
    const tampered = await file('tampered.txt', fakeMacPayload('visitor-42', SECRET).replace('visitor-42', 'visitor-43'))
    const run = await cli('inspect', tampered, '--key', `fakemac:shop_key=${secret}`, '--scheme', 'fakemac', '--json')
    expect(run.status).toBe(EXIT_REJECTED)
    expect(run.lines[0]).toMatchObject({
      scheme: 'fakemac',
      verdict: 'rejected',
      errors: [{ code: 'fakemac-bad-mac', message: expect.stringMatching(/^The FakeMAC signature matches no key\. No key gives /) }],
      rejectedFields: [{ name: 'value', value: 'visitor-43', source: 'signed-value' }],
    })
  })

  it('takes part in batches and sample files next to the built-in schemes', async () => {
    const keys = await file('batch-keys.json', JSON.stringify({ keys: [{ scheme: 'fakemac', kid: 'shop_key', secret: SECRET }] }))
    const samples = join(dir, 'samples')
    await rm(samples, { recursive: true, force: true })
    await mkdir(samples)
    await writeFile(join(samples, 'a.txt'), fakeMacPayload('a', SECRET))
    await writeFile(join(samples, 'b.sample.json'), JSON.stringify({ payload: fakeMacPayload('b', SECRET), scheme: 'fakemac', expect: { verdict: 'verified', fields: { value: { value: 'b', source: 'signed-value' } } } }))
    await writeFile(join(samples, 'c.txt'), 'roxchat_visitor = null;')
    const run = await cli('batch', samples, '--key', keys, '--json')
    expect(run.status).toBe(EXIT_OK)
    expect(run.lines.slice(0, 3).map((line) => [line['scheme'], line['verdict'], line['status']])).toEqual([
      ['fakemac', 'verified', 'passed'],
      ['fakemac', 'verified', 'passed'],
      ['roxchat', 'logged-out', 'passed'],
    ])
    expect(run.lines[1]?.['expectation']).toEqual({ met: true, mismatches: [] })
  })

  it('offers no fix program, and cli fixit says so plainly', async () => {
    const payload = await file('fixit.txt', fakeMacPayload('visitor-42', SECRET))
    const run = await cli('fixit', payload, '--lang', 'node')
    expect(run.status).toBe(EXIT_REJECTED)
    expect(run.stderr).toMatch(/has no programs that sign FakeMAC identities.*\[fixit-not-offered\]/)
  })

  it('is gone again once unregistered', async () => {
    const payload = await file('again.txt', fakeMacPayload('x', SECRET))
    unregister()
    try {
      const run = await cli('inspect', payload, '--json')
      expect(run.lines[0]).toMatchObject({ scheme: null, verdict: 'rejected', errors: [{ code: 'input-unrecognised' }] })
    } finally {
      unregister = registerScheme(FAKE_MAC_SCHEME)
    }
  })
})
