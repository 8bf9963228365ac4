/**
 * A secret's fingerprint is a deliberately slow scrypt (about 60 ms), so a key file of ten
 * thousand secrets used to take ten minutes with no output. A file holds at most
 * MAX_KEYS_PER_FILE keys; the app fingerprints several at a time and says how far it got; the
 * command line fingerprints only the keys it prints. No test here measures time: they count scrypts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli, type CliIo } from '../../../electron/cli/run-cli'
import { inspect } from '../../../electron/core/inspect'
import { FINGERPRINT_CONCURRENCY, fingerprintKey } from '../../../electron/core/key-fingerprint'
import { parseKeyFile, readKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing } from '../../../electron/core/key-ring'
import { MAX_KEYS_PER_FILE } from '../../../electron/common/limits'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { NOW, goodClaims, signToken } from '../core/helpers'

/** Every scrypt the code under test starts, and how many ran at once. */
const scrypts = vi.hoisted(() => ({ started: 0, synchronous: 0, running: 0, mostAtOnce: 0 }))

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  function scrypt(...args: unknown[]): void {
    const callback = args.pop() as (error: Error | null, key: Buffer) => void
    scrypts.started += 1
    scrypts.running += 1
    scrypts.mostAtOnce = Math.max(scrypts.mostAtOnce, scrypts.running)
    ;(actual.scrypt as (...rest: unknown[]) => void)(...args, (error: Error | null, key: Buffer) => {
      scrypts.running -= 1
      callback(error, key)
    })
  }
  function scryptSync(...args: Parameters<typeof actual.scryptSync>): Buffer {
    scrypts.synchronous += 1
    return actual.scryptSync(...args)
  }
  return { ...actual, scrypt, scryptSync }
})

beforeEach(() => {
  Object.assign(scrypts, { started: 0, synchronous: 0, running: 0, mostAtOnce: 0 })
})

/** Distinct valid RingCX secrets: 24 characters 0-9a-f. */
function secret(index: number): string {
  return index.toString(16).padStart(24, 'a')
}

function jwks(count: number): string {
  return JSON.stringify({ keys: Array.from({ length: count }, (_, index) => ({ kty: 'oct', kid: `hs_${index}`, k: Buffer.from(secret(index)).toString('base64url') })) })
}

function manifestOf(count: number): string {
  return JSON.stringify({ keys: Array.from({ length: count }, (_, index) => ({ scheme: 'roxchat', kid: `rox_${index}`, secret: `rox-secret-${index}` })) })
}

describe('keys per file', () => {
  it.each([
    ['a JWKS', jwks(MAX_KEYS_PER_FILE + 1)],
    ['a manifest', manifestOf(MAX_KEYS_PER_FILE + 1)],
    ['a JWKS of ten thousand secrets', jwks(10_000)],
  ])('refuses %s of more than MAX_KEYS_PER_FILE keys with key-set-too-large, before any fingerprint', async (_label, text) => {
    const report = await parseKeyFile(text)
    expect(report.ok).toBe(false)
    expect(report.keys).toEqual([])
    expect(report.entries.map((entry) => entry.error?.code)).toEqual(['key-set-too-large'])
    expect(report.entries[0]?.error?.message).toContain(String(MAX_KEYS_PER_FILE))
    expect(scrypts.started + scrypts.synchronous).toBe(0)
  })

  it('reads a set of exactly MAX_KEYS_PER_FILE secrets', () => {
    const reading = readKeyFile(jwks(MAX_KEYS_PER_FILE))
    expect(reading.ok).toBe(true)
    expect(reading.keys).toHaveLength(MAX_KEYS_PER_FILE)
    expect(scrypts.started + scrypts.synchronous).toBe(0)
  })
})

describe('fingerprints of a large set', () => {
  /** Three rounds of FINGERPRINT_CONCURRENCY: enough to see them overlap, few enough for a busy machine. */
  const COUNT = 3 * FINGERPRINT_CONCURRENCY
  /** A guard for a loaded machine, not a measure: nothing here asserts a duration. */
  const SCRYPT_HEAVY_TIMEOUT_MS = 30_000

  it('are computed several at a time, in file order, with progress after each', async () => {
    const progress: [number, number][] = []
    const report = await parseKeyFile(manifestOf(COUNT), {}, { onProgress: (done, total) => progress.push([done, total]) })
    expect(report.ok).toBe(true)
    expect(scrypts.started).toBe(COUNT)
    expect(scrypts.mostAtOnce).toBe(FINGERPRINT_CONCURRENCY)
    expect(progress).toEqual(Array.from({ length: COUNT }, (_, index) => [index + 1, COUNT]))
    const expected = await Promise.all(report.keys.map((key) => fingerprintKey(key.material)))
    expect(report.keys.map((key) => key.info.fingerprint)).toEqual(expected)
    expect(report.entries.map((entry) => entry.info?.fingerprint)).toEqual(expected)
  }, SCRYPT_HEAVY_TIMEOUT_MS)

  it('are not computed for a set that fails: it imports nothing', async () => {
    const keys = JSON.parse(manifestOf(COUNT)) as { keys: Record<string, unknown>[] }
    keys.keys.push({ scheme: 'roxchat', kid: 'rox_empty', secret: '' })
    const report = await parseKeyFile(JSON.stringify(keys))
    expect(report.entries.at(-1)?.error?.code).toBe('key-secret-invalid')
    expect(scrypts.started).toBe(0)
  })
})

describe('the command line with MAX_KEYS_PER_FILE secrets', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vi-huge-keys-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('fingerprints only the key that matched, when the inspection needs it', async () => {
    const last = MAX_KEYS_PER_FILE - 1
    const reading = readKeyFile(jwks(MAX_KEYS_PER_FILE))
    const ring = await createKeyRing(reading.keys)
    expect(scrypts.started + scrypts.synchronous).toBe(0)
    const token = await signToken(goodClaims(), { key: secret(last), kid: `hs_${last}` })
    const first = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    const again = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(first.verdict).toBe('verified')
    const expected = await fingerprintKey({ scheme: 'ringcx', kid: `hs_${last}`, alg: 'HS256', secret: secret(last) })
    expect(first.key).toEqual({ kid: `hs_${last}`, fingerprint: expected })
    expect(again.key?.fingerprint).toBe(expected)
    // One for the key that matched (computed once), one for `expected`.
    expect(scrypts.synchronous).toBe(1)
  })

  it('inspects with --key FILE of that many secrets and prints the matching key\'s fingerprint', async () => {
    const keyFile = join(dir, 'keys.json')
    const tokenFile = join(dir, 'token.jwt')
    await writeFile(keyFile, jwks(MAX_KEYS_PER_FILE))
    await writeFile(tokenFile, await signToken(goodClaims(), { key: secret(7), kid: 'hs_7' }))
    let stdout = ''
    let stderr = ''
    const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, now: () => NOW, color: false }
    expect(await runCli(['inspect', tokenFile, '--key', keyFile, '--json'], io)).toBe(0)
    expect(stderr).toBe('')
    const line = JSON.parse(stdout) as { verdict: string; key: { kid: string; fingerprint: string } }
    expect(line.verdict).toBe('verified')
    expect(line.key.fingerprint).toBe(await fingerprintKey({ scheme: 'ringcx', kid: 'hs_7', alg: 'HS256', secret: secret(7) }))
    expect(scrypts.synchronous).toBe(1)
  })

  it('refuses --key FILE of more secrets with key-set-too-large, at once', async () => {
    const keyFile = join(dir, 'too-many.json')
    await writeFile(keyFile, jwks(10_000))
    let stderr = ''
    const io: CliIo = { stdout: { write: () => undefined }, stderr: { write: (text: string) => (stderr += text) }, now: () => NOW, color: false }
    expect(await runCli(['inspect', keyFile, '--key', keyFile], io)).toBe(2)
    expect(stderr).toContain('[key-set-too-large]')
    expect(scrypts.started + scrypts.synchronous).toBe(0)
  })
})
