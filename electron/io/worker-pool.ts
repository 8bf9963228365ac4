/**
 * A small pool of worker threads running one task module, for batches that can use every core.
 * A worker written in TypeScript is first bundled into one JavaScript module with esbuild, from
 * the project's own files: each thread then starts in a fraction of the time, and the memory,
 * that loading a TypeScript loader in every thread would cost.
 *
 * The bundle never touches the disk: it runs from a `data:` URL. A file in a shared folder (such
 * as the temp folder) could be planted or swapped by another user, and the workers are handed
 * every key secret.
 */
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker, parentPort, workerData } from 'node:worker_threads'

type Reply<R> = { readonly id: number; readonly ok: true; readonly result: R } | { readonly id: number; readonly ok: false; readonly message: string }

interface PooledWorker<R> {
  readonly worker: Worker
  readonly pending: Map<number, { resolve: (result: R) => void; reject: (error: Error) => void }>
  /** Why the worker can take no more tasks (it failed or stopped); null while it runs. */
  stopped: Error | null
}

/** Bundles, once per process and entry. */
const bundles = new Map<string, Promise<URL>>()

/**
 * A TypeScript worker bundled into one in-memory module; JavaScript (a built worker shipped
 * with the program) is used as it is.
 */
function runnableEntry(entry: URL): Promise<URL> {
  if (entry.protocol !== 'file:' || !entry.pathname.endsWith('.ts')) return Promise.resolve(entry)
  let bundle = bundles.get(entry.href)
  if (bundle === undefined) {
    bundle = bundleInMemory(entry)
    bundles.set(entry.href, bundle)
    // A failed bundle is tried again by the next pool.
    bundle.catch(() => bundles.delete(entry.href))
  }
  return bundle
}

async function bundleInMemory(entry: URL): Promise<URL> {
  const { build } = await import('esbuild')
  // ESM builds first: a UMD "main" (jsonc-parser's) hides its requires from the bundler, and the
  // bundled worker would then fail to load.
  // CommonJS packages bundled into an ES module (iconv-lite's codecs) still require() Node's own
  // modules; an ES module has no require, so the bundle gets one. Only built-ins are left to it
  // (everything else is bundled), and they resolve from any base, so the data: URL needs no path.
  const banner = "import { createRequire as __workerCreateRequire } from 'node:module'; const require = __workerCreateRequire('/');"
  const output = await build({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', mainFields: ['module', 'main'], banner: { js: banner }, write: false, logLevel: 'silent' })
  const code = output.outputFiles[0]?.contents
  if (code === undefined) throw new Error('the worker could not be bundled')
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
}

/** Threads worth starting for a batch: one per core. */
export function poolSizeForMachine(): number {
  return Math.max(1, availableParallelism())
}

export class WorkerPool<T, R> {
  private readonly workers: PooledWorker<R>[]
  private nextId = 0

  /**
   * Starts `size` workers.
   *
   * @param entry the worker module; it calls {@link serveTasks}
   * @param data handed to every worker as its `workerData.init`
   */
  static async start<T, R>(entry: URL, size: number, data: unknown): Promise<WorkerPool<T, R>> {
    return new WorkerPool<T, R>(await runnableEntry(entry), size, data)
  }

  private constructor(entry: URL, size: number, data: unknown) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(entry, { workerData: { init: data } })
      const pooled: PooledWorker<R> = { worker, pending: new Map(), stopped: null }
      worker.on('message', (reply: Reply<R>) => {
        const waiting = pooled.pending.get(reply.id)
        if (waiting === undefined) return
        pooled.pending.delete(reply.id)
        if (reply.ok) waiting.resolve(reply.result)
        else waiting.reject(new Error(reply.message))
      })
      const failAll = (error: Error): void => {
        pooled.stopped ??= error
        for (const waiting of pooled.pending.values()) waiting.reject(error)
        pooled.pending.clear()
      }
      worker.on('error', failAll)
      worker.on('exit', (code) => failAll(new Error(`a worker thread stopped (exit code ${code})`)))
      return pooled
    })
  }

  /** Runs a task on the least busy worker still running; rejects when none is. */
  run(task: T): Promise<R> {
    const running = this.workers.filter((candidate) => candidate.stopped === null)
    if (running.length === 0) return Promise.reject(this.workers[0]?.stopped ?? new Error('the pool has no worker threads'))
    const target = running.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least))
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
