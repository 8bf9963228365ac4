import { contextBridge, ipcRenderer } from 'electron'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNELS, MENU_EVENTS, verbName, type VisitorInspectorApi } from '../../electron/shared/ipc-contract'

vi.mock('electron', () => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)?.add(listener)
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener)),
      emit: (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((listener) => listener(...args)),
      listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
    },
  }
})

type FakeRenderer = typeof ipcRenderer & { emit: (channel: string, ...args: unknown[]) => void; listenerCount: (channel: string) => number }
const fake = ipcRenderer as FakeRenderer
let api: VisitorInspectorApi

beforeAll(async () => {
  await import('../../electron/preload/index')
  const [name, exposed] = vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0] ?? []
  expect(name).toBe('api')
  api = exposed as VisitorInspectorApi
})

describe('preload window.api', () => {
  it('exposes one verb per channel plus onMenu, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...CHANNELS.map(verbName), 'onMenu'].sort())
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.values(api)).not.toContain(ipcRenderer)
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true)
  })

  it('invokes the channel of each verb with its argument', async () => {
    expect(await api.keysList()).toEqual({ ok: true, value: 'keys:list' })
    expect(fake.invoke).toHaveBeenLastCalledWith('keys:list')
    await api.keysImportText({ text: 'k', scheme: 'roxchat', kid: 'main' })
    expect(fake.invoke).toHaveBeenLastCalledWith('keys:import-text', { text: 'k', scheme: 'roxchat', kid: 'main' })
    await api.inspectPayload({ text: 'eyJ' })
    expect(fake.invoke).toHaveBeenLastCalledWith('inspect:payload', { text: 'eyJ' })
  })

  it('forwards menu events without the IPC event object, and unsubscribes', () => {
    const listener = vi.fn()
    const unsubscribe = api.onMenu(listener)
    fake.emit('menu:open-payload', { sender: 'ipc event' })
    fake.emit('menu:show-view', { sender: 'ipc event' }, 'keys')
    fake.emit('menu:paste-inspect', { sender: 'ipc event' }, { text: 'eyJ…' })
    fake.emit('menu:paste-inspect', { sender: 'ipc event' }, { tooLarge: true, bytes: 2 * 1024 * 1024 })
    expect(listener.mock.calls).toEqual([
      ['menu:open-payload'],
      ['menu:show-view', 'keys'],
      ['menu:paste-inspect', { text: 'eyJ…' }],
      ['menu:paste-inspect', { tooLarge: true, bytes: 2 * 1024 * 1024 }],
    ])
    unsubscribe()
    for (const event of MENU_EVENTS) expect(fake.listenerCount(event)).toBe(0)
  })

  it('drops menu events whose detail is not what the event carries', () => {
    const listener = vi.fn()
    const unsubscribe = api.onMenu(listener)
    fake.emit('menu:show-view', { sender: 'ipc event' }, 'not-a-view')
    fake.emit('menu:paste-inspect', { sender: 'ipc event' })
    fake.emit('menu:paste-inspect', { sender: 'ipc event' }, { text: 42 })
    fake.emit('menu:paste-inspect', { sender: 'ipc event' }, { tooLarge: true, bytes: 10 })
    expect(listener).not.toHaveBeenCalled()
    unsubscribe()
  })
})
