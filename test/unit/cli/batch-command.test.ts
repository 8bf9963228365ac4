import { createHmac } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const examples = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'examples')
const demoKeys = join(examples, 'demo-keys.json')
const KEY = 'e64e35642555f3ecd64ae7dbb600dca8'
let dir: string

const cli = (...argv: string[]): Promise<CapturedRun> => runCaptured(argv, { now: new Date('2026-06-01T12:00:00Z') })

function roxVisitor(id: string): Record<string, unknown> {
  return { fields: { id }, hash: createHmac('sha256', KEY).update(id).digest('hex') }
}

async function folderWith(name: string, files: Record<string, unknown>): Promise<string> {
  const folder = join(dir, name)
  await mkdir(folder, { recursive: true })
  for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), typeof content === 'string' ? content : JSON.stringify(content))
  return folder
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-batch-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cli batch', () => {
  // The whole examples folder (forty files, eleven demo keys) and the command's first import: more than a unit's time.
  it('exits 0 over the shipped examples, whose samples all meet their expectations', { timeout: 30_000 }, async () => {
    const run = await cli('batch', examples, '--key', demoKeys, '--config', join(examples, 'demo-settings.json'), '--json')
    const summary = run.lines.at(-1)?.['summary'] as Record<string, number>
    // Examples without expect include deliberately rejected payloads: those fail the batch.
    expect(run.status).toBe(EXIT_REJECTED)
    expect(summary['expectationsFailed']).toBe(0)
    expect(summary['expectationsMet']).toBe(4)
    expect(summary['files']).toBe(run.lines.length - 1)
    expect(run.lines.filter((line) => line['status'] === 'skipped').map((line) => line['file'])).toEqual([demoKeys, join(examples, 'demo-settings.json')])
  })

  it('exits 0 when every sample passes, 1 when an expectation fails, 2 when a path is unreadable', async () => {
    const good = await folderWith('good', { 'a.json': roxVisitor('1'), 'b.json': { payload: { ...roxVisitor('2'), hash: 'bad' }, expect: { verdict: 'rejected' } } })
    const keyFile = join(dir, 'rox.txt')
    await writeFile(keyFile, KEY)
    expect((await cli('batch', good, '--key', `roxchat:rox=${keyFile}`)).status).toBe(EXIT_OK)

    const failing = await folderWith('failing', { 'a.json': { payload: roxVisitor('1'), expect: { verdict: 'rejected' } } })
    const failed = await cli('batch', failing, '--key', `roxchat:rox=${keyFile}`, '--json')
    expect(failed.status).toBe(EXIT_REJECTED)
    expect(failed.lines[0]?.['expectation']).toEqual({ met: false, mismatches: [{ path: 'verdict', expected: 'rejected', actual: 'verified' }] })

    const missing = await cli('batch', good, join(dir, 'nowhere'), '--key', `roxchat:rox=${keyFile}`, '--json')
    expect(missing.status).toBe(EXIT_USAGE)
    expect(missing.lines.at(-1)?.['summary']).toMatchObject({ files: 3, errors: 1 })
  })

  it('writes JUnit XML with one test case per sample and a Markdown report of what failed', async () => {
    const folder = await folderWith('reports', {
      'ok.json': roxVisitor('1'),
      'bad <&>.json': { payload: roxVisitor('2'), expect: { errors: ['provided-visitor-expired'] } },
      'broken.json': { ...roxVisitor('3'), hash: 'nope' },
    })
    const keyFile = join(dir, 'rox2.txt')
    await writeFile(keyFile, KEY)
    const junit = join(dir, 'out.xml')
    const report = join(dir, 'out.md')
    const run = await cli('batch', folder, '--key', `roxchat:rox=${keyFile}`, '--junit', junit, '--report', report)
    expect(run.status).toBe(EXIT_REJECTED)

    const xml = await readFile(junit, 'utf8')
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
    expect(xml.match(/<testcase /g)).toHaveLength(3)
    expect(xml).toContain('tests="3" failures="2" errors="0"')
    expect(xml).toContain('bad &lt;&amp;&gt;.json')
    expect(xml).toContain('wrong-provided-visitor-hash-value')
    expect(xml.trim().endsWith('</testsuites>')).toBe(true)

    const markdown = await readFile(report, 'utf8')
    expect(markdown).toContain('| 3 | 2 | 1 | 0 | 1 | 0 |')
    expect(markdown).toContain('## Samples that did not pass (2)')
    // Brackets are escaped so that no value can become a Markdown link.
    expect(markdown).toContain('errors: expected \\["provided-visitor-expired"\\], got \\[\\]')
    // No temporary parts are left beside the reports.
    expect((await readdir(dir)).filter((name) => name.startsWith('out.') && name !== 'out.xml' && name !== 'out.md')).toEqual([])
  })

  it('resolves Rox.Chat auth tokens from --tokens', async () => {
    const tokens = join(dir, 'tokens.json')
    await writeFile(tokens, JSON.stringify({ 'tok-1': { id: '99', display_name: 'By token' } }))
    const folder = await folderWith('tokens', { 'known.json': { authToken: 'tok-1' }, 'unknown.json': { authToken: 'tok-2', expect: { errors: ['provided-auth-token-not-found'] } } })
    const run = await cli('batch', folder, '--tokens', tokens, '--json')
    expect(run.status).toBe(EXIT_OK)
    expect(run.lines.slice(0, 2).map((line) => line['verdict'])).toEqual(['verified', 'rejected'])
  })

  it('hands large batches to worker threads and keeps the walk order', async () => {
    const folder = join(dir, 'large')
    await mkdir(folder)
    const names = Array.from({ length: 700 }, (_, index) => `v${String(index).padStart(4, '0')}.json`)
    await Promise.all(names.map((name, index) => writeFile(join(folder, name), JSON.stringify(index % 100 === 7 ? { ...roxVisitor(String(index)), hash: 'x' } : roxVisitor(String(index))))))
    const keyFile = join(dir, 'rox-large.txt')
    await writeFile(keyFile, KEY)
    const run = await cli('batch', folder, '--key', `roxchat:rox=${keyFile}`, '--json', '--threads', '2')
    expect(run.status).toBe(EXIT_REJECTED)
    const lines = run.lines.slice(0, -1)
    expect(lines.map((line) => line['file'])).toEqual(names.map((name) => join(folder, name)))
    expect(lines.filter((line) => line['verdict'] === 'rejected')).toHaveLength(7)
    expect(run.lines.at(-1)?.['summary']).toMatchObject({ files: 700, verified: 693, rejected: 7 })
  }, 60_000)

  it.each([
    [['batch'], 'no path'],
    [['batch', '.', '--junit', '/no/such/folder/out.xml'], 'unwritable report'],
    [['batch', '.', '--tokens', '/no/such/tokens.json'], 'missing token table'],
    [['batch', '.', '--threads', 'many'], 'bad thread count'],
  ])('exits 2 on usage errors: %j (%s)', async (argv) => {
    const run = await cli(...argv)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).not.toBe('')
  })
})
