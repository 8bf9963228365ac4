import { createHmac } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectSampleFile, runBatch, SummaryCounter, type BatchContext, type BatchResult } from '../../../electron/io/batch-run'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'

const KEY = 'e64e35642555f3ecd64ae7dbb600dca8'
let dir: string
let context: BatchContext

function visitor(id: string, tamper = false): string {
  const hash = createHmac('sha256', KEY).update(id).digest('hex')
  return JSON.stringify({ fields: { id: tamper ? `${id}x` : id }, hash })
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-batch-'))
  const report = await parseKeyFile(JSON.stringify({ keys: [{ scheme: 'roxchat', kid: 'rox', secret: KEY }] }))
  context = { keys: await createKeyRing(report.keys), settings: DEFAULT_SETTINGS, clock: () => new Date('2026-01-01T00:00:00Z') }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function collect(paths: string[], window?: number): Promise<BatchResult[]> {
  const results: BatchResult[] = []
  await runBatch(paths, context, async (result) => { results.push(result) }, window === undefined ? {} : { window })
  return results
}

describe('runBatch', () => {
  it('gives the event loop its turns: a folder of samples that await no I/O never holds off timers and signals to its end', async () => {
    // Synchronous reads and Rox.Chat checks settle in promises alone; without a turn of the loop
    // no signal handler, closed pipe or (in the app) IPC call would run before the folder ends.
    const folder = join(dir, 'turns')
    await mkdir(folder)
    await Promise.all(Array.from({ length: 3000 }, (_, index) => writeFile(join(folder, `v-${String(index).padStart(4, '0')}.json`), visitor(String(index)))))
    let handed = 0
    let handedWhenTheLoopRan: number | null = null
    await runBatch([folder], context, async () => {
      // Asked for once the folder is listed, when only the files remain.
      if (++handed === 1) setImmediate(() => (handedWhenTheLoopRan = handed))
    })
    expect(handed).toBe(3000)
    expect(handedWhenTheLoopRan).not.toBeNull()
    expect(handedWhenTheLoopRan).toBeLessThan(3000)
  })

  it('classifies samples with and without expectations, key files and unreadable paths', async () => {
    const folder = join(dir, 'mixed')
    await mkdir(join(folder, 'nested'), { recursive: true })
    await writeFile(join(folder, 'a-good.json'), visitor('1'))
    await writeFile(join(folder, 'b-bad.json'), visitor('2', true))
    await writeFile(join(folder, 'c-expected-bad.json'), JSON.stringify({ payload: JSON.parse(visitor('3', true)), expect: { verdict: 'rejected', errors: ['wrong-provided-visitor-hash-value'] } }))
    await writeFile(join(folder, 'd-expect-wrong.json'), JSON.stringify({ payload: JSON.parse(visitor('4')), expect: { verdict: 'rejected' } }))
    await writeFile(join(folder, 'keys.json'), JSON.stringify({ keys: [] }))
    await writeFile(join(folder, 'notes.md'), 'not a sample')
    await writeFile(join(folder, 'nested', 'e.json'), visitor('5'))
    const results = await collect([folder, join(dir, 'missing')])
    expect(results.map((result) => [result.file.startsWith(folder) ? result.file.slice(folder.length + 1) : result.file, result.status])).toEqual([
      ['a-good.json', 'passed'],
      ['b-bad.json', 'failed'],
      ['c-expected-bad.json', 'passed'],
      ['d-expect-wrong.json', 'failed'],
      ['keys.json', 'skipped'],
      [join('nested', 'e.json'), 'passed'],
      [join(dir, 'missing'), 'error'],
    ])
    const counter = new SummaryCounter(() => 0)
    results.forEach((result) => counter.add(result))
    expect(counter.summary()).toEqual({ files: 7, verified: 3, rejected: 2, expectationsMet: 1, expectationsFailed: 1, errors: 1, skipped: 1, ms: 0 })
  })

  it('streams a folder of 10,000 samples in order with a bounded number in flight', async () => {
    const folder = join(dir, 'many')
    await mkdir(folder)
    const names: string[] = []
    for (let index = 0; index < 10_000; index++) names.push(`s${String(index).padStart(5, '0')}.json`)
    await Promise.all(names.map((name, index) => writeFile(join(folder, name), visitor(String(index), index % 1000 === 0))))
    let inFlight = 0
    let peak = 0
    let seen = 0
    let firstResultBeforeLastStart = false
    let started = 0
    await runBatch([folder], context, async (result) => {
      if (started < names.length) firstResultBeforeLastStart = true
      expect(result.file).toBe(join(folder, names[seen] as string))
      seen++
    }, {
      window: 8,
      inspectFile: async (path) => {
        started++
        inFlight++
        peak = Math.max(peak, inFlight)
        try {
          return await inspectSampleFile(path, context)
        } finally {
          inFlight--
        }
      },
    })
    expect(seen).toBe(10_000)
    expect(peak).toBeLessThanOrEqual(8)
    expect(firstResultBeforeLastStart).toBe(true)
  }, 60_000)
})
