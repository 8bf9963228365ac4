import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../electron/common/settings'
import { DEFAULT_APP_SETTINGS } from '../../electron/shared/app-settings'
import { openSettingsStore, resolveSettingsUpdate } from '../../electron/main/settings-store'
import { NOW, tempDir } from './helpers'

describe('settings store', () => {
  it('starts with the defaults and without a file', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dir })
    expect(store.get()).toEqual({ inspection: DEFAULT_SETTINGS, qaTools: false, theme: 'system', tokensFile: null })
    expect(store.status()).toEqual({ quarantine: null, writable: true, problem: null })
    expect(await readdir(dir)).toEqual([])
  })

  it('saves a valid update and reads it back after a restart', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dir })
    const result = await store.update({
      inspection: { ringcx: { minExpirySeconds: 7200, extraValueMappings: [{ key: 'account', target: 'custom:account', regex: '[0-9]{6}' }] }, roxchat: { hashAlgorithm: 'sha256' } },
      qaTools: true,
      theme: 'dark',
    })
    expect(result.saved).toBe(true)
    const reopened = await openSettingsStore({ dir })
    expect(reopened.get()).toEqual(result.saved ? result.settings : null)
    expect(reopened.get().inspection.ringcx).toMatchObject({ minExpirySeconds: 7200, signedIdentities: 'require', clockToleranceSeconds: 10 })
    expect(reopened.get().inspection.roxchat.hashAlgorithm).toBe('sha256')
    if (process.platform !== 'win32') expect((await stat(join(dir, 'settings.json'))).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ format: 'visitor-inspector/settings', version: 1, qaTools: true, theme: 'dark' })
  })

  it('merges a partial update over the current settings', async () => {
    const store = await openSettingsStore({ dir: await tempDir() })
    await store.update({ inspection: { ringcx: { signedIdentities: 'reject' } } })
    await store.update({ inspection: { ringcx: { clockToleranceSeconds: 30 } }, theme: 'light' })
    expect(store.get().inspection.ringcx).toMatchObject({ signedIdentities: 'reject', clockToleranceSeconds: 30 })
    expect(store.get()).toMatchObject({ theme: 'light', qaTools: false })
  })

  it('refuses invalid values field by field and changes nothing', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dir })
    const result = await store.update({
      inspection: { ringcx: { signedIdentities: 'both', minExpirySeconds: -1 }, roxchat: { priorityOrder: ['fields'] }, other: 1 },
      qaTools: 'yes',
      theme: 'neon',
    })
    expect(result.saved).toBe(false)
    expect(result.saved ? [] : result.problems.map((problem) => [problem.path, problem.code])).toEqual([
      ['inspection.other', 'settings-unknown-member'],
      ['inspection.ringcx.signedIdentities', 'settings-bad-value'],
      ['inspection.ringcx.minExpirySeconds', 'settings-bad-value'],
      ['inspection.roxchat.priorityOrder', 'settings-bad-value'],
      ['qaTools', 'settings-bad-value'],
      ['theme', 'settings-bad-value'],
    ])
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS)
    expect(await readdir(dir)).toEqual([])
  })

  it('names the inspection member when it is not an object', () => {
    const result = resolveSettingsUpdate(DEFAULT_APP_SETTINGS, { inspection: 'strict' })
    expect(result.ok ? [] : result.problems.map((problem) => [problem.path, problem.code])).toEqual([['inspection', 'settings-not-object']])
  })

  it('keeps a token table path, absolute only, and clears it with null', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dir })
    const tokens = join(dir, 'tokens.json')
    expect((await store.update({ tokensFile: tokens })).saved).toBe(true)
    expect((await openSettingsStore({ dir })).get().tokensFile).toBe(tokens)
    for (const bad of ['tokens.json', 42, `${tokens}\0x`, `/${'a'.repeat(5000)}`]) {
      const result = await store.update({ tokensFile: bad })
      expect(result.saved ? [] : result.problems.map((problem) => [problem.path, problem.code])).toEqual([['tokensFile', 'settings-bad-value']])
    }
    expect((await store.update({ tokensFile: null })).saved).toBe(true)
    expect(store.get().tokensFile).toBeNull()
  })

  it('accepts a hand-written file that leaves members out', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ format: 'visitor-inspector/settings', version: 1, theme: 'dark' }))
    const store = await openSettingsStore({ dir })
    expect(store.get()).toEqual({ ...DEFAULT_APP_SETTINGS, theme: 'dark' })
    expect(store.status().quarantine).toBeNull()
  })
})

describe('damaged settings files', () => {
  const valid = JSON.stringify({ format: 'visitor-inspector/settings', version: 1, inspection: DEFAULT_SETTINGS, qaTools: false, theme: 'system' })
  it.each([
    ['empty', ''],
    ['truncated', valid.slice(0, valid.length / 2)],
    ['garbage', Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff])],
    ['wrong schema version', valid.replace('"version":1', '"version":7')],
    ['invalid inside', valid.replace('"theme":"system"', '"theme":"purple"')],
  ])('quarantines a %s file, keeps its bytes and starts with the defaults', async (_name, content) => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), content)
    const original = await readFile(join(dir, 'settings.json'))
    const store = await openSettingsStore({ dir, now: () => NOW })
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS)
    const movedTo = join(dir, 'settings.json.corrupt-2026-06-01T12-00-00-000Z')
    expect(store.status()).toEqual({ quarantine: { movedTo, reason: expect.any(String) }, writable: true, problem: null })
    expect(await readFile(movedTo)).toEqual(original)
    expect((await store.update({ theme: 'dark' })).saved).toBe(true)
  })

  it('removes temp files left by a killed write', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json.987654'), '{')
    await openSettingsStore({ dir })
    expect(await readdir(dir)).toEqual([])
  })
})
