/**
 * Hostile mapping patterns ("Trust the verdict", item 7): a pattern such as `(a+)+$` took minutes
 * on a 40-character value on a backtracking engine, in the core (forged tokens included) and in
 * the Settings tester. Mapping patterns now run on re2js; what it cannot run is refused.
 *
 * No timing is asserted: before the fix these tests did not finish at all.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import type { KeyRing } from '../../../electron/core/key-ring'
import { MAX_MAPPING_VALUE_LENGTH } from '../../../electron/common/mapping-pattern'
import { ringcxFieldView } from '../../../electron/core/ringcx/identity'
import { resolveSettings, type SettingsResult } from '../../../electron/common/settings'
import { HS_SECRET, HS_SECRET_2, NOW, PROJECT_ROOT, goodClaims, manifest, ringFrom, settingsWith, signToken, warningCodes } from '../core/helpers'

const CATASTROPHIC = '(a+)+$'
const NEAR_MISS = `${'a'.repeat(40)}!`
const MAPPINGS = [{ key: 'plan', target: 'custom:plan', regex: CATASTROPHIC }]
const settings = settingsWith({ ringcx: { extraValueMappings: MAPPINGS } })

let ring: KeyRing
beforeAll(async () => {
  ring = await ringFrom(manifest({ scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET }))
})

const names = (fields: readonly { readonly name: string }[]): string[] => fields.map((field) => field.name)

describe('a catastrophic mapping pattern completes', () => {
  it('is a valid setting: nothing about (a+)+$ is wrong, only slow on a backtracking engine', () => {
    expect(resolveSettings({ ringcx: { extraValueMappings: MAPPINGS } }).ok).toBe(true)
  })

  it('in the field view: a near-miss value gives the mismatch warning, a matching value is mapped', () => {
    const miss = ringcxFieldView({ uuid: 'u1', extra_values: { plan: NEAR_MISS } }, settings.ringcx.extraValueMappings)
    expect(warningCodes(miss)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(names(miss.unmapped)).toEqual(['plan'])
    const hit = ringcxFieldView({ uuid: 'u1', extra_values: { plan: 'a'.repeat(40) } }, settings.ringcx.extraValueMappings)
    expect(warningCodes(hit)).toEqual([])
    expect(hit.fields.find((field) => field.name === 'plan')?.value).toBe('a'.repeat(40))
  })

  it('for a verified token', async () => {
    const token = await signToken(goodClaims({ extra_values: { plan: NEAR_MISS } }), { key: HS_SECRET })
    const inspection = await inspect(token, { keys: ring, settings, now: NOW })
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(names(inspection.unmapped)).toEqual(['plan'])
  })

  it('for a forged token (the pattern runs before anyone knows the signature is bad)', async () => {
    const forged = await signToken(goodClaims({ extra_values: { plan: NEAR_MISS.repeat(20) } }), { key: HS_SECRET_2 })
    const inspection = await inspect(forged, { keys: ring, settings, now: NOW })
    expect(inspection.verdict).toBe('rejected')
    expect(inspection.errors.map((error) => error.code)).toEqual(['ringcx-jwt-bad-signature'])
  })

  it('for an unsigned identity whose sample file brings the pattern in its own config', async () => {
    const sample = JSON.stringify({
      payload: `_chatq.push(["_setIdentity", ${JSON.stringify({ uuid: 'u1', extra_values: { plan: NEAR_MISS } })}])`,
      config: { ringcx: { signedIdentities: 'reject', extraValueMappings: MAPPINGS } },
    })
    const inspection = await inspect(sample, { keys: ring, settings: settingsWith({}), now: NOW, sampleSemantics: true })
    expect(inspection.verdict).toBe('accepted-unsigned')
    expect(warningCodes(inspection)).toEqual(['ringcx-extra-value-regex-mismatch'])
  })

  it('does not even try a value over the bound: it stays unmapped with the mismatch warning', () => {
    const long = ringcxFieldView({ extra_values: { plan: 'a'.repeat(MAX_MAPPING_VALUE_LENGTH + 1) } }, settings.ringcx.extraValueMappings)
    expect(warningCodes(long)).toEqual(['ringcx-extra-value-regex-mismatch'])
    expect(long.fields).toEqual([])
  })
})

/** The problems of a refused input, as [path, code] pairs. */
function problems(result: SettingsResult): [string, string][] {
  return result.ok ? [] : result.problems.map((problem) => [problem.path, problem.code])
}

describe('patterns only a backtracking engine runs are refused by settings validation', () => {
  it.each([
    ['a backreference', '(a)\\1'],
    ['a named backreference', '(?<x>a)\\k<x>'],
    ['a lookahead', 'a(?=b)'],
    ['a negative lookahead', '(?!admin)[a-z]+'],
    ['a lookbehind', '(?<=id-)\\d+'],
    ['an atomic group', '(?>a+)b'],
    ['a possessive repeat', 'a++b'],
  ])('%s', (_label, regex) => {
    const result = resolveSettings({ ringcx: { extraValueMappings: [{ key: 'plan', target: 'custom:plan', regex }] } })
    expect(problems(result)).toEqual([['ringcx.extraValueMappings[0].regex', 'settings-pattern-unsupported']])
  })

  it('and a sample file whose config holds one is an invalid sample, not run on another engine', async () => {
    const sample = JSON.stringify({
      payload: await signToken(goodClaims({ extra_values: { plan: 'aa' } }), { key: HS_SECRET }),
      config: { ringcx: { extraValueMappings: [{ key: 'plan', target: 'custom:plan', regex: '(a)\\1' }] } },
    })
    const inspection = await inspect(sample, { keys: ring, settings: settingsWith({}), now: NOW, sampleSemantics: true })
    expect(inspection.errors.map((error) => error.code)).toEqual(['sample-invalid'])
  })

  it('the settings refuse a pattern too large to test quickly', () => {
    const result = resolveSettings({ ringcx: { extraValueMappings: [{ key: 'plan', target: 'custom:plan', regex: '\\pL{1000}'.repeat(11) }] } })
    expect(problems(result)).toEqual([['ringcx.extraValueMappings[0].regex', 'settings-pattern-too-large']])
  })
})

describe('nothing user-supplied is compiled by RegExp', () => {
  /**
   * Every RegExp built at run time in electron/ and src/, by file. Each is reviewed: none is built
   * from a payload, a setting or a file's content. Add to this list only after the same review.
   */
  const REVIEWED: Readonly<Record<string, string>> = {
    // The store's own file name (keystore.json, settings.json), escaped, to find its temp files.
    'electron/io/durable-json-file.ts': 'new RegExp(`^${escapeRegExp(fileName)}',
  }

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return sourceFiles(path)
      return /\.(ts|vue|js|mjs)$/.test(entry.name) ? [path] : []
    })
  }

  it('constructs RegExp only where reviewed', () => {
    const found: Record<string, string[]> = {}
    for (const file of [...sourceFiles(join(PROJECT_ROOT, 'electron')), ...sourceFiles(join(PROJECT_ROOT, 'src'))]) {
      const lines = readFileSync(file, 'utf8').split('\n').filter((line) => /\bRegExp\s*\(/.test(line) && !/^\s*(\/\/|\*)/.test(line))
      if (lines.length > 0) found[relative(PROJECT_ROOT, file)] = lines.map((line) => line.trim())
    }
    expect(Object.keys(found).sort()).toEqual(Object.keys(REVIEWED).sort())
    for (const [file, lines] of Object.entries(found)) {
      for (const line of lines) expect(line).toContain(REVIEWED[file])
    }
  })
})
