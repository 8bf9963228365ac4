/**
 * The live key store over keystore.json in the app's data folder (its format is
 * electron/io/key-store-file.ts): imports, removals, match counts and secret protection.
 *
 * Secrets are encrypted through a {@link SecretCipher} when the OS can protect them and kept in plain
 * text (marked `"storage": "plain"`) when it cannot; public keys need no protection. A secret that
 * fails to decrypt stays in the file and is reported per key. No Electron here: the IPC handlers,
 * the command line and the end-to-end tests use the same store.
 */
import { join } from 'node:path'
import type { KeyInfo, KeyMaterial } from '../common/key-material'
import { fingerprintKeys } from '../core/key-fingerprint'
import type { KeyRingEntry } from '../core/key-ring'
import { rsaExponentProblem } from '../core/rsa-exponent'
import { DurableJsonFile } from '../io/durable-json-file'
import {
  KEY_STORE_FILE,
  KEY_STORE_FORMAT,
  KEY_STORE_VERSION,
  MAX_LABEL_LENGTH,
  MAX_SOURCE_FILE_LENGTH,
  decodeKeyStoreFile,
  decodePublicJwk,
  identityOf,
  infoOf,
  plainMaterial,
  plainSecretProblem,
  type KeyRecord,
  type KeyRecordBase,
  type KeyStoreFile,
  type StoredSecret,
} from '../io/key-store-file'
import {
  REMOVAL_CANDIDATE_DAYS,
  type KeyReplacementView,
  type KeyStorage,
  type KeyStoreStatus,
  type QuarantineNotice,
  type SecretProtection,
  type StoredKeyProblem,
  type StoredKeyView,
} from '../shared/ipc-contract'
import { protectionWarning, type SecretCipher } from './secret-cipher'
import { ServiceError } from './service-error'
import type { SchemeId } from '../common/schemes'

const DAY_MS = 86_400_000
/** How the published demo keys are labelled (resources/examples/demo-keys.json). */
const DEMO_LABEL_PREFIX = 'DEMO KEY'

/** A validated key ready to be stored, with what the admin said about it. */
export interface NewKey {
  readonly material: KeyMaterial
  readonly info: KeyInfo
  readonly label: string
  readonly sourceFile: string | null
  /** One of the app's published demo keys. */
  readonly demo?: boolean
}

export interface ImportPlan {
  /** Stored keys that the import would replace with other material. */
  readonly duplicates: readonly KeyReplacementView[]
  /** `scheme:kid` of keys already stored with the same material (and readable). */
  readonly alreadyStored: ReadonlySet<string>
}

interface LiveKey {
  /** As stored, except its fingerprint once checked: then the one computed from its material. */
  readonly record: KeyRecord
  /** The key in plain form; null when its secret could not be decrypted or the key is unsafe. */
  readonly material: KeyMaterial | null
  readonly unreadable: string | null
  /** Found when the store was read (an unsafe RSA exponent, a fingerprint that did not match). */
  readonly problems: readonly StoredKeyProblem[]
  /** False for a key read from the file until {@link KeyStore.verifyFingerprints} has computed its fingerprint. */
  readonly fingerprintChecked: boolean
}

/** A ring entry of the store: its fingerprint is always known. */
export type StoredRingEntry = KeyRingEntry & { readonly info: KeyInfo }

/** Kids are ASCII by their patterns: code-unit order is stable and far cheaper than localeCompare. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function storageOf(record: KeyRecord): KeyStorage {
  return 'publicJwk' in record ? 'public-key' : record.secret.storage
}

/** Never matched (or not for 30 days), counting from when it was added. */
export function isRemovalCandidate(record: Pick<KeyRecord, 'addedAt' | 'lastMatchedAt'>, now: Date): boolean {
  const since = Date.parse(record.lastMatchedAt ?? record.addedAt)
  return now.getTime() - since >= REMOVAL_CANDIDATE_DAYS * DAY_MS
}

const UNREADABLE_SECRET =
  'the operating system could not decrypt this secret (its keyring is locked or was reset, or the store comes from another user or computer); import the key again to use it'

export interface OpenKeyStoreOptions {
  /** The folder holding keystore.json (the app's user-data folder). */
  readonly dir: string
  readonly cipher: SecretCipher
  /** Stamps quarantined files. */
  readonly now?: () => Date
}

export class KeyStore {
  readonly protection: SecretProtection
  readonly #file: DurableJsonFile
  readonly #cipher: SecretCipher
  readonly #keys: Map<string, LiveKey>
  readonly #quarantine: QuarantineNotice | null
  readonly #problem: string | null
  #revision: number
  #materialRevision = 0
  #dirty = false
  #queue: Promise<unknown> = Promise.resolve()

  /** Use {@link openKeyStore}. */
  constructor(init: {
    file: DurableJsonFile
    cipher: SecretCipher
    protection: SecretProtection
    keys: Map<string, LiveKey>
    revision: number
    quarantine: QuarantineNotice | null
    problem: string | null
  }) {
    this.#file = init.file
    this.#cipher = init.cipher
    this.protection = init.protection
    this.#keys = init.keys
    this.#revision = init.revision
    this.#quarantine = init.quarantine
    this.#problem = init.problem
  }

  get path(): string {
    return this.#file.path
  }

  /** The revision of the last generation written (or read at start). */
  get revision(): number {
    return this.#revision
  }

  /** Changes whenever key material is added or removed: a cached key ring is stale then. */
  get materialRevision(): number {
    return this.#materialRevision
  }

  get writable(): boolean {
    return this.#problem === null
  }

  /** True while match counts wait for {@link flush}. */
  get hasUnsavedMatches(): boolean {
    return this.#dirty
  }

  status(): KeyStoreStatus {
    const keys = [...this.#keys.values()]
    return {
      protection: this.protection,
      warning: protectionWarning(this.protection),
      keyCount: keys.length,
      plainSecretCount: keys.filter((key) => storageOf(key.record) === 'plain').length,
      unreadableCount: keys.filter((key) => key.unreadable !== null).length,
      flaggedCount: keys.filter((key) => key.problems.length > 0).length,
      quarantine: this.#quarantine,
      writable: this.writable,
      problem: this.#problem,
    }
  }

  /** Metadata of every key, sorted by scheme and kid; never a secret. */
  list(now: Date): StoredKeyView[] {
    return [...this.#keys.values()]
      .map((key) => this.#view(key, now))
      .sort((a, b) => compareText(a.scheme, b.scheme) || compareText(a.kid, b.kid))
  }

  find(scheme: SchemeId, kid: string, now: Date): StoredKeyView | null {
    const key = this.#keys.get(identityOf(scheme, kid))
    return key === undefined ? null : this.#view(key, now)
  }

  /** The usable keys, for a key ring. */
  ringEntries(): StoredRingEntry[] {
    const entries: StoredRingEntry[] = []
    for (const key of this.#keys.values()) {
      if (key.material !== null) entries.push({ material: key.material, info: infoOf(key.record) })
    }
    return entries
  }

  /**
   * Computes the fingerprint of every key read from the file, once (a secret's is a slow scrypt,
   * so opening the store does not wait for it), and shows each with its own: a file edited to
   * pair a trusted fingerprint with other material is flagged `key-fingerprint-mismatch`.
   * Call it before showing fingerprints or building a key ring; imports and removals call it.
   */
  verifyFingerprints(): Promise<void> {
    return this.#serially(() => this.#checkFingerprints())
  }

  /** Sorts keys to import into new ones, replacements and ones already stored. */
  planImport(keys: readonly NewKey[]): ImportPlan {
    const duplicates: KeyReplacementView[] = []
    const alreadyStored = new Set<string>()
    for (const { info } of keys) {
      const identity = identityOf(info.scheme, info.kid)
      const stored = this.#keys.get(identity)
      if (stored === undefined) continue
      if (stored.record.fingerprint !== info.fingerprint) {
        duplicates.push({ scheme: info.scheme, kid: info.kid, storedFingerprint: stored.record.fingerprint, newFingerprint: info.fingerprint })
      } else if (stored.material !== null) {
        alreadyStored.add(identity)
      }
    }
    return { duplicates, alreadyStored }
  }

  /**
   * Stores all keys or none. Keys already stored with the same material are left as they are;
   * other keys with a stored kid are refused with `key-duplicate` unless `replace` is set.
   */
  addKeys(keys: readonly NewKey[], options: { readonly replace: boolean; readonly now: Date }): Promise<void> {
    return this.#serially(async () => {
      this.#assertWritable()
      // A stored fingerprint taken on trust could make other material look "already stored".
      await this.#checkFingerprints()
      const plan = this.planImport(keys)
      if (plan.duplicates.length > 0 && !options.replace) {
        throw new ServiceError('key-duplicate', `Key IDs already stored with other keys: ${plan.duplicates.map((duplicate) => duplicate.kid).join(', ')}`)
      }
      const additions = new Map<string, LiveKey>()
      for (const key of keys) {
        const identity = identityOf(key.info.scheme, key.info.kid)
        if (plan.alreadyStored.has(identity)) continue
        const earlier = this.#keys.get(identity)
        // A key stored again with the same material (e.g. after its secret became unreadable) keeps its history.
        const sameKey = earlier !== undefined && earlier.record.fingerprint === key.info.fingerprint
        additions.set(identity, {
          record: await this.#recordFor(key, sameKey ? earlier.record : null, options.now),
          material: key.material,
          unreadable: null,
          problems: [],
          // Computed by the import from this material.
          fingerprintChecked: true,
        })
      }
      if (additions.size === 0) return
      await this.#commit(() => {
        for (const [identity, key] of additions) this.#keys.set(identity, key)
      })
      this.#materialRevision += 1
    })
  }

  /** Removes a key if it still has the fingerprint the admin confirmed. */
  removeKey(scheme: SchemeId, kid: string, fingerprint: string, now: Date): Promise<StoredKeyView> {
    return this.#serially(async () => {
      this.#assertWritable()
      await this.#checkFingerprints()
      const identity = identityOf(scheme, kid)
      const key = this.#keys.get(identity)
      if (key === undefined || key.record.fingerprint !== fingerprint) {
        throw new ServiceError('key-not-found', `no ${scheme} key "${kid}" with fingerprint ${fingerprint} is stored`)
      }
      const view = this.#view(key, now)
      await this.#commit(() => {
        this.#keys.delete(identity)
      })
      this.#materialRevision += 1
      return view
    })
  }

  /** Notes that a key verified an identity. Kept in memory until {@link flush}: no write per inspection. */
  recordMatch(scheme: SchemeId, kid: string, at: Date): void {
    const identity = identityOf(scheme, kid)
    const key = this.#keys.get(identity)
    if (key === undefined) return
    const when = at.toISOString()
    const lastMatchedAt = key.record.lastMatchedAt !== null && key.record.lastMatchedAt > when ? key.record.lastMatchedAt : when
    this.#keys.set(identity, { ...key, record: { ...key.record, matchCount: key.record.matchCount + 1, lastMatchedAt } })
    this.#dirty = true
  }

  /** Writes pending match counts; true when something was written. */
  flush(): Promise<boolean> {
    return this.#serially(async () => {
      if (!this.#dirty || !this.writable) return false
      await this.#commit(() => undefined)
      return true
    })
  }

  /** Re-encrypts secrets the OS asked to re-encrypt, and encrypts plain ones once the OS can. */
  upgradeSecrets(reEncrypt: ReadonlySet<string>): Promise<void> {
    return this.#serially(async () => {
      if (!this.writable) return
      const upgraded = new Map<string, LiveKey>()
      for (const [identity, key] of this.#keys) {
        if ('publicJwk' in key.record || key.material === null || !('secret' in key.material)) continue
        const nowProtectable = key.record.secret.storage === 'plain' && this.protection === 'os-encrypted'
        if (!nowProtectable && !reEncrypt.has(identity)) continue
        const ciphertext = (await this.#cipher.encrypt(key.material.secret)).toString('base64')
        upgraded.set(identity, { ...key, record: { ...key.record, secret: { storage: 'os-encrypted', ciphertext } } })
      }
      if (upgraded.size === 0) return
      await this.#commit(() => {
        for (const [identity, key] of upgraded) this.#keys.set(identity, key)
      })
    })
  }

  async #checkFingerprints(): Promise<void> {
    const unchecked = [...this.#keys.values()].filter((key) => !key.fingerprintChecked)
    if (unchecked.length === 0) return
    let changed = false
    for (const key of await withComputedFingerprints(unchecked)) {
      const identity = identityOf(key.record.scheme, key.record.kid)
      // A match recorded meanwhile replaced the entry: keep its counts.
      const current = this.#keys.get(identity)
      if (current === undefined) continue
      changed ||= current.record.fingerprint !== key.record.fingerprint
      this.#keys.set(identity, { ...current, record: { ...current.record, fingerprint: key.record.fingerprint }, problems: key.problems, fingerprintChecked: true })
    }
    // A cached key ring holds the old fingerprints.
    if (changed) this.#materialRevision += 1
  }

  async #recordFor(key: NewKey, history: KeyRecord | null, now: Date): Promise<KeyRecord> {
    const base: KeyRecordBase = {
      scheme: key.info.scheme,
      kid: key.info.kid,
      fingerprint: key.info.fingerprint,
      label: key.label.slice(0, MAX_LABEL_LENGTH),
      sourceFile: key.sourceFile === null ? null : key.sourceFile.slice(0, MAX_SOURCE_FILE_LENGTH),
      addedAt: history?.addedAt ?? now.toISOString(),
      lastMatchedAt: history?.lastMatchedAt ?? null,
      matchCount: history?.matchCount ?? 0,
      ...(key.demo === true || history?.demo === true ? { demo: true } : {}),
    }
    const { material } = key
    if ('publicJwk' in material) {
      return { ...base, alg: material.alg, bits: key.info.bits ?? decodePublicJwk(material.publicJwk, 'key').bits, publicJwk: material.publicJwk }
    }
    const secret: StoredSecret = this.protection === 'os-encrypted'
      ? { storage: 'os-encrypted', ciphertext: (await this.#cipher.encrypt(material.secret)).toString('base64') }
      : { storage: 'plain', value: material.secret }
    return { ...base, alg: material.alg, secret }
  }

  /** Applies a change, writes the whole store and undoes the change in memory if the write fails. */
  async #commit(change: () => void): Promise<void> {
    const before = new Map(this.#keys)
    change()
    const touched = [...new Set([...before.keys(), ...this.#keys.keys()])].filter((identity) => before.get(identity) !== this.#keys.get(identity))
    const file: KeyStoreFile = { format: KEY_STORE_FORMAT, version: KEY_STORE_VERSION, revision: this.#revision + 1, keys: [...this.#keys.values()].map((key) => key.record) }
    const wasDirty = this.#dirty
    this.#dirty = false
    try {
      await this.#file.save(file)
    } catch (error) {
      // Only the change is undone: matches recorded on other keys meanwhile stay.
      for (const identity of touched) {
        const previous = before.get(identity)
        if (previous === undefined) this.#keys.delete(identity)
        else this.#keys.set(identity, previous)
      }
      this.#dirty ||= wasDirty
      throw new ServiceError('key-store-unavailable', `the key store could not be saved: ${(error as Error).message}`)
    }
    this.#revision += 1
  }

  #assertWritable(): void {
    if (this.#problem !== null) throw new ServiceError('key-store-unavailable', this.#problem)
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  #view(key: LiveKey, now: Date): StoredKeyView {
    const { record } = key
    return {
      ...infoOf(record),
      label: record.label,
      sourceFile: record.sourceFile,
      addedAt: record.addedAt,
      lastMatchedAt: record.lastMatchedAt,
      matchCount: record.matchCount,
      removalCandidate: isRemovalCandidate(record, now),
      storage: storageOf(record),
      ...(key.unreadable === null ? {} : { unreadable: key.unreadable }),
      ...(key.problems.length === 0 ? {} : { problems: key.problems }),
      demo: record.demo === true || record.label.startsWith(DEMO_LABEL_PREFIX),
    }
  }
}

async function liveKey(record: KeyRecord, cipher: SecretCipher): Promise<{ key: LiveKey; reEncrypt: boolean }> {
  if ('publicJwk' in record) {
    const exponentProblem = rsaExponentProblem(record.publicJwk)
    if (exponentProblem === null) return { key: { record, material: plainMaterial(record, null), unreadable: null, problems: [], fingerprintChecked: false }, reEncrypt: false }
    // Kept in the file (nothing the admin stored is lost) and shown, but never used.
    const problem: StoredKeyProblem = { code: 'key-rsa-exponent-weak', message: `${exponentProblem}; this stored key is not used: remove it and import the right key` }
    return { key: { record, material: null, unreadable: null, problems: [problem], fingerprintChecked: false }, reEncrypt: false }
  }
  if (record.secret.storage === 'plain') return { key: { record, material: plainMaterial(record, record.secret.value), unreadable: null, problems: [], fingerprintChecked: false }, reEncrypt: false }
  try {
    const decrypted = await cipher.decrypt(Buffer.from(record.secret.ciphertext, 'base64'))
    if (plainSecretProblem(record.scheme, decrypted.plain) !== null) throw new Error('decrypted to something that is not this kind of secret')
    return { key: { record, material: plainMaterial(record, decrypted.plain), unreadable: null, problems: [], fingerprintChecked: false }, reEncrypt: decrypted.shouldReEncrypt }
  } catch {
    return { key: { record, material: null, unreadable: UNREADABLE_SECRET, problems: [], fingerprintChecked: false }, reEncrypt: false }
  }
}

/** The material a fingerprint can be computed from: a weak RSA key's too, not an unreadable secret's. */
function fingerprintable(key: LiveKey): KeyMaterial | null {
  return 'publicJwk' in key.record ? plainMaterial(key.record, null) : key.material
}

/**
 * Replaces each stored fingerprint with the one computed from the key, several at a time; one
 * that differed is flagged `key-fingerprint-mismatch`. An undecryptable secret keeps its stored
 * one (it is not used).
 */
async function withComputedFingerprints(keys: readonly LiveKey[]): Promise<LiveKey[]> {
  const checked = keys.filter((key) => fingerprintable(key) !== null)
  const fingerprints = await fingerprintKeys(checked.map((key) => fingerprintable(key) as KeyMaterial))
  const computed = new Map(checked.map((key, index) => [key, fingerprints[index] as string]))
  return keys.map((key) => {
    const fingerprint = computed.get(key)
    if (fingerprint === undefined || fingerprint === key.record.fingerprint) return key
    const problem: StoredKeyProblem = {
      code: 'key-fingerprint-mismatch',
      message: `the key store recorded the fingerprint ${key.record.fingerprint}, but this key's material gives ${fingerprint}: the file was changed outside the app; the fingerprint shown is the key's own. Remove the key and import it again if you did not expect this`,
    }
    return { ...key, record: { ...key.record, fingerprint }, problems: [...key.problems, problem] }
  })
}

/**
 * Opens the store at start: removes temp files of a killed write, moves a damaged file aside,
 * decrypts every secret (an undecryptable one is kept and reported), sets aside RSA keys with an
 * unsafe exponent and re-encrypts where the OS asks. Fingerprints are checked when first needed
 * ({@link KeyStore.verifyFingerprints}).
 *
 * @example
 * const store = await openKeyStore({ dir: app.getPath('userData'), cipher })
 * store.status().quarantine // null, or where a damaged keystore.json went
 */
export async function openKeyStore(options: OpenKeyStoreOptions): Promise<KeyStore> {
  const file = new DurableJsonFile(join(options.dir, KEY_STORE_FILE), options.now === undefined ? {} : { now: options.now })
  await file.removeStaleTempFiles()
  const loaded = await file.load(decodeKeyStoreFile)
  const protection = await options.cipher.protection()
  const keys = new Map<string, LiveKey>()
  const reEncrypt = new Set<string>()
  if (loaded.kind === 'loaded') {
    for (const record of loaded.value.keys) {
      const { key, reEncrypt: again } = await liveKey(record, options.cipher)
      keys.set(identityOf(record.scheme, record.kid), key)
      if (again) reEncrypt.add(identityOf(record.scheme, record.kid))
    }
  }
  const store = new KeyStore({
    file,
    cipher: options.cipher,
    protection,
    keys,
    revision: loaded.kind === 'loaded' ? loaded.value.revision : 0,
    quarantine: loaded.kind === 'quarantined' ? loaded.notice : null,
    problem: loaded.kind === 'unavailable' ? loaded.problem : null,
  })
  // A failed upgrade leaves the secrets as they were; the next write or start tries again.
  await store.upgradeSecrets(reEncrypt).catch(() => undefined)
  return store
}
