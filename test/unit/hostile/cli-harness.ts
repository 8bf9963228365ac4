/**
 * Runs the command line for the hostile-input tests: in-process through runCli (fast, with a
 * fixed clock), or as a process through tsx, as `npm run cli` does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

export const root = resolve(import.meta.dirname, '..', '..', '..')
export const examples = join(root, 'resources', 'examples')
export const demoKeys = join(examples, 'demo-keys.json')
export const NOW = new Date('2026-06-01T12:00:00Z')
/** The demo Rox.Chat secret (rox_demo in demo-keys.json). */
export const ROX_KEY = 'e64e35642555f3ecd64ae7dbb600dca8'

export type Run = CapturedRun

export function cli(argv: readonly string[], options: { readonly stdin?: Uint8Array; readonly color?: boolean } = {}): Promise<Run> {
  return runCaptured(argv, { ...options, now: NOW })
}

/** Starts `tsx electron/cli/main.ts …` as its own process. */
export function spawnCli(argv: readonly string[], options: { readonly env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'electron', 'cli', 'main.ts'), ...argv], {
    cwd: root,
    env: { ...process.env, ...options.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

export interface ProcessRun {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the process to its end (killing it after `timeoutMs`), feeding `stdin` when given. */
export function runCliProcess(argv: readonly string[], options: { readonly stdin?: Uint8Array; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number } = {}): Promise<ProcessRun> {
  const child = spawnCli(argv, options.env === undefined ? {} : { env: options.env })
  return collect(child, options.timeoutMs ?? 30_000, options.stdin)
}

export function collect(child: ChildProcess, timeoutMs: number, stdin?: Uint8Array): Promise<ProcessRun> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdin?.end(stdin)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolvePromise) => {
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolvePromise({ status, signal, stdout, stderr })
    })
  })
}

/** A stack trace's frame lines, or Node's report of an unhandled error. */
export const STACK_TRACE = /\n\s+at |node:internal|Unhandled 'error'|^\s*throw /m

export function roxVisitor(id: string, extra: Record<string, string> = {}): Record<string, unknown> {
  const fields = { id, ...extra }
  const message = Object.keys(fields).sort().map((name) => fields[name as keyof typeof fields]).join('')
  return { fields, hash: createHmac('sha256', ROX_KEY).update(message).digest('hex') }
}

/** A temp folder for one test file; `cleanup` removes it. */
export async function tempFolder(prefix: string): Promise<{ readonly dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
