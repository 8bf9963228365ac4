/**
 * The sign panel's generic form: every scheme with a sign request and no form of its own here is
 * signed from the members its vocabulary declares, with a stored key its key rules accept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import SignSamplePanel from '../../src/components/SignSamplePanel.vue'
import { useKeysStore } from '../../src/stores/keys'
import { useSettingsStore } from '../../src/stores/settings'
import { VOCABULARIES, vocabularies } from '../../electron/common/schemes'
import { installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_KEYS, DEMO_SETTINGS, storedKey } from './fixtures'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

const PEER_KEYS = [
  storedKey({ scheme: 'zendesk', kid: 'app_main', alg: 'secret', fingerprint: 'secret:z1' }),
  storedKey({ scheme: 'zendesk', kid: 'app_broken', alg: 'secret', fingerprint: 'secret:z2', unreadable: 'the secret cannot be decrypted' }),
  storedKey({ scheme: 'intercom', kid: 'ios', alg: 'secret', fingerprint: 'secret:i1' }),
  storedKey({ scheme: 'intercom', kid: 'web', alg: 'secret', fingerprint: 'secret:i2' }),
]

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
  bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, qaTools: true }))
  bridge.keysList.mockImplementation(() => ok([...DEMO_KEYS, ...PEER_KEYS]))
})

async function mountPanel() {
  await Promise.all([useKeysStore().refresh(), useSettingsStore().load()])
  const wrapper = mount(SignSamplePanel, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
type Wrapper = Awaited<ReturnType<typeof mountPanel>>

async function choose(wrapper: Wrapper, kind: string): Promise<void> {
  const label = wrapper.findAll('label.choice').find((candidate) => spokenText(candidate) === kind)
  if (label === undefined) throw new Error(`no kind ${kind}`)
  await label.get('input').setValue(true)
}

async function sign(wrapper: Wrapper): Promise<void> {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

const sentRequest = () => bridge.qaSignSample.mock.calls[bridge.qaSignSample.mock.calls.length - 1]?.[0]

describe('generic sign form', () => {
  it('offers every scheme with a sign request as a kind', async () => {
    const wrapper = await mountPanel()
    const kinds = wrapper.findAll('fieldset.field')[0]?.findAll('label.choice').map((label) => spokenText(label)) ?? []
    const signers = vocabularies().filter((vocabulary) => vocabulary.signRequest !== undefined).map((vocabulary) => vocabulary.name)
    expect([...kinds].sort()).toEqual([...signers].sort())
    expect(kinds).toContain(VOCABULARIES.zendesk.name)
  })

  it('signs a Zendesk sample with the stored key chosen, from name=value fields and the expiry', async () => {
    const wrapper = await mountPanel()
    await choose(wrapper, 'Zendesk')
    const options = wrapper.findAll('select option').map((option) => (option.element as HTMLOptionElement).value)
    expect(options).toEqual(['app_main'])
    await wrapper.get('[data-test="sign-member-fields"]').setValue('external_id=qa-9\nname=QA Nine\n\nemail = qa9@example.com')
    await wrapper.get('[data-test="sign-member-exp"]').setValue('+3h')
    await sign(wrapper)
    expect(sentRequest()).toEqual({
      scheme: 'zendesk',
      kid: 'app_main',
      fields: { external_id: 'qa-9', name: 'QA Nine', email: 'qa9@example.com' },
      exp: '+3h',
    })
  })

  it('leaves an optional member out when it is left empty, and sends a choice as picked', async () => {
    const wrapper = await mountPanel()
    await choose(wrapper, 'Intercom')
    await wrapper.get('select').setValue('ios')
    const jwt = wrapper.findAll('label.choice').find((label) => spokenText(label) === 'jwt')
    await jwt?.get('input').setValue(true)
    await wrapper.get('[data-test="sign-member-exp"]').setValue('  ')
    await sign(wrapper)
    expect(sentRequest()).toEqual({ scheme: 'intercom', kid: 'ios', form: 'jwt', fields: { user_id: 'qa-visitor-1' } })
  })

  it('keeps what was typed for a kind when another is chosen and back', async () => {
    const wrapper = await mountPanel()
    await choose(wrapper, 'Zendesk')
    await wrapper.get('[data-test="sign-member-fields"]').setValue('external_id=kept')
    await choose(wrapper, 'Intercom')
    await choose(wrapper, 'Zendesk')
    expect((wrapper.get('[data-test="sign-member-fields"]').element as HTMLTextAreaElement).value).toBe('external_id=kept')
  })

  it('says what is wrong with the fields and sends nothing', async () => {
    const wrapper = await mountPanel()
    await choose(wrapper, 'Zendesk')
    await wrapper.get('[data-test="sign-member-fields"]').setValue('external_id=1\nno equals sign\nexternal_id=2')
    await sign(wrapper)
    expect(bridge.qaSignSample).not.toHaveBeenCalled()
    expect(wrapper.findAll('[data-test="sign-problems"] li').map((item) => item.text())).toEqual([
      'Fields, line 2: write name=value.',
      'Fields, line 3: "external_id" is given twice.',
    ])
  })

  it('says there is no key to sign with when the store has none of the scheme’s', async () => {
    const wrapper = await mountPanel()
    await choose(wrapper, 'Chatwoot')
    expect(wrapper.text()).toContain('No Chatwoot key is in the key store.')
    await sign(wrapper)
    expect(bridge.qaSignSample).not.toHaveBeenCalled()
    expect(wrapper.get('[data-test="sign-problems"]').text()).toBe('There is no Chatwoot key in the key store to sign with.')
  })

  it('shows typed field names as text, never as markup', async () => {
    const wrapper = await mountPanel()
    await choose(wrapper, 'Zendesk')
    await wrapper.get('[data-test="sign-member-fields"]').setValue('<img src=x onerror=alert(1)>\n<b>x</b>=1\n<b>x</b>=2')
    await sign(wrapper)
    expect(wrapper.get('[data-test="sign-problems"]').text()).toContain('"<b>x</b>" is given twice.')
    expect(wrapper.find('[data-test="sign-problems"] img, [data-test="sign-problems"] b').exists()).toBe(false)
  })
})
