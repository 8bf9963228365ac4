// Starts a TypeScript worker module under tsx's loader: worker threads do not inherit it.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
