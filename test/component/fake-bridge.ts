/**
 * A fake `window.api` for component and store tests: every verb is a spy that answers like the
 * main process, and menu events can be sent as the application menu would.
 */
import { vi, type Mock } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setBridge } from '../../src/bridge'
import type { MenuMessage, Result, VisitorInspectorApi } from '../../electron/shared/ipc-contract'
import { DEMO_KEYS, DEMO_SETTINGS, NO_TOKEN_TABLE, importReport, keyStatus, ringcxVerified, roxchatMerged, samplesProgress, signedSample } from './fixtures'

type Verbs = Omit<VisitorInspectorApi, 'onMenu'>
export type FakeBridge = { [K in keyof Verbs]: Mock<Verbs[K]> } & {
  onMenu: Mock<VisitorInspectorApi['onMenu']>
  /** Sends a menu event to every subscriber. */
  emitMenu(...message: MenuMessage): void
}

export function ok<T>(value: T): Promise<Result<T>> {
  return Promise.resolve({ ok: true, value })
}

export function failure(code: Extract<Result<never>, { ok: false }>['code'], message: string): Promise<Result<never>> {
  return Promise.resolve({ ok: false, code, message })
}

export function createFakeBridge(options: { readonly keys?: boolean } = {}): FakeBridge {
  const listeners = new Set<(...message: MenuMessage) => void>()
  const keys = options.keys === false ? [] : DEMO_KEYS
  return {
    appInfo: vi.fn(() => ok({ version: '0.1.0', platform: 'linux' })),
    appOpenExternal: vi.fn(() => ok({ opened: true })),
    inspectPayload: vi.fn(() => ok(roxchatMerged())),
    inspectOpenFile: vi.fn(() => ok(null)),
    inspectQuickCheck: vi.fn(() => ok({ ...ringcxVerified(), checkedWithUnsavedKey: true as const })),
    keysList: vi.fn(() => ok(keys)),
    keysStatus: vi.fn(() => ok(keyStatus({ keyCount: keys.length }))),
    keysImportText: vi.fn(() => ok(importReport())),
    keysImportFiles: vi.fn(() => ok([importReport()])),
    keysConfirmImport: vi.fn(() => ok(importReport())),
    keysImportProgress: vi.fn(() => ok({ active: false, fileName: null, done: 0, total: 0 })),
    keysRemove: vi.fn(() => ok({ removed: DEMO_KEYS[0] as (typeof DEMO_KEYS)[number] })),
    settingsGet: vi.fn(() => ok(DEMO_SETTINGS)),
    settingsStatus: vi.fn(() => ok({ quarantine: null, writable: true, problem: null })),
    settingsUpdate: vi.fn((update) => ok({ saved: true as const, settings: { ...DEMO_SETTINGS, ...(update as object) } as typeof DEMO_SETTINGS })),
    demoLoad: vi.fn(() => ok({ keys: importReport(), examples: [{ name: 'roxchat-merge.sample.json', description: 'Rox.Chat visitor merged with service and agent fields', text: '{"payload":{}}' }] })),
    samplesStart: vi.fn(() => ok(null)),
    samplesProgress: vi.fn(() => ok(samplesProgress())),
    samplesCancel: vi.fn(() => ok({ cancelled: true })),
    samplesRerun: vi.fn(() => ok({ runId: 'run-2', roots: ['lib'] })),
    samplesOpen: vi.fn(() => ok({ fileName: 'a-met.sample.json', text: '{"payload":"eyJ…"}', inspection: ringcxVerified() })),
    tokensStatus: vi.fn(() => ok(NO_TOKEN_TABLE)),
    tokensChoose: vi.fn(() => ok(null)),
    tokensClear: vi.fn(() => ok(NO_TOKEN_TABLE)),
    qaPickSigningKey: vi.fn(() => ok(null)),
    qaSignSample: vi.fn(() => ok(signedSample())),
    qaSaveSample: vi.fn(() => ok(null)),
    capturesOpen: vi.fn(() => ok(null)),
    capturesUploadStart: vi.fn(() => ok({ uploadId: 'upload-0001' })),
    capturesUploadChunk: vi.fn(() => ok({ received: 0 })),
    capturesUploadFinish: vi.fn(() => ok({
      auditId: 'audit-0001', judgedAt: '2026-03-01T12:00:00.000Z', captures: [], identities: [], findings: [], timelines: [], notices: [],
      summary: { captures: 1, identities: 0, verified: 0, rejected: 0, leakedSecrets: 0, clientSideSigning: 0, skipped: 0 },
    })),
    capturesOpenIdentity: vi.fn(() => ok({ fileName: 'session.har', text: 'eyJ…', inspection: ringcxVerified() })),
    onMenu: vi.fn((listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    emitMenu(...message) {
      for (const listener of listeners) listener(...message)
    },
  }
}

/** A fresh active Pinia and a fake bridge in place of `window.api`, as each component test starts. */
export function installFakeBridge(options: { readonly keys?: boolean } = {}): { bridge: FakeBridge; pinia: Pinia } {
  const pinia = createPinia()
  setActivePinia(pinia)
  const bridge = createFakeBridge(options)
  setBridge(bridge)
  return { bridge, pinia }
}
