import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const examples = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'examples')
const demoKeys = join(examples, 'demo-keys.json')
let dir: string

const cli = (...argv: string[]): Promise<CapturedRun> => runCaptured(argv, { now: new Date('2026-06-01T12:00:00Z') })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-sign-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cli sign', () => {
  it('signs a RingCX sample with a stored HS256 secret that then meets its own expectation', async () => {
    const out = join(dir, 'hs.json')
    const signed = await cli('sign', 'ringcx', '--kid', 'hs_demo', '--key', demoKeys, '--claim', 'uuid=u-1', '--extra', 'plan=gold', '--exp', '+2h', '--out', out)
    expect(signed.status).toBe(EXIT_OK)
    const sample = JSON.parse(await readFile(out, 'utf8')) as { expect: { verdict: string; unmapped: string[] } }
    expect(sample.expect.verdict).toBe('verified')
    // Signed with a key from --key, not a key store: where the store lacks that key the sample will fail.
    expect(signed.stderr).toContain('where that key is not in the key store')
    expect(sample.expect.unmapped).toEqual(['plan'])
    const checked = await cli('batch', out, '--key', demoKeys, '--json')
    expect(checked.status).toBe(EXIT_OK)
    expect(JSON.parse(checked.stdout.split('\n')[0] as string).expectation).toEqual({ met: true, mismatches: [] })
  })

  it('signs RS256 with a private key file and records a deliberate failure in expect', async () => {
    const pem = join(dir, 'private.pem')
    await writeFile(pem, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }))
    const signed = await cli('sign', 'ringcx', '--kid', 'rsa_qa', '--key', `ringcx:rsa_qa=${pem}`, '--claim', 'uuid=u-2', '--exp', '+10m')
    expect(signed.status).toBe(EXIT_OK)
    const sample = JSON.parse(signed.stdout) as { expect: { verdict: string; errors: string[] } }
    expect(sample.expect).toMatchObject({ verdict: 'rejected', errors: ['ringcx-jwt-exp-too-soon'] })
  })

  it('signs a Rox.Chat visitor with the chosen algorithm and replays with it', async () => {
    const out = join(dir, 'rox.json')
    const signed = await cli('sign', 'roxchat', '--key', demoKeys, '--field', 'id=42', '--field', 'display_name=Ann', '--algorithm', 'sha512', '--expires', 'none', '--out', out)
    expect(signed.status).toBe(EXIT_OK)
    const checked = await cli('inspect', out, '--key', demoKeys, '--json', '--sample')
    expect(JSON.parse(checked.stdout)).toMatchObject({ verdict: 'verified', expectation: { met: true }, appliedFromSample: ['now', 'config'] })
    // Without --sample the operator's hash algorithm (the default HMAC-SHA256) judges it.
    const plain = await cli('inspect', out, '--key', demoKeys, '--json')
    expect(JSON.parse(plain.stdout)).toMatchObject({ verdict: 'rejected', appliedFromSample: [], expectation: { met: false } })
  })

  it.each([
    [['sign'], 'no scheme'],
    [['sign', 'ringcx', '--key', demoKeys], 'no kid'],
    [['sign', 'ringcx', '--kid', 'rsa_demo', '--key', demoKeys], 'stored RSA key is public only'],
    [['sign', 'ringcx', '--kid', 'hs_demo', '--key', demoKeys, '--exp', 'later'], 'bad exp'],
    [['sign', 'roxchat', '--key', demoKeys, '--field', 'novalue'], 'bad field'],
  ])('exits 2 on usage errors: %j (%s)', async (argv) => {
    const run = await cli(...argv)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).not.toBe('')
  })

  it('refuses to overwrite an existing output file', async () => {
    const out = join(dir, 'exists.json')
    await writeFile(out, 'keep me')
    const run = await cli('sign', 'roxchat', '--key', demoKeys, '--field', 'id=1', '--out', out)
    expect(run.status).toBe(EXIT_USAGE)
    expect(await readFile(out, 'utf8')).toBe('keep me')
  })
})
