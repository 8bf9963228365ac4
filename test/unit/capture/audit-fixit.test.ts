/**
 * From a capture to the fix: for the identities the audit finds in the session (the expired RingCX
 * token, the Rox.Chat visitor built in the browser), the program that signs each correctly on the
 * website's server, in every language with a runtime here, is run with the key and its output
 * verified by the core.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXIT_LANGUAGES, FIXIT_LANGUAGE_LABELS, describeFixit, generateFixitProgram, type FixitInspection } from '../../../electron/common/fixit'
import { CAPTURE_LIMITS, CaptureAudit, type CaptureIdentity } from '../../../electron/core/capture'
import { inspect } from '../../../electron/core/inspect'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { auditCaptureFile } from '../../../electron/io/capture/capture-files'
import { ringFrom } from '../core/helpers'
import { REQUIRED_LANGUAGES, findRuntimes } from '../fixit/runtimes'
import { HS, JUDGED_AT, KEYS_MANIFEST, ROX, buildSession } from './session'

const runtimes = await findRuntimes()

let dir: string
let toFix: CaptureIdentity[] = []
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-audit-fixit-'))
  const har = join(dir, 'session.har')
  await writeFile(har, (await buildSession()).har)
  const identities: CaptureIdentity[] = []
  const audit = new CaptureAudit({ keys: await ringFrom(KEYS_MANIFEST), settings: DEFAULT_SETTINGS, now: JUDGED_AT, onIdentity: (identity) => void identities.push(identity) })
  expect((await auditCaptureFile(har, 'session.har', audit, CAPTURE_LIMITS)).ok).toBe(true)
  // What the website team must fix: the live RingCX token that was rejected, and the visitor signed in the browser.
  toFix = [
    identities.find((identity) => !identity.commented && identity.inspection.scheme === 'ringcx' && identity.inspection.verdict === 'rejected'),
    identities.find((identity) => identity.inspection.scheme === 'roxchat'),
  ].filter((identity): identity is CaptureIdentity => identity !== undefined)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe.concurrent('the fix for each identity of the capture, run by the real runtimes', () => {
  it('finds the two identities to fix', () => {
    expect(toFix.map((identity) => [identity.inspection.scheme, identity.inspection.verdict])).toEqual([['ringcx', 'rejected'], ['roxchat', 'verified']])
  })

  for (const language of FIXIT_LANGUAGES) {
    const runtime = runtimes[language]
    const skip = runtime.found === null && !REQUIRED_LANGUAGES.includes(language)
    it.skipIf(skip)(`${FIXIT_LANGUAGE_LABELS[language]}${skip ? ` (skipped: ${runtime.missing})` : ''}`, { timeout: 300_000 }, async () => {
      expect(runtime.found, runtime.missing).not.toBeNull()
      for (const identity of toFix) {
        const described = describeFixit(identity.inspection as FixitInspection, { roxchatAlgorithm: DEFAULT_SETTINGS.roxchat.hashAlgorithm, minExpirySeconds: DEFAULT_SETTINGS.ringcx.minExpirySeconds })
        if (!described.ok) throw new Error(`${identity.formName}: ${described.message}`)
        const program = generateFixitProgram(described.description, language)
        const signingKey = identity.inspection.scheme === 'ringcx' ? HS.secret : ROX.secret
        expect(program.text).not.toContain(signingKey)
        const run = await runtime.run(program.fileName, program.text, { SIGNING_KEY: signingKey })
        expect(run.stderr, `${language}, ${identity.formName}`).toBe('')
        expect(run.code).toBe(0)
        const verified = await inspect(run.stdout.trim(), { keys: await ringFrom(KEYS_MANIFEST), settings: DEFAULT_SETTINGS, now: new Date() })
        expect(verified.errors.map((error) => error.code), `${language}, ${identity.formName}`).toEqual([])
        expect(verified.verdict).toBe('verified')
        // The same visitor, now correctly signed.
        const fields = Object.fromEntries(verified.fields.map((field) => [field.name, field.value]))
        if (identity.inspection.scheme === 'ringcx') expect(fields).toMatchObject({ uuid: 'u-1', firstname: 'Ann' })
        else expect(fields).toEqual({ id: '42', display_name: 'Ann' })
      }
    })
  }
})
