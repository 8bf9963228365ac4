import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { generateKeyPairSync } from 'node:crypto'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { instantWords, plainSpaces } from '../../../electron/common/time-words'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const root = resolve(import.meta.dirname, '..', '..', '..')
const examples = join(root, 'resources', 'examples')
const demoKeys = join(examples, 'demo-keys.json')
const demoSettings = join(examples, 'demo-settings.json')
const NOW = new Date('2026-06-01T12:00:00Z')


const cli = (...argv: string[]): Promise<CapturedRun> => runCaptured(argv, { now: NOW })

const codes = (line: Record<string, unknown>): string[] => (line['errors'] as { code: string }[]).map((error) => error.code)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cli inspect', () => {
  it('prints one JSON line per file, in argument order, and exits 0 when all pass', async () => {
    const files = ['ringcx-verified-hs256.jwt', 'roxchat-verified.html', 'roxchat-logout.js'].map((name) => join(examples, name))
    const run = await cli('inspect', ...files, '--key', demoKeys, '--json')
    expect(run.status).toBe(EXIT_OK)
    expect(run.lines.map((line) => line['file'])).toEqual(files)
    expect(run.lines.map((line) => line['verdict'])).toEqual(['verified', 'verified', 'logged-out'])
    expect(Object.keys(run.lines[0] ?? {})).toEqual(expect.arrayContaining(['file', 'scheme', 'verdict', 'errors', 'warnings', 'checks', 'key', 'expiry', 'fields', 'unmapped', 'rejectedFields', 'now', 'appliedFromSample']))
    expect(run.lines.map((line) => line['appliedFromSample'])).toEqual([[], [], []])
  })

  it('exits 1 when any file is rejected and still inspects the rest', async () => {
    const run = await cli('inspect', join(examples, 'ringcx-bad-signature.jwt'), join(examples, 'ringcx-verified-hs256.jwt'), '--key', demoKeys, '--json')
    expect(run.status).toBe(EXIT_REJECTED)
    expect(run.lines.map((line) => line['verdict'])).toEqual(['rejected', 'verified'])
    expect(codes(run.lines[0] ?? {})).toEqual(['ringcx-jwt-bad-signature'])
  })

  it('gives an unreadable file its own line with input-unreadable and exits 2', async () => {
    const missing = join(dir, 'missing.jwt')
    const run = await cli('inspect', missing, join(examples, 'ringcx-verified-hs256.jwt'), join(examples, 'ringcx-bad-signature.jwt'), '--key', demoKeys, '--json')
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.lines).toHaveLength(3)
    expect(codes(run.lines[0] ?? {})).toEqual(['input-unreadable'])
    expect(run.lines[1]?.['verdict']).toBe('verified')
    expect(run.stderr).toContain('missing.jwt')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses a payload over 1 MiB as input-too-large', async () => {
    const big = join(dir, 'big.txt')
    await writeFile(big, 'a'.repeat(1024 * 1024 + 1))
    const run = await cli('inspect', big, '--json')
    expect(run.status).toBe(EXIT_REJECTED)
    expect(codes(run.lines[0] ?? {})).toEqual(['input-too-large'])
  })

  it('judges at --now, wherever a sample file says it is', async () => {
    const sample = join(examples, 'ringcx-expired.sample.json')
    const own = await cli('inspect', sample, '--key', demoKeys, '--json')
    expect(codes(own.lines[0] ?? {})).toEqual(['ringcx-jwt-expired'])
    for (const flags of [[], ['--sample']]) {
      const earlier = await cli('inspect', sample, '--key', demoKeys, '--json', '--now', '2025-12-31T20:00:00Z', ...flags)
      expect(earlier.lines[0]?.['verdict']).toBe('verified')
      expect(earlier.lines[0]?.['now']).toBe('2025-12-31T20:00:00.000Z')
      expect(earlier.lines[0]?.['appliedFromSample']).toEqual([])
    }
  })

  describe('a sample file with its own now and config', () => {
    let sample: string
    const threeHoursAgo = new Date(NOW.getTime() - 3 * 3600_000).toISOString()
    beforeAll(async () => {
      // Expired an hour ago by the clock; two hours left at the sample's own now.
      const token = await new SignJWT({ uuid: 'u-1', exp: Math.floor(NOW.getTime() / 1000) - 3600 })
        .setProtectedHeader({ alg: 'HS256', kid: 'hs_demo' })
        .sign(new TextEncoder().encode('de305d54a75b431b8d0e11fe'))
      sample = join(dir, 'own-clock.sample.json')
      await writeFile(sample, JSON.stringify({ payload: token, now: threeHoursAgo, config: { ringcx: { minExpirySeconds: 60 } } }))
    })

    it('is judged by the clock and --config by plain inspect, which says what it ignored', async () => {
      const run = await cli('inspect', sample, '--key', demoKeys, '--json')
      expect(run.status).toBe(EXIT_REJECTED)
      expect(codes(run.lines[0] ?? {})).toEqual(['ringcx-jwt-expired'])
      expect((run.lines[0]?.['warnings'] as { code: string }[]).map((warning) => warning.code)).toEqual(['sample-settings-ignored'])
      expect(run.lines[0]?.['appliedFromSample']).toEqual([])
      expect(run.lines[0]?.['now']).toBe(NOW.toISOString())
      const human = await cli('inspect', sample, '--key', demoKeys)
      expect(human.stdout).toContain('sample-settings-ignored')
      expect(human.stdout).not.toContain('applied from the sample')
    })

    it('is judged by its own now and config with --sample, and says so', async () => {
      const run = await cli('inspect', sample, '--key', demoKeys, '--json', '--sample')
      expect(run.status).toBe(EXIT_OK)
      expect(run.lines[0]).toMatchObject({ verdict: 'verified', warnings: [], appliedFromSample: ['now', 'config'], now: threeHoursAgo })
      const human = await cli('inspect', sample, '--key', demoKeys, '--sample')
      expect(human.stdout).toContain(`\n  applied from the sample: now (${plainSpaces(instantWords(threeHoursAgo))}), config\n`)
    })

    it('is judged by its own now and config in a batch', async () => {
      const run = await cli('batch', sample, '--key', demoKeys, '--json')
      expect(run.lines[0]).toMatchObject({ verdict: 'verified', appliedFromSample: ['now', 'config'] })
    })

    it('takes --sample for inspect only', async () => {
      expect((await cli('batch', sample, '--key', demoKeys, '--sample')).status).toBe(EXIT_USAGE)
    })
  })

  it('applies --config (extra-value mappings) and --scheme', async () => {
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--key', demoKeys, '--config', demoSettings, '--json')
    const names = (run.lines[0]?.['fields'] as { name: string }[]).map((field) => field.name)
    expect(names).toContain('account_number')
    const json = join(dir, 'identity.json')
    await writeFile(json, JSON.stringify({ firstname: 'Ann' }))
    const asRox = await cli('inspect', json, '--scheme', 'roxchat', '--key', demoKeys, '--json')
    expect(asRox.lines[0]?.['scheme']).toBe('roxchat')
  })

  it('reads bare key files named SCHEME:KID=FILE', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = join(dir, 'public.pem')
    await writeFile(pem, publicKey.export({ type: 'spki', format: 'pem' }))
    const secret = join(dir, 'secret.txt')
    await writeFile(secret, '0123456789abcdef01234567\n')
    const rsToken = await new SignJWT({ uuid: 'u1', exp: 1_900_000_000 }).setProtectedHeader({ alg: 'RS256', kid: 'rsa_2026' }).sign(privateKey)
    const hsToken = await new SignJWT({ uuid: 'u2', exp: 1_900_000_000 }).setProtectedHeader({ alg: 'HS256', kid: 'hs_2026' }).sign(new TextEncoder().encode('0123456789abcdef01234567'))
    await writeFile(join(dir, 'rs.jwt'), rsToken)
    await writeFile(join(dir, 'hs.jwt'), hsToken)
    const run = await cli('inspect', join(dir, 'rs.jwt'), join(dir, 'hs.jwt'), '--key', `ringcx:rsa_2026=${pem}`, '--key', `ringcx:hs_2026=${secret}`, '--json')
    expect(run.lines.map((line) => line['verdict'])).toEqual(['verified', 'verified'])
    expect(run.status).toBe(EXIT_OK)
  })

  it.each([
    [['inspect'], 'no file'],
    [['inspect', 'x', '--scheme', 'other'], 'bad scheme'],
    [['inspect', 'x', '--now', 'yesterday'], 'bad time'],
    [['inspect', 'x', '--bogus'], 'unknown option'],
    [['frobnicate'], 'unknown command'],
  ])('exits 2 on usage error: %j (%s)', async (argv) => {
    const run = await cli(...argv)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr.length).toBeGreaterThan(0)
    expect(run.stdout).toBe('')
  })

  it('exits 2 when a key file is invalid, naming the file and the code', async () => {
    const bad = join(dir, 'bad-keys.json')
    await writeFile(bad, JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'Bad Kid', secret: '0123456789abcdef01234567' }] }))
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--key', bad, '--json')
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('key-kid-invalid')
  })

  it('exits 2 when --config holds invalid settings', async () => {
    const config = join(dir, 'config.json')
    await writeFile(config, JSON.stringify({ ringcx: { signedIdentities: 'both' } }))
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--config', config)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('ringcx.signedIdentities')
  })

  it('prints a readable panel without --json', async () => {
    const run = await cli('inspect', join(examples, 'roxchat-merge.sample.json'), '--key', demoKeys)
    expect(run.status).toBe(EXIT_OK)
    expect(run.stdout).toContain('VERIFIED')
    expect(run.stdout).toContain('overrides "+10432234399"')
  })
})

describe('cli process', () => {
  it('runs through npm run cli with the documented exit status', async () => {
    const run = promisify(execFile)
    const result = await run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'electron', 'cli', 'main.ts'), 'inspect', join(examples, 'ringcx-bad-signature.jwt'), '--key', demoKeys, '--json'], { cwd: root }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    )
    expect(result.code).toBe(EXIT_REJECTED)
    expect(JSON.parse(result.stdout.trim()).verdict).toBe('rejected')
  }, 30_000)
})
