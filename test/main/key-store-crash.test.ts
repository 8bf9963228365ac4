/**
 * Crash safety of the key store: a child process rewriting a store of 1,000 keys is killed with
 * SIGKILL over and over. After every kill the file must parse and be one complete generation
 * (the last one the child confirmed, or the one it was about to confirm), and the next start
 * must leave no temp file behind.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { readDurableJson, tempFilePattern } from '../../electron/io/durable-json-file'
import { KEY_STORE_FILE, decodeKeyStoreFile, type KeyStoreFile } from '../../electron/io/key-store-file'
import { openKeyStore, type NewKey } from '../../electron/main/key-store'
import { NO_OS_ENCRYPTION } from '../../electron/main/secret-cipher'
import { NOW, tempDir } from './helpers'

const KEY_COUNT = 1000
const KILLS = 210
const BASE_MS = NOW.getTime()

let childScript: string
let dir: string
let initial: KeyStoreFile

function key(index: number): NewKey {
  const kid = `key_${String(index).padStart(4, '0')}`
  const digest = createHash('sha256').update(kid)
  // Fingerprints are computed at import; a digest stands in for the slow scrypt one here.
  return {
    material: { scheme: 'ringcx', kid, alg: 'HS256', secret: createHash('md5').update(kid).digest('hex').slice(0, 24) },
    info: { scheme: 'ringcx', kid, alg: 'HS256', fingerprint: `secret:${digest.digest('base64url').slice(0, 22)}` },
    label: `crash test key ${index}`,
    sourceFile: 'crash.json',
  }
}

/** Generation r of the store as the child writes it. */
function generation(revision: number): KeyStoreFile {
  const lastMatchedAt = revision === initial.revision ? null : new Date(BASE_MS + revision * 1000).toISOString()
  return {
    ...initial,
    revision,
    keys: initial.keys.map((record) => ({ ...record, matchCount: revision - initial.revision, lastMatchedAt })),
  }
}

async function tempSiblings(): Promise<string[]> {
  const pattern = tempFilePattern(KEY_STORE_FILE)
  return (await readdir(dir)).filter((name) => pattern.test(name))
}

interface KilledRun {
  readonly startedAt: number
  readonly confirmed: number
}

interface StandbyChild {
  /** Lets the child open the store and rewrite it, then kills it with SIGKILL after `delayMs`. */
  runAndKill(delayMs: number): Promise<KilledRun>
  discard(): void
}

/** Spawns a child that loads and then waits, so its start-up overlaps the previous run. */
function standbyChild(): StandbyChild {
  const child = spawn(process.execPath, [childScript, dir, String(BASE_MS)], { stdio: ['pipe', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }))
  })
  return {
    async runAndKill(delayMs) {
      let output = ''
      let startedAt = -1
      let confirmed = -1
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const lines = output.split('\n')
        output = lines.pop() ?? ''
        for (const line of lines) {
          const [word, number] = line.split(' ')
          if (word === 'ready' && startedAt === -1) {
            startedAt = Number(number)
            confirmed = startedAt
            setTimeout(() => child.kill('SIGKILL'), delayMs)
          } else if (word === 'wrote') confirmed = Number(number)
        }
      })
      child.stdin.write('go\n')
      const { code, signal } = await exited
      if (signal !== 'SIGKILL') throw new Error(`child ended by itself (${code}): ${errors}`)
      return { startedAt, confirmed }
    },
    discard() {
      child.kill('SIGKILL')
    },
  }
}

beforeAll(async () => {
  const buildDir = await tempDir('vi-crash-build-')
  childScript = join(buildDir, 'key-store-rewriter.cjs')
  await build({
    entryPoints: [resolve(import.meta.dirname, 'fixtures', 'key-store-rewriter.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childScript,
    logLevel: 'silent',
  })

  dir = await tempDir('vi-crash-store-')
  const store = await openKeyStore({ dir, cipher: NO_OS_ENCRYPTION })
  await store.addKeys(Array.from({ length: KEY_COUNT }, (_, index) => key(index)), { replace: false, now: NOW })
  const read = await readDurableJson(join(dir, KEY_STORE_FILE), decodeKeyStoreFile)
  if (read.kind !== 'loaded') throw new Error('the initial store did not load')
  initial = read.value
}, 60_000)

describe('key store under SIGKILL', () => {
  it(`always holds a complete generation after ${KILLS} kills mid-rewrite, and the next start removes temp files`, async () => {
    let lastConfirmed = initial.revision
    let killsDuringWrite = 0
    let next = standbyChild()
    for (let kill = 0; kill < KILLS; kill += 1) {
      const current = next
      next = standbyChild()
      const run = await current.runAndKill(Math.floor(Math.random() * 30))
      expect(run.startedAt).toBeGreaterThanOrEqual(lastConfirmed)
      if ((await tempSiblings()).length > 0) killsDuringWrite += 1

      const read = await readDurableJson(join(dir, KEY_STORE_FILE), decodeKeyStoreFile)
      expect(read.kind).toBe('loaded')
      if (read.kind !== 'loaded') return
      const revision = read.value.revision
      // Either the last generation the child confirmed, or the next one (renamed, not yet confirmed).
      expect([run.confirmed, run.confirmed + 1]).toContain(revision)
      // node:util's comparison: vitest's diffing matcher is slow on 1,000 records.
      expect(isDeepStrictEqual(read.value, generation(revision)), `revision ${revision} is not a complete generation`).toBe(true)
      lastConfirmed = revision

      const restarted = await openKeyStore({ dir, cipher: NO_OS_ENCRYPTION })
      expect(await tempSiblings()).toEqual([])
      expect(restarted.status()).toMatchObject({ keyCount: KEY_COUNT, quarantine: null, writable: true })
    }
    next.discard()
    // The children must really have been writing.
    expect(lastConfirmed).toBeGreaterThan(initial.revision + 10)
    // Random delays must have landed inside writes, or the test proves little.
    expect(killsDuringWrite).toBeGreaterThan(0)
    console.info(`key store crash test: ${KILLS} kills, ${killsDuringWrite} while a temp file existed, ${lastConfirmed - initial.revision} generations written`)
  }, 180_000)
})
