/**
 * Fixtures for the main-process tests: temp folders, a fake safeStorage, a settable clock, fake
 * dialogs, services over real stores, and tokens and hashes built with keys the tests own.
 */
import { createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { SignJWT } from 'jose'
import { afterAll } from 'vitest'
import type { KeyStore } from '../../electron/main/key-store'
import { createSafeStorageCipher, type SafeStorageApi } from '../../electron/main/safe-storage-cipher'
import type { SecretCipher } from '../../electron/main/secret-cipher'
import { openAppServices, type AppServices, type DialogPort } from '../../electron/main/services'
import type { SettingsStore } from '../../electron/main/settings-store'

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..')
export const EXAMPLES_DIR = join(PROJECT_ROOT, 'resources', 'examples')

export const NOW = new Date('2026-06-01T12:00:00.000Z')
export const DAY_MS = 86_400_000

/** Test-only keys. RingCX secrets are 24 characters 0-9a-f. */
export const HS_SECRET = '0a1b2c3d4e5f60718293a4b5'
export const HS_SECRET_2 = 'ffeeddccbbaa998877665544'
export const ROX_SECRET = 'rox-private-key-for-tests-4242'

// ---------------------------------------------------------------------------------------------
// Folders

const created: string[] = []
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A fresh temp folder, removed after the test file. */
export async function tempDir(prefix = 'vi-main-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

// ---------------------------------------------------------------------------------------------
// safeStorage stand-in: real AES-GCM under a key of its own, so another instance cannot decrypt.

export type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>

export interface FakeSafeStorage extends SafeStorageApi {
  /** Every decrypt answers shouldReEncrypt: true while set. */
  rotate: boolean
  encryptCalls: number
}

export function fakeSafeStorage(options: { available?: boolean; backend?: Backend } = {}): FakeSafeStorage {
  const key = randomBytes(32)
  const fake: FakeSafeStorage = {
    rotate: false,
    encryptCalls: 0,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    async encryptStringAsync(plain: string) {
      fake.encryptCalls += 1
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body])
    },
    async decryptStringAsync(encrypted: Buffer) {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('not encrypted by this fake')
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15))
      decipher.setAuthTag(encrypted.subarray(15, 31))
      const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8')
      return { result, shouldReEncrypt: fake.rotate }
    },
  }
  return fake
}

/** Secrets encrypted by the "OS" (a keyring is available). */
export function osCipher(storage: SafeStorageApi = fakeSafeStorage()): SecretCipher {
  return createSafeStorageCipher(storage, 'linux')
}

/** Linux without a keyring: Electron would use its fixed password. */
export function basicTextCipher(): SecretCipher {
  return createSafeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }), 'linux')
}

// ---------------------------------------------------------------------------------------------
// Services over real stores in a temp folder

export class Clock {
  now: Date
  constructor(start: Date = NOW) {
    this.now = new Date(start)
  }
  advanceDays(days: number): void {
    this.now = new Date(this.now.getTime() + days * DAY_MS)
  }
  advanceMinutes(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000)
  }
  readonly read = (): Date => new Date(this.now)
}

export class FakeDialogs implements DialogPort {
  payloadFile: string | null = null
  keyFiles: readonly string[] | null = null
  sampleFolder: string | null = null
  sampleFiles: readonly string[] | null = null
  tokenTable: string | null = null
  signingKeyFile: string | null = null
  savePath: string | null = null
  captureFiles: readonly string[] | null = null
  captureFolder: string | null = null
  /** The names the save dialog was opened with. */
  readonly suggestedNames: string[] = []
  async pickPayloadFile(): Promise<string | null> {
    return this.payloadFile
  }
  async pickKeyFiles(): Promise<readonly string[] | null> {
    return this.keyFiles
  }
  async pickSampleFolder(): Promise<string | null> {
    return this.sampleFolder
  }
  async pickSampleFiles(): Promise<readonly string[] | null> {
    return this.sampleFiles
  }
  async pickTokenTable(): Promise<string | null> {
    return this.tokenTable
  }
  async pickSigningKeyFile(): Promise<string | null> {
    return this.signingKeyFile
  }
  async pickCaptureFiles(): Promise<readonly string[] | null> {
    return this.captureFiles
  }
  async pickCaptureFolder(): Promise<string | null> {
    return this.captureFolder
  }
  async pickSavePath(suggestedName: string): Promise<string | null> {
    this.suggestedNames.push(suggestedName)
    return this.savePath
  }
}

export interface Harness {
  readonly dir: string
  readonly services: AppServices
  readonly keyStore: KeyStore
  readonly settingsStore: SettingsStore
  readonly clock: Clock
  readonly dialogs: FakeDialogs
  readonly opened: string[]
}

export async function harness(options: { dir?: string; cipher?: SecretCipher; clock?: Clock; examplesDir?: string; samplesWindow?: number } = {}): Promise<Harness> {
  const dir = options.dir ?? (await tempDir())
  const clock = options.clock ?? new Clock()
  const dialogs = new FakeDialogs()
  const opened: string[] = []
  const { services, keyStore, settingsStore } = await openAppServices({
    dataDir: dir,
    cipher: options.cipher ?? osCipher(),
    now: clock.read,
    examplesDir: options.examplesDir ?? EXAMPLES_DIR,
    dialogs,
    openExternal: async (url) => {
      opened.push(url)
    },
    appInfo: { version: '0.0.0-test', platform: 'linux' },
    ...(options.samplesWindow === undefined ? {} : { samplesWindow: options.samplesWindow }),
  })
  return { dir, services, keyStore, settingsStore, clock, dialogs, opened }
}

// ---------------------------------------------------------------------------------------------
// Keys, tokens and hashes

export interface RsaPair {
  readonly privateKey: KeyObject
  readonly publicPem: string
  readonly privatePem: string
  readonly publicJwk: Record<string, unknown>
  readonly privateJwk: Record<string, unknown>
}

export function rsaPair(): RsaPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
    privateJwk: privateKey.export({ format: 'jwk' }) as Record<string, unknown>,
  }
}

const IN_A_DAY = Math.floor(NOW.getTime() / 1000) + 86_400

export function hsToken(secret: string, kid: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ uuid: 'visitor-1', firstname: 'Ann', exp: IN_A_DAY, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
    .sign(new TextEncoder().encode(secret))
}

export function rsToken(privateKey: KeyObject, kid: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ uuid: 'visitor-2', email: 'ann@example.com', exp: IN_A_DAY, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
    .sign(privateKey)
}

/** A Rox.Chat visitor as JSON, hashed with HMAC-SHA256 independently of the core. */
export function roxchatVisitor(secret: string, fields: Record<string, string>, expires?: number): string {
  const names = Object.keys(fields).sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0))
  const message = names.map((name) => fields[name]).join('') + (expires === undefined ? '' : String(expires))
  const hash = createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
  return JSON.stringify({ fields, ...(expires === undefined ? {} : { expires }), hash })
}
