import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setBridge } from '../../src/bridge'
import { handleMenu, listenToMenu, pasteAndInspect } from '../../src/menu-routing'
import { useInspectionStore } from '../../src/stores/inspection'
import { useUiStore } from '../../src/stores/ui'
import { CODE_INFO } from '../../electron/common/codes'
import { createFakeBridge, type FakeBridge } from './fake-bridge'

let bridge: FakeBridge

beforeEach(() => {
  setActivePinia(createPinia())
  bridge = createFakeBridge()
  setBridge(bridge)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('menu routing', () => {
  it('follows the menu: open payload, import keys, show a view', async () => {
    const store = useUiStore()
    const stop = listenToMenu()
    bridge.emitMenu('menu:show-view', 'settings')
    expect(store.view).toBe('settings')
    bridge.emitMenu('menu:import-keys')
    await vi.waitFor(() => expect(bridge.keysImportFiles).toHaveBeenCalledTimes(1))
    expect(store.view).toBe('keys')
    bridge.emitMenu('menu:open-payload')
    await vi.waitFor(() => expect(bridge.inspectOpenFile).toHaveBeenCalledTimes(1))
    expect(store.view).toBe('inspector')
    stop()
    bridge.emitMenu('menu:show-view', 'keys')
    expect(store.view).toBe('inspector')
  })

  it('inspects the clipboard text main sends with Paste and Inspect, without asking the page for the clipboard', async () => {
    const readText = vi.fn(() => Promise.reject(new Error('denied')))
    vi.stubGlobal('navigator', { clipboard: { readText } })
    const store = useUiStore()
    store.show('keys')
    const stop = listenToMenu()
    bridge.emitMenu('menu:paste-inspect', { text: 'roxchat_visitor = null;' })
    await vi.waitFor(() => expect(bridge.inspectPayload).toHaveBeenCalledWith({ text: 'roxchat_visitor = null;' }))
    expect(readText).not.toHaveBeenCalled()
    expect(store.view).toBe('inspector')
    await vi.waitFor(() => expect(useInspectionStore().origin?.kind).toBe('pasted'))
    stop()
  })

  it('refuses clipboard text over 1 MiB in plain words, without inspecting', async () => {
    await handleMenu('menu:paste-inspect', { tooLarge: true, bytes: 3 * 1024 * 1024 })
    const error = useInspectionStore().error
    expect(error?.code).toBe('input-too-large')
    expect(error?.message).toBe(`The text on the clipboard is 3.0 MiB: ${CODE_INFO['input-too-large'].summary}`)
    expect(bridge.inspectPayload).not.toHaveBeenCalled()
  })

  it('says so when the clipboard holds no text', async () => {
    await pasteAndInspect({ text: '  ' })
    expect(useUiStore().error?.code).toBe('input-empty')
    expect(bridge.inspectPayload).not.toHaveBeenCalled()
  })
})
