/**
 * `cli fixit FILE --lang LANG`: the program on standard output, notes on standard error, and the
 * program's output accepted by `cli inspect` with the demo keys.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, USAGE } from '../../../electron/cli/run-cli'
import { findRuntimes } from '../common/fixit/runtimes'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const root = resolve(import.meta.dirname, '..', '..', '..')
const examples = join(root, 'resources', 'examples')
const demoKeys = join(examples, 'demo-keys.json')
const demo = JSON.parse(readFileSync(demoKeys, 'utf8')) as { keys: { kid: string; secret?: string }[] }
const demoSecret = (kid: string): string => demo.keys.find((key) => key.kid === kid)?.secret ?? ''
const runtimes = await findRuntimes()

const cli = (argv: readonly string[], stdin?: string): Promise<CapturedRun> => runCaptured(argv, stdin === undefined ? {} : { stdin })

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-fixit-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cli fixit', () => {
  it('prints only the program on standard output, and what it changes on standard error', async () => {
    const run = await cli(['fixit', join(examples, 'ringcx-expired.sample.json'), '--lang', 'python'])
    expect(run.status).toBe(EXIT_OK)
    expect(run.stdout.startsWith('# Prints a RingCX Messaging signed identity')).toBe(true)
    expect(run.stdout).toContain('KID = "hs_demo"')
    expect(run.stdout).toContain('LIFETIME_SECONDS = 3900')
    expect(run.stdout).not.toContain(demoSecret('hs_demo'))
    expect(run.stderr).toContain('ringcx-jwt-expired')
    expect(run.stderr).toContain('[fixit-lifetime-raised]')
  })

  it('signs what it printed: the program\'s token passes cli inspect with the demo keys', { timeout: 60_000 }, async () => {
    for (const [example, language, kid] of [
      ['ringcx-expired.sample.json', 'node', 'hs_demo'],
      ['roxchat-wrong-hash.json', 'python', 'rox_demo'],
    ] as const) {
      const generated = await cli(['fixit', join(examples, example), '--lang', language])
      expect(generated.status).toBe(EXIT_OK)
      const runtime = runtimes[language]
      const fileName = language === 'node' ? 'sign.mjs' : 'sign.py'
      const output = await runtime.run(fileName, generated.stdout, { SIGNING_KEY: demoSecret(kid) })
      expect(output.stderr).toBe('')
      const payload = join(dir, `${example}.out`)
      await writeFile(payload, output.stdout)
      const inspected = await cli(['inspect', payload, '--key', demoKeys, '--json'])
      expect(inspected.stderr).toBe('')
      expect(JSON.parse(inspected.stdout) as Record<string, unknown>).toMatchObject({ verdict: 'verified', errors: [] })
      expect(inspected.status).toBe(EXIT_OK)
    }
  })

  it('reads standard input, takes the Rox.Chat algorithm, and names the matched key with --key', async () => {
    const visitor = readFileSync(join(examples, 'roxchat-verified.html'), 'utf8')
    const run = await cli(['fixit', '-', '--lang', 'ruby', '--algorithm', 'sha512'], visitor)
    expect(run.status).toBe(EXIT_OK)
    expect(run.stdout).toContain("OpenSSL::Digest.hexdigest('SHA512'")
    const keyed = await cli(['fixit', join(examples, 'roxchat-verified.html'), '--lang', 'go', '--key', demoKeys])
    expect(keyed.stderr).toContain('inspected as verified')
  })

  it.each([
    ['Rox.Chat', 'roxchat-verified.html', 'roxchat-no-key'],
    ['RingCX', 'ringcx-verified-hs256.jwt', 'ringcx-jwt-unknown-kid'],
  ])('says a %s identity was not verified without --key, and hides only the no-key code', async (_vendor, example, noKeyCode) => {
    const run = await cli(['fixit', join(examples, example), '--lang', 'node'])
    expect(run.status).toBe(EXIT_OK)
    expect(run.stderr).toContain('not verified (no --key given)')
    expect(run.stderr).not.toContain(noKeyCode)
    const keyed = await cli(['fixit', join(examples, example), '--lang', 'node', '--key', demoKeys])
    expect(keyed.stderr).toContain('inspected as verified')
  })

  it('says which key is missing when only another vendor\'s key was given', async () => {
    const crispKey = join(dir, 'crisp.txt')
    await writeFile(crispKey, demoSecret('crisp_demo'))
    const run = await cli(['fixit', join(examples, 'roxchat-verified.html'), '--lang', 'node', '--key', `crisp:crisp_demo=${crispKey}`])
    expect(run.status).toBe(EXIT_OK)
    expect(run.stderr).toContain('Rox.Chat identity, not verified (no Rox.Chat key given for it)')
    expect(run.stderr).not.toContain('roxchat-no-key')
  })

  it('exits 1 when the file holds nothing to sign', async () => {
    const logout = await cli(['fixit', join(examples, 'roxchat-logout.js'), '--lang', 'node'])
    expect(logout.status).toBe(EXIT_REJECTED)
    expect(logout.stdout).toBe('')
    expect(logout.stderr).toContain('[fixit-logged-out]')
    const junk = join(dir, 'junk.txt')
    await writeFile(junk, 'hello, world')
    expect((await cli(['fixit', junk, '--lang', 'node'])).status).toBe(EXIT_REJECTED)
  })

  it('exits 2 for a usage error or an unreadable file', async () => {
    const file = join(examples, 'roxchat-verified.html')
    for (const argv of [
      ['fixit', file],
      ['fixit', file, '--lang', 'cobol'],
      ['fixit', file, '--lang', 'NODE'],
      ['fixit', '--lang', 'node'],
      ['fixit', file, file, '--lang', 'node'],
      ['fixit', file, '--lang', 'node', '--algorithm', 'sha1'],
      ['fixit', file, '--lang', 'node', '--bogus'],
      ['fixit', join(dir, 'missing.json'), '--lang', 'node'],
    ]) {
      const run = await cli(argv)
      expect(run.status, argv.join(' ')).toBe(EXIT_USAGE)
      expect(run.stdout).toBe('')
      expect(run.stderr).not.toBe('')
    }
    expect((await cli(['fixit', file, '--lang', 'cobol'])).stderr).toContain('node|python|php|java|go|csharp|ruby')
  })

  it('is listed in the help', () => {
    expect(USAGE).toContain('visitor-inspector fixit FILE --lang node|python|php|java|go|csharp|ruby')
  })

  it('runs as the bin does (npm run --silent cli -- fixit …)', { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'electron', 'cli', 'main.ts'), 'fixit', join(examples, 'ringcx-verified-rs256.html'), '--lang', 'java'], {
      cwd: root,
    })
    expect(stdout).toContain('public class SignIdentity')
    expect(stdout).toContain('Signature.getInstance("SHA256withRSA")')
  })
})
