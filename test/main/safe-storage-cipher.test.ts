import { describe, expect, it } from 'vitest'
import { createSafeStorageCipher } from '../../electron/main/safe-storage-cipher'
import { fakeSafeStorage } from './helpers'

describe('safeStorage cipher', () => {
  it.each([
    ['linux', 'gnome_libsecret', true, 'os-encrypted'],
    ['linux', 'kwallet6', true, 'os-encrypted'],
    ['linux', 'basic_text', true, 'basic-text'],
    ['linux', 'unknown', true, 'basic-text'],
    ['linux', 'gnome_libsecret', false, 'unavailable'],
    ['darwin', 'unknown', true, 'os-encrypted'],
    ['win32', 'unknown', true, 'os-encrypted'],
    ['win32', 'unknown', false, 'unavailable'],
  ] as const)('on %s with backend %s (available: %s) says %s', async (platform, backend, available, protection) => {
    const cipher = createSafeStorageCipher(fakeSafeStorage({ backend, available }), platform)
    expect(await cipher.protection()).toBe(protection)
  })

  it('encrypts and decrypts through the asynchronous API, passing shouldReEncrypt on', async () => {
    const storage = fakeSafeStorage()
    const cipher = createSafeStorageCipher(storage, 'linux')
    const encrypted = await cipher.encrypt('secret text')
    expect(encrypted.toString('utf8')).not.toContain('secret text')
    expect(await cipher.decrypt(encrypted)).toEqual({ plain: 'secret text', shouldReEncrypt: false })
    storage.rotate = true
    expect(await cipher.decrypt(encrypted)).toEqual({ plain: 'secret text', shouldReEncrypt: true })
  })

  it('fails to decrypt what another keyring encrypted', async () => {
    const encrypted = await createSafeStorageCipher(fakeSafeStorage(), 'linux').encrypt('secret text')
    await expect(createSafeStorageCipher(fakeSafeStorage(), 'linux').decrypt(encrypted)).rejects.toThrow()
  })
})
