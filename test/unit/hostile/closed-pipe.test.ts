/**
 * The reader of the output goes away (`batch … | head -1`), or the run is interrupted: the command
 * stops quietly with its documented status and leaves no temporary file behind.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_CLOSED_PIPE } from '../../../electron/cli/run-cli'
import { STACK_TRACE, collect, demoKeys, roxVisitor, spawnCli, tempFolder } from './cli-harness'

// Enough output that the run is still going when the reader closes (far more than a pipe buffers).
const FILES = 4000

let folder: { dir: string; cleanup(): Promise<void> }
let samples: string
let unreadable: string
beforeAll(async () => {
  folder = await tempFolder('vi-pipe-')
  samples = join(folder.dir, 'samples')
  unreadable = join(folder.dir, 'unreadable')
  await mkdir(samples)
  await mkdir(unreadable)
  const visitor = JSON.stringify(roxVisitor('1'))
  await Promise.all(Array.from({ length: FILES }, (_, index) => writeFile(join(samples, `v${String(index).padStart(5, '0')}.json`), visitor)))
  // Every one of these writes a line to stderr.
  await Promise.all(Array.from({ length: FILES }, (_, index) => writeFile(join(unreadable, `b${String(index).padStart(5, '0')}.json`), Buffer.from([0xff]))))
}, 60_000)
afterAll(async () => {
  await folder.cleanup()
})

/** Report files and their temporary parts in the output folder. */
async function outputs(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('out'))
}

describe.skipIf(process.platform === 'win32')('a closed output pipe', () => {
  it('stops quietly with 141 when stdout closes after one line, leaving no report parts', async () => {
    const out = join(folder.dir, 'stdout-closed')
    await mkdir(out)
    const child = spawnCli(['batch', samples, '--key', demoKeys, '--junit', join(out, 'out.xml'), '--report', join(out, 'out.md')])
    let first = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      if (first.includes('\n')) return
      first += chunk.toString()
      // Like `head -1`: one line read, then the pipe's read end is closed.
      if (first.includes('\n')) child.stdout?.destroy()
    })
    const run = await collect(child, 60_000)
    expect(first).toMatch(/^PASS /)
    expect(run.signal).toBeNull()
    expect(run.status).toBe(EXIT_CLOSED_PIPE)
    expect(run.stderr).not.toMatch(STACK_TRACE)
    expect(run.stderr).not.toMatch(/EPIPE|internal error/i)
    expect(await outputs(out)).toEqual([])
  }, 90_000)

  it('stops quietly with 141 when stderr is closed', async () => {
    const child = spawnCli(['batch', unreadable, '--json'])
    child.stderr?.destroy()
    const run = await collect(child, 60_000)
    expect(run.signal).toBeNull()
    expect(run.status).toBe(EXIT_CLOSED_PIPE)
    expect(run.stdout).not.toMatch(STACK_TRACE)
  }, 90_000)
})

describe.skipIf(process.platform === 'win32')('an interrupted run', () => {
  it.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('removes the report parts on %s and exits %i', async (signal, status) => {
    const out = join(folder.dir, `signal-${signal}`)
    await mkdir(out)
    const child = spawnCli(['batch', samples, '--key', demoKeys, '--junit', join(out, 'out.xml'), '--report', join(out, 'out.md')])
    let seen = false
    child.stdout?.on('data', () => {
      if (seen) return
      seen = true
      child.kill(signal)
    })
    const run = await collect(child, 60_000)
    expect(seen).toBe(true)
    expect(run.status).toBe(status)
    expect(run.stderr).not.toMatch(STACK_TRACE)
    expect(await outputs(out)).toEqual([])
  }, 90_000)
})
