/**
 * Signing samples in the app (QA tools): refused while QA tools are off, keys only from the store
 * or a picked file, and every signed sample verifies and meets its own expectation.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { callService } from '../../electron/main/call-service'
import { PICKED_KEY_MS } from '../../electron/main/qa-signing'
import type { SignSampleRequest } from '../../electron/shared/ipc-contract'
import { HS_SECRET, NOW, ROX_SECRET, harness, rsaPair, tempDir, type Harness } from './helpers'

const rsa = rsaPair()
const IN_TWO_HOURS = Math.floor(NOW.getTime() / 1000) + 7200

const hsRequest: SignSampleRequest = {
  scheme: 'ringcx',
  kid: 'hs_main',
  claims: { uuid: 'qa-1', firstname: 'Quinn', extra_values: { plan: 'gold' } },
  exp: '+2h',
}

async function qaHarness(): Promise<Harness> {
  const h = await harness()
  await h.services['keys:import-text']({ text: JSON.stringify({ keys: [
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: rsa.publicPem },
    { scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET },
  ] }) })
  await h.services['settings:update']({ qaTools: true })
  return h
}

let h: Harness
beforeEach(async () => {
  h = await qaHarness()
})

describe('QA tools switch', () => {
  it('refuses every signing channel with qa-tools-off while QA tools are off', async () => {
    await h.services['settings:update']({ qaTools: false })
    h.dialogs.signingKeyFile = join(await tempDir(), 'never-read.pem')
    h.dialogs.savePath = join(await tempDir(), 'never-written.json')
    expect(await callService(h.services, 'qa:sign-sample', [hsRequest])).toMatchObject({ ok: false, code: 'qa-tools-off' })
    expect(await callService(h.services, 'qa:pick-signing-key', [])).toMatchObject({ ok: false, code: 'qa-tools-off' })
    expect(await callService(h.services, 'qa:save-sample', [{ text: '{"payload":"x"}', fileName: 'x.json' }])).toMatchObject({ ok: false, code: 'qa-tools-off' })
    expect(h.dialogs.suggestedNames).toEqual([])
  })

  it('is off by default', async () => {
    const fresh = await harness()
    await expect(fresh.services['qa:sign-sample'](hsRequest)).rejects.toMatchObject({ code: 'qa-tools-off' })
  })
})

describe('qa:sign-sample', () => {
  it('signs a RingCX HS256 sample with a stored key, recording its own expectation', async () => {
    const signed = await h.services['qa:sign-sample'](hsRequest)
    expect(signed.fileName).toBe('ringcx-hs_main-verified.sample.json')
    const sample = JSON.parse(signed.text) as { payload: string; now: string; scheme: string; expect: Record<string, unknown> }
    expect(sample.scheme).toBe('ringcx')
    expect(sample.now).toBe(NOW.toISOString())
    expect(sample.expect).toEqual({
      verdict: 'verified',
      errors: [],
      warnings: [],
      fields: { uuid: { value: 'qa-1', source: 'identity' }, firstname: { value: 'Quinn', source: 'identity' } },
      unmapped: ['plan'],
      expiryStatus: 'valid',
    })
    const [header, claims] = sample.payload.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>)
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256', kid: 'hs_main' })
    expect(claims).toMatchObject({ uuid: 'qa-1', exp: IN_TWO_HOURS })
    expect(signed.inspection).toMatchObject({ verdict: 'verified', key: { kid: 'hs_main' }, expectation: { met: true, mismatches: [] }, appliedFromSample: ['now'] })

    // A week later the token has expired by the clock, which the Inspector judges by; a Samples run
    // judges the sample at its own `now`, so its expectation is still met there.
    h.clock.advanceDays(7)
    const pasted = await h.services['inspect:payload']({ text: signed.text })
    expect(pasted).toMatchObject({ verdict: 'rejected', appliedFromSample: [], expectation: { met: false } })
    expect(pasted.warnings.map((warning) => warning.code)).toEqual(['sample-settings-ignored'])
    const dir = await tempDir()
    await writeFile(join(dir, signed.fileName), signed.text)
    h.dialogs.sampleFolder = dir
    const started = await h.services['samples:start']({ pick: 'folder' })
    let progress = await h.services['samples:progress']({ runId: started?.runId ?? '', cursor: 0 })
    while (!progress.finished) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      progress = await h.services['samples:progress']({ runId: started?.runId ?? '', cursor: 0 })
    }
    expect(progress.rows.map((row) => row.status)).toEqual(['met'])
  })

  it('records a deliberate failure as the expectation it meets', async () => {
    const signed = await h.services['qa:sign-sample']({ ...hsRequest, exp: '+10m' })
    expect(signed.fileName).toBe('ringcx-hs_main-rejected.sample.json')
    expect(JSON.parse(signed.text).expect).toMatchObject({ verdict: 'rejected', errors: ['ringcx-jwt-exp-too-soon'] })
    expect(signed.inspection.expectation).toEqual({ met: true, mismatches: [] })
  })

  it('signs RS256 only with a private key file the user picked', async () => {
    await expect(h.services['qa:sign-sample']({ ...hsRequest, kid: 'rsa_main' })).rejects.toMatchObject({ code: 'signing-key-unusable' })

    const dir = await tempDir()
    h.dialogs.signingKeyFile = join(dir, 'public.pem')
    await writeFile(h.dialogs.signingKeyFile, rsa.publicPem)
    await expect(h.services['qa:pick-signing-key']()).rejects.toMatchObject({ code: 'signing-key-unusable' })

    h.dialogs.signingKeyFile = join(dir, 'private.pem')
    await writeFile(h.dialogs.signingKeyFile, rsa.privatePem)
    const picked = await h.services['qa:pick-signing-key']()
    const stored = (await h.services['keys:list']()).find((key) => key.kid === 'rsa_main')
    expect(picked).toEqual({ handle: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), fileName: 'private.pem', fingerprint: stored?.fingerprint, bits: 2048 })

    const signed = await h.services['qa:sign-sample']({ ...hsRequest, kid: 'rsa_main', privateKeyHandle: picked?.handle ?? '' })
    expect(signed.inspection).toMatchObject({ verdict: 'verified', key: { kid: 'rsa_main' }, expectation: { met: true } })
    await expect(h.services['qa:sign-sample']({ ...hsRequest, kid: 'Not Allowed', privateKeyHandle: picked?.handle ?? '' })).rejects.toMatchObject({ code: 'signing-input-invalid' })

    h.clock.advanceMinutes(PICKED_KEY_MS / 60_000 + 1)
    await expect(h.services['qa:sign-sample']({ ...hsRequest, kid: 'rsa_main', privateKeyHandle: picked?.handle ?? '' })).rejects.toMatchObject({ code: 'signing-key-unusable' })
  })

  it('signs a Rox.Chat visitor with the algorithm chosen, carried in the sample', async () => {
    const signed = await h.services['qa:sign-sample']({ scheme: 'roxchat', kid: 'rox_main', fields: { id: 'v-9', display_name: 'Rita' }, expires: '+2h', algorithm: 'sha512' })
    const sample = JSON.parse(signed.text) as { payload: { fields: Record<string, string>; expires: number; hash: string }; config: unknown }
    expect(sample.payload).toMatchObject({ fields: { id: 'v-9', display_name: 'Rita' }, expires: IN_TWO_HOURS, hash: expect.stringMatching(/^[0-9a-f]{128}$/) })
    expect(sample.config).toEqual({ roxchat: { hashAlgorithm: 'sha512' } })
    expect(signed.inspection).toMatchObject({ verdict: 'verified', key: { kid: 'rox_main' }, expectation: { met: true } })
    expect((await h.services['settings:get']()).inspection.roxchat.hashAlgorithm).toBe('hmac-sha256')
  })

  it('takes the algorithm from Settings and leaves expires out when asked', async () => {
    await h.services['settings:update']({ inspection: { roxchat: { hashAlgorithm: 'sha256' } } })
    const signed = await h.services['qa:sign-sample']({ scheme: 'roxchat', kid: 'rox_main', fields: { id: 'v-1' } })
    const sample = JSON.parse(signed.text) as { payload: Record<string, unknown>; config: unknown; expect: { expiryStatus: string } }
    expect(sample.payload).not.toHaveProperty('expires')
    expect(sample.config).toEqual({ roxchat: { hashAlgorithm: 'sha256' } })
    expect(sample.expect.expiryStatus).toBe('none')
    expect(signed.inspection.expectation?.met).toBe(true)
  })

  it('refuses times it cannot read, keys it does not have, and keys of the other scheme', async () => {
    await expect(h.services['qa:sign-sample']({ ...hsRequest, exp: 'tomorrow' })).rejects.toMatchObject({ code: 'signing-input-invalid' })
    await expect(h.services['qa:sign-sample']({ scheme: 'roxchat', kid: 'rox_main', fields: { id: '1' }, expires: '2h' })).rejects.toMatchObject({ code: 'signing-input-invalid' })
    await expect(h.services['qa:sign-sample']({ ...hsRequest, kid: 'hs_missing' })).rejects.toMatchObject({ code: 'key-not-found' })
    await expect(h.services['qa:sign-sample']({ scheme: 'roxchat', kid: 'hs_main', fields: { id: '1' } })).rejects.toMatchObject({ code: 'key-not-found' })
  })

  it('checks the form of a request before signing', async () => {
    const sign = (request: unknown) => callService(h.services, 'qa:sign-sample', [request])
    expect(await sign({ ...hsRequest, claims: 'uuid=1' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ ...hsRequest, claims: { when: new Date() } })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ ...hsRequest, claims: { n: Number.NaN } })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ ...hsRequest, secret: HS_SECRET })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ ...hsRequest, privateKeyHandle: 'x' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ scheme: 'roxchat', kid: 'rox_main', fields: { id: 1 } })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ scheme: 'roxchat', kid: 'rox_main', fields: { id: '1' }, algorithm: 'sha1' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ scheme: 'other', kid: 'k' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    expect(await sign({ ...hsRequest, exp: '+2h\n' })).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
  })
})

describe('qa:save-sample', () => {
  it('writes the sample where the user chose, under the suggested name', async () => {
    const signed = await h.services['qa:sign-sample'](hsRequest)
    const dir = await tempDir()
    h.dialogs.savePath = join(dir, 'chosen.sample.json')
    expect(await h.services['qa:save-sample']({ text: signed.text, fileName: signed.fileName })).toEqual({ fileName: 'chosen.sample.json' })
    expect(h.dialogs.suggestedNames).toEqual(['ringcx-hs_main-verified.sample.json'])
    expect(await readFile(h.dialogs.savePath, 'utf8')).toBe(signed.text)
  })

  it('answers null when cancelled, and refuses what is not a sample or cannot be written', async () => {
    const signed = await h.services['qa:sign-sample'](hsRequest)
    expect(await h.services['qa:save-sample']({ text: signed.text, fileName: signed.fileName })).toBeNull()
    await expect(h.services['qa:save-sample']({ text: 'plain text', fileName: 'x.json' })).rejects.toMatchObject({ code: 'signing-input-invalid' })
    h.dialogs.savePath = join(await tempDir(), 'missing-folder', 'x.json')
    await expect(h.services['qa:save-sample']({ text: signed.text, fileName: 'x.json' })).rejects.toMatchObject({ code: 'file-unwritable' })
    await h.services['qa:save-sample']({ text: signed.text, fileName: '../../etc/x.json' }).catch(() => undefined)
    expect(h.dialogs.suggestedNames.at(-1)).toBe('x.json')
  })
})
