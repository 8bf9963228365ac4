import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import SamplesView from '../../src/views/SamplesView.vue'
import { useInspectionStore } from '../../src/stores/inspection'
import { useKeysStore } from '../../src/stores/keys'
import { POLL_INTERVAL_MS, useSamplesStore } from '../../src/stores/samples'
import { useSettingsStore } from '../../src/stores/settings'
import { useUiStore } from '../../src/stores/ui'
import { CODE_INFO } from '../../electron/common/codes'
import { failure, installFakeBridge, ok, type FakeBridge } from './fake-bridge'
import { DEMO_KEYS, DEMO_SETTINGS, LIBRARY_ROWS, sampleRow, samplesProgress, storedKey } from './fixtures'
import { spokenText } from './spoken-text'
import { SCHEME_IDS, VOCABULARIES } from '../../electron/common/schemes'

enableAutoUnmount(afterEach)

let bridge: FakeBridge
let pinia: Pinia

beforeEach(() => {
  ({ bridge, pinia } = installFakeBridge())
  bridge.samplesStart.mockImplementation(() => ok({ runId: 'run-1', roots: ['lib'] }))
})

afterEach(() => {
  vi.useRealTimers()
})

async function mountSamples() {
  await Promise.all([useKeysStore().refresh(), useSettingsStore().load()])
  const wrapper = mount(SamplesView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

type Wrapper = Awaited<ReturnType<typeof mountSamples>>

const button = (wrapper: Wrapper, name: string) => {
  const found = wrapper.findAll('button').find((candidate) => spokenText(candidate).startsWith(name))
  if (found === undefined) throw new Error(`no button ${name}`)
  return found
}
const rows = (wrapper: Wrapper) => wrapper.findAll('[data-test="sample-row"]')
const files = (wrapper: Wrapper) => rows(wrapper).map((row) => row.get('th').text())

async function openFolder(wrapper: Wrapper): Promise<void> {
  await button(wrapper, 'Open folder…').trigger('click')
  await flushPromises()
}

describe('SamplesView', () => {
  it('starts empty and opens a folder through main’s dialog', async () => {
    const wrapper = await mountSamples()
    expect(wrapper.get('.empty').text()).toContain('Open a folder of samples')
    await openFolder(wrapper)
    expect(bridge.samplesStart).toHaveBeenCalledWith({ pick: 'folder' })
    expect(bridge.samplesProgress).toHaveBeenCalledWith({ runId: 'run-1', cursor: 0 })
    await button(wrapper, 'Open files…').trigger('click')
    expect(bridge.samplesStart).toHaveBeenLastCalledWith({ pick: 'files' })
  })

  it('lists each sample with its status and verdict in words and what happened', async () => {
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    expect(files(wrapper)).toEqual(LIBRARY_ROWS.map((row) => row.file))
    const [met, failed, plain, skipped, unreadable] = rows(wrapper).map((row) => row.findAll('th, td').map(spokenText))
    expect(met?.slice(1, 3)).toEqual(['Expectation met', 'Verified · RingCX'])
    expect(failed?.slice(1, 4)).toEqual(['Expectation failed', 'Rejected · Rox.Chat', `verdict: expected "verified", got "rejected" The visitor's auth token is not in the token table. Codes: provided-auth-token-not-found`])
    expect(plain?.slice(1, 3)).toEqual(['No expectation', 'Rejected · RingCX'])
    expect(plain?.[3]).toBe(`${CODE_INFO['ringcx-jwt-bad-signature'].summary} Likely cause: diagnosis-kid-names-other-key Codes: ringcx-jwt-bad-signature`)
    expect(skipped?.slice(1, 4)).toEqual(['Skipped', 'Not inspected', 'a key or settings file, not a sample'])
    expect(unreadable?.slice(1, 4)).toEqual(['Unreadable', 'Rejected · Unknown kind', 'it is 2.0 MiB, over the 1.0 MiB limit Codes: input-too-large'])
    // A key file is never offered for the Inspector.
    expect(rows(wrapper)[3]?.find('button').exists()).toBe(false)
    expect(wrapper.get('[data-test="samples-progress"]').text()).toContain('Done: 5 files in 1.2 s.')
    expect(wrapper.get('[data-test="samples-count"]').text()).toBe('5 samples')
  })

  it('says in plain words when a visitor’s auth token is not in the token table', async () => {
    bridge.samplesProgress.mockImplementation(() => ok(samplesProgress({
      rows: [sampleRow({ file: 'lib/by-token.json', status: 'no-expectation', scheme: 'roxchat', verdict: 'rejected', codes: ['provided-auth-token-not-found'] })],
      done: 1,
      found: 1,
    })))
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    const row = spokenText(rows(wrapper)[0] ?? wrapper)
    expect(row).toContain('The visitor\'s auth token is not in the token table.')
    expect(row).toContain('provided-auth-token-not-found')
  })

  it('filters by status and by kind, with a count of each', async () => {
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    const failedChip = button(wrapper, 'Expectation failed')
    expect(spokenText(failedChip)).toBe('Expectation failed 1')
    await failedChip.trigger('click')
    expect(failedChip.attributes('aria-pressed')).toBe('true')
    expect(files(wrapper)).toEqual(['lib/b-failed.sample.json'])
    await button(wrapper, 'Unreadable').trigger('click')
    expect(files(wrapper)).toEqual(['lib/b-failed.sample.json', 'lib/e-huge.txt'])
    expect(wrapper.get('[data-test="samples-count"]').text()).toBe('2 of 5 samples match the filter')
    await failedChip.trigger('click')
    await button(wrapper, 'Unreadable').trigger('click')

    const kind = wrapper.get('#samples-scheme')
    const others = SCHEME_IDS.filter((id) => id !== 'ringcx' && id !== 'roxchat').map((id) => `${VOCABULARIES[id].name} (0)`)
    expect(kind.findAll('option').map((option) => option.text())).toEqual(['All kinds', 'RingCX (2)', 'Rox.Chat (1)', ...others, 'Unknown kind (2)'])
    await kind.setValue('ringcx')
    expect(files(wrapper)).toEqual(['lib/a-met.sample.json', 'lib/c-plain.jwt'])
    await kind.setValue('unknown')
    expect(files(wrapper)).toEqual(['lib/d-keys.json', 'lib/e-huge.txt'])
  })

  it('shows progress on a long run, fetches rows page by page, and cancels', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const first = samplesProgress({ done: 2, found: 10, counted: false, finished: false, rows: LIBRARY_ROWS.slice(0, 2) })
    const second = samplesProgress({ done: 3, found: 10, counted: true, finished: false, cancelled: true, rows: LIBRARY_ROWS.slice(2, 3) })
    const last = samplesProgress({ done: 3, found: 10, counted: true, finished: true, cancelled: true, rows: [] })
    bridge.samplesProgress.mockImplementationOnce(() => ok(first)).mockImplementationOnce(() => ok(second)).mockImplementation(() => ok(last))
    const wrapper = await mountSamples()
    await openFolder(wrapper)

    const progress = wrapper.get('[data-test="samples-progress"]')
    const bar = progress.get('progress').element as HTMLProgressElement
    expect([bar.value, bar.max]).toEqual([2, 10])
    expect(progress.text()).toContain('Inspecting… 2 of 10 files found so far.')
    expect(files(wrapper)).toEqual(['lib/a-met.sample.json', 'lib/b-failed.sample.json'])

    await button(wrapper, 'Cancel').trigger('click')
    await flushPromises()
    expect(bridge.samplesCancel).toHaveBeenCalledWith({ runId: 'run-1' })

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(bridge.samplesProgress).toHaveBeenLastCalledWith({ runId: 'run-1', cursor: 2 })
    expect(progress.text()).toContain('Cancelling… 3 of 10 files done.')
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(bridge.samplesProgress).toHaveBeenLastCalledWith({ runId: 'run-1', cursor: 3 })
    expect(progress.text()).toContain('Cancelled after 3 of 10 files: the results below are partial.')
    expect(wrapper.get('[data-test="samples-count"]').text()).toContain('partial: the run was cancelled')
    expect(progress.find('button').exists()).toBe(false)
    expect(files(wrapper)).toHaveLength(3)
    expect(useUiStore().notice).toBe('Sample run cancelled after 3 files: the results are partial.')

    // Finished: no more polling.
    const calls = bridge.samplesProgress.mock.calls.length
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 4)
    expect(bridge.samplesProgress.mock.calls.length).toBe(calls)
  })

  it('starts with a bar that moves without measuring, until files are found', async () => {
    bridge.samplesProgress.mockImplementation(() => ok(samplesProgress({ done: 0, found: 0, counted: false, finished: false, rows: [] })))
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    const bar = wrapper.get('[data-test="samples-progress"] progress')
    expect(bar.attributes('value')).toBeUndefined()
    expect(bar.attributes('data-test')).toBe('progress-indeterminate')
  })

  it('says beside a failed expectation why, in plain words', async () => {
    bridge.samplesProgress.mockImplementation(() => ok(samplesProgress({ rows: [sampleRow({
      index: 0, file: 'lib/signed-elsewhere.sample.json', status: 'failed', verdict: 'rejected', codes: ['ringcx-jwt-bad-signature'],
      firstMismatch: { path: 'verdict', expected: '"verified"', actual: '"rejected"' },
    })], done: 1, found: 1 })))
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    const what = rows(wrapper)[0]?.get('.samples-table__what').text() ?? ''
    expect(what).toContain('verdict: expected "verified", got "rejected"')
    expect(what).toContain('The JWT signature does not match the key')
    expect(what).toContain('signed with a key that is not in your key store')
  })

  it('draws a long list in steps', async () => {
    const many = Array.from({ length: 450 }, (_, index) => sampleRow({ index, file: `lib/s${index}.json` }))
    bridge.samplesProgress.mockImplementation(() => ok(samplesProgress({ rows: many, done: 450, found: 450 })))
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    expect(rows(wrapper)).toHaveLength(200)
    await button(wrapper, 'Show 200 more').trigger('click')
    expect(rows(wrapper)).toHaveLength(400)
    expect(spokenText(button(wrapper, 'Show 50 more'))).toBe('Show 50 more (50 not shown)')
  })

  it('opens a sample in the Inspector, read again by main', async () => {
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    await rows(wrapper)[0]?.get('button').trigger('click')
    await flushPromises()
    expect(bridge.samplesOpen).toHaveBeenCalledWith({ runId: 'run-1', index: 0 })
    expect(useUiStore().view).toBe('inspector')
    const inspection = useInspectionStore()
    expect(inspection.current?.verdict).toBe('verified')
    expect(inspection.text).toBe('{"payload":"eyJ…"}')
    expect(inspection.origin).toEqual({ kind: 'file', fileName: 'lib/a-met.sample.json', demo: false, fromSamples: true })
  })

  it('explains why a sample cannot be opened', async () => {
    bridge.samplesOpen.mockImplementation(() => failure('file-unreadable', 'a-met.sample.json: no such file'))
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    await rows(wrapper)[0]?.get('button').trigger('click')
    await flushPromises()
    const problem = wrapper.get('[role="alert"]')
    expect(problem.text()).toContain('The file could not be read.')
    expect(problem.text()).toContain('a-met.sample.json: no such file')
    expect(problem.text()).toContain('file-unreadable')
    expect(useUiStore().view).toBe('inspector')
  })

  it('re-runs by itself when the keys change, and offers a re-run when main says the run is stale', async () => {
    const wrapper = await mountSamples()
    await openFolder(wrapper)
    await useKeysStore().refresh()
    await flushPromises()
    expect(bridge.samplesRerun).not.toHaveBeenCalled()

    bridge.keysList.mockImplementation(() => ok([...DEMO_KEYS, storedKey({ kid: 'hs_new', fingerprint: 'secret:new' })]))
    await useKeysStore().refresh()
    await flushPromises()
    expect(bridge.samplesRerun).toHaveBeenCalledWith({ runId: 'run-1' })
    expect(useSamplesStore().runId).toBe('run-2')

    bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, inspection: { ...DEMO_SETTINGS.inspection, roxchat: { ...DEMO_SETTINGS.inspection.roxchat, hashAlgorithm: 'sha256' } } }))
    await useSettingsStore().load()
    await flushPromises()
    expect(bridge.samplesRerun).toHaveBeenLastCalledWith({ runId: 'run-2' })

    bridge.samplesProgress.mockImplementation(() => ok(samplesProgress({ stale: true })))
    await button(wrapper, 'Re-run').trigger('click')
    await flushPromises()
    const banner = wrapper.get('.banner')
    expect(banner.text()).toContain('Keys, settings or the token table changed since this run')
    const calls = bridge.samplesRerun.mock.calls.length
    await button(wrapper, 'Re-run now').trigger('click')
    expect(bridge.samplesRerun).toHaveBeenCalledTimes(calls + 1)
  })

  it('offers signing only with QA tools on', async () => {
    const wrapper = await mountSamples()
    expect(wrapper.find('.sign-panel').exists()).toBe(false)
    bridge.settingsGet.mockImplementation(() => ok({ ...DEMO_SETTINGS, qaTools: true }))
    await useSettingsStore().load()
    await flushPromises()
    expect(wrapper.get('.sign-panel h3').text()).toContain('Sign a sample')
  })
})
