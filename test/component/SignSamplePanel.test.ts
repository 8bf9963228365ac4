import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import SignSamplePanel from '../../src/components/SignSamplePanel.vue'
import { useInspectionStore } from '../../src/stores/inspection'
import { useKeysStore } from '../../src/stores/keys'
import { useSettingsStore } from '../../src/stores/settings'
import { useUiStore } from '../../src/stores/ui'
import { failure, installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_SETTINGS, signedSample } from './fixtures'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
  bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, qaTools: true }))
})

async function mountPanel() {
  await Promise.all([useKeysStore().refresh(), useSettingsStore().load()])
  const wrapper = mount(SignSamplePanel, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

type Wrapper = Awaited<ReturnType<typeof mountPanel>>

function control(wrapper: Wrapper, label: string) {
  const element = wrapper.findAll('label').find((candidate) => spokenText(candidate).startsWith(label))
  const id = element?.attributes('for')
  if (id !== undefined) return wrapper.get(`[id="${id}"]`)
  const input = element?.find('input')
  if (input === undefined || !input.exists()) throw new Error(`no control labelled ${label}`)
  return input
}

const button = (wrapper: Wrapper, name: string) => {
  const found = wrapper.findAll('button').find((candidate) => spokenText(candidate).startsWith(name))
  if (found === undefined) throw new Error(`no button ${name}`)
  return found
}

async function sign(wrapper: Wrapper): Promise<void> {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

describe('SignSamplePanel', () => {
  it('signs a RingCX sample with a stored HS256 key from identity fields and extra values', async () => {
    const wrapper = await mountPanel()
    expect((control(wrapper, 'Key ID').element as HTMLSelectElement).value).toBe('hs_demo')
    await control(wrapper, 'UUID').setValue('qa-7')
    await control(wrapper, 'Email').setValue('qa@example.com')
    await control(wrapper, 'Extra values').setValue('plan=gold\naccount_number = 004217\n')
    await control(wrapper, 'Expires (exp)').setValue('+3h')
    await sign(wrapper)
    expect(bridge.qaSignSample).toHaveBeenCalledWith({
      scheme: 'ringcx',
      kid: 'hs_demo',
      claims: { uuid: 'qa-7', firstname: 'QA', email: 'qa@example.com', extra_values: { plan: 'gold', account_number: '004217' } },
      exp: '+3h',
    })
    const result = wrapper.get('[data-test="signed-sample"]')
    expect(spokenText(result.get('.signed__verdict'))).toBe('ringcx-hs_demo-verified.sample.json: Verified, RingCX — expectation recorded and met')
    expect(result.get('pre').text()).toContain('"expect"')
  })

  it('saves the sample through main’s save dialog and opens it in the Inspector', async () => {
    bridge.qaSaveSample.mockImplementation(() => ok({ fileName: 'chosen.sample.json' }))
    const wrapper = await mountPanel()
    await sign(wrapper)
    await button(wrapper, 'Save…').trigger('click')
    await flushPromises()
    const sample = signedSample()
    expect(bridge.qaSaveSample).toHaveBeenCalledWith({ text: sample.text, fileName: sample.fileName })
    expect(wrapper.text()).toContain('Saved as chosen.sample.json.')

    await button(wrapper, 'Open in Inspector').trigger('click')
    expect(useUiStore().view).toBe('inspector')
    expect(useInspectionStore().text).toBe(sample.text)
    expect(useInspectionStore().current?.expectation).toEqual({ met: true, mismatches: [] })
    expect(useInspectionStore().origin).toEqual({ kind: 'file', fileName: sample.fileName, demo: false })
  })

  it('signs RS256 only with a private key file picked in main, naming the Key ID', async () => {
    const wrapper = await mountPanel()
    await control(wrapper, 'RS256 private key file').setValue(true)
    await sign(wrapper)
    expect(bridge.qaSignSample).not.toHaveBeenCalled()
    expect(wrapper.get('[data-test="sign-problems"]').text()).toContain('Choose the RSA private key file to sign with.')

    bridge.qaPickSigningKey.mockImplementation(() => ok({ handle: 'HANDLEhandle0123456789AB', fileName: 'private.pem', fingerprint: 'rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q', bits: 2048 }))
    await button(wrapper, 'Choose private key file…').trigger('click')
    await flushPromises()
    expect(spokenText(wrapper.get('[data-test="picked-key"]'))).toBe('private.pem · 2048-bit · rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q')
    await control(wrapper, 'Key ID in the token header').setValue('rsa_demo')
    await sign(wrapper)
    expect(bridge.qaSignSample).toHaveBeenCalledWith({
      scheme: 'ringcx',
      kid: 'rsa_demo',
      privateKeyHandle: 'HANDLEhandle0123456789AB',
      claims: { uuid: 'qa-visitor-1', firstname: 'QA' },
      exp: '+2h',
    })
  })

  it('takes claims as JSON, and says what is wrong with it without asking main', async () => {
    const wrapper = await mountPanel()
    await control(wrapper, 'JSON').setValue(true)
    await control(wrapper, 'Claims JSON').setValue('["not", "an", "object"]')
    await sign(wrapper)
    expect(wrapper.get('[data-test="sign-problems"]').text()).toBe('Claims JSON must be one object, like {"uuid": "…"}.')
    await control(wrapper, 'Claims JSON').setValue('{"uuid": "u-1", "extra_values": {"tier": 2}}')
    await sign(wrapper)
    expect(bridge.qaSignSample).toHaveBeenCalledWith({ scheme: 'ringcx', kid: 'hs_demo', claims: { uuid: 'u-1', extra_values: { tier: 2 } }, exp: '+2h' })
  })

  it('signs a Rox.Chat visitor with fields, no expiry and a chosen algorithm', async () => {
    const wrapper = await mountPanel()
    await control(wrapper, 'Rox.Chat').setValue(true)
    const algorithm = control(wrapper, 'Hash algorithm')
    expect(algorithm.findAll('option')[0]?.text()).toBe('As in Settings (HMAC-SHA256)')
    await control(wrapper, 'Fields').setValue('id=42\ndisplay_name=Rita Q')
    await control(wrapper, 'Expires').setValue('')
    await algorithm.setValue('sha512')
    await sign(wrapper)
    expect(bridge.qaSignSample).toHaveBeenCalledWith({ scheme: 'roxchat', kid: 'rox_demo', fields: { id: '42', display_name: 'Rita Q' }, algorithm: 'sha512' })

    await control(wrapper, 'Fields').setValue('id=1\nno equals sign')
    await sign(wrapper)
    expect(wrapper.get('[data-test="sign-problems"]').text()).toBe('Fields, line 2: write name=value.')
    expect(bridge.qaSignSample).toHaveBeenCalledTimes(1)
  })

  it('shows main’s refusal in plain words with its code', async () => {
    bridge.qaSignSample.mockImplementation(() => failure('qa-tools-off', 'Signing samples is a QA tool: switch on QA tools in Settings first.'))
    const wrapper = await mountPanel()
    await sign(wrapper)
    const problem = wrapper.get('[role="alert"]')
    expect(problem.text()).toContain('Signing samples is a QA tool: switch on QA tools in Settings first.')
    expect(problem.text()).toContain('qa-tools-off')
    expect(wrapper.find('[data-test="signed-sample"]').exists()).toBe(false)
  })

  it('forgets a picked key that main no longer holds', async () => {
    bridge.qaPickSigningKey.mockImplementation(() => ok({ handle: 'HANDLEhandle0123456789AB', fileName: 'private.pem', fingerprint: 'rsa:x', bits: 2048 }))
    bridge.qaSignSample.mockImplementation(() => failure('signing-key-unusable', 'the private key file is no longer held: choose it again'))
    const wrapper = await mountPanel()
    await control(wrapper, 'RS256 private key file').setValue(true)
    await button(wrapper, 'Choose private key file…').trigger('click')
    await flushPromises()
    await control(wrapper, 'Key ID in the token header').setValue('rsa_demo')
    await sign(wrapper)
    expect(wrapper.get('[role="alert"]').text()).toContain('That key cannot sign a sample.')
    expect(wrapper.find('[data-test="picked-key"]').exists()).toBe(false)
  })
})
