import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setBridge } from '../../src/bridge'
import { useInspectionStore } from '../../src/stores/inspection'
import { useKeysStore } from '../../src/stores/keys'
import { useSettingsStore } from '../../src/stores/settings'
import { useUiStore } from '../../src/stores/ui'
import { createFakeBridge, failure, ok, type FakeBridge } from './fake-bridge'
import { DEMO_SETTINGS, importReport, ringcxVerified, roxchatMerged } from './fixtures'
import { fileOfSize } from './dom-events'

let bridge: FakeBridge

beforeEach(() => {
  setActivePinia(createPinia())
  bridge = createFakeBridge()
  setBridge(bridge)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useInspectionStore', () => {
  it('keeps the inspection main returns, and where the payload came from', async () => {
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    const store = useInspectionStore()
    await store.inspectText('eyJ…', { kind: 'pasted', demo: false })
    expect(store.current?.verdict).toBe('verified')
    expect(store.origin).toEqual({ kind: 'pasted', demo: false })
    expect(store.error).toBeNull()
    expect(store.text).toBe('eyJ…')
  })

  it('keeps a failed request as a problem with its code', async () => {
    bridge.inspectPayload.mockImplementation(() => failure('ipc-internal', 'boom'))
    const store = useInspectionStore()
    await store.inspectText('x')
    expect(store.error).toEqual({ code: 'ipc-internal', message: 'boom' })
    expect(store.current).toBeNull()
  })

  it('turns a bridge that throws into a problem instead of a crash', async () => {
    bridge.inspectPayload.mockImplementation(() => Promise.reject(new Error('preload went away')))
    const store = useInspectionStore()
    await store.inspectText('x')
    expect(store.error).toEqual({ code: 'ipc-internal', message: 'preload went away' })
  })

  it('refuses empty text and text over 1 MiB without calling main', async () => {
    const store = useInspectionStore()
    await store.inspectText('   ')
    expect(store.error?.code).toBe('input-empty')
    await store.inspectText('x'.repeat(1024 * 1024 + 1))
    expect(store.error?.code).toBe('input-too-large')
    expect(bridge.inspectPayload).not.toHaveBeenCalled()
  })

  it('refuses a file over 1 MiB before reading it', async () => {
    const store = useInspectionStore()
    const file = fileOfSize('big.txt', 1024 * 1024 + 1)
    await store.inspectFile(file)
    expect(file.reads).toBe(0)
    expect(store.error?.code).toBe('input-too-large')
  })

  it('opens one file dialog at a time', async () => {
    let answer: (value: Awaited<ReturnType<FakeBridge['inspectOpenFile']>>) => void = () => undefined
    bridge.inspectOpenFile.mockImplementation(() => new Promise((resolve) => { answer = resolve }))
    const store = useInspectionStore()
    const first = store.openFile()
    const second = store.openFile()
    answer({ ok: true, value: { fileName: 'a.jwt', text: 'eyJ…', inspection: ringcxVerified() } })
    await Promise.all([first, second])
    expect(bridge.inspectOpenFile).toHaveBeenCalledTimes(1)
    expect(store.origin).toEqual({ kind: 'file', fileName: 'a.jwt', demo: false })
  })

  it('leaves everything as it was when the open dialog is cancelled', async () => {
    const store = useInspectionStore()
    await store.openFile()
    expect(store.current).toBeNull()
    expect(store.error).toBeNull()
  })
})

describe('useInspectionStore, keeping the result on screen current', () => {
  async function loaded(): Promise<ReturnType<typeof useInspectionStore>> {
    await Promise.all([useKeysStore().refresh(), useSettingsStore().load()])
    return useInspectionStore()
  }

  it('fetches the key list again after an inspection that matched a key, and only then', async () => {
    const store = await loaded()
    const listed = bridge.keysList.mock.calls.length
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified({ key: null, verdict: 'rejected' })))
    await store.inspectText('eyJ…')
    expect(bridge.keysList).toHaveBeenCalledTimes(listed)
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    await store.inspectText('eyJ…')
    await vi.waitFor(() => expect(bridge.keysList).toHaveBeenCalledTimes(listed + 1))
    expect(bridge.keysStatus).toHaveBeenCalledTimes(1)
  })

  it('re-checks the payload on screen when settings change, without counting its key match again', async () => {
    const store = await loaded()
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    await store.inspectText('eyJ.first', { kind: 'dropped', fileName: 'token.jwt', demo: false })
    store.text = 'edited but not inspected'
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified({ verdict: 'rejected' })))

    expect(await useSettingsStore().save({ inspection: { ringcx: { minExpirySeconds: 7200 } } })).toBe(true)
    await vi.waitFor(() => expect(store.current?.verdict).toBe('rejected'))
    expect(bridge.inspectPayload).toHaveBeenLastCalledWith({ text: 'eyJ.first', fileName: 'token.jwt', recheck: true })
    expect(store.rechecked).toBe('settings')
    expect(store.origin).toEqual({ kind: 'dropped', fileName: 'token.jwt', demo: false })
    expect(useUiStore().notice).toBe('Re-checked with the new settings. Verdict: Rejected.')

    await store.inspectText('eyJ.next')
    expect(store.rechecked).toBeNull()
  })

  it('re-checks when keys are added or removed, but not when only match counts change', async () => {
    const store = await loaded()
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    await store.inspectText('eyJ…')
    const calls = bridge.inspectPayload.mock.calls.length
    const { DEMO_KEYS } = await import('./fixtures')
    bridge.keysList.mockImplementation(() => ok(DEMO_KEYS.map((key) => ({ ...key, matchCount: key.matchCount + 1 }))))
    await useKeysStore().refreshList()
    await Promise.resolve()
    expect(bridge.inspectPayload).toHaveBeenCalledTimes(calls)

    bridge.keysList.mockImplementation(() => ok(DEMO_KEYS.slice(1)))
    await useKeysStore().refresh()
    await vi.waitFor(() => expect(bridge.inspectPayload).toHaveBeenCalledTimes(calls + 1))
    expect(bridge.inspectPayload).toHaveBeenLastCalledWith({ text: 'eyJ…', recheck: true })
    await vi.waitFor(() => expect(store.rechecked).toBe('keys'))
  })

  it('drops a re-check that a newer inspection overtook', async () => {
    const store = await loaded()
    bridge.inspectPayload.mockImplementation(() => ok(ringcxVerified()))
    await store.inspectText('eyJ.old')
    let answer: (value: Awaited<ReturnType<FakeBridge['inspectPayload']>>) => void = () => undefined
    bridge.inspectPayload.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))
    const rechecking = store.recheck('settings')
    bridge.inspectPayload.mockImplementation(() => ok(roxchatMerged()))
    await store.inspectText('{"fields":{}}')
    answer({ ok: true, value: ringcxVerified({ verdict: 'rejected' }) })
    await rechecking
    expect(store.current?.scheme).toBe('roxchat')
    expect(store.rechecked).toBeNull()
  })

  it('shows only the latest of several inspections asked in a row', async () => {
    const store = await loaded()
    let answerFirst: (value: Awaited<ReturnType<FakeBridge['inspectPayload']>>) => void = () => undefined
    bridge.inspectPayload.mockImplementationOnce(() => new Promise((resolve) => { answerFirst = resolve }))
    const first = store.inspectText('first')
    bridge.inspectPayload.mockImplementation(() => ok(roxchatMerged()))
    await store.inspectText('second')
    answerFirst({ ok: true, value: ringcxVerified() })
    await first
    expect(store.current?.scheme).toBe('roxchat')
    expect(store.busy).toBe(false)
  })
})

describe('useKeysStore', () => {
  it('loads keys and status, and knows when the store is empty', async () => {
    const store = useKeysStore()
    expect(store.isEmpty).toBe(false)
    await store.refresh()
    expect(store.keys).toHaveLength(3)
    expect(store.status?.protection).toBe('os-encrypted')
    expect(store.isEmpty).toBe(false)
    bridge.keysList.mockImplementation(() => ok([]))
    await store.refresh()
    expect(store.isEmpty).toBe(true)
  })

  it('confirms a waiting import with its token and exactly the consents it needs', async () => {
    bridge.keysImportText.mockImplementation(() => ok(importReport({ imported: false, duplicates: [], unprotectedSecrets: true, confirmToken: 't1' })))
    const store = useKeysStore()
    await store.importText({ text: 'secret', scheme: 'roxchat', kid: 'main' })
    expect(store.awaitingConfirmation).toHaveLength(1)
    await store.confirmImports()
    expect(bridge.keysConfirmImport).toHaveBeenCalledWith({ token: 't1', replace: false, acceptUnprotected: true })
    expect(store.awaitingConfirmation).toHaveLength(0)
    expect(store.reports[0]?.imported).toBe(true)
  })

  it('keeps an expired confirmation as a problem', async () => {
    bridge.keysImportText.mockImplementation(() => ok(importReport({ imported: false, duplicates: [{ scheme: 'ringcx', kid: 'hs_demo', storedFingerprint: 'a', newFingerprint: 'b' }], confirmToken: 't2' })))
    bridge.keysConfirmImport.mockImplementation(() => failure('import-expired', 'The import token expired.'))
    const store = useKeysStore()
    await store.importText({ text: '{}' })
    await store.confirmImports()
    expect(store.error?.code).toBe('import-expired')
    expect(store.awaitingConfirmation).toHaveLength(0)
  })

  it('removes a key by scheme, Key ID and the fingerprint the admin saw', async () => {
    const store = useKeysStore()
    await store.refresh()
    const removed = await store.remove(store.keys[0]!)
    expect(removed).toBe(true)
    expect(bridge.keysRemove).toHaveBeenCalledWith({ scheme: 'ringcx', kid: 'hs_demo', fingerprint: 'secret:EIFS-wiD0s2Ej-EKU1yqnw' })
  })

  it('reports a key that changed meanwhile as not found', async () => {
    bridge.keysRemove.mockImplementation(() => failure('key-not-found', 'no ringcx key "hs_demo" with that fingerprint'))
    const store = useKeysStore()
    await store.refresh()
    expect(await store.remove(store.keys[0]!)).toBe(false)
    expect(store.error?.code).toBe('key-not-found')
  })

})

describe('useSettingsStore', () => {
  it('loads the settings and the file’s status', async () => {
    const store = useSettingsStore()
    await store.load()
    expect(store.settings).toEqual(DEMO_SETTINGS)
    expect(store.status?.writable).toBe(true)
  })

  it('keeps problems main returns, with paths as the form names them', async () => {
    bridge.settingsUpdate.mockImplementation(() => ok({
      saved: false as const,
      problems: [{ path: 'inspection.roxchat.hashAlgorithm', code: 'settings-bad-value' as const, message: 'inspection.roxchat.hashAlgorithm must be one of hmac-sha256, sha256, sha512, md5' }],
    }))
    const store = useSettingsStore()
    expect(await store.save({ inspection: { roxchat: { hashAlgorithm: 'sha1' } } })).toBe(false)
    expect(store.problems).toEqual([{ path: 'roxchat.hashAlgorithm', code: 'settings-bad-value', message: 'roxchat.hashAlgorithm must be one of hmac-sha256, sha256, sha512, md5' }])
    store.clearProblems()
    expect(store.problems).toEqual([])
  })

  it('takes the saved settings main returns', async () => {
    const store = useSettingsStore()
    expect(await store.save({ theme: 'dark' })).toBe(true)
    expect(store.settings?.theme).toBe('dark')
  })
})

describe('useUiStore', () => {
  it('opens only https: links, through the main process', async () => {
    const store = useUiStore()
    await store.openExternal('http://example.com')
    expect(store.error?.code).toBe('url-not-allowed')
    expect(bridge.appOpenExternal).not.toHaveBeenCalled()
    await store.openExternal('https://example.com/profile')
    expect(bridge.appOpenExternal).toHaveBeenCalledWith({ url: 'https://example.com/profile' })
    expect(store.error).toBeNull()
  })
})

describe('useSamplesStore', () => {
  it('fetches rows that are already waiting at once, page after page, then stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { useSamplesStore } = await import('../../src/stores/samples')
    const { samplesProgress, sampleRow } = await import('./fixtures')
    const page = (from: number, count: number) => Array.from({ length: count }, (_, offset) => sampleRow({ index: from + offset, file: `s${from + offset}.json` }))
    bridge.samplesStart.mockImplementation(() => ok({ runId: 'run-1', roots: ['lib'] }))
    bridge.samplesProgress
      .mockImplementationOnce(() => ok(samplesProgress({ done: 700, found: 700, rows: page(0, 500) })))
      .mockImplementationOnce(() => ok(samplesProgress({ done: 700, found: 700, rows: page(500, 200) })))
    const store = useSamplesStore()
    await store.start('folder')
    expect(store.rows).toHaveLength(500)
    await vi.advanceTimersByTimeAsync(0)
    expect(bridge.samplesProgress).toHaveBeenLastCalledWith({ runId: 'run-1', cursor: 500 })
    expect(store.rows.map((row) => row.index)).toEqual(Array.from({ length: 700 }, (_, index) => index))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(bridge.samplesProgress).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
  })

  it('ignores an answer for a run that a newer one replaced', async () => {
    const { useSamplesStore } = await import('../../src/stores/samples')
    const { samplesProgress } = await import('./fixtures')
    bridge.samplesStart.mockImplementation(() => ok({ runId: 'run-1', roots: ['lib'] }))
    let answerOld: (value: Awaited<ReturnType<FakeBridge['samplesProgress']>>) => void = () => undefined
    bridge.samplesProgress.mockImplementationOnce(() => new Promise((resolve) => { answerOld = resolve }))
    const store = useSamplesStore()
    const starting = store.start('folder')
    await vi.waitFor(() => expect(bridge.samplesProgress).toHaveBeenCalledTimes(1))
    bridge.samplesProgress.mockImplementation(() => ok(samplesProgress({ runId: 'run-2', rows: [], done: 0, found: 0 })))
    await store.rerun()
    answerOld({ ok: true, value: samplesProgress() })
    await starting
    expect(store.runId).toBe('run-2')
    expect(store.rows).toEqual([])
  })
})
