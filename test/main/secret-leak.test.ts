/**
 * Agents must never read a secret back: every value the key, inspection, demo, samples, token and
 * signing channels return is walked, and no secret may appear in it in any common encoding, whole
 * or in part.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../electron/shared/ipc-contract'
import { callService } from '../../electron/main/call-service'
import type { SecretCipher } from '../../electron/main/secret-cipher'
import { EXAMPLES_DIR, HS_SECRET, HS_SECRET_2, ROX_SECRET, basicTextCipher, harness, hsToken, osCipher, roxchatVisitor, rsToken, rsaPair, tempDir } from './helpers'

const rsa = rsaPair()
const WINDOW = 12

function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const forms = [secret, secret.toUpperCase(), bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]
  if (/^[0-9a-f]+$/i.test(secret) && secret.length % 2 === 0) {
    const decoded = Buffer.from(secret, 'hex')
    forms.push(decoded.toString('base64').replace(/=+$/, ''), decoded.toString('base64url'))
  }
  return forms
}

/** Every form of every secret, and every run of 12 characters of each form. */
function forbiddenFragments(secrets: readonly string[]): string[] {
  const fragments = new Set<string>()
  for (const form of secrets.flatMap(encodings)) {
    fragments.add(form)
    for (let start = 0; start + WINDOW <= form.length; start += 1) fragments.add(form.slice(start, start + WINDOW))
  }
  return [...fragments]
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      yield key
      yield* stringsIn(member)
    }
  }
}

function leaks(value: unknown, fragments: readonly string[]): string[] {
  const found = new Set<string>()
  for (const text of stringsIn(value)) for (const fragment of fragments) if (text.includes(fragment)) found.add(fragment)
  return [...found]
}

const demoKeys = JSON.parse(await readFile(join(EXAMPLES_DIR, 'demo-keys.json'), 'utf8')) as { keys: { secret?: string }[] }
const SECRETS = [HS_SECRET, HS_SECRET_2, ROX_SECRET, ...demoKeys.keys.flatMap((key) => (key.secret === undefined ? [] : [key.secret]))]
const PRIVATE_RSA_PARTS = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((member) => String(rsa.privateJwk[member]))
const PRIVATE_PEM_LINES = rsa.privatePem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'))

describe.each([
  ['secrets encrypted by the OS', osCipher()],
  ['secrets in plain text (basic_text)', basicTextCipher()],
] as [string, SecretCipher][])('no secret in any channel result: %s', (_name, cipher) => {
  it('walks every value of the key, inspection, demo, samples, token and signing channels', async () => {
    const { services, dialogs } = await harness({ cipher })
    const results: { channel: Channel; value: unknown }[] = []
    const send = async <C extends Channel>(channel: C, ...args: unknown[]): Promise<unknown> => {
      const result = await callService(services, channel, args)
      results.push({ channel, value: result })
      return result.ok ? result.value : null
    }

    await send('keys:status')
    const manifest = JSON.stringify({ keys: [
      { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET, label: 'Website' },
      { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
    ] })
    // The progress of an import, asked while it runs.
    const importing = send('keys:import-text', { text: manifest, fileName: 'keys.json', acceptUnprotected: true })
    await send('keys:import-progress')
    await importing
    await send('keys:import-text', { text: rsa.privatePem, scheme: 'ringcx', kid: 'rsa_main' })
    await send('keys:import-text', { text: JSON.stringify({ kty: 'oct', kid: 'hs_jwk', k: Buffer.from(HS_SECRET_2).toString('base64url') }) })
    const waiting = await send('keys:import-text', { text: HS_SECRET_2, scheme: 'ringcx', kid: 'hs_main' }) as { confirmToken: string | null }
    await send('keys:confirm-import', { token: waiting.confirmToken, replace: true, acceptUnprotected: true })
    await send('keys:import-text', { text: 'not-a-secret', scheme: 'ringcx', kid: 'bad' })
    await send('keys:import-text', { text: `${HS_SECRET}xyz`, scheme: 'ringcx', kid: 'bad_length' })

    const dir = await tempDir()
    await writeFile(join(dir, 'rox.txt'), `${ROX_SECRET}\n`)
    dialogs.keyFiles = [join(dir, 'rox.txt')]
    await send('keys:import-files', { scheme: 'roxchat', kid: 'rox_file', acceptUnprotected: true })
    await send('demo:load')

    const payloads = [
      await hsToken(HS_SECRET_2, 'hs_main'),
      await hsToken(HS_SECRET, 'hs_main'),
      await hsToken(HS_SECRET_2, 'hs_jwk'),
      await rsToken(rsa.privateKey, 'rsa_main'),
      roxchatVisitor(ROX_SECRET, { id: 'v-1', email: 'ann@example.com' }),
      roxchatVisitor(ROX_SECRET, { id: 'v-1' }, 1_900_000_000).replace('"v-1"', '"v-2"'),
    ]
    for (const text of payloads) await send('inspect:payload', { text })
    await send('inspect:payload', { text: roxchatVisitor(ROX_SECRET, { id: 'v-1' }), scheme: 'roxchat' })
    // The SHA variants append the key to the message: the hashed message shown must still leave it out.
    await services['settings:update']({ inspection: { roxchat: { hashAlgorithm: 'sha256' } } })
    await send('inspect:payload', { text: roxchatVisitor(ROX_SECRET, { id: 'v-1' }) })
    dialogs.payloadFile = join(EXAMPLES_DIR, 'roxchat-verified.html')
    await send('inspect:open-file')
    // The quick check: each secret pasted once, right and wrong, never comes back.
    await send('inspect:quick-check', { text: payloads[1], keyText: HS_SECRET })
    await send('inspect:quick-check', { text: payloads[1], keyText: HS_SECRET_2 })
    await send('inspect:quick-check', { text: payloads[3], keyText: rsa.privatePem })
    await send('inspect:quick-check', { text: payloads[4], keyText: `${ROX_SECRET}\n` })
    await send('inspect:quick-check', { text: payloads[4], keyText: `${ROX_SECRET}xyz\nmore` })

    // Samples over a folder that also holds a key file with secrets, and a token table.
    const samples = await tempDir()
    await writeFile(join(samples, 'keys.json'), manifest)
    for (const [index, text] of payloads.entries()) await writeFile(join(samples, `p${index}.txt`), text)
    await writeFile(join(samples, 'by-token.json'), JSON.stringify({ authToken: 'tok-1' }))
    await writeFile(join(dir, 'tokens.json'), JSON.stringify({ 'tok-1': { id: 'v-9' } }))
    dialogs.tokenTable = join(dir, 'tokens.json')
    await send('tokens:choose')
    await send('tokens:status')
    dialogs.sampleFolder = samples
    const started = await send('samples:start', { pick: 'folder' }) as { runId: string }
    let progress = await send('samples:progress', { runId: started.runId, cursor: 0 }) as { finished: boolean; done: number }
    while (!progress.finished) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      progress = await send('samples:progress', { runId: started.runId, cursor: 0 }) as { finished: boolean; done: number }
    }
    for (let index = 0; index < progress.done; index += 1) await send('samples:open', { runId: started.runId, index })
    const rerun = await send('samples:rerun', { runId: started.runId }) as { runId: string }
    await send('samples:cancel', { runId: rerun.runId })

    // QA signing with every kind of key: the samples carry tokens and hashes, never a key.
    await services['settings:update']({ qaTools: true })
    await send('qa:sign-sample', { scheme: 'ringcx', kid: 'hs_jwk', claims: { uuid: 'qa' }, exp: '+2h' })
    await send('qa:sign-sample', { scheme: 'ringcx', kid: 'rsa_main', claims: { uuid: 'qa' }, exp: '+2h' })
    await writeFile(join(dir, 'private.pem'), rsa.privatePem)
    dialogs.signingKeyFile = join(dir, 'private.pem')
    const picked = await send('qa:pick-signing-key') as { handle: string }
    const signed = await send('qa:sign-sample', { scheme: 'ringcx', kid: 'rsa_main', privateKeyHandle: picked.handle, claims: { uuid: 'qa' }, exp: '+2h' }) as { text: string }
    await send('qa:sign-sample', { scheme: 'roxchat', kid: 'rox_file', fields: { id: 'qa' }, expires: '+1d', algorithm: 'sha512' })
    dialogs.savePath = join(dir, 'signed.sample.json')
    await send('qa:save-sample', { text: signed.text, fileName: 'signed.sample.json' })
    await send('tokens:clear')

    await send('keys:list')
    await send('keys:status')
    const list = (await send('keys:list')) as { scheme: string; kid: string; fingerprint: string }[]
    for (const key of list) await send('keys:remove', { scheme: key.scheme, kid: key.kid, fingerprint: key.fingerprint })
    await send('keys:remove', { scheme: 'ringcx', kid: 'hs_main', fingerprint: 'secret:gone' })

    const channelsSeen = new Set(results.map((result) => result.channel))
    expect([...channelsSeen].sort()).toEqual(CHANNELS.filter((channel) => /^(keys|inspect|demo|samples|tokens|qa):/.test(channel)).sort())
    expect(results.filter((result) => (result.value as { ok: boolean }).ok).length).toBeGreaterThan(40)

    const fragments = [...forbiddenFragments(SECRETS), ...PRIVATE_RSA_PARTS, ...PRIVATE_PEM_LINES]
    for (const { channel, value } of results) expect({ channel, leaks: leaks(value, fragments) }).toEqual({ channel, leaks: [] })
  })
})

describe('the leak detector itself', () => {
  it('finds a secret hidden in hex, base64 or a fragment', () => {
    const fragments = forbiddenFragments([HS_SECRET])
    expect(leaks({ a: [{ b: Buffer.from(HS_SECRET).toString('base64') }] }, fragments)).not.toEqual([])
    expect(leaks({ [Buffer.from(HS_SECRET).toString('hex')]: 1 }, fragments)).not.toEqual([])
    expect(leaks(['…', `prefix ${HS_SECRET.slice(5, 19)} suffix`], fragments)).not.toEqual([])
    expect(leaks({ fingerprint: 'secret:abc', kid: 'hs_main' }, fragments)).toEqual([])
  })
})
