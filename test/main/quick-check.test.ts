/**
 * The quick check: a key pasted for one inspection is used once and never stored, recorded or
 * sent back. The key store file is compared byte for byte before and after.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { callService } from '../../electron/main/call-service'
import type { Inspection } from '../../electron/common/inspection'
import { HS_SECRET, HS_SECRET_2, ROX_SECRET, harness, hsToken, roxchatVisitor, rsToken, rsaPair } from './helpers'

const rsa = rsaPair()

/** Every 12 characters of the secret, as the leak tests look for it. */
function fragments(secret: string): string[] {
  const forms = [secret, Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64url')]
  return forms.flatMap((form) => Array.from({ length: Math.max(1, form.length - 11) }, (_, start) => form.slice(start, start + 12)))
}

async function storeFiles(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort()
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8').catch(() => '')] as const)))
}

describe('inspect:quick-check', () => {
  it('verifies a token with a pasted secret, says so, and stores, records and returns nothing of the key', async () => {
    const { services, dir, keyStore } = await harness()
    // A stored key of another Key ID: the quick check must not use it, nor count a match for it.
    await callService(services, 'keys:import-text', [{ text: HS_SECRET_2, scheme: 'ringcx', kid: 'hs_stored' }])
    await services.flush()
    const before = await storeFiles(dir)
    const listed = JSON.stringify(await services['keys:list']())

    const token = await hsToken(HS_SECRET, 'hs_site')
    const result = await callService(services, 'inspect:quick-check', [{ text: token, keyText: `${HS_SECRET}\n` }])
    expect(result.ok).toBe(true)
    const inspection = (result as { value: Inspection }).value
    expect(inspection.verdict).toBe('verified')
    expect(inspection.checkedWithUnsavedKey).toBe(true)
    // The bare secret took the Key ID the token names.
    expect(inspection.key?.kid).toBe('hs_site')
    expect(inspection.checks.find((check) => check.id === 'kid')?.status).toBe('pass')

    const returned = JSON.stringify(result)
    for (const fragment of fragments(HS_SECRET)) expect(returned.includes(fragment), 'a fragment of the pasted secret came back').toBe(false)
    await services.flush()
    expect(await storeFiles(dir)).toEqual(before)
    expect(JSON.stringify(await services['keys:list']())).toBe(listed)
    expect(keyStore.list(new Date()).map((key) => key.kid)).toEqual(['hs_stored'])

    // The store's own keys judge the next plain inspection: the pasted key was used once.
    const again = await callService(services, 'inspect:payload', [{ text: token }])
    expect(again.ok && again.value.verdict).toBe('rejected')
    expect(again.ok && again.value.checkedWithUnsavedKey).toBeUndefined()
  })

  it('rejects with the wrong secret, and tells why in the inspection, not with the key', async () => {
    const { services } = await harness()
    const token = await hsToken(HS_SECRET, 'hs_site')
    const result = await callService(services, 'inspect:quick-check', [{ text: token, keyText: HS_SECRET_2 }])
    expect(result.ok && result.value.verdict).toBe('rejected')
    expect(result.ok && result.value.errors.map((error) => error.code)).toContain('ringcx-jwt-bad-signature')
    for (const fragment of fragments(HS_SECRET_2)) expect(JSON.stringify(result).includes(fragment)).toBe(false)
  })

  it('takes a public key in PEM, a JWK naming its own kid, and a Rox.Chat private key', async () => {
    const { services } = await harness()
    const rs = await callService(services, 'inspect:quick-check', [{ text: await rsToken(rsa.privateKey, 'rsa_site'), keyText: rsa.publicPem }])
    expect(rs.ok && [rs.value.verdict, rs.value.key?.kid]).toEqual(['verified', 'rsa_site'])

    const jwk = JSON.stringify({ kty: 'oct', kid: 'hs_jwk', k: Buffer.from(HS_SECRET).toString('base64url') })
    const named = await callService(services, 'inspect:quick-check', [{ text: await hsToken(HS_SECRET, 'hs_other'), keyText: jwk }])
    // The JWK keeps its own Key ID: the signature verifies, the kid check says the header names another.
    expect(named.ok && named.value.checks.find((check) => check.id === 'signature')?.status).toBe('pass')
    expect(named.ok && named.value.errors.map((error) => error.code)).toEqual(['ringcx-jwt-unknown-kid'])

    const rox = await callService(services, 'inspect:quick-check', [{ text: roxchatVisitor(ROX_SECRET, { id: 'v-1' }), keyText: ROX_SECRET }])
    expect(rox.ok && [rox.value.verdict, rox.value.scheme, rox.value.checkedWithUnsavedKey]).toEqual(['verified', 'roxchat', true])
    for (const fragment of fragments(ROX_SECRET)) expect(JSON.stringify(rox).includes(fragment)).toBe(false)
  })

  it('refuses a text that is no key, without echoing it', async () => {
    const { services } = await harness()
    const text = 'correct horse battery staple, and more words'
    const result = await callService(services, 'inspect:quick-check', [{ text: await hsToken(HS_SECRET, 'hs_site'), keyText: text }])
    expect(result).toMatchObject({ ok: false, code: 'quick-check-key-invalid' })
    expect(JSON.stringify(result)).not.toContain('horse battery')
  })

  it('checks its arguments like every channel', async () => {
    const { services } = await harness()
    for (const args of [[], [{ text: 'x' }], [{ text: 'x', keyText: 1 }], [{ text: 'x', keyText: 'k', extra: true }], [{ text: 'x', keyText: 'k', kid: 'a\nb' }]]) {
      expect(await callService(services, 'inspect:quick-check', args)).toMatchObject({ ok: false, code: 'ipc-bad-argument' })
    }
  })
})
