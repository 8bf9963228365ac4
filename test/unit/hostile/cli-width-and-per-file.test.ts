/**
 * Very wide visitors in the human output, a file whose inspection throws (its own line, the others
 * still inspected), and results that do not depend on the thread a file ran on.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { formatInspection } from '../../../electron/cli/format-inspection'
import { EXIT_REJECTED, EXIT_USAGE } from '../../../electron/cli/run-cli'
import type { Inspection, MergedField } from '../../../electron/common/inspection'
import { NOW, STACK_TRACE, cli, demoKeys, examples, roxVisitor, tempFolder } from './cli-harness'

/** Text that makes the (mocked) core throw, as a bug in it would. */
const BOOM = 'BOOM-make-the-core-throw'

vi.mock('../../../electron/core/inspect', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/core/inspect')>()
  return {
    ...original,
    inspect: async (...args: Parameters<typeof original.inspect>) => {
      if (typeof args[0] === 'string' && args[0].includes(BOOM)) throw new RangeError('Maximum call stack size exceeded')
      return original.inspect(...args)
    },
  }
})

const codes = (line: Record<string, unknown> | undefined): string[] => ((line?.['errors'] ?? []) as { code: string }[]).map((error) => error.code)
const verified = join(examples, 'ringcx-verified-hs256.jwt')

let folder: { dir: string; cleanup(): Promise<void> }
beforeAll(async () => {
  folder = await tempFolder('vi-width-')
})
afterAll(async () => {
  await folder.cleanup()
})

/** 150,000 distinct field names of two or three characters: just under the 1 MiB input limit. */
function fieldNames(count: number): string[] {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$'
  const rest = `${first}0123456789`
  const names: string[] = []
  for (const a of first) for (const b of rest) names.push(a + b)
  for (const a of first) for (const b of rest) for (const c of rest) if (names.length < count) names.push(a + b + c)
  return names.slice(0, count)
}

describe('a visitor with 150,000 fields', () => {
  it('prints every field in the human output', async () => {
    const file = join(folder.dir, 'wide.js')
    await writeFile(file, `roxchat_visitor={fields:{${fieldNames(150_000).map((name) => `${name}:""`).join(',')}},hash:"00"}`)
    const run = await cli(['inspect', file, '--key', demoKeys])
    expect(run.status).toBe(EXIT_REJECTED)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('REJECTED')
    expect(run.stdout.split('\n').length).toBeGreaterThan(150_000)
  }, 60_000)

  it('formats 150,000 merged, unmapped and rejected fields', () => {
    const rows: MergedField[] = fieldNames(150_000).map((name) => ({ name, value: 'v', source: 'providedFields', overridden: [] }))
    const inspection: Inspection = {
      scheme: 'roxchat', verdict: 'verified', errors: [], warnings: [], checks: [], key: null,
      expiry: { expiresAt: null, secondsLeft: null, status: 'none' },
      fields: rows, unmapped: rows, rejectedFields: rows, now: NOW.toISOString(), raw: {}, appliedFromSample: [],
    }
    const text = formatInspection('wide.json', inspection, { color: false })
    expect(text.split('\n').length).toBeGreaterThan(450_000)
  })
})

describe('a file whose inspection throws', () => {
  let boom: string
  beforeAll(async () => {
    boom = join(folder.dir, 'boom.jwt')
    await writeFile(boom, BOOM)
  })

  it('gets its own JSON line with internal-error naming the file; the files after it are inspected', async () => {
    const run = await cli(['inspect', verified, boom, verified, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.lines.map(codes)).toEqual([[], ['internal-error'], []])
    expect(run.lines.map((line) => line['file'])).toEqual([verified, boom, verified])
    expect(JSON.stringify(run.lines[1]?.['errors'])).toContain('boom.jwt')
    expect(run.stderr).toContain('boom.jwt')
    expect(run.stderr).toContain('[internal-error]')
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })

  it('gets its own panel in the human output', async () => {
    const run = await cli(['inspect', boom, verified, '--key', demoKeys])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stdout).toContain('internal-error')
    expect(run.stdout).toContain('VERIFIED')
    expect(run.stdout).not.toMatch(STACK_TRACE)
  })

  it('gets its own line in a batch, with the code', async () => {
    const run = await cli(['batch', verified, boom, verified, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.lines[1]).toMatchObject({ file: boom, status: 'error', code: 'internal-error' })
    expect(run.lines.filter((line) => line['verdict'] === 'verified')).toHaveLength(2)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })
})

describe('thread mode', () => {
  let samples: string
  beforeAll(async () => {
    // More files than the batch inspects before starting workers, of every kind, and none with
    // its own `now`: each is judged at the batch's clock, on whichever thread it lands.
    samples = join(folder.dir, 'mixed')
    await mkdir(samples)
    const secret = new TextEncoder().encode('de305d54a75b431b8d0e11fe')
    const expires = Math.floor(NOW.getTime() / 1000) + 7200
    const writes: Promise<void>[] = []
    for (let index = 0; index < 600; index++) {
      const name = join(samples, `s${String(index).padStart(4, '0')}`)
      const kind = index % 6
      if (kind === 0) writes.push(writeFile(`${name}.json`, JSON.stringify({ ...roxVisitor(String(index)), expires })))
      if (kind === 1) writes.push(writeFile(`${name}.json`, JSON.stringify({ ...roxVisitor(String(index)), hash: 'bad' })))
      if (kind === 2) writes.push(writeFile(`${name}.json`, JSON.stringify({ payload: roxVisitor(String(index)), expect: { verdict: 'rejected' } })))
      if (kind === 3) writes.push(writeFile(`${name}.bin.txt`, Buffer.from([0xff, 0xfe])))
      if (kind === 4) writes.push(new SignJWT({ uuid: `u${index}`, exp: Math.floor(NOW.getTime() / 1000) + 3 * 3600 }).setProtectedHeader({ alg: 'HS256', kid: 'hs_demo' }).sign(secret).then((token) => writeFile(`${name}.jwt`, token)))
      if (kind === 5) writes.push(writeFile(`${name}.jwt`, 'not a token'))
    }
    await Promise.all(writes)
    await writeFile(join(samples, 'keys.json'), JSON.stringify({ keys: [] }))
  })

  const withoutTime = (stdout: string): string => stdout.replace(/"ms":\d+/, '"ms":0').replace(/; [\d.]+ s\n$/, '\n')

  it.each([['JSON', ['--json']], ['human', []]] as const)('gives the same %s lines on one thread and on two', async (_output, format) => {
    const one = await cli(['batch', samples, '--key', demoKeys, '--threads', '1', ...format])
    const two = await cli(['batch', samples, '--key', demoKeys, '--threads', '2', ...format])
    expect(two.status).toBe(one.status)
    expect(withoutTime(two.stdout)).toBe(withoutTime(one.stdout))
    expect(two.stderr).toBe(one.stderr)
    expect(one.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(600)
  }, 120_000)

  it('writes the same JUnit, Markdown and GitHub reports on one thread and on two', async () => {
    const reportsOf = async (threads: string): Promise<{ junit: string; markdown: string; stdout: string }> => {
      const junit = join(folder.dir, `reports-${threads}.xml`)
      const markdown = join(folder.dir, `reports-${threads}.md`)
      const run = await cli(['batch', samples, '--key', demoKeys, '--threads', threads, '--junit', junit, '--report', markdown, '--reporter', 'github'])
      expect(run.status).toBe(EXIT_USAGE)
      const untimed = (text: string): string => text.replace(/time="[\d.]+"/g, 'time=""').replace(/\| [\d.]+ s \|/, '| s |')
      return { junit: untimed(await readFile(junit, 'utf8')), markdown: untimed(await readFile(markdown, 'utf8')), stdout: withoutTime(run.stdout) }
    }
    const one = await reportsOf('1')
    const two = await reportsOf('2')
    expect(two).toEqual(one)
    // The failures carry what crosses back from a thread: sentence, codes and mismatches.
    expect(one.junit).toContain('<failure message="')
    expect(one.junit).toContain('errors: wrong-provided-visitor-hash-value')
    expect(one.junit).toContain('expect verdict: expected')
    expect(one.stdout).toContain('::error file=')
  }, 120_000)

  it('judges with the batch clock on worker threads too', async () => {
    const two = await cli(['batch', samples, '--key', demoKeys, '--threads', '2', '--json'])
    const nows = new Set(two.lines.filter((line) => line['now'] !== undefined).map((line) => line['now']))
    expect([...nows]).toEqual([NOW.toISOString()])
  }, 120_000)
})
