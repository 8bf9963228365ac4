/**
 * The port through which the key store encrypts secrets. Electron's safeStorage is one
 * implementation (safe-storage-cipher.ts); {@link NO_OS_ENCRYPTION} is the other.
 */
import type { SecretProtection } from '../shared/ipc-contract'

export interface DecryptedSecret {
  readonly plain: string
  /** The OS rotated its key: encrypt the secret again and save. */
  readonly shouldReEncrypt: boolean
}

export interface SecretCipher {
  /** What would protect a secret stored now. */
  protection(): Promise<SecretProtection>
  /** Only called when {@link protection} answered `os-encrypted`. */
  encrypt(plain: string): Promise<Buffer>
  decrypt(encrypted: Buffer): Promise<DecryptedSecret>
}

export class SecretCipherError extends Error {}

/**
 * No OS encryption: new secrets are stored in plain text and OS-encrypted ones stay unreadable.
 * For exported and test stores, the command line and end-to-end tests.
 */
export const NO_OS_ENCRYPTION: SecretCipher = {
  protection: () => Promise.resolve('unavailable'),
  encrypt: () => Promise.reject(new SecretCipherError('no OS encryption is available here')),
  decrypt: () => Promise.reject(new SecretCipherError('this secret was encrypted by the operating system for the Visitor Inspector app, which alone can open it')),
}

/** What the Keys view and `keys:status` tell the admin when secrets are not protected by the OS. */
export function protectionWarning(protection: SecretProtection): string | null {
  switch (protection) {
    case 'os-encrypted':
      return null
    case 'basic-text':
      return 'Secrets are not protected by the operating system: no keyring (such as GNOME Keyring or KWallet) is available, ' +
        'so encryption would only use a fixed, publicly known password. Secret keys you import are therefore stored in plain text ' +
        'in keystore.json, readable by your user account only. Import secrets only if that is acceptable on this computer, ' +
        'or run the app in a desktop session with a keyring.'
    case 'unavailable':
      return 'Secrets cannot be encrypted on this system. Secret keys you import are stored in plain text in keystore.json, ' +
        'readable by your user account only. Import secrets only if that is acceptable on this computer.'
  }
}
