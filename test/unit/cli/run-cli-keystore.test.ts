import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { openKeyStore } from '../../../electron/main/key-store'
import { NO_OS_ENCRYPTION, type SecretCipher } from '../../../electron/main/secret-cipher'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const examples = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'examples')
const NOW = new Date('2026-06-01T12:00:00Z')

const cli = (...argv: string[]): Promise<CapturedRun> => runCaptured(argv, { now: NOW })

/** Reversible stand-in for OS encryption: what matters is that the CLI cannot open it. */
const osEncrypted: SecretCipher = {
  protection: async () => 'os-encrypted',
  encrypt: async (plain) => Buffer.from(`os:${plain}`).reverse(),
  decrypt: async (encrypted) => ({ plain: Buffer.from(encrypted).reverse().toString().slice(3), shouldReEncrypt: false }),
}

let root: string
async function storeWithDemoKeys(name: string, cipher: SecretCipher): Promise<string> {
  const dir = join(root, name)
  const report = await parseKeyFile(await readFile(join(examples, 'demo-keys.json'), 'utf8'))
  const store = await openKeyStore({ dir, cipher })
  await store.addKeys(report.keys.map((key) => ({ material: key.material, info: key.info, label: key.label ?? '', sourceFile: 'demo-keys.json' })), { replace: false, now: NOW })
  return dir
}

let plainStore: string
let encryptedStore: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vi-cli-store-'))
  plainStore = await storeWithDemoKeys('plain', NO_OS_ENCRYPTION)
  encryptedStore = await storeWithDemoKeys('encrypted', osEncrypted)
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('cli inspect --keystore', () => {
  it('verifies with the keys of a store whose secrets are not OS-encrypted', async () => {
    const files = ['ringcx-verified-hs256.jwt', 'ringcx-verified-rs256.html', 'roxchat-verified.html'].map((name) => join(examples, name))
    const run = await cli('inspect', ...files, '--keystore', plainStore, '--json')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(EXIT_OK)
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { verdict: string }).verdict)).toEqual(['verified', 'verified', 'verified'])
  })

  it('says plainly that OS-encrypted secrets can only be opened by the app', async () => {
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--keystore', encryptedStore)
    expect(run.status).toBe(EXIT_USAGE)
    const manifest = JSON.parse(await readFile(join(examples, 'demo-keys.json'), 'utf8')) as { keys: { secret?: string }[] }
    const secrets = manifest.keys.filter((key) => key.secret !== undefined).length
    expect(run.stderr).toMatch(new RegExp(`${secrets} secrets are encrypted by the operating system`))
    expect(run.stderr).toMatch(/only the app/)
    expect(run.stdout).toBe('')
  })

  it('refuses a folder without a store', async () => {
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--keystore', join(root, 'nowhere'))
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toMatch(/keystore\.json: no such file/)
  })

  it('refuses a damaged store without moving or changing it', async () => {
    const dir = join(root, 'damaged')
    await storeWithDemoKeys('damaged', NO_OS_ENCRYPTION)
    const path = join(dir, 'keystore.json')
    const cut = (await readFile(path, 'utf8')).slice(0, 200)
    await writeFile(path, cut)
    await writeFile(join(dir, 'keystore.json.424242'), 'partial')
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--keystore', dir)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toMatch(/not valid JSON/)
    expect(await readFile(path, 'utf8')).toBe(cut)
    expect((await readdir(dir)).sort()).toEqual(['keystore.json', 'keystore.json.424242'])
  })

  it('refuses a Key ID that is both in the store and in a --key file', async () => {
    const run = await cli('inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--keystore', plainStore, '--key', join(examples, 'demo-keys.json'))
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toMatch(/"hs_demo" is also in --keystore/)
  })

  it('documents the option', async () => {
    expect((await cli('help')).stdout).toMatch(/--keystore DIR/)
  })
})
