import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateKeyPairSync } from 'node:crypto'
import type { KeyImportReport } from '../../electron/shared/ipc-contract'
import { allowedExternalUrl } from '../../electron/main/app-services'
import {
  EXAMPLES_DIR,
  HS_SECRET,
  HS_SECRET_2,
  NOW,
  ROX_SECRET,
  basicTextCipher,
  harness,
  hsToken,
  roxchatVisitor,
  rsToken,
  rsaPair,
  tempDir,
} from './helpers'

const rsa = rsaPair()
const rsa2 = rsaPair()

function codesOf(report: KeyImportReport): (string | undefined)[] {
  return report.entries.map((entry) => entry.error?.code)
}

function selfSignedCertificate(): string {
  return execFileSync('/usr/bin/openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=visitor-inspector-test', '-days', '2', '-outform', 'PEM',
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

describe('keys:import-text, every format the core reads', () => {
  it('imports a manifest with all three kinds of key', async () => {
    const { services } = await harness()
    const report = await services['keys:import-text']({
      fileName: '/somewhere/keys.json',
      text: JSON.stringify({ keys: [
        { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET, label: 'Website' },
        { scheme: 'ringcx', kid: 'rsa_main', alg: 'RS256', publicKeyPem: rsa.publicPem },
        { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
      ] }),
    })
    expect(report).toMatchObject({ fileName: 'keys.json', format: 'manifest', imported: true, duplicates: [], unprotectedSecrets: false, confirmToken: null })
    expect(report.entries.map((entry) => [entry.kid, entry.ok, entry.alg])).toEqual([['hs_main', true, 'HS256'], ['rsa_main', true, 'RS256'], ['rox_main', true, 'secret']])
    const list = await services['keys:list']()
    expect(list.map((key) => [key.kid, key.label, key.sourceFile])).toEqual([['hs_main', 'Website', 'keys.json'], ['rsa_main', '', 'keys.json'], ['rox_main', '', 'keys.json']])
  })

  it('imports a JWK (oct and RSA), naming the kid for one without', async () => {
    const { services } = await harness()
    const oct = { kty: 'oct', kid: 'hs_jwk', alg: 'HS256', k: Buffer.from(HS_SECRET).toString('base64url') }
    expect((await services['keys:import-text']({ text: JSON.stringify(oct) })).imported).toBe(true)
    const bare = { kty: 'RSA', n: rsa.publicJwk['n'], e: rsa.publicJwk['e'] }
    const unnamed = await services['keys:import-text']({ text: JSON.stringify(bare) })
    expect(codesOf(unnamed)).toEqual(['key-kid-missing'])
    const named = await services['keys:import-text']({ text: JSON.stringify(bare), kid: 'rsa_jwk', scheme: 'ringcx' })
    expect(named).toMatchObject({ format: 'jwk', imported: true })
    expect((await services['keys:list']()).map((key) => key.kid)).toEqual(['hs_jwk', 'rsa_jwk'])
  })

  it('imports a JWKS, ignoring a kid typed for bare files', async () => {
    const { services } = await harness()
    const jwks = { keys: [
      { kty: 'RSA', kid: 'rsa_a', use: 'sig', alg: 'RS256', n: rsa.publicJwk['n'], e: rsa.publicJwk['e'] },
      { kty: 'RSA', kid: 'rsa_b', n: rsa2.publicJwk['n'], e: rsa2.publicJwk['e'] },
    ] }
    const report = await services['keys:import-text']({ text: JSON.stringify(jwks), kid: 'typed_for_a_pem', scheme: 'ringcx' })
    expect(report).toMatchObject({ format: 'jwks', imported: true })
    expect(report.entries.map((entry) => entry.kid)).toEqual(['rsa_a', 'rsa_b'])
  })

  it('imports a PEM public key and a text secret with the scheme and kid the admin typed', async () => {
    const { services } = await harness()
    expect(await services['keys:import-text']({ text: rsa.publicPem, scheme: 'ringcx', kid: 'rsa_pem' })).toMatchObject({ format: 'pem', imported: true })
    expect(await services['keys:import-text']({ text: `${HS_SECRET}\n`, scheme: 'ringcx', kid: 'hs_txt' })).toMatchObject({ format: 'secret', imported: true })
    expect(await services['keys:import-text']({ text: ROX_SECRET, scheme: 'roxchat', kid: 'rox_txt' })).toMatchObject({ format: 'secret', imported: true })
    expect((await services['keys:list']()).map((key) => `${key.scheme}:${key.kid}:${key.alg}`)).toEqual(['ringcx:hs_txt:HS256', 'ringcx:rsa_pem:RS256', 'roxchat:rox_txt:secret'])
  })

  it.skipIf(!existsSync('/usr/bin/openssl'))('imports the public key of an X.509 certificate made by openssl', async () => {
    const { services } = await harness()
    const report = await services['keys:import-text']({ text: selfSignedCertificate(), scheme: 'ringcx', kid: 'rsa_cert' })
    expect(report).toMatchObject({ format: 'certificate', imported: true })
    expect(report.entries[0]?.fingerprint).toMatch(/^rsa:/)
  })

  it('reduces a private key to its public part, with a warning, and never stores the private part', async () => {
    const { services, dir } = await harness()
    const report = await services['keys:import-text']({ text: rsa.privatePem, scheme: 'ringcx', kid: 'rsa_private' })
    expect(report.imported).toBe(true)
    expect(report.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-private-reduced'])
    const privateJwk = await services['keys:import-text']({ text: JSON.stringify({ ...rsa2.privateJwk, kid: 'rsa_private_jwk' }) })
    expect(privateJwk.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-private-reduced'])
    const stored = await readFile(join(dir, 'keystore.json'), 'utf8')
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(stored).not.toContain(String(rsa2.privateJwk[member]))
    expect(stored).not.toContain(rsa.privatePem.split('\n')[1])
  })
})

describe('keys:import-text, refusals', () => {
  it.each([
    ['a kid with spaces', JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'Bad Kid', secret: HS_SECRET }] }), {}, 'key-kid-invalid'],
    ['a RingCX secret that is not 24 hex', JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'hs', secret: 'ABCDEF0123456789ABCDEF01' }] }), {}, 'key-secret-invalid'],
    ['an RSA key under 2048 bits', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString(), { scheme: 'ringcx' as const, kid: 'small' }, 'key-rsa-too-small'],
    ['a password-protected private key', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n', { scheme: 'ringcx' as const, kid: 'enc' }, 'key-encrypted'],
    ['a bare secret without a scheme', HS_SECRET, { kid: 'hs' }, 'key-scheme-invalid'],
    ['broken JSON', '{"keys": [', {}, 'key-json-invalid'],
    ['an empty file', '   \n', {}, 'key-file-empty'],
  ])('refuses %s with its code and stores nothing', async (_name, text, hint, code) => {
    const { services } = await harness()
    const report = await services['keys:import-text']({ text, ...hint })
    expect(report.imported).toBe(false)
    expect(codesOf(report)).toContain(code)
    expect(await services['keys:list']()).toEqual([])
  })

  it('imports a key set all or nothing, with a report per key', async () => {
    const { services } = await harness()
    const report = await services['keys:import-text']({ text: JSON.stringify({ keys: [
      { scheme: 'ringcx', kid: 'good', secret: HS_SECRET },
      { scheme: 'ringcx', kid: 'bad', secret: 'nope' },
      { scheme: 'roxchat', kid: 'rox', secret: ROX_SECRET },
    ] }) })
    expect(report.imported).toBe(false)
    expect(report.entries.map((entry) => [entry.kid, entry.ok, entry.error?.code])).toEqual([['good', true, undefined], ['bad', false, 'key-secret-invalid'], ['rox', true, undefined]])
    expect(await services['keys:list']()).toEqual([])
  })
})

describe('duplicates and confirmations', () => {
  it('refuses a kid stored with another key until the admin confirms the replacement', async () => {
    const { services } = await harness()
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    const stored = (await services['keys:list']())[0]
    const waiting = await services['keys:import-text']({ text: JSON.stringify({ keys: [
      { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET_2 },
      { scheme: 'ringcx', kid: 'hs_next', secret: HS_SECRET },
    ] }) })
    expect(waiting.imported).toBe(false)
    expect(waiting.duplicates).toEqual([{ scheme: 'ringcx', kid: 'hs_main', storedFingerprint: stored?.fingerprint, newFingerprint: expect.stringMatching(/^secret:/) }])
    expect(codesOf(waiting)).toEqual(['key-duplicate', undefined])
    expect(waiting.confirmToken).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect((await services['keys:list']()).map((key) => key.kid)).toEqual(['hs_main'])

    const declined = await services['keys:confirm-import']({ token: waiting.confirmToken ?? '', replace: false, acceptUnprotected: false })
    expect(declined.imported).toBe(false)
    const confirmed = await services['keys:confirm-import']({ token: declined.confirmToken ?? '', replace: true, acceptUnprotected: false })
    expect(confirmed).toMatchObject({ imported: true, confirmToken: null })
    expect((await services['keys:list']()).map((key) => [key.kid, key.fingerprint === stored?.fingerprint])).toEqual([['hs_main', false], ['hs_next', true]])
    await expect(services['keys:confirm-import']({ token: declined.confirmToken ?? '', replace: true, acceptUnprotected: false })).rejects.toMatchObject({ code: 'import-expired' })
  })

  it('replaces directly when the request already says replace', async () => {
    const { services } = await harness()
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    const report = await services['keys:import-text']({ text: HS_SECRET_2, scheme: 'ringcx', kid: 'hs_main', replace: true })
    expect(report).toMatchObject({ imported: true, duplicates: [{ kid: 'hs_main' }] })
  })

  it('reports a key imported again as already stored', async () => {
    const { services, keyStore } = await harness()
    await services['keys:import-text']({ text: rsa.publicPem, scheme: 'ringcx', kid: 'rsa_main' })
    const revision = keyStore.revision
    const again = await services['keys:import-text']({ text: rsa.publicPem, scheme: 'ringcx', kid: 'rsa_main' })
    expect(again).toMatchObject({ imported: true, duplicates: [] })
    expect(again.entries[0]?.alreadyStored).toBe(true)
    expect(keyStore.revision).toBe(revision)
  })

  it('asks before storing secrets in plain text where the OS cannot encrypt them', async () => {
    const { services, dir } = await harness({ cipher: basicTextCipher() })
    const status = await services['keys:status']()
    expect(status).toMatchObject({ protection: 'basic-text', keyCount: 0 })
    expect(status.warning).toMatch(/not protected by the operating system/)

    expect(await services['keys:import-text']({ text: rsa.publicPem, scheme: 'ringcx', kid: 'rsa_main' })).toMatchObject({ imported: true, unprotectedSecrets: false })
    const waiting = await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    expect(waiting).toMatchObject({ imported: false, unprotectedSecrets: true, duplicates: [] })
    expect(codesOf(waiting)).toEqual([undefined])
    expect(await readFile(join(dir, 'keystore.json'), 'utf8')).not.toContain(HS_SECRET)

    const accepted = await services['keys:confirm-import']({ token: waiting.confirmToken ?? '', replace: false, acceptUnprotected: true })
    expect(accepted).toMatchObject({ imported: true, unprotectedSecrets: true })
    expect((await services['keys:list']()).map((key) => [key.kid, key.storage])).toEqual([['hs_main', 'plain'], ['rsa_main', 'public-key']])
    expect((await services['keys:status']()).plainSecretCount).toBe(1)
    expect(await services['keys:import-text']({ text: ROX_SECRET, scheme: 'roxchat', kid: 'rox', acceptUnprotected: true })).toMatchObject({ imported: true })
  })

  it('refuses an unknown or expired token', async () => {
    const { services } = await harness()
    await expect(services['keys:confirm-import']({ token: 'AAAAAAAAAAAAAAAAAAAAAAAA', replace: true, acceptUnprotected: true })).rejects.toMatchObject({ code: 'import-expired' })
  })
})

describe('keys:import-files', () => {
  it('imports each picked file on its own and reports unreadable and oversized files', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    await writeFile(join(dir, 'keys.json'), JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }] }))
    await writeFile(join(dir, 'big.pem'), 'x'.repeat(1024 * 1024 + 1))
    await writeFile(join(dir, 'bare.pem'), rsa.publicPem)
    dialogs.keyFiles = [join(dir, 'keys.json'), join(dir, 'big.pem'), join(dir, 'missing.json'), join(dir, 'bare.pem')]
    const reports = await services['keys:import-files']({ scheme: 'ringcx', kid: 'ignored_for_many' })
    expect(reports?.map((report) => [report.fileName, report.imported, codesOf(report)])).toEqual([
      ['keys.json', true, [undefined]],
      ['big.pem', false, ['file-too-large']],
      ['missing.json', false, ['file-unreadable']],
      ['bare.pem', false, ['key-kid-missing']],
    ])
    dialogs.keyFiles = [join(dir, 'bare.pem')]
    expect((await services['keys:import-files']({ scheme: 'ringcx', kid: 'rsa_bare', label: 'Partner' }))?.[0]).toMatchObject({ imported: true })
    expect((await services['keys:list']()).find((key) => key.kid === 'rsa_bare')).toMatchObject({ label: 'Partner', sourceFile: 'bare.pem' })
  })

  it('answers null when the dialog is cancelled', async () => {
    const { services } = await harness()
    expect(await services['keys:import-files']({})).toBeNull()
  })
})

describe('inspection and rotation marks', () => {
  it('verifies with stored keys, rebuilding its key ring when keys change', async () => {
    const { services } = await harness()
    const token = await hsToken(HS_SECRET, 'hs_main')
    expect((await services['inspect:payload']({ text: token })).errors.map((error) => error.code)).toEqual(['ringcx-jwt-unknown-kid'])
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    const verified = await services['inspect:payload']({ text: token })
    expect(verified).toMatchObject({ verdict: 'verified', key: { kid: 'hs_main' } })
    const [stored] = await services['keys:list']()
    await services['keys:remove']({ scheme: 'ringcx', kid: 'hs_main', fingerprint: stored?.fingerprint ?? '' })
    expect((await services['inspect:payload']({ text: token })).verdict).toBe('rejected')
  })

  it('counts matches without a disk write per verification, and writes them on flush', async () => {
    const { services, dir, clock } = await harness()
    await services['keys:import-text']({ text: JSON.stringify({ keys: [
      { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
      { scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem },
      { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
    ] }) })
    const before = await readFile(join(dir, 'keystore.json'), 'utf8')
    const hs = await hsToken(HS_SECRET, 'hs_main')
    const rs = await rsToken(rsa.privateKey, 'rsa_main')
    const rox = roxchatVisitor(ROX_SECRET, { id: 'v-7', display_name: 'Ann' })
    for (let round = 0; round < 4; round += 1) {
      clock.advanceMinutes(5)
      expect((await services['inspect:payload']({ text: hs })).verdict).toBe('verified')
      expect((await services['inspect:payload']({ text: rs })).verdict).toBe('verified')
    }
    expect((await services['inspect:payload']({ text: rox, scheme: 'roxchat' })).key?.kid).toBe('rox_main')
    expect((await services['inspect:payload']({ text: await hsToken(HS_SECRET_2, 'hs_main') })).verdict).toBe('rejected')
    expect(await readFile(join(dir, 'keystore.json'), 'utf8')).toBe(before)

    const list = await services['keys:list']()
    expect(list.map((key) => [key.kid, key.matchCount, key.lastMatchedAt])).toEqual([
      ['hs_main', 4, clock.now.toISOString()],
      ['rsa_main', 4, clock.now.toISOString()],
      ['rox_main', 1, clock.now.toISOString()],
    ])
    await services.flush()
    const file = JSON.parse(await readFile(join(dir, 'keystore.json'), 'utf8')) as { keys: { matchCount: number }[] }
    expect(file.keys.map((key) => key.matchCount)).toEqual([4, 4, 1])
  })

  it('does not count a key match again when the payload on screen is re-checked', async () => {
    const { services } = await harness()
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    const token = await hsToken(HS_SECRET, 'hs_main')
    await services['inspect:payload']({ text: token })
    expect(await services['inspect:payload']({ text: token, recheck: true })).toMatchObject({ verdict: 'verified', key: { kid: 'hs_main' } })
    expect((await services['keys:list']()).map((key) => key.matchCount)).toEqual([1])
  })

  it('marks keys not matched for 30 days as candidates for removal', async () => {
    const { services, clock } = await harness()
    await services['keys:import-text']({ text: JSON.stringify({ keys: [
      { scheme: 'ringcx', kid: 'in_use', secret: HS_SECRET },
      { scheme: 'ringcx', kid: 'stale', secret: HS_SECRET_2 },
    ] }) })
    clock.advanceDays(20)
    await services['inspect:payload']({ text: await hsToken(HS_SECRET, 'in_use', { exp: Math.floor(clock.now.getTime() / 1000) + 86_400 }) })
    clock.advanceDays(10)
    expect((await services['keys:list']()).map((key) => [key.kid, key.removalCandidate])).toEqual([['in_use', false], ['stale', true]])
    clock.advanceDays(20)
    expect((await services['keys:list']()).map((key) => [key.kid, key.removalCandidate])).toEqual([['in_use', true], ['stale', true]])
  })

  it('applies saved settings to the next inspection', async () => {
    const { services } = await harness()
    const unsigned = '_chatq.push(["_setIdentity", {"uuid": "u-1", "firstname": "Ann"}])'
    expect((await services['inspect:payload']({ text: unsigned })).verdict).toBe('rejected')
    expect((await services['settings:update']({ inspection: { ringcx: { signedIdentities: 'reject' } } })).saved).toBe(true)
    expect((await services['inspect:payload']({ text: unsigned })).verdict).toBe('accepted-unsigned')
    expect((await services['settings:get']()).inspection.ringcx.signedIdentities).toBe('reject')
    expect(await services['settings:status']()).toEqual({ quarantine: null, writable: true, problem: null })
  })
})

describe('inspect:open-file', () => {
  it('reads and inspects the picked file', async () => {
    const { services, dialogs } = await harness()
    await services['demo:load']()
    dialogs.payloadFile = join(EXAMPLES_DIR, 'ringcx-verified-hs256.jwt')
    const opened = await services['inspect:open-file']()
    expect(opened).toMatchObject({ fileName: 'ringcx-verified-hs256.jwt', inspection: { verdict: 'verified' } })
    expect(opened?.text).toBe(await readFile(join(EXAMPLES_DIR, 'ringcx-verified-hs256.jwt'), 'utf8'))
  })

  it('answers null when cancelled and refuses files over 1 MiB', async () => {
    const { services, dialogs } = await harness()
    expect(await services['inspect:open-file']()).toBeNull()
    const dir = await tempDir()
    await writeFile(join(dir, 'huge.txt'), 'a'.repeat(1024 * 1024 + 1))
    dialogs.payloadFile = join(dir, 'huge.txt')
    await expect(services['inspect:open-file']()).rejects.toMatchObject({ code: 'file-too-large' })
    dialogs.payloadFile = join(dir, 'gone.txt')
    await expect(services['inspect:open-file']()).rejects.toMatchObject({ code: 'file-unreadable' })
  })
})

describe('a sample file\'s own now and config', () => {
  /** Expired an hour ago by the clock; verified at its own now, three hours ago, with its own config. */
  async function ownClockSample(): Promise<{ path: string; text: string }> {
    const nowS = Math.floor(NOW.getTime() / 1000)
    const text = JSON.stringify({
      payload: await hsToken(HS_SECRET, 'hs_main', { exp: nowS - 3600 }),
      now: new Date(NOW.getTime() - 3 * 3600_000).toISOString(),
      config: { ringcx: { minExpirySeconds: 60 } },
      expect: { verdict: 'verified' },
    })
    const path = join(await tempDir(), 'own-clock.sample.json')
    await writeFile(path, text)
    return { path, text }
  }

  it('are ignored by the Inspector\'s services, which say so', async () => {
    const { services, dialogs } = await harness()
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    const { path, text } = await ownClockSample()
    dialogs.payloadFile = path
    const opened = await services['inspect:open-file']()
    for (const inspection of [
      await services['inspect:payload']({ text }),
      await services['inspect:payload']({ text, recheck: true }),
      opened?.inspection,
    ]) {
      expect(inspection).toMatchObject({ verdict: 'rejected', appliedFromSample: [], now: NOW.toISOString(), expectation: { met: false } })
      expect(inspection?.errors.map((error) => error.code)).toEqual(['ringcx-jwt-expired'])
      expect(inspection?.warnings.map((warning) => warning.code)).toEqual(['sample-settings-ignored'])
    }
  })

  it('judge the sample in a Samples run and when it is opened from the run', async () => {
    const { services, dialogs } = await harness()
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    dialogs.sampleFiles = [(await ownClockSample()).path]
    const runId = (await services['samples:start']({ pick: 'files' }))?.runId ?? ''
    let progress = await services['samples:progress']({ runId, cursor: 0 })
    for (let attempt = 0; attempt < 400 && !(progress.finished && progress.rows.length === 1); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      progress = await services['samples:progress']({ runId, cursor: 0 })
    }
    expect(progress.rows.map((row) => [row.status, row.verdict, row.codes])).toEqual([['met', 'verified', []]])
    const opened = await services['samples:open']({ runId, index: 0 })
    expect(opened.inspection).toMatchObject({ verdict: 'verified', appliedFromSample: ['now', 'config'], warnings: [], expectation: { met: true } })
  })
})

describe('demo:load', () => {
  it('imports the demo keys and returns every example payload, not the demo files', async () => {
    const { services } = await harness({ cipher: basicTextCipher() })
    const demo = await services['demo:load']()
    expect(demo.keys).toMatchObject({ fileName: 'demo-keys.json', imported: true })
    const shipped = JSON.parse(await readFile(join(EXAMPLES_DIR, 'demo-keys.json'), 'utf8')) as { keys: { kid: string }[] }
    expect(demo.keys.entries.map((entry) => entry.kid)).toEqual(shipped.keys.map((key) => key.kid))
    expect(demo.keys.entries.map((entry) => entry.kid)).toEqual(expect.arrayContaining(['hs_demo', 'rsa_demo', 'rox_demo']))
    const expected = (await readdir(EXAMPLES_DIR)).filter((name) => !name.startsWith('demo-') && !name.endsWith('.md')).sort()
    expect(demo.examples.map((example) => example.name)).toEqual(expected)
    const verified = demo.examples.find((example) => example.name === 'roxchat-verified.html')
    expect((await services['inspect:payload']({ text: verified?.text ?? '' })).verdict).toBe('verified')
    expect((await services['demo:load']()).keys.entries.every((entry) => entry.alreadyStored === true)).toBe(true)
  })

  it('describes each example in one line, and marks the demo keys as demo keys', async () => {
    const { services } = await harness({ cipher: basicTextCipher() })
    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main', label: 'Website', acceptUnprotected: true })
    const demo = await services['demo:load']()
    expect(demo.examples.find((example) => example.name === 'ringcx-verified-hs256.jwt')?.description).toBe('RingCX token, verified (HS256)')
    for (const example of demo.examples) expect(example.description).not.toBe(example.name)
    const listed = (await services['keys:list']()).map((key) => [key.kid, key.demo])
    expect(listed).toEqual(expect.arrayContaining([['hs_demo', true], ['hs_main', false], ['rsa_demo', true], ['rox_demo', true]]))
    expect(listed.filter(([, demoKey]) => demoKey === false)).toEqual([['hs_main', false]])
  })

  it('says so when the examples are missing', async () => {
    const { services } = await harness({ examplesDir: join(await tempDir(), 'nowhere') })
    await expect(services['demo:load']()).rejects.toMatchObject({ code: 'demo-unavailable' })
  })
})

describe('app services', () => {
  it('opens only https links, without credentials', async () => {
    const { services, opened } = await harness()
    expect(await services['app:open-external']({ url: 'https://example.com/docs?a=1' })).toEqual({ opened: true })
    for (const url of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@example.com/', 'not a url', 'mailto:a@b.c']) {
      await expect(services['app:open-external']({ url })).rejects.toMatchObject({ code: 'url-not-allowed' })
    }
    expect(opened).toEqual(['https://example.com/docs?a=1'])
    expect(allowedExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/')
  })

  it('reports the app version and platform', async () => {
    const { services } = await harness()
    expect(await services['app:info']()).toEqual({ version: '0.0.0-test', platform: 'linux' })
  })

  it('says how the store started', async () => {
    const { services } = await harness()
    expect(await services['keys:status']()).toEqual({
      protection: 'os-encrypted', warning: null, keyCount: 0, plainSecretCount: 0, unreadableCount: 0, flaggedCount: 0, quarantine: null, writable: true, problem: null,
    })
    expect(NOW.toISOString()).toBe('2026-06-01T12:00:00.000Z')
  })
})
