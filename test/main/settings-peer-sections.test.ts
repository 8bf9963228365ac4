/**
 * Main judges the sections the Settings view lays out from a vendor's form exactly as it judges
 * the settings file: the renderer's copy of the rules is never trusted. Wrong, huge and
 * control-character values are refused by path and change nothing.
 */
import { describe, expect, it } from 'vitest'
import { openSettingsStore } from '../../electron/main/settings-store'
import { tempDir } from './helpers'

describe('the peer vendors\' settings through the settings store', () => {
  it('saves Intercom\'s platform, Zendesk\'s key IDs and Chatwoot\'s enforcement and reads them back', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dir })
    const result = await store.update({ inspection: { intercom: { platform: 'ios' }, zendesk: { keyIds: ['app_1', 'app_2'] }, chatwoot: { enforceIdentityValidation: true } } })
    expect(result.saved).toBe(true)
    const reopened = await openSettingsStore({ dir })
    expect(reopened.get().inspection).toMatchObject({ intercom: { platform: 'ios' }, zendesk: { keyIds: ['app_1', 'app_2'] }, chatwoot: { enforceIdentityValidation: true } })
  })

  it.each([
    ['a platform with a control character', { intercom: { platform: 'ios\u0000' } }, 'inspection.intercom.platform'],
    ['a huge platform', { intercom: { platform: 'i'.repeat(100_000) } }, 'inspection.intercom.platform'],
    ['a key ID with a control character', { zendesk: { keyIds: ['app\u0007'] } }, 'inspection.zendesk.keyIds'],
    ['eleven key IDs', { zendesk: { keyIds: Array.from({ length: 11 }, (_, index) => `k${index}`) } }, 'inspection.zendesk.keyIds'],
    ['a key ID that is not text', { zendesk: { keyIds: [7] } }, 'inspection.zendesk.keyIds'],
    ['enforcement as text', { chatwoot: { enforceIdentityValidation: 'true' } }, 'inspection.chatwoot.enforceIdentityValidation'],
    ['a member the section lacks', { crisp: { secret: 'x' } }, 'inspection.crisp.secret'],
  ])('refuses %s by its path and changes nothing', async (_what, inspection, path) => {
    const store = await openSettingsStore({ dir: await tempDir() })
    const before = store.get()
    const result = await store.update({ inspection })
    expect(result.saved).toBe(false)
    expect(result.saved ? [] : result.problems.map((problem) => problem.path)).toEqual([path])
    expect(store.get()).toEqual(before)
  })
})
