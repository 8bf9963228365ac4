/**
 * The main process stays responsive with a catastrophic mapping pattern ("Trust the verdict",
 * item 7): a settings save and inspections go through the real services behind the real IPC
 * handlers (Electron mocked). On a backtracking engine the inspection below never returned,
 * freezing every window.
 */
import { ipcMain } from 'electron'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Channel } from '../../electron/shared/ipc-contract'
import { registerIpcHandlers, type SenderPolicy } from '../../electron/main/ipc'
import { openSettingsStore } from '../../electron/main/settings-store'
import { HS_SECRET, HS_SECRET_2, harness, hsToken, tempDir } from './helpers'

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }))

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>
const APP_WINDOW_ID = 3
const policy: SenderPolicy = { allowedOrigins: new Set(['app://renderer']), isAppWebContents: (id) => id === APP_WINDOW_ID }
const event = { sender: { id: APP_WINDOW_ID }, senderFrame: { url: 'app://renderer/index.html', parent: null } }

const CATASTROPHIC = [{ key: 'plan', target: 'custom:plan', regex: '(a+)+$' }]
const NEAR_MISS = `${'a'.repeat(40)}!`

/** The app's IPC handlers over services on real stores in a temp folder, called as the window would. */
async function window(): Promise<(channel: Channel, ...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; code?: string }>> {
  const { services } = await harness()
  vi.mocked(ipcMain.handle).mockClear()
  registerIpcHandlers(services, policy)
  const handlers = new Map(vi.mocked(ipcMain.handle).mock.calls.map(([channel, listener]) => [channel, listener as Listener]))
  await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
  return async (channel, ...args) => {
    const listener = handlers.get(channel)
    if (listener === undefined) throw new Error(`no handler for ${channel}`)
    return (await listener(event, ...args)) as { ok: boolean; value?: unknown; code?: string }
  }
}

interface InspectionView {
  verdict: string
  errors: { code: string }[]
  warnings: { code: string }[]
  unmapped: { name: string }[]
}

describe('a catastrophic mapping pattern through the services', () => {
  it('is saved, and the next inspections of verified and forged tokens return', async () => {
    const call = await window()
    const saved = await call('settings:update', { inspection: { ringcx: { extraValueMappings: CATASTROPHIC } } })
    expect(saved).toMatchObject({ ok: true, value: { saved: true } })

    const verified = await call('inspect:payload', { text: await hsToken(HS_SECRET, 'hs_main', { extra_values: { plan: NEAR_MISS } }) })
    expect(verified.ok).toBe(true)
    const inspection = verified.value as InspectionView
    expect(inspection.verdict).toBe('verified')
    expect(inspection.warnings.map((warning) => warning.code)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(inspection.unmapped.map((field) => field.name)).toEqual(['plan'])

    const forged = await call('inspect:payload', { text: await hsToken(HS_SECRET_2, 'hs_main', { extra_values: { plan: NEAR_MISS.repeat(20) } }) })
    expect((forged.value as InspectionView).errors.map((error) => error.code)).toEqual(['ringcx-jwt-bad-signature'])
  })

  it('in a sample file\'s own config is not run by the Inspector, which says the config was ignored', async () => {
    const call = await window()
    const sample = JSON.stringify({
      payload: await hsToken(HS_SECRET, 'hs_main', { extra_values: { plan: NEAR_MISS } }),
      config: { ringcx: { extraValueMappings: CATASTROPHIC } },
    })
    const result = await call('inspect:payload', { text: sample, fileName: 'sample.json' })
    expect((result.value as InspectionView).warnings.map((warning) => warning.code)).toEqual(['sample-settings-ignored'])
  })

  it('a pattern only a backtracking engine runs is not saved, with its code at its path', async () => {
    const call = await window()
    const refused = await call('settings:update', { inspection: { ringcx: { extraValueMappings: [{ key: 'plan', target: 'custom:plan', regex: '(a)\\1' }] } } })
    expect(refused.ok).toBe(true)
    const value = refused.value as { saved: boolean; problems: { path: string; code: string }[] }
    expect(value.saved).toBe(false)
    expect(value.problems.map((problem) => [problem.path, problem.code])).toEqual([['inspection.ringcx.extraValueMappings[0].regex', 'settings-pattern-unsupported']])
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { inspection: { ringcx: { extraValueMappings: [] } } } })
  })

  it('a settings file holding such a pattern (written by an older version) is moved aside, never run', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      format: 'visitor-inspector/settings',
      version: 1,
      inspection: { ringcx: { extraValueMappings: [{ key: 'plan', target: 'custom:plan', regex: '(?=a)a' }] } },
    }))
    const store = await openSettingsStore({ dir })
    expect(store.get().inspection.ringcx.extraValueMappings).toEqual([])
    expect(store.status().quarantine?.reason).toContain('lookahead')
  })
})
