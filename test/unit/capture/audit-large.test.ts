/**
 * A 200 MB HAR, written by the test, audited in a child process whose heap is capped at 256 MB:
 * the HAR is streamed, bodies over the limit are skipped (and counted) without being held, the
 * identities and the leaked key near the end are still found, and peak memory stays bounded.
 */
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { HS, JUDGED_AT, KEYS_MANIFEST, ROX, hsToken } from './session'

const root = resolve(import.meta.dirname, '..', '..', '..')
const MiB = 1024 * 1024
/** The bound the test holds the whole process to (heap, code, buffers): no more than the heap cap alone. */
const MAX_RSS_MB = 256

let dir: string
let harPath: string
let keysPath: string
let expected: { identities: number; bytes: number }

/** A script body of about `bytes` with the quotes, backslashes and line breaks that make JSON escape it. */
function scriptBody(bytes: number): string {
  const line = 'function f(a){return "a \\"quoted\\" value\\n".replace(/\\s+/g, \'\\t\') + a;} // é 😀\n'
  return line.repeat(Math.ceil(bytes / line.length))
}

async function writeLargeHar(path: string): Promise<{ identities: number; bytes: number }> {
  const out = createWriteStream(path)
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  const exp = Math.floor(JUDGED_AT.getTime() / 1000) + 7200
  const token = await hsToken({ uuid: 'u-large', exp })
  const script = JSON.stringify(scriptBody(MiB))
  const page = Buffer.from(`<html><body>${'<p>lorem ipsum dolor sit amet</p>\n'.repeat(40_000)}</body></html>`).toString('base64')
  const huge = Buffer.alloc(24 * MiB, 'A').toString('base64')
  const entry = (index: number, url: string, content: string): string =>
    `${index === 0 ? '' : ','}\n{"startedDateTime":"2026-03-01T10:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}.000Z",` +
    `"request":{"method":"GET","url":${JSON.stringify(url)},"headers":[{"name":"accept","value":"*/*"}]},` +
    `"response":{"status":200,"content":${content}},"timings":{"wait":1}}`
  await write('{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[')
  let identities = 0
  let index = 0
  for (let round = 0; round < 40; round++) {
    for (let i = 0; i < 3; i++) await write(entry(index++, `https://www.example.com/bundle-${index}.js`, `{"mimeType":"application/javascript","text":${script}}`))
    await write(entry(index++, `https://www.example.com/page-${index}.html`, `{"mimeType":"text/html","encoding":"base64","text":"${page}"}`))
    if (round % 4 === 0) {
      await write(entry(index++, `https://chat.example.com/chat?jwt_identity=${token}`, '{"mimeType":"text/plain","size":0}'))
      identities++
    }
    if (round === 10 || round === 30) await write(entry(index++, 'https://www.example.com/video.js', `{"mimeType":"application/javascript","encoding":"base64","text":"${huge}"}`))
  }
  // At the very end: a leaked key, so that the whole file must have been read.
  await write(entry(index++, `https://analytics.example.net/c?sid=${Buffer.from(ROX.secret).toString('base64url')}`, '{"mimeType":"text/plain"}'))
  await write(']}}\n')
  out.end()
  await once(out, 'finish')
  return { identities, bytes: (await stat(path)).size }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-audit-large-'))
  harPath = join(dir, 'large.har')
  keysPath = join(dir, 'keys.json')
  await writeFile(keysPath, KEYS_MANIFEST)
  expected = await writeLargeHar(harPath)
}, 120_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('streams a 200 MB HAR with bounded memory, skipping what is over the limit and finding what is at the end', { timeout: 180_000 }, async () => {
  expect(expected.bytes).toBeGreaterThan(200 * MiB)
  const child = await promisify(execFile)(
    process.execPath,
    ['--max-old-space-size=256', '--import', 'tsx', join(root, 'test', 'unit', 'capture', 'audit-child.ts'), 'audit', harPath, '--key', keysPath, '--now', JUDGED_AT.toISOString(), '--json'],
    { cwd: root, maxBuffer: 16 * MiB },
  ).catch((error: { code?: number; stderr?: string }) => ({ stderr: error.stderr ?? '', stdout: '' }))
  const report = JSON.parse(child.stderr.trim().split('\n').at(-1) ?? '{}') as { status: number; lines: number; summary: unknown; ms: number; maxRssMb: number }
  console.log(`[audit-large] ${(expected.bytes / MiB).toFixed(0)} MiB HAR in ${(report.ms / 1000).toFixed(1)} s, peak RSS ${report.maxRssMb.toFixed(0)} MiB`)
  expect(report.summary).toEqual({ summary: { captures: 1, identities: expected.identities, verified: expected.identities, rejected: 0, leakedSecrets: 1, clientSideSigning: 0, skipped: 2 } })
  expect(report.status).toBe(1)
  expect(report.lines).toBe(expected.identities + 2)
  expect(child.stderr.match(/entry \d+ response body \(32\.0 MiB\) was not searched: over the 8\.0 MiB limit\./g)).toHaveLength(2)
  expect(child.stderr).not.toContain(HS.secret)
  expect(report.maxRssMb).toBeLessThan(MAX_RSS_MB)
})
