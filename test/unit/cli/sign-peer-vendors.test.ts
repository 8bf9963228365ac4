/**
 * `cli sign SCHEME` for the peer vendors, from each scheme's declared sign request: the sample
 * records its own expectation and inspects as it says (sign → inspect round trip).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const demoKeys = join(resolve(import.meta.dirname, '..', '..', '..', 'resources', 'examples'), 'demo-keys.json')
let dir: string

const cli = (...argv: string[]): Promise<Pick<CapturedRun, 'status' | 'stdout' | 'stderr'>> =>
  runCaptured(argv, { now: new Date('2026-06-01T12:00:00Z') }).catch(() => ({ status: EXIT_USAGE, stdout: '', stderr: '' }))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-sign-peers-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const CASES: readonly [string, string[], Record<string, string>][] = [
  ['intercom', ['--kid', 'ios_demo', '--field', 'user_id=u-1', '--field', 'email=a@b.c'], { user_id: 'intercom-signed', email: 'intercom-sent' }],
  ['intercom', ['--kid', 'web_demo', '--form', 'jwt', '--exp', '+2h', '--field', 'user_id=u-1'], { user_id: 'intercom-signed' }],
  ['zendesk', ['--kid', 'app_000000000000000000demo02', '--exp', '+10m', '--field', 'external_id=c-1', '--field', 'name=Ann'], { external_id: 'zendesk-signed', name: 'zendesk-signed' }],
  ['crisp', ['--field', 'email=Ann@example.com'], { email: 'crisp-signed' }],
  ['chatwoot', ['--field', 'identifier=c-1', '--field', 'name=Ann'], { identifier: 'chatwoot-signed', name: 'chatwoot-sent' }],
  ['helpscout', ['--field', 'email=a@b.c', '--field', 'name=Ann'], { email: 'helpscout-signed', name: 'helpscout-sent' }],
  ['tawkto', ['--form', 'login', '--field', 'userId=u-1', '--field', 'email=a@b.c'], { userId: 'tawkto-signed', email: 'tawkto-sent' }],
]

describe('cli sign for the peer vendors', () => {
  it.each(CASES)('signs a %s sample that meets its own expectation', async (scheme, args, sources) => {
    // Only this scheme's demo keys: every key in a file is fingerprinted (scrypt) on each load.
    const shipped = JSON.parse(await readFile(demoKeys, 'utf8')) as { keys: { scheme: string }[] }
    const keyFile = join(dir, `${scheme}-keys.json`)
    await writeFile(keyFile, JSON.stringify({ keys: shipped.keys.filter((key) => key.scheme === scheme) }))
    const out = join(dir, `${scheme}-${args.join('').length}.json`)
    const signed = await cli('sign', scheme, '--key', keyFile, ...args, '--out', out)
    expect(signed.stderr).toContain('verified')
    expect(signed.status).toBe(EXIT_OK)
    const sample = JSON.parse(await readFile(out, 'utf8')) as { scheme: string; expect: { verdict: string; fields: Record<string, { source: string }> } }
    expect(sample.scheme).toBe(scheme)
    expect(sample.expect.verdict).toBe('verified')
    expect(Object.fromEntries(Object.entries(sample.expect.fields).map(([name, field]) => [name, field.source]))).toEqual(sources)
    const checked = await cli('batch', out, '--key', keyFile, '--json')
    expect(checked.status).toBe(EXIT_OK)
    expect(checked.stdout).toContain('"met"')
  })

  it('refuses a value outside a one-of member and a bad time', async () => {
    expect((await cli('sign', 'intercom', '--key', demoKeys, '--kid', 'web_demo', '--form', 'cookie')).status).toBe(EXIT_USAGE)
    expect((await cli('sign', 'zendesk', '--key', demoKeys, '--kid', 'app_000000000000000000demo01', '--exp', 'soon')).status).toBe(EXIT_USAGE)
  })
})
