/**
 * Worker threads are handed every key secret: their code must come from the project's own files,
 * never from a path in a shared folder that another user could have written first.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchTask, BatchTaskResult } from '../../../electron/cli/batch-task'
import { EXIT_OK } from '../../../electron/cli/run-cli'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { WorkerPool } from '../../../electron/io/worker-pool'
import { demoKeys, root, roxVisitor, runCliProcess, tempFolder } from './cli-harness'

/** Where the batch once looked for its bundled worker, running any file found there. */
async function formerWorkerPath(tmp: string): Promise<string> {
  const output = await build({ entryPoints: [join(root, 'electron', 'cli', 'batch-worker.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' })
  const code = output.outputFiles[0]?.contents ?? new Uint8Array()
  return join(tmp, `visitor-inspector-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`)
}

let folder: { dir: string; cleanup(): Promise<void> }
beforeAll(async () => {
  folder = await tempFolder('vi-worker-')
})
afterAll(async () => {
  await folder.cleanup()
})

describe('worker code', () => {
  it('never runs a file planted at the old temp path, and writes none there', async () => {
    const tmp = join(folder.dir, 'shared-tmp')
    await mkdir(tmp)
    const marker = join(folder.dir, 'planted-code-ran')
    // What another user of the machine could leave there: it would receive every key secret.
    await writeFile(await formerWorkerPath(tmp), `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, 'ran')\nprocess.exit(0)\n`)
    const before = await readdir(tmp)

    // More files than the batch inspects on its own thread before starting workers.
    const samples = join(folder.dir, 'samples')
    await mkdir(samples)
    const visitor = JSON.stringify(roxVisitor('1'))
    await Promise.all(Array.from({ length: 400 }, (_, index) => writeFile(join(samples, `v${String(index).padStart(4, '0')}.json`), visitor)))

    const run = await runCliProcess(['batch', samples, '--key', demoKeys, '--threads', '2', '--json'], { env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp } })
    expect(run.status).toBe(EXIT_OK)
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.at(-1)?.['summary']).toMatchObject({ files: 400, verified: 400, errors: 0 })
    expect(existsSync(marker)).toBe(false)
    expect((await readdir(tmp)).filter((name) => name.startsWith('visitor-inspector-worker-'))).toEqual(before)
  }, 60_000)

  it("runs the project's own worker module, bundled once per process", async () => {
    const entry = new URL('../../../electron/cli/batch-worker.ts', import.meta.url)
    const init = { keys: [], settings: DEFAULT_SETTINGS, json: true }
    const pools = await Promise.all([WorkerPool.start<BatchTask, BatchTaskResult>(entry, 1, init), WorkerPool.start<BatchTask, BatchTaskResult>(entry, 1, init)])
    try {
      for (const pool of pools) {
        const results = await pool.run({ kind: 'files', paths: [join(root, 'no-such-sample.json')], now: new Date().toISOString() })
        expect(results).toMatchObject([{ status: 'error', code: 'input-unreadable' }])
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.close()))
    }
  }, 30_000)
})
