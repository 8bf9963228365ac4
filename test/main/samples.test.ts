/**
 * The Samples view's services over a generated folder: statuses, pages, cancel, re-run after a
 * key change, opening one sample, and the Rox.Chat token table.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { callService } from '../../electron/main/call-service'
import type { AppServices } from '../../electron/main/services'
import { SAMPLES_PAGE_ROWS, type SampleRow, type SamplesProgress } from '../../electron/shared/ipc-contract'
import { HS_SECRET, HS_SECRET_2, ROX_SECRET, harness, hsToken, roxchatVisitor, tempDir } from './helpers'

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls like the window does until every row is fetched. */
async function runToEnd(services: AppServices, runId: string): Promise<{ rows: SampleRow[]; last: SamplesProgress; pages: number[] }> {
  const rows: SampleRow[] = []
  const pages: number[] = []
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    const progress = await services['samples:progress']({ runId, cursor: rows.length })
    rows.push(...progress.rows)
    if (progress.rows.length > 0) pages.push(progress.rows.length)
    if (progress.finished && rows.length === progress.done) return { rows, last: progress, pages }
    if (progress.rows.length === 0) await pause(5)
  }
  throw new Error('the run did not finish')
}

async function sampleLibrary(): Promise<string> {
  const root = await tempDir('vi-samples-')
  const lib = join(root, 'lib')
  await mkdir(join(lib, 'nested'), { recursive: true })
  const token = await hsToken(HS_SECRET, 'hs_main')
  await writeFile(join(lib, 'a-met.sample.json'), JSON.stringify({ payload: token, expect: { verdict: 'verified', errors: [] } }))
  await writeFile(join(lib, 'b-failed.sample.json'), JSON.stringify({ payload: token, expect: { verdict: 'rejected' } }))
  await writeFile(join(lib, 'c-plain.jwt'), token)
  await writeFile(join(lib, 'd-keys.json'), JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'other', secret: HS_SECRET_2 }] }))
  await writeFile(join(lib, 'e-huge.txt'), 'x'.repeat(1024 * 1024 + 1))
  await writeFile(join(lib, 'notes.md'), 'not a sample')
  await writeFile(join(lib, 'nested', 'rox.json'), roxchatVisitor(ROX_SECRET, { id: 'v-1' }))
  return lib
}

async function withKeys() {
  const h = await harness()
  await h.services['keys:import-text']({ text: JSON.stringify({ keys: [
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
  ] }) })
  return h
}

describe('samples:start and samples:progress', () => {
  it('lists each sample with its verdict and expectation status, and sums them up', async () => {
    const { services, dialogs } = await withKeys()
    dialogs.sampleFolder = await sampleLibrary()
    const started = await services['samples:start']({ pick: 'folder' })
    expect(started?.roots).toEqual(['lib'])
    const { rows, last } = await runToEnd(services, started?.runId ?? '')
    expect(rows.map((row) => [row.index, row.file, row.status, row.scheme, row.verdict])).toEqual([
      [0, join('lib', 'a-met.sample.json'), 'met', 'ringcx', 'verified'],
      [1, join('lib', 'b-failed.sample.json'), 'failed', 'ringcx', 'verified'],
      [2, join('lib', 'c-plain.jwt'), 'no-expectation', 'ringcx', 'verified'],
      [3, join('lib', 'd-keys.json'), 'skipped', null, null],
      [4, join('lib', 'e-huge.txt'), 'unreadable', null, null],
      [5, join('lib', 'nested', 'rox.json'), 'no-expectation', 'roxchat', 'verified'],
    ])
    expect(rows[1]?.firstMismatch).toEqual({ path: 'verdict', expected: '"rejected"', actual: '"verified"' })
    expect(rows[3]?.problem).toBe('a key or settings file, not a sample')
    expect(rows[4]?.codes).toEqual(['input-too-large'])
    expect(rows[4]?.problem).toMatch(/over the 1\.0 MiB limit/)
    // The row names the file; its full path stays in main.
    expect(rows[4]?.problem).toContain('e-huge.txt')
    expect(rows[4]?.problem).not.toContain(dialogs.sampleFolder ?? '-')
    expect(last).toMatchObject({ done: 6, found: 6, counted: true, finished: true, cancelled: false, stale: false })
    expect(last.summary).toMatchObject({
      files: 6,
      verified: 4,
      rejected: 1,
      statuses: { met: 1, failed: 1, 'no-expectation': 2, unreadable: 1, skipped: 1 },
      schemes: { ringcx: 3, roxchat: 1, unknown: 2 },
    })
  })

  it('explains a failed signature with its likely cause', async () => {
    const { services, dialogs } = await withKeys()
    await services['keys:import-text']({ text: HS_SECRET_2, scheme: 'ringcx', kid: 'hs_next' })
    const dir = await tempDir()
    await writeFile(join(dir, 'other-key.jwt'), await hsToken(HS_SECRET_2, 'hs_main'))
    await writeFile(join(dir, 'unexplained.jwt'), await hsToken('00000000000000000000000a', 'hs_main'))
    dialogs.sampleFiles = [join(dir, 'other-key.jwt'), join(dir, 'unexplained.jwt')]
    const started = await services['samples:start']({ pick: 'files' })
    const { rows } = await runToEnd(services, started?.runId ?? '')
    expect(rows.map((row) => [row.file, row.status, row.codes, row.likelyCause])).toEqual([
      ['other-key.jwt', 'no-expectation', ['ringcx-jwt-bad-signature'], 'diagnosis-kid-names-other-key'],
      ['unexplained.jwt', 'no-expectation', ['ringcx-jwt-bad-signature'], null],
    ])
  })

  it('answers null when the dialog is cancelled', async () => {
    const { services } = await harness()
    expect(await services['samples:start']({ pick: 'folder' })).toBeNull()
    expect(await services['samples:start']({ pick: 'files' })).toBeNull()
  })

  it('sends rows in pages and keeps no inspection in them', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    const count = SAMPLES_PAGE_ROWS * 2 + 20
    await Promise.all(Array.from({ length: count }, (_, index) =>
      writeFile(join(dir, `s${String(index).padStart(4, '0')}.json`), JSON.stringify({ payload: { fields: { id: String(index) }, hash: 'x' }, scheme: 'roxchat', expect: { verdict: 'rejected' } }))))
    dialogs.sampleFolder = dir
    const started = await services['samples:start']({ pick: 'folder' })
    const { rows, last } = await runToEnd(services, started?.runId ?? '')
    expect(rows).toHaveLength(count)
    expect(rows.map((row) => row.index)).toEqual(Array.from({ length: count }, (_, index) => index))
    expect(last.summary.statuses.met).toBe(count)
    const page = await services['samples:progress']({ runId: started?.runId ?? '', cursor: 0 })
    expect(page.rows).toHaveLength(SAMPLES_PAGE_ROWS)
    expect(Object.keys(page.rows[0] ?? {}).sort()).toEqual(['codes', 'file', 'firstMismatch', 'index', 'likelyCause', 'problem', 'scheme', 'status', 'verdict'])
    expect((await services['samples:progress']({ runId: started?.runId ?? '', cursor: count + 5 })).rows).toEqual([])
  })
})

describe('a broken sample file', () => {
  it('is listed as unreadable with its reason, not as a sample without expectation', async () => {
    const { services, dialogs } = await withKeys()
    const root = await tempDir('vi-samples-broken-')
    await writeFile(join(root, 'bad-now.sample.json'), JSON.stringify({ payload: 'eyJ.x.y', now: 'yesterday', expect: { verdict: 'verified' } }))
    await writeFile(join(root, 'not-json.sample.json'), '{"payload": "eyJ", ')
    dialogs.sampleFolder = root
    const started = await services['samples:start']({ pick: 'folder' })
    const { rows, last } = await runToEnd(services, started?.runId ?? '')
    expect(rows.map((row) => [row.file.split('/').pop(), row.status])).toEqual([['bad-now.sample.json', 'unreadable'], ['not-json.sample.json', 'unreadable']])
    expect(rows[0]?.codes).toEqual(['sample-invalid'])
    expect(rows[0]?.problem).toMatch(/^The sample file has a member of the wrong kind/)
    expect(last.summary.statuses['no-expectation']).toBe(0)
  })
})

describe('samples:cancel', () => {
  it('stops a long run after the files in flight, and says so', async () => {
    const { services, dialogs } = await harness({ samplesWindow: 2 })
    const dir = await tempDir()
    const count = 400
    await Promise.all(Array.from({ length: count }, (_, index) => writeFile(join(dir, `s${index}.json`), JSON.stringify({ payload: { fields: { id: '1' }, hash: 'x' } }))))
    dialogs.sampleFolder = dir
    const started = await services['samples:start']({ pick: 'folder' })
    const runId = started?.runId ?? ''
    expect(await services['samples:cancel']({ runId })).toEqual({ cancelled: true })
    const { rows, last } = await runToEnd(services, runId)
    expect(last).toMatchObject({ finished: true, cancelled: true })
    expect(rows.length).toBeLessThan(count)
    expect(await services['samples:cancel']({ runId })).toEqual({ cancelled: false })
  })
})

describe('samples:rerun', () => {
  it('says a run is stale after a key change and re-runs it with the new key', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    await writeFile(join(dir, 'needs-key.sample.json'), JSON.stringify({ payload: await hsToken(HS_SECRET, 'hs_main'), expect: { verdict: 'verified' } }))
    dialogs.sampleFolder = dir
    const first = await services['samples:start']({ pick: 'folder' })
    const before = await runToEnd(services, first?.runId ?? '')
    expect(before.rows[0]).toMatchObject({ status: 'failed', codes: ['ringcx-jwt-unknown-kid'] })
    expect(before.last.stale).toBe(false)

    await services['keys:import-text']({ text: HS_SECRET, scheme: 'ringcx', kid: 'hs_main' })
    expect((await services['samples:progress']({ runId: first?.runId ?? '', cursor: 1 })).stale).toBe(true)

    const second = await services['samples:rerun']({ runId: first?.runId ?? '' })
    expect(second.runId).not.toBe(first?.runId)
    const after = await runToEnd(services, second.runId)
    expect(after.rows[0]).toMatchObject({ status: 'met', verdict: 'verified', codes: [] })
    expect(after.last.stale).toBe(false)
    await expect(services['samples:progress']({ runId: first?.runId ?? '', cursor: 0 })).rejects.toMatchObject({ code: 'samples-run-not-found' })
  })

  it('goes stale when the inspection settings change, not when the theme does', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    await writeFile(join(dir, 'unsigned.js'), '_chatq.push(["_setIdentity", {"uuid": "u-1"}])')
    dialogs.sampleFolder = dir
    const started = await services['samples:start']({ pick: 'folder' })
    const runId = started?.runId ?? ''
    expect((await runToEnd(services, runId)).rows[0]?.verdict).toBe('rejected')
    await services['settings:update']({ theme: 'dark' })
    expect((await services['samples:progress']({ runId, cursor: 1 })).stale).toBe(false)
    await services['settings:update']({ inspection: { ringcx: { signedIdentities: 'reject' } } })
    expect((await services['samples:progress']({ runId, cursor: 1 })).stale).toBe(true)
    const rerun = await services['samples:rerun']({ runId })
    expect((await runToEnd(services, rerun.runId)).rows[0]?.verdict).toBe('accepted-unsigned')
  })
})

describe('samples:open', () => {
  it('reads a sample again and inspects it for the Inspector', async () => {
    const { services, dialogs } = await withKeys()
    dialogs.sampleFolder = await sampleLibrary()
    const started = await services['samples:start']({ pick: 'folder' })
    const runId = started?.runId ?? ''
    await runToEnd(services, runId)
    const opened = await services['samples:open']({ runId, index: 1 })
    expect(opened.fileName).toBe('b-failed.sample.json')
    expect(JSON.parse(opened.text)).toMatchObject({ expect: { verdict: 'rejected' } })
    expect(opened.inspection).toMatchObject({ verdict: 'verified', expectation: { met: false } })
  })

  it('never sends a key file, and says when a row or file is gone', async () => {
    const { services, dialogs } = await withKeys()
    const lib = await sampleLibrary()
    dialogs.sampleFolder = lib
    const started = await services['samples:start']({ pick: 'folder' })
    const runId = started?.runId ?? ''
    await runToEnd(services, runId)
    await expect(services['samples:open']({ runId, index: 3 })).rejects.toMatchObject({ code: 'sample-not-openable' })
    await expect(services['samples:open']({ runId, index: 99 })).rejects.toMatchObject({ code: 'samples-run-not-found' })
    await expect(services['samples:open']({ runId, index: 4 })).rejects.toMatchObject({ code: 'file-too-large' })
    // A sample replaced by a key file after the run is refused too.
    await writeFile(join(lib, 'c-plain.jwt'), `-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n`)
    await expect(services['samples:open']({ runId, index: 2 })).rejects.toMatchObject({ code: 'sample-not-openable' })
    await rm(join(lib, 'a-met.sample.json'))
    await expect(services['samples:open']({ runId, index: 0 })).rejects.toMatchObject({ code: 'file-unreadable' })
  })

  it('is reached only through the argument checks: paths never come from the window', async () => {
    const { services } = await harness()
    expect(await callService(services, 'samples:start', [{ pick: 'folder', paths: ['/etc'] }])).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await callService(services, 'samples:open', [{ runId: 'AAAAAAAAAAAA', index: -1 }])).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await callService(services, 'samples:progress', [{ runId: 'AAAAAAAAAAAA', cursor: 0 }])).toMatchObject({ ok: false, code: 'samples-run-not-found' })
  })
})

describe('Rox.Chat token table', () => {
  const table = { 'tok-1': { id: 'v-42', display_name: 'Tina' } }

  it('identifies a visitor by token in the Inspector and in Samples runs, once a table is chosen', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    const tokensPath = join(dir, 'tokens.json')
    await writeFile(tokensPath, JSON.stringify(table))
    const sample = JSON.stringify({ authToken: 'tok-1', expect: { verdict: 'verified', fields: { id: { value: 'v-42', source: 'providedFields' } } } })
    await writeFile(join(dir, 'by-token.sample.json'), sample)

    const without = await services['inspect:payload']({ text: sample })
    expect(without.errors.map((error) => [error.code, error.message])).toEqual([
      ['provided-auth-token-not-found', 'The visitor’s auth token is not in the token table. No token table is loaded.'.replace('’', "'")],
    ])
    expect(await services['tokens:status']()).toEqual({ file: null, tokenCount: null, problem: null })

    dialogs.tokenTable = tokensPath
    expect(await services['tokens:choose']()).toEqual({ file: tokensPath, tokenCount: 1, problem: null })
    expect((await services['settings:get']()).tokensFile).toBe(tokensPath)
    expect(await services['inspect:payload']({ text: sample })).toMatchObject({ verdict: 'verified', expectation: { met: true } })

    dialogs.sampleFiles = [join(dir, 'by-token.sample.json')]
    const started = await services['samples:start']({ pick: 'files' })
    const run = await runToEnd(services, started?.runId ?? '')
    expect(run.rows[0]).toMatchObject({ status: 'met', scheme: 'roxchat', verdict: 'verified' })

    // An edit to the table is picked up, and makes the finished run stale.
    await writeFile(tokensPath, JSON.stringify({ 'tok-2': { id: 'v-43' } }))
    const unknown = await services['inspect:payload']({ text: sample })
    expect(unknown.errors[0]?.message).toContain('The token table has no such token.')
    expect((await services['samples:progress']({ runId: started?.runId ?? '', cursor: 1 })).stale).toBe(true)

    expect(await services['tokens:clear']()).toEqual({ file: null, tokenCount: null, problem: null })
    expect((await services['settings:get']()).tokensFile).toBeNull()
  })

  it('refuses a file that is not a token table and keeps the setting', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    await writeFile(join(dir, 'good.json'), JSON.stringify(table))
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ 'tok-1': 'not an object' }))
    dialogs.tokenTable = join(dir, 'good.json')
    await services['tokens:choose']()
    dialogs.tokenTable = join(dir, 'bad.json')
    await expect(services['tokens:choose']()).rejects.toMatchObject({ code: 'token-table-invalid' })
    expect((await services['settings:get']()).tokensFile).toBe(join(dir, 'good.json'))
    dialogs.tokenTable = null
    expect(await services['tokens:choose']()).toBeNull()
  })

  it('reports a table that disappeared, and inspects as without one', async () => {
    const { services, dialogs } = await harness()
    const dir = await tempDir()
    dialogs.tokenTable = join(dir, 'tokens.json')
    await writeFile(dialogs.tokenTable, JSON.stringify(table))
    await services['tokens:choose']()
    await rm(dialogs.tokenTable)
    const status = await services['tokens:status']()
    expect(status).toMatchObject({ file: dialogs.tokenTable, tokenCount: null })
    expect(status.problem).toContain('no such file')
    expect((await services['inspect:payload']({ text: JSON.stringify({ authToken: 'tok-1' }) })).errors[0]?.code).toBe('provided-auth-token-not-found')
  })

  it('cannot be pointed at a path by the window', async () => {
    const { services } = await harness()
    expect(await callService(services, 'settings:update', [{ tokensFile: '/home/me/.ssh/id_rsa' }])).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await callService(services, 'tokens:choose', [{ path: '/etc/passwd' }])).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
  })
})
