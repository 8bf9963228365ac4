/**
 * Every generated program, run for real by each runtime on this machine with a key made for the
 * test, its output verified by the core. The descriptions carry hostile values, so the same runs
 * show that no value escapes its literal.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  FIXIT_LANGUAGES,
  FIXIT_LANGUAGE_LABELS,
  generateFixitProgram,
  type FixitDescription,
  type FixitLanguage,
} from '../../../../electron/common/fixit'
import { inspect } from '../../../../electron/core/inspect'
import type { Inspection } from '../../../../electron/common/inspection'
import { manifest, ringFrom, settingsWith } from '../../core/helpers'
import { hostileRingcx, hostileRoxchat, wellFormedDeep } from './hostile'
import { REQUIRED_LANGUAGES, findRuntimes, type RunResult } from './runtimes'

const runtimes = await findRuntimes()

interface Variant {
  readonly name: string
  readonly description: FixitDescription
}

const RSA_KID = 'rsa_fixit'
const HS_KID = 'hs_fixit'
const VARIANTS: readonly Variant[] = [
  { name: 'RingCX HS256', description: hostileRingcx('HS256', HS_KID) },
  { name: 'RingCX RS256', description: hostileRingcx('RS256', RSA_KID, 7200) },
  { name: 'Rox.Chat hmac-sha256', description: hostileRoxchat('hmac-sha256', 3600) },
  { name: 'Rox.Chat sha256', description: hostileRoxchat('sha256', 86_400) },
  { name: 'Rox.Chat sha512', description: hostileRoxchat('sha512', 600) },
  { name: 'Rox.Chat md5 without expires', description: hostileRoxchat('md5', null) },
]

/** A fresh key for one run: a 24-hex RingCX secret, an RSA private key, or a Rox.Chat key. */
function freshKey(description: FixitDescription): { signingKey: string; keyFile: string } {
  if (description.scheme === 'roxchat') {
    const secret = randomBytes(16).toString('hex')
    return { signingKey: secret, keyFile: manifest({ scheme: 'roxchat', kid: 'rox_fixit', secret }) }
  }
  if (description.alg === 'HS256') {
    const secret = randomBytes(12).toString('hex')
    return { signingKey: secret, keyFile: manifest({ scheme: 'ringcx', kid: HS_KID, alg: 'HS256', secret }) }
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    signingKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyFile: manifest({ scheme: 'ringcx', kid: RSA_KID, alg: 'RS256', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }),
  }
}

function fieldMap(inspection: Inspection): Record<string, string> {
  const out: Record<string, string> = {}
  for (const field of [...inspection.fields, ...inspection.unmapped]) {
    Object.defineProperty(out, field.name, { value: field.value, enumerable: true, writable: true, configurable: true })
  }
  return out
}

async function verify(description: FixitDescription, run: RunResult, keyFile: string, before: number, after: number): Promise<void> {
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const output = run.stdout.trim()
  expect(output.split('\n')).toHaveLength(1)
  const seconds = (ms: number): number => Math.floor(ms / 1000)
  const settings = settingsWith(description.scheme === 'roxchat' ? { roxchat: { hashAlgorithm: description.algorithm } } : {})
  const inspection = await inspect(output, { keys: await ringFrom(keyFile), settings, now: new Date(before) })
  expect(inspection.errors.map((error) => error.code)).toEqual([])
  expect(inspection.verdict).toBe('verified')
  expect(inspection.scheme).toBe(description.scheme)

  if (description.scheme === 'ringcx') {
    expect(output).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(inspection.raw.header).toEqual({ alg: description.alg, typ: 'JWT', kid: description.kid })
    const { iat, exp, ...claims } = inspection.raw.claims ?? {}
    expect(claims).toEqual(wellFormedDeep(description.claims))
    expect(Object.keys(claims)).toContain('__proto__')
    expect(typeof iat).toBe('number')
    expect(iat as number).toBeGreaterThanOrEqual(seconds(before))
    expect(iat as number).toBeLessThanOrEqual(seconds(after))
    expect((exp as number) - (iat as number)).toBe(description.lifetimeSeconds)
    expect(fieldMap(inspection)['uuid']).toBe(description.claims['uuid'])
  } else {
    const visitor = JSON.parse(output) as Record<string, unknown>
    expect(Object.keys(visitor).sort()).toEqual(description.lifetimeSeconds === null ? ['fields', 'hash'] : ['expires', 'fields', 'hash'])
    // Safe to paste inside <script>: nothing that could close it or start markup.
    expect(output).not.toMatch(/[<>&\u2028\u2029]/)
    expect(visitor['hash']).toMatch(/^[0-9a-f]+$/)
    expect(visitor['fields']).toEqual(wellFormedDeep(description.fields))
    expect(fieldMap(inspection)).toEqual(wellFormedDeep(description.fields))
    if (description.lifetimeSeconds !== null) {
      expect(visitor['expires'] as number).toBeGreaterThanOrEqual(seconds(before) + description.lifetimeSeconds)
      expect(visitor['expires'] as number).toBeLessThanOrEqual(seconds(after) + description.lifetimeSeconds)
    }
  }
}

function title(language: FixitLanguage): string {
  const runtime = runtimes[language]
  const label = FIXIT_LANGUAGE_LABELS[language]
  if (runtime.found !== null) return `${label}: every variant runs with ${runtime.found} and the core verifies its output`
  if (REQUIRED_LANGUAGES.includes(language)) return `${label}: must run here, but ${runtime.missing}`
  return `${label}: skipped on this machine, because ${runtime.missing}`
}

describe.concurrent('generated programs, run by the real runtimes', () => {
  for (const language of FIXIT_LANGUAGES) {
    const runtime = runtimes[language]
    const skip = runtime.found === null && !REQUIRED_LANGUAGES.includes(language)
    it.skipIf(skip)(title(language), { timeout: 300_000 }, async () => {
      expect(runtime.found, runtime.missing).not.toBeNull()
      await Promise.all(
        VARIANTS.map(async ({ name, description }) => {
          const program = generateFixitProgram(description, language)
          const { signingKey, keyFile } = freshKey(description)
          expect(program.text).not.toContain(signingKey)
          const before = Date.now()
          const run = await runtime.run(program.fileName, program.text, { SIGNING_KEY: signingKey })
          const after = Date.now()
          try {
            await verify(description, run, keyFile, before, after)
          } catch (error) {
            throw new Error(`${FIXIT_LANGUAGE_LABELS[language]}, ${name}: ${(error as Error).message}\nstderr: ${run.stderr.slice(0, 2000)}`, { cause: error })
          }
        }),
      )
    })
  }

  // Quick runtimes only: a compiled language would spend seconds to show the same.
  for (const language of ['node', 'python', 'php', 'ruby'] as const) {
    const runtime = runtimes[language]
    const skip = runtime.found === null && !REQUIRED_LANGUAGES.includes(language)
    it.skipIf(skip)(`${FIXIT_LANGUAGE_LABELS[language]}: without SIGNING_KEY the program prints nothing and fails${skip ? ` (skipped: ${runtime.missing})` : ''}`, { timeout: 60_000 }, async () => {
      await Promise.all(
        [VARIANTS[0], VARIANTS[2]].map(async (variant) => {
          const program = generateFixitProgram((variant as Variant).description, language)
          const run = await runtime.run(program.fileName, program.text, {})
          expect(run.code).not.toBe(0)
          expect(run.stdout).toBe('')
          expect(run.stderr).toContain('SIGNING_KEY is not set')
        }),
      )
    })
  }
})
