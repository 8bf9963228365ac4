/**
 * A worker that stops (it failed, or exited) fails the tasks it held and takes no new ones: a
 * batch hears of it for every file and never waits for an answer that cannot come.
 */
import { describe, expect, it } from 'vitest'
import { WorkerPool } from '../../../electron/io/worker-pool'

/** A worker module that stops as soon as it starts. */
const STOPPING = new URL(`data:text/javascript,${encodeURIComponent('process.exit(3)')}`)
/** A worker module that answers every task with its own text (see serveTasks's protocol). */
const ECHO = new URL(`data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', ({ id, task }) => parentPort.postMessage({ id, ok: true, result: task }))")}`)

describe('WorkerPool', () => {
  it('answers tasks on a running worker', async () => {
    const pool = await WorkerPool.start<string, string>(ECHO, 2, null)
    try {
      expect(await Promise.all(['a', 'b', 'c'].map((task) => pool.run(task)))).toEqual(['a', 'b', 'c'])
    } finally {
      await pool.close()
    }
  })

  it('fails the tasks of a worker that stopped, and every task after', async () => {
    const pool = await WorkerPool.start<string, string>(STOPPING, 1, null)
    try {
      await expect(pool.run('first')).rejects.toThrow(/a worker thread stopped \(exit code 3\)/)
      // Sent after the stop: refused at once, not left waiting for ever.
      await expect(pool.run('later')).rejects.toThrow(/exit code 3/)
    } finally {
      await pool.close()
    }
  }, 20_000)
})
