/**
 * The Settings view's generic sections: every scheme whose settings section describes a form is
 * edited from that description (Intercom's platform, Zendesk's key IDs, Chatwoot's enforcement),
 * judged by the section's own reader as typed, and saved through the settings bridge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import SettingsView from '../../src/views/SettingsView.vue'
import { useSettingsStore } from '../../src/stores/settings'
import { registerVocabulary, VOCABULARIES } from '../../electron/common/schemes'
import type { SchemeVocabulary } from '../../electron/common/scheme-vocabulary'
import type { SettingsSection } from '../../electron/common/settings-kit'
import { installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_SETTINGS } from './fixtures'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
})

async function mountSettings() {
  await useSettingsStore().load()
  const wrapper = mount(SettingsView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
type Wrapper = Awaited<ReturnType<typeof mountSettings>>

const section = (wrapper: Wrapper, id: string) => wrapper.get(`[data-test="settings-section-${id}"]`)
const saveButton = (wrapper: Wrapper) => wrapper.findAll('button').find((button) => button.text() === 'Save settings')

async function submit(wrapper: Wrapper): Promise<void> {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

function lastUpdate(): Record<string, Record<string, unknown>> {
  const calls = bridge.settingsUpdate.mock.calls
  return (calls[calls.length - 1]?.[0] as { inspection: Record<string, Record<string, unknown>> }).inspection
}

describe('generic settings sections', () => {
  it('shows a section for each scheme with settings to edit, named by its vocabulary, and none for those without', async () => {
    const wrapper = await mountSettings()
    const legends = wrapper.findAll('[data-test^="settings-section-"] > legend').map((legend) => legend.text())
    expect(legends).toEqual([VOCABULARIES.intercom.name, VOCABULARIES.zendesk.name, VOCABULARIES.chatwoot.name])
    expect(wrapper.find('[data-test="settings-section-crisp"]').exists()).toBe(false)
    expect(section(wrapper, 'intercom').text()).toContain('Default: web.')
  })

  it('saves the Intercom platform chosen, keeping the other sections as they were saved', async () => {
    bridge.settingsGet.mockImplementation(() => ok({
      ...DEMO_SETTINGS,
      inspection: { ...DEMO_SETTINGS.inspection, zendesk: { keyIds: ['app_1', 'app_2'] }, chatwoot: { enforceIdentityValidation: true } },
    }))
    const wrapper = await mountSettings()
    const ios = section(wrapper, 'intercom').findAll('input[type="radio"]').find((input) => (input.element as HTMLInputElement).value === 'ios')
    expect((section(wrapper, 'zendesk').get('textarea').element as HTMLTextAreaElement).value).toBe('app_1\napp_2')
    expect(saveButton(wrapper)?.attributes('disabled')).toBeDefined()
    await ios?.setValue(true)
    expect(saveButton(wrapper)?.attributes('disabled')).toBeUndefined()
    await submit(wrapper)
    const inspection = lastUpdate()
    expect(inspection['intercom']).toEqual({ platform: 'ios' })
    expect(inspection['zendesk']).toEqual({ keyIds: ['app_1', 'app_2'] })
    expect(inspection['chatwoot']).toEqual({ enforceIdentityValidation: true })
  })

  it('turns a switch and a list typed one a line into the section’s values', async () => {
    const wrapper = await mountSettings()
    await section(wrapper, 'chatwoot').get('input[type="checkbox"]').setValue(true)
    await section(wrapper, 'zendesk').get('textarea').setValue('  app_a \n\napp_b\n')
    await submit(wrapper)
    expect(lastUpdate()['chatwoot']).toEqual({ enforceIdentityValidation: true })
    expect(lastUpdate()['zendesk']).toEqual({ keyIds: ['app_a', 'app_b'] })
  })

  it.each([
    ['a control character', 'app_1\napp\u0007bell'],
    ['a huge entry', 'k'.repeat(200_000)],
    ['more entries than Zendesk keeps', Array.from({ length: 11 }, (_, index) => `app_${index}`).join('\n')],
    ['the same key ID twice', 'app_1\napp_1'],
  ])('refuses %s in the Zendesk key IDs next to the field, and saves nothing', async (_what, typed) => {
    const wrapper = await mountSettings()
    const textarea = section(wrapper, 'zendesk').get('textarea')
    await textarea.setValue(typed)
    expect(textarea.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-test="problem-zendesk.keyIds"]').text()).toMatch(/at most 10 different key IDs/)
    await submit(wrapper)
    expect(bridge.settingsUpdate).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(textarea.element)
  })

  it('shows a problem main returns at a generic member’s path next to it', async () => {
    bridge.settingsUpdate.mockImplementationOnce(() => ok({
      saved: false as const,
      problems: [{ path: 'inspection.intercom.platform', code: 'settings-bad-value' as const, message: 'inspection.intercom.platform must be one of web, ios, android' }],
    }))
    const wrapper = await mountSettings()
    await section(wrapper, 'chatwoot').get('input[type="checkbox"]').setValue(true)
    await submit(wrapper)
    expect(wrapper.get('[data-test="problem-intercom.platform"]').text()).toBe('Must be one of web, ios, android.')
  })

  it('restores the defaults of the generic sections too', async () => {
    bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, inspection: { ...DEMO_SETTINGS.inspection, intercom: { platform: 'android' } } }))
    const wrapper = await mountSettings()
    const checked = () => section(wrapper, 'intercom').findAll('input[type="radio"]').filter((input) => (input.element as HTMLInputElement).checked).map((input) => (input.element as HTMLInputElement).value)
    expect(checked()).toEqual(['android'])
    await wrapper.findAll('button').find((button) => button.text() === 'Restore defaults')?.trigger('click')
    expect(checked()).toEqual(['web'])
  })

  it('shows a registered scheme’s names and words as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.hacked=1">'
    const settings: SettingsSection<{ mode: 'a' | 'b'; seconds: number }> = {
      defaults: { mode: 'a', seconds: 5 },
      read: (_input, base) => base,
      form: {
        mode: { kind: 'one-of', label: `Mode ${hostile}`, help: hostile, choices: { a: { label: hostile }, b: { label: 'B' } } },
        seconds: { kind: 'whole-seconds', label: 'Wait', help: 'How long.', max: 86_400 },
      },
    }
    const remove = registerVocabulary({ id: 'hostile-scheme', name: `Acme ${hostile}`, settings } as unknown as SchemeVocabulary)
    try {
      const wrapper = await mountSettings()
      const box = section(wrapper, 'hostile-scheme')
      expect(box.get('legend').text()).toBe(`Acme ${hostile}`)
      expect(box.text()).toContain('Up to 1 day.')
      expect(wrapper.find('img').exists()).toBe(false)
    } finally {
      remove()
    }
  })
})
