/**
 * A small pool of worker threads running one task module, for batches that can use every core.
 * Workers written in TypeScript start through tsx's loader (development and the command line);
 * compiled JavaScript workers start directly.
 */
import { availableParallelism } from 'node:os'
import { Worker, parentPort, workerData } from 'node:worker_threads'

type Reply<R> = { readonly id: number; readonly ok: true; readonly result: R } | { readonly id: number; readonly ok: false; readonly message: string }

interface PooledWorker<R> {
  readonly worker: Worker
  readonly pending: Map<number, { resolve: (result: R) => void; reject: (error: Error) => void }>
}

const TSX_BOOTSTRAP = new URL('./tsx-worker-bootstrap.mjs', import.meta.url)

/** Threads worth starting for a batch: one per core. */
export function poolSizeForMachine(): number {
  return Math.max(1, availableParallelism())
}

export class WorkerPool<T, R> {
  private readonly workers: PooledWorker<R>[]
  private nextId = 0

  /**
   * @param entry the worker module; it calls {@link serveTasks}
   * @param data handed to every worker as its `workerData.init`
   */
  constructor(entry: URL, size: number, data: unknown) {
    const typescript = entry.pathname.endsWith('.ts')
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = typescript
        ? new Worker(TSX_BOOTSTRAP, { workerData: { entry: entry.href, init: data } })
        : new Worker(entry, { workerData: { init: data } })
      const pooled: PooledWorker<R> = { worker, pending: new Map() }
      worker.on('message', (reply: Reply<R>) => {
        const waiting = pooled.pending.get(reply.id)
        if (waiting === undefined) return
        pooled.pending.delete(reply.id)
        if (reply.ok) waiting.resolve(reply.result)
        else waiting.reject(new Error(reply.message))
      })
      const failAll = (error: Error): void => {
        for (const waiting of pooled.pending.values()) waiting.reject(error)
        pooled.pending.clear()
      }
      worker.on('error', failAll)
      worker.on('exit', (code) => failAll(new Error(`a worker thread stopped (exit code ${code})`)))
      return pooled
    })
  }

  /** Runs a task on the least busy worker. */
  run(task: T): Promise<R> {
    const target = this.workers.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least))
    const id = this.nextId++
    return new Promise<R>((resolve, reject) => {
      target.pending.set(id, { resolve, reject })
      target.worker.postMessage({ id, task })
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()))
  }
}

/**
 * The worker side: answers each task with `handle`, created once from the pool's init data.
 *
 * @example
 * serveTasks(async (init) => { const ring = await build(init); return (task) => run(task, ring) })
 */
export function serveTasks<T, R>(setup: (init: unknown) => Promise<(task: T) => Promise<R>>): void {
  const port = parentPort
  if (port === null) throw new TypeError('serveTasks must run in a worker thread')
  const ready = setup((workerData as { init: unknown }).init)
  port.on('message', ({ id, task }: { id: number; task: T }) => {
    ready
      .then((handle) => handle(task))
      .then(
        (result) => port.postMessage({ id, ok: true, result }),
        (error: unknown) => port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
      )
  })
}
