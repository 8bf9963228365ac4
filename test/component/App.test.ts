import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createTestingPinia } from '@pinia/testing'
import { createPinia, setActivePinia } from 'pinia'
import App from '../../src/App.vue'
import { setBridge } from '../../src/bridge'
import { createFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_KEYS, DEMO_SETTINGS, ringcxVerified } from './fixtures'

enableAutoUnmount(afterEach)

describe('App', () => {
  it('shows the app name', () => {
    const wrapper = mount(App, {
      global: { plugins: [createTestingPinia({ createSpy: vi.fn })] },
    })

    expect(wrapper.get('h1').text()).toBe('Visitor Inspector')
  })

  describe('with a fake main process', () => {
    let bridge: FakeBridge
    let pinia: ReturnType<typeof createPinia>

    beforeEach(() => {
      pinia = createPinia()
      setActivePinia(pinia)
      bridge = createFakeBridge()
      setBridge(bridge)
    })

    async function mountApp() {
      const wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
      await flushPromises()
      return wrapper
    }

    const nav = (wrapper: Awaited<ReturnType<typeof mountApp>>, name: string) =>
      wrapper.findAll('nav button').find((button) => button.text().startsWith(name))!

    it('starts in the Inspector and moves between views from the nav', async () => {
      const wrapper = await mountApp()
      expect(nav(wrapper, 'Inspector').attributes('aria-current')).toBe('page')
      expect(wrapper.find('.inspector-view').exists()).toBe(true)

      await nav(wrapper, 'Keys').trigger('click')
      expect(wrapper.find('.keys-view').exists()).toBe(true)
      expect(nav(wrapper, 'Keys').attributes('aria-current')).toBe('page')
      expect(document.activeElement?.id).toBe('keys-title')

      await nav(wrapper, 'Samples').trigger('click')
      expect(wrapper.find('.samples-view').exists()).toBe(true)
      expect(document.activeElement?.id).toBe('samples-title')

      await nav(wrapper, 'Settings').trigger('click')
      expect(wrapper.find('.settings-view').exists()).toBe(true)
      expect(wrapper.findAll('nav button').map((button) => button.text().replace(/\d+$/, '').trim())).toEqual(['Inspector', 'Keys', 'Samples', 'Captures', 'Settings'])
    })

    it('shows the match counts of now in the Keys view, after inspections that matched a key', async () => {
      const wrapper = await mountApp()
      bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
      await wrapper.get('#payload-text').setValue('eyJ…')
      await wrapper.get('form.payload-input').trigger('submit')
      const matched = DEMO_KEYS.map((key) => (key.kid === 'hs_demo' ? { ...key, matchCount: 1, lastMatchedAt: '2026-06-01T09:00:00.000Z' } : key))
      bridge.keysList.mockImplementation(() => ok(matched))
      await flushPromises()

      await nav(wrapper, 'Keys').trigger('click')
      await flushPromises()
      const row = wrapper.findAll('.keys-table tbody tr').find((candidate) => candidate.text().includes('hs_demo'))
      expect(row?.get('td.num').text()).toBe('1')
      expect(row?.findAll('td')[4]?.text()).not.toBe('never')
    })

    it('asks main for the key list again each time the Keys view is shown', async () => {
      const wrapper = await mountApp()
      await nav(wrapper, 'Keys').trigger('click')
      await flushPromises()
      const shownOnce = bridge.keysList.mock.calls.length
      await nav(wrapper, 'Inspector').trigger('click')
      bridge.keysList.mockImplementation(() => ok(DEMO_KEYS.map((key) => ({ ...key, matchCount: 7 }))))
      await nav(wrapper, 'Keys').trigger('click')
      await flushPromises()
      expect(bridge.keysList.mock.calls.length).toBe(shownOnce + 1)
      expect(wrapper.findAll('.keys-table td.num').map((cell) => cell.text())).toEqual(['7', '7', '7'])
    })

    it('follows the theme from settings on <html>, and the system when none is named', async () => {
      await mountApp()
      expect(document.documentElement.dataset['theme']).toBe('system')
      bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, theme: 'dark' }))
      const { useSettingsStore } = await import('../../src/stores/settings')
      await useSettingsStore().load()
      await flushPromises()
      expect(document.documentElement.dataset['theme']).toBe('dark')
    })

    it('subscribes to the menu and shows the view it asks for', async () => {
      const wrapper = await mountApp()
      expect(bridge.onMenu).toHaveBeenCalledTimes(1)
      bridge.emitMenu('menu:show-view', 'keys')
      await flushPromises()
      expect(wrapper.find('.keys-view').exists()).toBe(true)
    })

    it('opens a payload with Ctrl+O and imports keys with Ctrl+I', async () => {
      const wrapper = await mountApp()
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, cancelable: true }))
      await flushPromises()
      expect(bridge.inspectOpenFile).toHaveBeenCalledTimes(1)
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', metaKey: true, cancelable: true }))
      await flushPromises()
      expect(bridge.keysImportFiles).toHaveBeenCalledTimes(1)
      expect(wrapper.find('.keys-view').exists()).toBe(true)
    })

    it('stops listening to the menu when it goes away', async () => {
      const wrapper = await mountApp()
      wrapper.unmount()
      bridge.emitMenu('menu:open-payload')
      await flushPromises()
      expect(bridge.inspectOpenFile).not.toHaveBeenCalled()
    })
  })
})
