import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import type { KeyImportReport, Result } from '../../electron/shared/ipc-contract'
import KeysView from '../../src/views/KeysView.vue'
import { IMPORT_PROGRESS_POLL_MS, useKeysStore } from '../../src/stores/keys'
import { installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { importReport, storedKey } from './fixtures'
import { spokenText } from './spoken-text'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
})
afterEach(() => {
  vi.useRealTimers()
})

async function mountKeys() {
  await useKeysStore().refresh()
  const wrapper = mount(KeysView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('Keys view during a long import', () => {
  it('shows how many keys are fingerprinted while main works, and nothing after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let finish: (value: Result<readonly KeyImportReport[] | null>) => void = () => undefined
    bridge.keysImportFiles.mockImplementation(() => new Promise((resolve) => { finish = resolve }))
    bridge.keysImportProgress.mockImplementation(() => ok({ active: true, fileName: 'many.json', done: 340, total: 1000 }))
    const wrapper = await mountKeys()
    const importButton = wrapper.findAll('button').find((candidate) => spokenText(candidate).startsWith('Import key files'))
    await importButton?.trigger('click')
    expect(wrapper.find('[data-test="import-progress"]').exists()).toBe(false)

    await vi.advanceTimersByTimeAsync(IMPORT_PROGRESS_POLL_MS)
    const progress = wrapper.get('[data-test="import-progress"]')
    expect(spokenText(progress)).toContain('many.json')
    expect(spokenText(progress)).toContain('340 of 1000')
    expect(progress.get('progress').attributes()).toMatchObject({ value: '340', max: '1000' })

    finish({ ok: true, value: [importReport()] })
    await flushPromises()
    expect(wrapper.find('[data-test="import-progress"]').exists()).toBe(false)
    const polls = bridge.keysImportProgress.mock.calls.length
    await vi.advanceTimersByTimeAsync(10 * IMPORT_PROGRESS_POLL_MS)
    expect(bridge.keysImportProgress.mock.calls.length).toBe(polls)
  })
})

describe('Keys table flags found when the store was read', () => {
  it('marks an unsafe RSA key as not used and a fingerprint mismatch, each with its code', async () => {
    bridge.keysList.mockImplementation(() => ok([
      storedKey({ kid: 'rsa_weak', alg: 'RS256', bits: 2048, storage: 'public-key', fingerprint: 'rsa:weak', problems: [{ code: 'key-rsa-exponent-weak', message: 'the RSA public exponent is 1' }] }),
      storedKey({ kid: 'hs_edited', problems: [{ code: 'key-fingerprint-mismatch', message: 'the file recorded another fingerprint' }] }),
    ]))
    const wrapper = await mountKeys()
    const [weak, edited] = wrapper.findAll('tbody tr')
    expect(weak?.classes()).toContain('row--unreadable')
    expect(weak?.find('[data-test="key-rsa-exponent-weak"]').exists()).toBe(true)
    expect(edited?.classes()).not.toContain('row--unreadable')
    expect(edited?.find('[data-test="key-fingerprint-mismatch"]').exists()).toBe(true)
  })
})
