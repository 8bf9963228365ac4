import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import SettingsView from '../../src/views/SettingsView.vue'
import { useSettingsStore } from '../../src/stores/settings'
import { installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_SETTINGS } from './fixtures'
import { spokenText } from './spoken-text'

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

function inputLabelled(wrapper: Awaited<ReturnType<typeof mountSettings>>, label: string) {
  const element = wrapper.findAll('label').find((candidate) => candidate.text().startsWith(label))
  const id = element?.attributes('for')
  if (id === undefined) throw new Error(`no control labelled ${label}`)
  return wrapper.get(`[id="${id}"]`)
}

const saveButton = (wrapper: Awaited<ReturnType<typeof mountSettings>>) => wrapper.findAll('button').find((button) => button.text() === 'Save settings')

describe('SettingsView', () => {
  it('names the default next to each setting', async () => {
    const wrapper = await mountSettings()
    const text = wrapper.text()
    expect(text).toContain('Default: Require JWT-signed identities.')
    expect(text).toContain('Default: 3600 (1 hour).')
    expect(text).toContain('Default: 10.')
    expect(text).toContain('Default: HMAC-SHA256.')
    expect(text).toContain('Default: Provided by website, then Recognised by service, then Entered by agent.')
    expect(text).toContain('Default: off.')
    expect(text).toContain('Default: follow the system.')
  })

  it('reads the minimum expiry back in hours as a sentence of its own', async () => {
    const wrapper = await mountSettings()
    const input = inputLabelled(wrapper, 'Minimum time left on a token')
    await input.setValue('3600')
    const hint = wrapper.get(`[id="${input.attributes('aria-describedby')?.split(' ')[1] ?? ''}"]`)
    expect(wrapper.get('[data-test="min-expiry-reading"]').text()).toBe('That is 1 hour.')
    expect(hint.text().replace(/\s+/g, ' ')).toMatch(/^That is 1 hour\. A token must expire at least this far ahead, up to 365 days\./)
    await input.setValue('90061')
    expect(wrapper.get('[data-test="min-expiry-reading"]').text()).toBe('That is 1 day, 1 hour, 1 minute.')
    await input.setValue('abc')
    expect(wrapper.find('[data-test="min-expiry-reading"]').exists()).toBe(false)
  })

  it('shows a bad minimum expiry next to its field as it is typed, in the form’s own terms', async () => {
    const wrapper = await mountSettings()
    const input = inputLabelled(wrapper, 'Minimum time left on a token')
    await input.setValue('12a')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-test="problem-ringcx.minExpirySeconds"]').text()).toBe('Type a whole number of seconds, with digits only.')
    expect(spokenText(wrapper.get('.settings-actions__status'))).toBe('Fix 1 problem before saving.')
    await input.setValue('40000000')
    expect(wrapper.get('[data-test="problem-ringcx.minExpirySeconds"]').text()).toBe('Too long: the limit is 365 days (31,536,000 seconds).')
    expect(wrapper.text()).not.toContain('from 0 to')

    await input.setValue('7200')
    expect(wrapper.get('[data-test="problem-ringcx.minExpirySeconds"]').text()).toBe('')
    expect(saveButton(wrapper)?.attributes('disabled')).toBeUndefined()
  })

  it('saves nothing with problems: Save shows them and moves focus to the first one', async () => {
    const wrapper = await mountSettings()
    const tolerance = inputLabelled(wrapper, 'Clock tolerance')
    await tolerance.setValue('soon')
    expect(saveButton(wrapper)?.attributes('disabled')).toBeUndefined()
    await saveButton(wrapper)?.trigger('click')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(bridge.settingsUpdate).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(tolerance.element)
    expect(spokenText(wrapper.get('.settings-actions__status'))).toBe('Fix 1 problem before saving: the first one has focus.')
  })

  it('checks an identity target against the RingCX attributes, and suggests the one meant', async () => {
    const wrapper = await mountSettings()
    const kinds = wrapper.findAll('select[aria-label$="target kind"]')
    await kinds[0]?.setValue('identity')
    const name = wrapper.get('input[aria-label="Mapping 1: target field name"]')
    await name.setValue('frstname')
    expect(name.attributes('aria-invalid')).toBe('true')
    const problem = wrapper.get(`[id="${name.attributes('aria-describedby')}"]`)
    expect(problem.text()).toContain('“frstname” is not a RingCX identity attribute. Did you mean “firstname”?')
    await name.setValue('firstname')
    expect(name.attributes('aria-invalid')).toBe('false')
  })

  it('shows a bad mapping pattern next to it, and the tester says the pattern is invalid', async () => {
    const wrapper = await mountSettings()
    const pattern = inputLabelled(wrapper, 'Pattern')
    await pattern.setValue('([0-9]{6}')
    expect(pattern.attributes('aria-invalid')).toBe('true')
    const problem = wrapper.get(`[id="${pattern.attributes('aria-describedby')}"]`)
    expect(problem.text()).toContain('not a valid regular expression')

    await inputLabelled(wrapper, 'Test a value').setValue('004217')
    expect(spokenText(wrapper.get('[data-test="regex-result"]'))).toBe('Invalid pattern: fix it to test values.')
  })

  it('tests a value against a mapping’s pattern live', async () => {
    const wrapper = await mountSettings()
    const tester = inputLabelled(wrapper, 'Test a value')
    const result = () => spokenText(wrapper.get('[data-test="regex-result"]'))
    await tester.setValue('004217')
    expect(result()).toBe('Match: this value would be mapped.')
    await tester.setValue('4217')
    expect(result()).toBe('No match: this value would stay unmapped, with a warning.')
  })

  it('answers at once for a catastrophic pattern and a long near-miss value (no backtracking engine on this thread)', async () => {
    const wrapper = await mountSettings()
    const pattern = inputLabelled(wrapper, 'Pattern')
    const tester = inputLabelled(wrapper, 'Test a value')
    const result = () => spokenText(wrapper.get('[data-test="regex-result"]'))
    await pattern.setValue('(a+)+$')
    expect(pattern.attributes('aria-invalid')).toBe('false')
    await tester.setValue(`${'a'.repeat(40)}!`)
    expect(result()).toBe('No match: this value would stay unmapped, with a warning.')
    await tester.setValue('a'.repeat(999))
    expect(result()).toBe('Match: this value would be mapped.')
    expect(saveButton(wrapper)?.attributes('disabled')).toBeUndefined()
  })

  it('refuses a pattern with a backreference next to it, saying why, and keeps Save off', async () => {
    const wrapper = await mountSettings()
    const pattern = inputLabelled(wrapper, 'Pattern')
    await pattern.setValue('(a)\\1')
    expect(pattern.attributes('aria-invalid')).toBe('true')
    const problem = wrapper.get(`[id="${pattern.attributes('aria-describedby')}"]`)
    expect(problem.text()).toMatch(/^Uses a backreference .*linear time/)
    await inputLabelled(wrapper, 'Test a value').setValue('aa')
    expect(spokenText(wrapper.get('[data-test="regex-result"]'))).toBe('Invalid pattern: fix it to test values.')
  })

  it('reorders the Rox.Chat priority with the keyboard buttons and saves the new order', async () => {
    const wrapper = await mountSettings()
    const labels = () => wrapper.findAll('.priority__label').map((label) => label.text())
    expect(labels()).toEqual(['Provided by website', 'Recognised by service', 'Entered by agent'])
    expect(wrapper.get('button[aria-label="Move Provided by website up"]').attributes('disabled')).toBeDefined()

    await wrapper.get('button[aria-label="Move Entered by agent up"]').trigger('click')
    expect(labels()).toEqual(['Provided by website', 'Entered by agent', 'Recognised by service'])
    await wrapper.get('button[aria-label="Move Provided by website down"]').trigger('click')
    expect(labels()).toEqual(['Entered by agent', 'Provided by website', 'Recognised by service'])
    expect(wrapper.text()).toContain('Provided by website moved to position 2 of 3.')

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const update = bridge.settingsUpdate.mock.calls[0]?.[0] as { inspection: typeof DEMO_SETTINGS.inspection }
    expect(update.inspection.roxchat.priorityOrder).toEqual(['opFields', 'providedFields', 'fields'])
  })

  it('reorders the priority by dragging a row onto another', async () => {
    const wrapper = await mountSettings()
    const items = wrapper.findAll('.priority__item')
    await items[2]?.trigger('dragstart')
    await items[0]?.trigger('drop')
    expect(wrapper.findAll('.priority__label').map((label) => label.text())).toEqual(['Entered by agent', 'Provided by website', 'Recognised by service'])
  })

  it('shows the problems main returns next to their fields', async () => {
    bridge.settingsUpdate.mockImplementationOnce(() => ok({
      saved: false as const,
      problems: [{ path: 'inspection.ringcx.clockToleranceSeconds', code: 'settings-bad-value' as const, message: 'inspection.ringcx.clockToleranceSeconds must be a whole number of seconds from 0 to 86400' }],
    }))
    const wrapper = await mountSettings()
    await inputLabelled(wrapper, 'Clock tolerance').setValue('20')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-test="problem-ringcx.clockToleranceSeconds"]').text()).toBe('Type a whole number of seconds, up to 1 day.')
    expect(spokenText(wrapper.get('.settings-actions__status'))).toBe('The settings were not saved: see the problems above.')
  })

  it('adds and removes an extra-value mapping', async () => {
    const wrapper = await mountSettings()
    expect(wrapper.findAll('fieldset.mapping')).toHaveLength(2)
    await wrapper.findAll('button').find((button) => button.text() === '+ Add mapping')?.trigger('click')
    expect(wrapper.findAll('fieldset.mapping')).toHaveLength(3)
    // A new empty mapping is not valid yet, but shows no red before anything is typed in it...
    expect(wrapper.text()).not.toContain('Must be an extra value name without spaces')
    expect(wrapper.findAll('fieldset.mapping')[2]?.findAll('[aria-invalid="true"]')).toHaveLength(0)
    // ...until something is typed, or Save is pressed.
    await wrapper.findAll('fieldset.mapping')[2]?.get('input[placeholder="account_number"]').setValue('x y')
    expect(wrapper.text()).toContain('Must be an extra value name without spaces')
    await wrapper.findAll('button').find((button) => button.text() === 'Remove mapping 3')?.trigger('click')
    expect(wrapper.findAll('fieldset.mapping')).toHaveLength(2)
  })
})

describe('SettingsView, Rox.Chat token table', () => {
  const chosen = { file: '/home/qa/tokens.json', tokenCount: 12, problem: null }

  it('chooses a token table through main’s dialog at once, keeping unsaved edits', async () => {
    bridge.tokensChoose.mockImplementation(() => ok(chosen))
    const wrapper = await mountSettings()
    const section = wrapper.get('[data-test="token-table"]')
    expect(section.text()).toContain('None: a visitor identified by an auth token is reported as not found.')
    await inputLabelled(wrapper, 'Minimum time left on a token').setValue('7200')

    await section.findAll('button').find((button) => button.text() === 'Choose file…')?.trigger('click')
    await flushPromises()
    expect(bridge.tokensChoose).toHaveBeenCalledWith()
    expect(section.text()).toContain('/home/qa/tokens.json — 12 tokens')
    expect(useSettingsStore().settings?.tokensFile).toBe('/home/qa/tokens.json')
    expect((inputLabelled(wrapper, 'Minimum time left on a token').element as HTMLInputElement).value).toBe('7200')
    expect(bridge.settingsUpdate).not.toHaveBeenCalled()

    await section.findAll('button').find((button) => button.text() === 'Stop using it')?.trigger('click')
    await flushPromises()
    expect(bridge.tokensClear).toHaveBeenCalledTimes(1)
    expect(section.text()).toContain('None:')
  })

  it('says why a chosen file is refused, and why a configured one cannot be read', async () => {
    bridge.tokensChoose.mockImplementation(() => Promise.resolve({ ok: false as const, code: 'token-table-invalid' as const, message: 'token table /tmp/x.json: the token table is not valid JSON' }))
    bridge.tokensStatus.mockImplementation(() => ok({ file: '/home/qa/gone.json', tokenCount: null, problem: 'token table /home/qa/gone.json: no such file' }))
    const wrapper = await mountSettings()
    expect(wrapper.get('[data-test="token-table"] [role="alert"]').text()).toBe('token table /home/qa/gone.json: no such file')
    await wrapper.findAll('button').find((button) => button.text() === 'Choose another file…')?.trigger('click')
    await flushPromises()
    const problem = wrapper.findAll('[role="alert"]').find((alert) => alert.text().includes('token-table-invalid'))
    expect(problem?.text()).toContain('The file is not a token table')
  })
})
