import { createHmac } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectSampleFile, runBatch, SummaryCounter, type BatchContext, type BatchResult } from '../../../electron/io/batch-run'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { inspect } from '../../../electron/core/inspect'

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

describe('a batch file is inspected as an interactive inspection is', () => {
  it('gives, for every shipped example and for hostile samples, the inspection that inspect() gives for the same text', async () => {
    const examples = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'examples')
    const report = await parseKeyFile(await readFile(join(examples, 'demo-keys.json'), 'utf8'))
    const keys = await createKeyRing(report.keys)
    const now = new Date('2026-01-01T00:00:00Z')
    const folder = join(dir, 'same')
    await mkdir(folder)
    const jwtOf = (claims: string): string => {
      const head = Buffer.from('{"alg":"HS256","typ":"JWT","kid":"k"}').toString('base64url')
      const body = Buffer.from(claims).toString('base64url')
      return `${head}.${body}.${createHmac('sha256', 'x').update(`${head}.${body}`).digest('base64url')}`
    }
    const hostile: Record<string, string> = {
      'duplicates.json': '{"payload":{"fields":{"id":"1","id":"2"},"hash":"00"},"payload":{"fields":{"id":"1"},"hash":"00"},"expect":{"verdict":"rejected"}}',
      'spelled-expires.json': '{"payload":{"fields":{"id":"1"},"expires":1.8e9,"hash":"00"}}',
      'escaped-name.json': '{"pay\\u006coad":{"fields":{"id":"1"},"hash":"00"},"payload":{"fields":{"id":"1"},"hash":"00"}}',
      'jwt-duplicate-claim.json': JSON.stringify({ payload: jwtOf('{"uuid":"a","uuid":"b","exp":1800000000}'), expect: { verdict: 'verified' } }),
      'too-deep.json': `{"payload":${'['.repeat(100)}${']'.repeat(100)}}`,
      'now-and-config.json': JSON.stringify({ payload: JSON.parse(visitor('7')), now: '2025-06-01T00:00:00Z', config: { roxchat: {} } }),
    }
    await Promise.all(Object.entries(hostile).map(([name, text]) => writeFile(join(folder, name), text)))
    const files = [...(await readdir(examples)).map((name) => join(examples, name)), ...Object.keys(hostile).map((name) => join(folder, name))]
    const batch: BatchContext = { keys, settings: DEFAULT_SETTINGS, clock: () => now }
    let compared = 0
    for (const file of files) {
      const result = await inspectSampleFile(file, batch)
      if (result.status === 'skipped') continue
      const direct = await inspect(await readFile(file, 'utf8'), { keys, settings: DEFAULT_SETTINGS, now, sampleSemantics: true, nowIsExplicit: false })
      expect(result.inspection, file).toEqual(direct)
      compared++
    }
    expect(compared).toBeGreaterThanOrEqual(20)
  })
})
