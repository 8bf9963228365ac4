import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseKeyFile, type KeyHint } from '../../electron/core/key-parse'
import { readPlainKeyStore, type KeyStoreFile } from '../../electron/io/key-store-file'
import { isRemovalCandidate, openKeyStore, type NewKey } from '../../electron/main/key-store'
import { NO_OS_ENCRYPTION } from '../../electron/main/secret-cipher'
import { createSafeStorageCipher } from '../../electron/main/safe-storage-cipher'
import { DAY_MS, HS_SECRET, HS_SECRET_2, NOW, ROX_SECRET, basicTextCipher, fakeSafeStorage, osCipher, rsaPair, tempDir } from './helpers'

const parsed = new Map<string, Promise<NewKey[]>>()

/** Parsed once per text: secret fingerprints use scrypt, which is deliberately slow. */
function newKeys(text: string, hint: KeyHint = {}): Promise<NewKey[]> {
  const cacheKey = JSON.stringify([text, hint])
  let keys = parsed.get(cacheKey)
  if (keys === undefined) {
    keys = parseKeyFile(text, hint).then((report) => {
      expect(report.ok).toBe(true)
      return report.keys.map((key) => ({ material: key.material, info: key.info, label: key.label ?? '', sourceFile: 'keys.json' }))
    })
    parsed.set(cacheKey, keys)
  }
  return keys
}

const rsa = rsaPair()
const MANIFEST = JSON.stringify({
  keys: [
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET, label: 'Website 2026' },
    { scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem },
    { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
  ],
})

async function readStoreFile(dir: string): Promise<KeyStoreFile> {
  return JSON.parse(await readFile(join(dir, 'keystore.json'), 'utf8')) as KeyStoreFile
}

describe('key store round trip', () => {
  it('encrypts secrets with the OS and reads them back after a restart', async () => {
    const dir = await tempDir()
    const storage = fakeSafeStorage()
    const store = await openKeyStore({ dir, cipher: osCipher(storage) })
    expect(store.status()).toMatchObject({ protection: 'os-encrypted', warning: null, keyCount: 0, quarantine: null, writable: true })
    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })

    const text = await readFile(join(dir, 'keystore.json'), 'utf8')
    expect(text).not.toContain(HS_SECRET)
    expect(text).not.toContain(ROX_SECRET)
    const file = await readStoreFile(dir)
    expect(file).toMatchObject({ format: 'visitor-inspector/keystore', version: 1, revision: 1 })
    expect(file.keys.map((key) => [key.kid, 'secret' in key ? key.secret.storage : 'public'])).toEqual([
      ['hs_main', 'os-encrypted'], ['rsa_main', 'public'], ['rox_main', 'os-encrypted'],
    ])

    const reopened = await openKeyStore({ dir, cipher: osCipher(storage) })
    expect(reopened.list(NOW).map((key) => [key.scheme, key.kid, key.alg, key.storage, key.label])).toEqual([
      ['ringcx', 'hs_main', 'HS256', 'os-encrypted', 'Website 2026'],
      ['ringcx', 'rsa_main', 'RS256', 'public-key', ''],
      ['roxchat', 'rox_main', 'secret', 'os-encrypted', ''],
    ])
    const secrets = reopened.ringEntries().map((entry) => ('secret' in entry.material ? entry.material.secret : entry.material.publicJwk.n))
    expect(secrets).toEqual([HS_SECRET, rsa.publicJwk['n'], ROX_SECRET])
    expect(reopened.list(NOW)[1]).toMatchObject({ bits: 2048, sourceFile: 'keys.json', addedAt: NOW.toISOString(), matchCount: 0, lastMatchedAt: null })
  })

  it.each([
    ['basic_text backend', basicTextCipher(), 'basic-text'],
    ['no encryption at all', createSafeStorageCipher(fakeSafeStorage({ available: false }), 'linux'), 'unavailable'],
  ] as const)('stores secrets in plain text, marked so, with a warning: %s', async (_name, cipher, protection) => {
    const dir = await tempDir()
    const store = await openKeyStore({ dir, cipher })
    expect(store.status().protection).toBe(protection)
    expect(store.status().warning).toMatch(/plain text/)
    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const file = await readStoreFile(dir)
    expect(file.keys.flatMap((key) => ('secret' in key ? [key.secret] : []))).toEqual([
      { storage: 'plain', value: HS_SECRET },
      { storage: 'plain', value: ROX_SECRET },
    ])
    const reopened = await openKeyStore({ dir, cipher })
    expect(reopened.status()).toMatchObject({ keyCount: 3, plainSecretCount: 2, unreadableCount: 0 })
    expect(reopened.ringEntries()).toHaveLength(3)
  })

  it('encrypts plain secrets once the OS can protect them', async () => {
    const dir = await tempDir()
    const plain = await openKeyStore({ dir, cipher: basicTextCipher() })
    await plain.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const upgraded = await openKeyStore({ dir, cipher: osCipher() })
    expect(upgraded.status()).toMatchObject({ plainSecretCount: 0, keyCount: 3 })
    const text = await readFile(join(dir, 'keystore.json'), 'utf8')
    expect(text).not.toContain(HS_SECRET)
    expect((await readStoreFile(dir)).revision).toBe(2)
  })

  it('re-encrypts a secret when the OS asks for it', async () => {
    const dir = await tempDir()
    const storage = fakeSafeStorage()
    await (await openKeyStore({ dir, cipher: osCipher(storage) })).addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const before = await readStoreFile(dir)
    storage.rotate = true
    storage.encryptCalls = 0
    const reopened = await openKeyStore({ dir, cipher: osCipher(storage) })
    expect(storage.encryptCalls).toBe(2)
    const after = await readStoreFile(dir)
    expect(after.revision).toBe(before.revision + 1)
    expect(JSON.stringify(after.keys[0])).not.toBe(JSON.stringify(before.keys[0]))
    expect(reopened.status().unreadableCount).toBe(0)
  })

  it('keeps and reports a secret the OS can no longer decrypt, and repairs it on re-import', async () => {
    const dir = await tempDir()
    await (await openKeyStore({ dir, cipher: osCipher() })).addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const stored = await readFile(join(dir, 'keystore.json'), 'utf8')

    const otherKeyring = await openKeyStore({ dir, cipher: osCipher(fakeSafeStorage()) })
    expect(otherKeyring.status()).toMatchObject({ keyCount: 3, unreadableCount: 2 })
    const views = otherKeyring.list(NOW)
    expect(views.filter((view) => view.unreadable !== undefined).map((view) => view.kid)).toEqual(['hs_main', 'rox_main'])
    expect(otherKeyring.ringEntries().map((entry) => entry.info.kid)).toEqual(['rsa_main'])
    expect(await readFile(join(dir, 'keystore.json'), 'utf8')).toBe(stored)

    otherKeyring.recordMatch('ringcx', 'rsa_main', NOW)
    await otherKeyring.flush()
    expect((await readStoreFile(dir)).keys.map((key) => key.kid)).toEqual(['hs_main', 'rsa_main', 'rox_main'])

    const later = new Date(NOW.getTime() + DAY_MS)
    expect(otherKeyring.planImport(await newKeys(MANIFEST)).duplicates).toEqual([])
    await otherKeyring.addKeys(await newKeys(MANIFEST), { replace: false, now: later })
    expect(otherKeyring.status().unreadableCount).toBe(0)
    expect(otherKeyring.find('ringcx', 'hs_main', later)).toMatchObject({ addedAt: NOW.toISOString() })
  })
})

describe('key store changes', () => {
  it('refuses a kid stored with other material unless replace is set', async () => {
    const dir = await tempDir()
    const store = await openKeyStore({ dir, cipher: osCipher() })
    await store.addKeys(await newKeys(HS_SECRET, { scheme: 'ringcx', kid: 'hs_main' }), { replace: false, now: NOW })
    const replacement = await newKeys(HS_SECRET_2, { scheme: 'ringcx', kid: 'hs_main' })
    const plan = store.planImport(replacement)
    expect(plan.duplicates).toEqual([{ scheme: 'ringcx', kid: 'hs_main', storedFingerprint: expect.stringMatching(/^secret:/), newFingerprint: replacement[0]?.info.fingerprint }])
    await expect(store.addKeys(replacement, { replace: false, now: NOW })).rejects.toMatchObject({ code: 'key-duplicate' })
    await store.addKeys(replacement, { replace: true, now: NOW })
    expect(store.ringEntries()[0]?.material).toMatchObject({ secret: HS_SECRET_2 })
  })

  it('treats the same key imported again as already stored, without a write', async () => {
    const dir = await tempDir()
    const store = await openKeyStore({ dir, cipher: osCipher() })
    const keys = await newKeys(MANIFEST)
    await store.addKeys(keys, { replace: false, now: NOW })
    expect(store.planImport(keys).alreadyStored.size).toBe(3)
    await store.addKeys(keys, { replace: false, now: NOW })
    expect(store.revision).toBe(1)
  })

  it('remembers which keys were loaded as the demo, across a restart', async () => {
    const dir = await tempDir()
    const store = await openKeyStore({ dir, cipher: osCipher() })
    const [hs, rsaKey, rox] = await newKeys(MANIFEST)
    await store.addKeys([{ ...hs!, demo: true }, rsaKey!, { ...rox!, label: 'DEMO KEY: published' }], { replace: false, now: NOW })
    const demoFlags = (keys: readonly { kid: string; demo: boolean }[]) => keys.map((key) => [key.kid, key.demo])
    expect(demoFlags(store.list(NOW))).toEqual([['hs_main', true], ['rsa_main', false], ['rox_main', true]])
    expect((await readStoreFile(dir)).keys.map((key) => key.demo)).toEqual([true, undefined, undefined])
    const reopened = await openKeyStore({ dir, cipher: osCipher() })
    expect(demoFlags(reopened.list(NOW))).toEqual([['hs_main', true], ['rsa_main', false], ['rox_main', true]])
  })

  it('keeps the same kid apart in the two schemes', async () => {
    const store = await openKeyStore({ dir: await tempDir(), cipher: osCipher() })
    await store.addKeys(await newKeys(HS_SECRET, { scheme: 'ringcx', kid: 'main' }), { replace: false, now: NOW })
    await store.addKeys(await newKeys(ROX_SECRET, { scheme: 'roxchat', kid: 'main' }), { replace: false, now: NOW })
    expect(store.list(NOW).map((key) => `${key.scheme}:${key.kid}`)).toEqual(['ringcx:main', 'roxchat:main'])
  })

  it('removes a key only with the fingerprint the admin confirmed', async () => {
    const dir = await tempDir()
    const store = await openKeyStore({ dir, cipher: osCipher() })
    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const target = store.find('ringcx', 'rsa_main', NOW)
    await expect(store.removeKey('ringcx', 'rsa_main', 'rsa:somethingelse0000000', NOW)).rejects.toMatchObject({ code: 'key-not-found' })
    await expect(store.removeKey('roxchat', 'rsa_main', target?.fingerprint ?? '', NOW)).rejects.toMatchObject({ code: 'key-not-found' })
    const removed = await store.removeKey('ringcx', 'rsa_main', target?.fingerprint ?? '', NOW)
    expect(removed).toEqual(target)
    expect((await readStoreFile(dir)).keys.map((key) => key.kid)).toEqual(['hs_main', 'rox_main'])
  })

  it('changes the material revision only when keys are added or removed', async () => {
    const store = await openKeyStore({ dir: await tempDir(), cipher: osCipher() })
    const start = store.materialRevision
    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const afterAdd = store.materialRevision
    expect(afterAdd).not.toBe(start)
    store.recordMatch('ringcx', 'hs_main', NOW)
    await store.flush()
    expect(store.materialRevision).toBe(afterAdd)
  })
})

describe('rotation marks', () => {
  it('counts matches in memory and writes them in one batch on flush', async () => {
    const dir = await tempDir()
    const store = await openKeyStore({ dir, cipher: osCipher() })
    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    const written = await readFile(join(dir, 'keystore.json'), 'utf8')
    for (let minute = 1; minute <= 25; minute += 1) store.recordMatch('ringcx', 'hs_main', new Date(NOW.getTime() + minute * 60_000))
    store.recordMatch('roxchat', 'rox_main', NOW)
    store.recordMatch('ringcx', 'no_such_key', NOW)
    expect(await readFile(join(dir, 'keystore.json'), 'utf8')).toBe(written)
    expect(store.hasUnsavedMatches).toBe(true)
    expect(store.find('ringcx', 'hs_main', NOW)).toMatchObject({ matchCount: 25, lastMatchedAt: '2026-06-01T12:25:00.000Z' })

    expect(await store.flush()).toBe(true)
    expect(await store.flush()).toBe(false)
    const file = await readStoreFile(dir)
    expect(file.revision).toBe(2)
    expect(file.keys.map((key) => [key.kid, key.matchCount, key.lastMatchedAt])).toEqual([
      ['hs_main', 25, '2026-06-01T12:25:00.000Z'],
      ['rsa_main', 0, null],
      ['rox_main', 1, NOW.toISOString()],
    ])
  })

  it('keeps the latest match time when matches arrive out of order', async () => {
    const store = await openKeyStore({ dir: await tempDir(), cipher: osCipher() })
    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    store.recordMatch('ringcx', 'hs_main', new Date(NOW.getTime() + 5000))
    store.recordMatch('ringcx', 'hs_main', NOW)
    expect(store.find('ringcx', 'hs_main', NOW)?.lastMatchedAt).toBe(new Date(NOW.getTime() + 5000).toISOString())
  })

  it('marks keys unmatched for 30 days as removal candidates', () => {
    const added = { addedAt: NOW.toISOString(), lastMatchedAt: null }
    expect(isRemovalCandidate(added, new Date(NOW.getTime() + 30 * DAY_MS - 1))).toBe(false)
    expect(isRemovalCandidate(added, new Date(NOW.getTime() + 30 * DAY_MS))).toBe(true)
    const matched = { addedAt: NOW.toISOString(), lastMatchedAt: new Date(NOW.getTime() + 20 * DAY_MS).toISOString() }
    expect(isRemovalCandidate(matched, new Date(NOW.getTime() + 40 * DAY_MS))).toBe(false)
    expect(isRemovalCandidate(matched, new Date(NOW.getTime() + 50 * DAY_MS))).toBe(true)
  })
})

describe('damaged key store files', () => {
  const validStore = (): string => JSON.stringify({ format: 'visitor-inspector/keystore', version: 1, revision: 1, keys: [] })
  it.each([
    ['empty', ''],
    ['truncated', validStore().slice(0, 30)],
    ['garbage', '\u0000\u0001binary\uFFFDjunk'],
    ['wrong schema version', JSON.stringify({ format: 'visitor-inspector/keystore', version: 2, revision: 1, keys: [] })],
    ['another program\'s JSON', JSON.stringify({ keys: [] })],
    ['an entry with an unknown member', JSON.stringify({ format: 'visitor-inspector/keystore', version: 1, revision: 1, keys: [{ scheme: 'ringcx', kid: 'k', alg: 'HS256', fingerprint: 'secret:AAAAAAAAAAAAAAAAAAAAAA', label: '', sourceFile: null, addedAt: NOW.toISOString(), lastMatchedAt: null, matchCount: 0, secret: { storage: 'plain', value: HS_SECRET }, extra: 1 }] })],
    ['a plain secret that is not one', JSON.stringify({ format: 'visitor-inspector/keystore', version: 1, revision: 1, keys: [{ scheme: 'ringcx', kid: 'k', alg: 'HS256', fingerprint: 'secret:AAAAAAAAAAAAAAAAAAAAAA', label: '', sourceFile: null, addedAt: NOW.toISOString(), lastMatchedAt: null, matchCount: 0, secret: { storage: 'plain', value: 'short' } }] })],
  ])('quarantines a store that is %s, starts empty and says where it went', async (_name, content) => {
    const dir = await tempDir()
    await writeFile(join(dir, 'keystore.json'), content)
    const original = await readFile(join(dir, 'keystore.json'))
    const store = await openKeyStore({ dir, cipher: osCipher(), now: () => NOW })
    const status = store.status()
    expect(status.keyCount).toBe(0)
    expect(status.quarantine?.movedTo).toBe(join(dir, 'keystore.json.corrupt-2026-06-01T12-00-00-000Z'))
    expect(status.quarantine?.reason.length).toBeGreaterThan(0)
    expect(await readFile(status.quarantine?.movedTo ?? '')).toEqual(original)

    await store.addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    expect((await readdir(dir)).sort()).toEqual(['keystore.json', 'keystore.json.corrupt-2026-06-01T12-00-00-000Z'])
  })

  it('removes temp files left by a killed write when it opens', async () => {
    const dir = await tempDir()
    await (await openKeyStore({ dir, cipher: osCipher() })).addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    await writeFile(join(dir, 'keystore.json.3141592653'), '{"format":"visitor-inspector/keys')
    await openKeyStore({ dir, cipher: osCipher() })
    expect(await readdir(dir)).toEqual(['keystore.json'])
  })
})

describe('readPlainKeyStore (command line)', () => {
  it('reads a store with plain secrets without changing the folder', async () => {
    const dir = await tempDir()
    await (await openKeyStore({ dir, cipher: NO_OS_ENCRYPTION })).addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    await writeFile(join(dir, 'keystore.json.12345'), 'partial')
    const read = await readPlainKeyStore(dir)
    expect(read.kind === 'loaded' && read.keys.map((key) => key.material.kid)).toEqual(['hs_main', 'rsa_main', 'rox_main'])
    expect((await readdir(dir)).sort()).toEqual(['keystore.json', 'keystore.json.12345'])
  })

  it('says when secrets are OS-encrypted', async () => {
    const dir = await tempDir()
    await (await openKeyStore({ dir, cipher: osCipher() })).addKeys(await newKeys(MANIFEST), { replace: false, now: NOW })
    expect(await readPlainKeyStore(dir)).toEqual({ kind: 'os-encrypted', count: 2 })
  })

  it('reports a missing or damaged store without moving it', async () => {
    const dir = await tempDir()
    expect((await readPlainKeyStore(dir)).kind).toBe('missing')
    await writeFile(join(dir, 'keystore.json'), '{')
    expect((await readPlainKeyStore(dir)).kind).toBe('damaged')
    expect(await readdir(dir)).toEqual(['keystore.json'])
  })
})
