/**
 * The key store's {@link SecretCipher} over Electron's asynchronous safeStorage API (Electron 45;
 * the synchronous calls are deprecated). Call only after the app is ready.
 */
import type { SafeStorage } from 'electron'
import type { SecretProtection } from '../shared/ipc-contract'
import type { SecretCipher } from './secret-cipher'

export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>

/**
 * @example
 * const cipher = createSafeStorageCipher(safeStorage, process.platform)
 * await cipher.protection() // 'os-encrypted' | 'basic-text' | 'unavailable'
 */
export function createSafeStorageCipher(api: SafeStorageApi, platform: NodeJS.Platform): SecretCipher {
  let protection: Promise<SecretProtection> | null = null
  return {
    protection() {
      protection ??= (async (): Promise<SecretProtection> => {
        // Also initialises the asynchronous encryptor, which the backend query below relies on.
        if (!(await api.isAsyncEncryptionAvailable())) return 'unavailable'
        if (platform !== 'linux') return 'os-encrypted'
        // basic_text encrypts with a fixed, public password; `unknown` means no keyring was chosen.
        const backend = api.getSelectedStorageBackend()
        return backend === 'basic_text' || backend === 'unknown' ? 'basic-text' : 'os-encrypted'
      })()
      return protection
    },
    encrypt: (plain) => api.encryptStringAsync(plain),
    async decrypt(encrypted) {
      const { result, shouldReEncrypt } = await api.decryptStringAsync(encrypted)
      return { plain: result, shouldReEncrypt }
    },
  }
}
