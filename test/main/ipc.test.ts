import { ipcMain } from 'electron'
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { CHANNELS, type Channel } from '../../electron/shared/ipc-contract'
import type { ChannelServices } from '../../electron/main/call-service'
import { isTrustedSender, originOf, registerIpcHandlers, type SenderPolicy } from '../../electron/main/ipc'
import { ServiceError } from '../../electron/main/service-error'
import { HS_SECRET, harness, hsToken } from './helpers'

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }))

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>

const APP_WINDOW_ID = 7
const policy: SenderPolicy = {
  allowedOrigins: new Set(['app://renderer']),
  isAppWebContents: (id) => id === APP_WINDOW_ID,
}

function event(overrides: { url?: string; parent?: unknown; webContentsId?: number; frame?: null } = {}): unknown {
  const frame = overrides.frame === null ? null : { url: overrides.url ?? 'app://renderer/index.html', parent: overrides.parent ?? null }
  return { sender: { id: overrides.webContentsId ?? APP_WINDOW_ID }, senderFrame: frame }
}

function register(services: ChannelServices, onInternalError?: (channel: Channel, error: unknown) => void): Map<string, Listener> {
  vi.mocked(ipcMain.handle).mockClear()
  registerIpcHandlers(services, policy, onInternalError)
  return new Map(vi.mocked(ipcMain.handle).mock.calls.map(([channel, listener]) => [channel, listener as Listener]))
}

function stubServices(): ChannelServices {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, vi.fn(async () => `value of ${channel}`)])) as unknown as ChannelServices
}

function call(handlers: Map<string, Listener>, channel: Channel, sender: unknown, ...args: unknown[]): Promise<unknown> {
  const listener = handlers.get(channel)
  if (listener === undefined) throw new Error(`no handler for ${channel}`)
  return listener(sender, ...args)
}

let handlers: Map<string, Listener>
let services: ChannelServices
beforeEach(() => {
  services = stubServices()
  handlers = register(services)
})

describe('handler registration', () => {
  it('lists every channel of the contract in CHANNELS (checked by the type checker)', () => {
    expectTypeOf<Exclude<Channel, (typeof CHANNELS)[number]>>().toEqualTypeOf<never>()
  })

  it('registers exactly one handler per channel of the contract', () => {
    expect(vi.mocked(ipcMain.handle).mock.calls.map(([channel]) => channel)).toEqual([...CHANNELS])
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length)
  })

  it('wraps every result in an ok envelope', async () => {
    expect(await call(handlers, 'keys:list', event())).toEqual({ ok: true, value: 'value of keys:list' })
    expect(await call(handlers, 'inspect:payload', event(), { text: 'x' })).toEqual({ ok: true, value: 'value of inspect:payload' })
  })
})

describe('sender checks', () => {
  it.each([
    ['a destroyed or navigated frame', event({ frame: null })],
    ['an iframe', event({ parent: { url: 'app://renderer/index.html' } })],
    ['another web contents', event({ webContentsId: 99 })],
    ['a remote origin', event({ url: 'https://evil.example/index.html' })],
    ['a file:// page', event({ url: 'file:///app/out/renderer/index.html' })],
    ['another app:// host', event({ url: 'app://other/index.html' })],
    ['about:blank', event({ url: 'about:blank' })],
    ['a dev server that is not allowed', event({ url: 'http://localhost:5173/' })],
  ])('refuses %s with ipc-bad-sender, without calling the service', async (_name, sender) => {
    for (const channel of CHANNELS) {
      expect(await call(handlers, channel, sender)).toMatchObject({ ok: false, code: 'ipc-bad-sender' })
    }
    for (const channel of CHANNELS) expect(services[channel]).not.toHaveBeenCalled()
  })

  it('refuses when reading the sender frame throws', () => {
    const throwing = { sender: { id: APP_WINDOW_ID }, get senderFrame(): never { throw new Error('disposed') } }
    expect(isTrustedSender(throwing as never, policy)).toBe(false)
  })

  it('accepts the dev server origin only when the policy lists it', () => {
    const dev: SenderPolicy = { ...policy, allowedOrigins: new Set(['app://renderer', 'http://localhost:5173']) }
    expect(isTrustedSender(event({ url: 'http://localhost:5173/#/keys' }) as never, dev)).toBe(true)
    expect(isTrustedSender(event({ url: 'http://localhost:5174/' }) as never, dev)).toBe(false)
  })

  it('reads origins of custom schemes, which Node reports as opaque', () => {
    expect(originOf('app://renderer/assets/x.js')).toBe('app://renderer')
    expect(originOf('about:blank')).toBeNull()
    expect(originOf('not a url')).toBeNull()
  })
})

describe('argument checks', () => {
  it.each([
    ['keys:list', ['unexpected']],
    ['inspect:payload', []],
    ['inspect:payload', ['text']],
    ['inspect:payload', [{ text: 42 }]],
    ['inspect:payload', [{ text: 'x', extra: true }]],
    ['inspect:payload', [{ text: 'x', scheme: 'other' }]],
    ['inspect:payload', [{ text: 'x', recheck: 'yes' }]],
    ['inspect:payload', [{ text: 'x' }, { text: 'y' }]],
    ['keys:import-text', [{ text: 'x', replace: 'yes' }]],
    ['keys:import-text', [{ text: 'x', kid: 'a\nb' }]],
    ['keys:import-files', [null]],
    ['keys:confirm-import', [{ token: 'short', replace: true, acceptUnprotected: false }]],
    ['keys:confirm-import', [{ token: 'AAAAAAAAAAAAAAAAAAAA', replace: true }]],
    ['keys:remove', [{ scheme: 'ringcx', kid: 'k' }]],
    ['settings:update', [{ inspection: {}, colour: 'red' }]],
    ['app:open-external', [{ url: 7 }]],
    ['app:open-external', [new URL('https://example.com')]],
    ['samples:start', []],
    ['samples:start', [{ pick: 'both' }]],
    ['samples:start', [{ pick: 'folder', paths: ['/home'] }]],
    ['samples:progress', [{ runId: 'AAAAAAAAAAAA', cursor: 1.5 }]],
    ['samples:progress', [{ runId: '../../x', cursor: 0 }]],
    ['samples:cancel', [{ runId: 7 }]],
    ['samples:rerun', [{}]],
    ['samples:open', [{ runId: 'AAAAAAAAAAAA', index: '3' }]],
    ['tokens:choose', [{ path: '/etc/passwd' }]],
    ['tokens:clear', ['now']],
    ['qa:pick-signing-key', [{ path: '/home/me/key.pem' }]],
    ['qa:sign-sample', [{ scheme: 'ringcx', kid: 'k', claims: {}, exp: '+2h', secret: 'x' }]],
    ['qa:sign-sample', [{ scheme: 'roxchat', kid: 'k', fields: { id: '1' }, algorithm: 'sha1' }]],
    ['qa:save-sample', [{ text: '{}', fileName: 'a\nb.json' }]],
    ['qa:save-sample', [{ text: '{}', fileName: 'x.json', path: '/tmp/x.json' }]],
  ] as const)('refuses %s with %j as ipc-bad-argument', async (channel, args) => {
    expect(await call(handlers, channel, event(), ...args)).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(services[channel]).not.toHaveBeenCalled()
  })

  it('refuses a payload over 1 MiB as ipc-too-large, counting UTF-8 bytes', async () => {
    const exactly = 'a'.repeat(1024 * 1024)
    expect(await call(handlers, 'inspect:payload', event(), { text: exactly })).toMatchObject({ ok: true })
    expect(await call(handlers, 'inspect:payload', event(), { text: `${exactly}a` })).toMatchObject({ ok: false, code: 'ipc-too-large' })
    expect(await call(handlers, 'inspect:payload', event(), { text: 'é'.repeat(600_000) })).toMatchObject({ ok: false, code: 'ipc-too-large' })
    expect(await call(handlers, 'keys:import-text', event(), { text: 'k'.repeat(1024 * 1024 + 1) })).toMatchObject({ ok: false, code: 'ipc-too-large' })
  })

  it('refuses a giant settings object before reading it', async () => {
    const mappings = Array.from({ length: 20_000 }, (_, index) => ({ key: `k${index}`, target: 'custom:x', regex: 'y'.repeat(50) }))
    expect(await call(handlers, 'settings:update', event(), { inspection: { ringcx: { extraValueMappings: mappings } } })).toMatchObject({ ok: false, code: 'ipc-too-large' })
  })

  it('passes only the members that were sent', async () => {
    await call(handlers, 'keys:import-text', event(), { text: 'abc', scheme: 'roxchat' })
    expect(services['keys:import-text']).toHaveBeenCalledWith({ text: 'abc', scheme: 'roxchat' })
  })
})

describe('failures', () => {
  it('keeps the code of a service error', async () => {
    vi.mocked(services['keys:remove']).mockRejectedValueOnce(new ServiceError('key-not-found', 'no such key'))
    expect(await call(handlers, 'keys:remove', event(), { scheme: 'ringcx', kid: 'k', fingerprint: 'rsa:x' })).toEqual({ ok: false, code: 'key-not-found', message: 'no such key' })
  })

  it('turns anything else into ipc-internal without leaking its message', async () => {
    const onInternalError = vi.fn()
    const failing = stubServices()
    vi.mocked(failing['keys:list']).mockRejectedValueOnce(new Error(`boom ${HS_SECRET}`))
    const failingHandlers = register(failing, onInternalError)
    const result = await call(failingHandlers, 'keys:list', event())
    expect(result).toMatchObject({ ok: false, code: 'ipc-internal' })
    expect(JSON.stringify(result)).not.toContain(HS_SECRET)
    expect(onInternalError).toHaveBeenCalledWith('keys:list', expect.any(Error))
  })
})

describe('handlers over the real services', () => {
  it('imports a key and verifies a token through the IPC handlers', async () => {
    const { services: real } = await harness()
    const realHandlers = register(real)
    expect(await call(realHandlers, 'keys:import-text', event(), { text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })).toMatchObject({ ok: true, value: { imported: true } })
    const result = await call(realHandlers, 'inspect:payload', event(), { text: await hsToken(HS_SECRET, 'hs_main') })
    expect(result).toMatchObject({ ok: true, value: { verdict: 'verified', key: { kid: 'hs_main' } } })
    expect(await call(realHandlers, 'keys:remove', event(), { scheme: 'ringcx', kid: 'hs_main', fingerprint: 'secret:wrongwrongwrongwrong' })).toMatchObject({ ok: false, code: 'key-not-found' })
    expect(await call(realHandlers, 'app:open-external', event(), { url: 'http://example.com' })).toMatchObject({ ok: false, code: 'url-not-allowed' })
  })
})
