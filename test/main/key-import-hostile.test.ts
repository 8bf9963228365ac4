/**
 * The app's key import with hostile or merely odd files: a key set over the per-file limit, a long
 * import the Keys view follows through `keys:import-progress`, and the warnings of a valid but
 * suspicious file in the import report.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_KEYS_PER_FILE } from '../../electron/common/limits'
import type { KeyImportProgress } from '../../electron/shared/ipc-contract'
import { NO_OS_ENCRYPTION } from '../../electron/main/secret-cipher'
import { generateRsa, selfSignedCertificatePem, type RsaPair } from '../unit/core/helpers'
import { ROX_SECRET, harness } from './helpers'

function roxchatManifest(count: number, secret = (index: number) => `rox-secret-${index}`): string {
  return JSON.stringify({ keys: Array.from({ length: count }, (_, index) => ({ scheme: 'roxchat', kid: `rox_${index}`, secret: secret(index) })) })
}

describe('key import of a large set', () => {
  it('refuses a file of more than MAX_KEYS_PER_FILE keys with key-set-too-large and stores nothing', async () => {
    const { services } = await harness({ cipher: NO_OS_ENCRYPTION })
    const report = await services['keys:import-text']({ text: roxchatManifest(MAX_KEYS_PER_FILE + 1), acceptUnprotected: true })
    expect(report.imported).toBe(false)
    expect(report.entries.map((entry) => entry.error?.code)).toEqual(['key-set-too-large'])
    expect(await services['keys:list']()).toEqual([])
  })

  it('says how far it got while it fingerprints, and nothing once it is done', async () => {
    const { services } = await harness({ cipher: NO_OS_ENCRYPTION })
    expect(await services['keys:import-progress']()).toEqual({ active: false, fileName: null, done: 0, total: 0 })
    const count = 9
    let finished = false
    const importing = services['keys:import-text']({ text: roxchatManifest(count), fileName: 'many.json', acceptUnprotected: true })
      .finally(() => {
        finished = true
      })
    const seen: KeyImportProgress[] = []
    while (!finished) {
      seen.push(await services['keys:import-progress']())
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const report = await importing
    expect(report.imported).toBe(true)
    expect(report.entries.every((entry) => entry.fingerprint?.startsWith('secret:'))).toBe(true)

    expect(seen[0]).toMatchObject({ active: true, fileName: 'many.json' })
    const counted = seen.filter((progress) => progress.total > 0)
    expect(counted.length).toBeGreaterThan(0)
    for (const progress of counted) expect(progress).toMatchObject({ active: true, fileName: 'many.json', total: count })
    const done = counted.map((progress) => progress.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(await services['keys:import-progress']()).toEqual({ active: false, fileName: null, done: 0, total: 0 })
  }, 30_000)
})

describe('the import report of a valid but suspicious file', () => {
  let rsa: RsaPair
  let other: RsaPair
  beforeAll(async () => {
    ;[rsa, other] = await Promise.all([generateRsa(), generateRsa()])
  })

  it('carries key-certificate-chain, key-pem-several-blocks and key-secret-whitespace', async () => {
    const { services } = await harness({ cipher: NO_OS_ENCRYPTION })
    const several = await services['keys:import-text']({ text: rsa.publicPem + other.publicPem, scheme: 'ringcx', kid: 'rsa_main' })
    expect(several.imported).toBe(true)
    expect(several.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-pem-several-blocks'])

    const chain = await services['keys:import-text']({ text: selfSignedCertificatePem(other) + selfSignedCertificatePem(rsa), scheme: 'ringcx', kid: 'rsa_cert' })
    expect(chain.imported).toBe(true)
    expect(chain.format).toBe('certificate')
    expect(chain.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-certificate-chain'])

    const rox = await services['keys:import-text']({
      text: JSON.stringify({ keys: [{ scheme: 'roxchat', kid: 'rox_main', secret: `${ROX_SECRET}\n` }, { scheme: 'roxchat', kid: 'rox_b', secret: ROX_SECRET }] }),
      acceptUnprotected: true,
    })
    expect(rox.imported).toBe(true)
    expect(rox.entries.map((entry) => entry.warnings.map((warning) => warning.code))).toEqual([['key-secret-whitespace'], []])
  })
})
