/**
 * keystore.json is a file anyone with the user's rights can edit. What it says about a key is
 * checked when it is read: an RSA key with an unsafe exponent is kept but never used, and a
 * stored fingerprint is replaced by the one computed from the key (and the difference flagged).
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { calculateJwkThumbprint } from 'jose'
import { describe, expect, it } from 'vitest'
import { runCli, type CliIo } from '../../electron/cli/run-cli'
import { parseKeyFile } from '../../electron/core/key-parse'
import { readPlainKeyStore, type KeyStoreFile } from '../../electron/io/key-store-file'
import { openKeyStore, type NewKey } from '../../electron/main/key-store'
import { NO_OS_ENCRYPTION } from '../../electron/main/secret-cipher'
import { HS_SECRET, NOW, ROX_SECRET, harness, hsToken, osCipher, rsaPair, rsToken, tempDir } from './helpers'

const rsa = rsaPair()
const other = rsaPair()
const MANIFEST = JSON.stringify({
  keys: [
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem },
    { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
  ],
})

let parsed: Promise<NewKey[]> | undefined
function newKeys(): Promise<NewKey[]> {
  parsed ??= parseKeyFile(MANIFEST).then((report) => report.keys.map((key) => ({ material: key.material, info: key.info, label: '', sourceFile: 'keys.json' })))
  return parsed
}

async function storeDir(cipher = NO_OS_ENCRYPTION): Promise<string> {
  const dir = await tempDir()
  await (await openKeyStore({ dir, cipher })).addKeys(await newKeys(), { replace: false, now: NOW })
  return dir
}

type MutableRecord = Record<string, unknown> & { kid: string; fingerprint: string; publicJwk?: { kty: string; n: string; e: string } }

/** Edits keystore.json the way someone with a text editor would. */
async function editStore(dir: string, edit: (record: MutableRecord) => void): Promise<void> {
  const path = join(dir, 'keystore.json')
  const file = JSON.parse(await readFile(path, 'utf8')) as { keys: MutableRecord[] }
  for (const record of file.keys) edit(record)
  await writeFile(path, JSON.stringify(file))
}

/** A token "signed" for an e = 1 key: the PKCS#1 v1.5 encoding of its hash, no private key used. */
function forgedRs256(kid: string): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part({ uuid: 'mallory', exp: Math.floor(NOW.getTime() / 1000) + 86_400 })}`
  const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(input).digest()])
  return `${input}.${Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(256 - 3 - digestInfo.length, 0xff), Buffer.from([0]), digestInfo]).toString('base64url')}`
}

/** Sets rsa_main's exponent to 1, with the fingerprint that key really has: only the exponent is wrong. */
async function weakenRsaKey(dir: string): Promise<void> {
  const weak = { kty: 'RSA', n: rsa.publicJwk['n'] as string, e: 'AQ' }
  const thumbprint = `rsa:${await calculateJwkThumbprint(weak)}`
  await editStore(dir, (record) => {
    if (record.kid !== 'rsa_main') return
    record.publicJwk = weak
    record.fingerprint = thumbprint
  })
}

describe('a stored RSA key with an unsafe exponent', () => {
  it('is kept and shown with key-rsa-exponent-weak but not used; the other keys are', async () => {
    const cipher = osCipher()
    const dir = await storeDir(cipher)
    await weakenRsaKey(dir)
    const before = await readFile(join(dir, 'keystore.json'), 'utf8')
    const { services, keyStore } = await harness({ dir, cipher })

    expect(keyStore.status()).toMatchObject({ keyCount: 3, flaggedCount: 1, unreadableCount: 0, quarantine: null })
    const views = await services['keys:list']()
    expect(views.map((view) => [view.kid, (view.problems ?? []).map((problem) => problem.code)])).toEqual([
      ['hs_main', []], ['rsa_main', ['key-rsa-exponent-weak']], ['rox_main', []],
    ])
    expect(keyStore.ringEntries().map((entry) => entry.material.kid).sort()).toEqual(['hs_main', 'rox_main'])

    const forged = await services['inspect:payload']({ text: forgedRs256('rsa_main') })
    expect(forged.verdict).toBe('rejected')
    expect(forged.key).toBeNull()
    expect((await services['inspect:payload']({ text: await hsToken(HS_SECRET, 'hs_main') })).verdict).toBe('verified')
    // Opening changed nothing on disk: the key is still there for the admin to see and remove.
    expect(await readFile(join(dir, 'keystore.json'), 'utf8')).toBe(before)
  })

  it('is left out by the command line with a warning naming the code; the other keys verify', async () => {
    const dir = await storeDir()
    await weakenRsaKey(dir)
    const read = await readPlainKeyStore(dir)
    expect(read.kind === 'loaded' && read.keys.map((key) => key.material.kid)).toEqual(['hs_main', 'rox_main'])
    expect(read.kind === 'loaded' && read.refused.map((key) => [key.kid, key.code])).toEqual([['rsa_main', 'key-rsa-exponent-weak']])

    const tokens = await tempDir()
    await writeFile(join(tokens, 'forged.jwt'), forgedRs256('rsa_main'))
    await writeFile(join(tokens, 'good.jwt'), await hsToken(HS_SECRET, 'hs_main'))
    let stdout = ''
    let stderr = ''
    const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, now: () => NOW, color: false }
    const status = await runCli(['inspect', join(tokens, 'forged.jwt'), join(tokens, 'good.jwt'), '--keystore', dir, '--json'], io)
    expect(status).toBe(1)
    expect(stderr).toContain('[key-rsa-exponent-weak]')
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { verdict: string }).verdict)).toEqual(['rejected', 'verified'])
  })
})

describe('stored fingerprints', () => {
  it('are recomputed on load: a secret paired with another fingerprint shows its own, flagged', async () => {
    const dir = await storeDir()
    const keys = await newKeys()
    const real = (kid: string): string => keys.find((key) => key.info.kid === kid)?.info.fingerprint ?? ''
    await editStore(dir, (record) => {
      // Claims the fingerprint of another stored key: an admin comparing fingerprints would be misled.
      if (record.kid === 'hs_main') record.fingerprint = real('rox_main')
    })
    const { services } = await harness({ dir, cipher: NO_OS_ENCRYPTION })
    const views = await services['keys:list']()
    const hs = views.find((view) => view.kid === 'hs_main')
    expect(hs?.fingerprint).toBe(real('hs_main'))
    expect(hs?.problems?.map((problem) => problem.code)).toEqual(['key-fingerprint-mismatch'])
    expect(views.filter((view) => view.problems !== undefined).map((view) => view.kid)).toEqual(['hs_main'])
    expect((await services['keys:status']()).flaggedCount).toBe(1)
    // Used with its true fingerprint, and removable with the fingerprint shown.
    const inspection = await services['inspect:payload']({ text: await hsToken(HS_SECRET, 'hs_main') })
    expect(inspection.key).toEqual({ kid: 'hs_main', fingerprint: real('hs_main') })
    await services['keys:remove']({ scheme: 'ringcx', kid: 'hs_main', fingerprint: real('hs_main') })
    expect((await services['keys:list']()).map((view) => view.kid)).toEqual(['rsa_main', 'rox_main'])
  })

  it('are recomputed for RSA keys: another public key under the trusted fingerprint is shown as itself', async () => {
    const dir = await storeDir()
    const swapped = { kty: 'RSA', n: other.publicJwk['n'] as string, e: other.publicJwk['e'] as string }
    await editStore(dir, (record) => {
      if (record.kid === 'rsa_main') record.publicJwk = swapped
    })
    const { services } = await harness({ dir, cipher: NO_OS_ENCRYPTION })
    const view = (await services['keys:list']()).find((candidate) => candidate.kid === 'rsa_main')
    expect(view?.fingerprint).toBe(`rsa:${await calculateJwkThumbprint(swapped)}`)
    expect(view?.problems?.map((problem) => problem.code)).toEqual(['key-fingerprint-mismatch'])
    // The swapped-in key is the one that verifies, under the fingerprint it really has.
    const inspection = await services['inspect:payload']({ text: await rsToken(other.privateKey, 'rsa_main') })
    expect(inspection.key?.fingerprint).toBe(view?.fingerprint)
  })

  it('are checked before an import: a swapped secret under the trusted fingerprint is not "already stored"', async () => {
    const dir = await storeDir()
    const keys = await newKeys()
    const trusted = keys.find((key) => key.info.kid === 'hs_main')?.info.fingerprint ?? ''
    await editStore(dir, (record) => {
      // The attacker's own secret, kept under the fingerprint of the admin's.
      if (record.kid === 'hs_main') record['secret'] = { storage: 'plain', value: 'ffffffffffffffffffffffff' }
    })
    expect(trusted).not.toBe('')
    const { services } = await harness({ dir, cipher: NO_OS_ENCRYPTION })
    const report = await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main', acceptUnprotected: true })
    expect(report.entries[0]?.alreadyStored).toBeUndefined()
    expect(report.duplicates.map((duplicate) => [duplicate.kid, duplicate.newFingerprint === trusted, duplicate.storedFingerprint === trusted])).toEqual([['hs_main', true, false]])
    expect(report.imported).toBe(false)
  })

  it('flag nothing in a store the app wrote itself', async () => {
    const cipher = osCipher()
    const dir = await storeDir(cipher)
    const { services } = await harness({ dir, cipher })
    expect((await services['keys:status']()).flaggedCount).toBe(0)
    const views = await services['keys:list']()
    expect(views.every((view) => view.problems === undefined)).toBe(true)
    const file = JSON.parse(await readFile(join(dir, 'keystore.json'), 'utf8')) as KeyStoreFile
    expect(views.map((view) => view.fingerprint).sort()).toEqual(file.keys.map((key) => key.fingerprint).sort())
  })
})
