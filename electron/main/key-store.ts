/**
 * The key store: keystore.json in the app's data folder, one versioned file for every imported key.
 *
 * Secrets are encrypted through a {@link SecretCipher} when the OS can protect them and kept in plain
 * text (marked `"storage": "plain"`) when it cannot; public keys need no protection. A secret that
 * fails to decrypt stays in the file and is reported per key. No Electron here: the IPC handlers,
 * the command line and the end-to-end tests use the same store.
 */
import { createPublicKey } from 'node:crypto'
import { join } from 'node:path'
import type { Scheme } from '../common/inspection'
import { SCHEMES } from '../common/inspection'
import {
  MAX_ROXCHAT_SECRET_LENGTH,
  MIN_RSA_BITS,
  RINGCX_SECRET_PATTERN,
  kidPatternFor,
  type KeyInfo,
  type KeyMaterial,
  type RsaPublicJwk,
} from '../common/key-material'
import type { KeyRingEntry } from '../core/key-ring'
import { isPlainObject } from '../common/values'
import {
  REMOVAL_CANDIDATE_DAYS,
  type KeyReplacementView,
  type KeyStorage,
  type KeyStoreStatus,
  type QuarantineNotice,
  type SecretProtection,
  type StoredKeyView,
} from '../shared/ipc-contract'
import { DurableJsonFile, FileSchemaError, readDurableJson } from '../io/durable-json-file'
import { protectionWarning, type SecretCipher } from './secret-cipher'
import { ServiceError } from './service-error'

export const KEY_STORE_FILE = 'keystore.json'
const FORMAT = 'visitor-inspector/keystore'
const VERSION = 1
const MAX_LABEL_LENGTH = 200
const MAX_SOURCE_FILE_LENGTH = 255
const DAY_MS = 86_400_000
/** How the published demo keys are labelled (resources/examples/demo-keys.json). */
const DEMO_LABEL_PREFIX = 'DEMO KEY'

export type StoredSecret =
  | { readonly storage: 'os-encrypted'; readonly ciphertext: string }
  | { readonly storage: 'plain'; readonly value: string }

interface KeyRecordBase {
  readonly scheme: Scheme
  readonly kid: string
  readonly fingerprint: string
  readonly label: string
  readonly sourceFile: string | null
  readonly addedAt: string
  readonly lastMatchedAt: string | null
  readonly matchCount: number
  /** Loaded as the app's demo: a published key. Left out for every other key. */
  readonly demo?: true
}

/** One key as written to keystore.json. */
export type KeyRecord =
  | (KeyRecordBase & { readonly alg: 'RS256'; readonly bits: number; readonly publicJwk: RsaPublicJwk })
  | (KeyRecordBase & { readonly alg: 'HS256' | 'secret'; readonly secret: StoredSecret })

export interface KeyStoreFile {
  readonly format: typeof FORMAT
  readonly version: typeof VERSION
  /** Counts successful writes: each one is a complete generation of the store. */
  readonly revision: number
  readonly keys: readonly KeyRecord[]
}

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
  readonly record: KeyRecord
  /** The key in plain form; null when its secret could not be decrypted. */
  readonly material: KeyMaterial | null
  readonly unreadable: string | null
}

const identityOf = (scheme: Scheme, kid: string): string => `${scheme}:${kid}`

/** Kids are ASCII by their patterns: code-unit order is stable and far cheaper than localeCompare. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------------------------
// Decoding: every member checked, so a damaged or foreign file is quarantined instead of used.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const FINGERPRINT = /^(rsa|secret):[A-Za-z0-9_-]{16,128}$/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const BASE64URL = /^[A-Za-z0-9_-]+$/

function schemaError(where: string, what: string): never {
  throw new FileSchemaError(`${where}: ${what}`)
}

function onlyMembers(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const name of Object.keys(value)) if (!allowed.includes(name)) schemaError(where, `unknown member "${name}"`)
}

function isoDate(value: unknown, where: string): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) schemaError(where, 'not an ISO 8601 UTC time')
  return value
}

function plainSecretProblem(scheme: Scheme, secret: string): string | null {
  if (scheme === 'ringcx') return RINGCX_SECRET_PATTERN.test(secret) ? null : 'not a 24-character RingCX secret (0-9, a-f)'
  return secret.length > 0 && secret.length <= MAX_ROXCHAT_SECRET_LENGTH ? null : 'not a usable Rox.Chat private key'
}

function decodePublicJwk(value: unknown, where: string): { jwk: RsaPublicJwk; bits: number } {
  if (!isPlainObject(value)) schemaError(where, 'publicJwk must be an object')
  onlyMembers(value, ['kty', 'n', 'e'], `${where}.publicJwk`)
  const { kty, n, e } = value
  if (kty !== 'RSA' || typeof n !== 'string' || typeof e !== 'string' || !BASE64URL.test(n) || !BASE64URL.test(e)) {
    schemaError(where, 'publicJwk is not an RSA public key')
  }
  let bits: number
  try {
    bits = createPublicKey({ key: { kty, n, e }, format: 'jwk' }).asymmetricKeyDetails?.modulusLength ?? 0
  } catch {
    schemaError(where, 'publicJwk is not a readable RSA public key')
  }
  if (bits < MIN_RSA_BITS) schemaError(where, `the RSA key has ${bits} bits`)
  return { jwk: { kty, n, e }, bits }
}

function decodeSecret(value: unknown, scheme: Scheme, where: string): StoredSecret {
  if (!isPlainObject(value)) schemaError(where, 'secret must be an object')
  if (value['storage'] === 'os-encrypted') {
    onlyMembers(value, ['storage', 'ciphertext'], `${where}.secret`)
    const ciphertext = value['ciphertext']
    if (typeof ciphertext !== 'string' || !BASE64.test(ciphertext)) schemaError(where, 'secret.ciphertext must be base64')
    return { storage: 'os-encrypted', ciphertext }
  }
  if (value['storage'] === 'plain') {
    onlyMembers(value, ['storage', 'value'], `${where}.secret`)
    const secret = value['value']
    if (typeof secret !== 'string') schemaError(where, 'secret.value must be text')
    const problem = plainSecretProblem(scheme, secret)
    if (problem !== null) schemaError(where, `secret.value is ${problem}`)
    return { storage: 'plain', value: secret }
  }
  schemaError(where, 'secret.storage must be "os-encrypted" or "plain"')
}

function decodeRecord(value: unknown, index: number): KeyRecord {
  const where = `keys[${index}]`
  if (!isPlainObject(value)) schemaError(where, 'not an object')
  const scheme = value['scheme']
  if (typeof scheme !== 'string' || !(SCHEMES as readonly string[]).includes(scheme)) schemaError(where, 'unknown scheme')
  const kid = value['kid']
  if (typeof kid !== 'string' || !kidPatternFor(scheme as Scheme).test(kid)) schemaError(where, 'invalid kid')
  const { alg, fingerprint, label, sourceFile, addedAt, lastMatchedAt, matchCount } = value
  if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) schemaError(where, 'invalid fingerprint')
  if (typeof label !== 'string' || label.length > MAX_LABEL_LENGTH) schemaError(where, 'invalid label')
  if (sourceFile !== null && (typeof sourceFile !== 'string' || sourceFile.length > MAX_SOURCE_FILE_LENGTH)) schemaError(where, 'invalid sourceFile')
  if (typeof matchCount !== 'number' || !Number.isSafeInteger(matchCount) || matchCount < 0) schemaError(where, 'invalid matchCount')
  if (value['demo'] !== undefined && value['demo'] !== true) schemaError(where, 'demo must be true when present')
  const base: KeyRecordBase = {
    scheme: scheme as Scheme,
    kid,
    fingerprint,
    label,
    sourceFile: sourceFile as string | null,
    addedAt: isoDate(addedAt, `${where}.addedAt`),
    lastMatchedAt: lastMatchedAt === null ? null : isoDate(lastMatchedAt, `${where}.lastMatchedAt`),
    matchCount,
    ...(value['demo'] === true ? { demo: true } : {}),
  }
  const common = ['scheme', 'kid', 'alg', 'fingerprint', 'label', 'sourceFile', 'addedAt', 'lastMatchedAt', 'matchCount', 'demo']
  if (scheme === 'ringcx' && alg === 'RS256') {
    onlyMembers(value, [...common, 'bits', 'publicJwk'], where)
    if (!fingerprint.startsWith('rsa:')) schemaError(where, 'an RSA key needs an rsa: fingerprint')
    const { jwk, bits } = decodePublicJwk(value['publicJwk'], where)
    if (value['bits'] !== bits) schemaError(where, 'bits does not match the key')
    return { ...base, alg, bits, publicJwk: jwk }
  }
  if ((scheme === 'ringcx' && alg === 'HS256') || (scheme === 'roxchat' && alg === 'secret')) {
    onlyMembers(value, [...common, 'secret'], where)
    if (!fingerprint.startsWith('secret:')) schemaError(where, 'a secret needs a secret: fingerprint')
    return { ...base, alg, secret: decodeSecret(value['secret'], scheme, where) }
  }
  schemaError(where, `algorithm ${JSON.stringify(alg)} does not fit scheme ${scheme}`)
}

/** Validates keystore.json; throws {@link FileSchemaError} naming the first problem. */
export function decodeKeyStoreFile(json: unknown): KeyStoreFile {
  if (!isPlainObject(json)) schemaError('keystore.json', 'not a JSON object')
  if (json['format'] !== FORMAT) schemaError('keystore.json', 'not a Visitor Inspector key store')
  if (json['version'] !== VERSION) schemaError('keystore.json', `schema version ${JSON.stringify(json['version'])} is not the supported version ${VERSION}`)
  onlyMembers(json, ['format', 'version', 'revision', 'keys'], 'keystore.json')
  const { revision, keys } = json
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) schemaError('keystore.json', 'invalid revision')
  if (!Array.isArray(keys)) schemaError('keystore.json', 'keys must be a list')
  const records = keys.map((key: unknown, index) => decodeRecord(key, index))
  const seen = new Set<string>()
  for (const [index, record] of records.entries()) {
    const identity = identityOf(record.scheme, record.kid)
    if (seen.has(identity)) schemaError(`keys[${index}]`, `Key ID "${record.kid}" appears twice for ${record.scheme}`)
    seen.add(identity)
  }
  return { format: FORMAT, version: VERSION, revision, keys: records }
}

// ---------------------------------------------------------------------------------------------

function infoOf(record: KeyRecord): KeyInfo {
  return {
    scheme: record.scheme,
    kid: record.kid,
    alg: record.alg,
    fingerprint: record.fingerprint,
    ...(record.alg === 'RS256' ? { bits: record.bits } : {}),
  }
}

function plainMaterial(record: KeyRecord, secret: string | null): KeyMaterial {
  if (record.alg === 'RS256') return { scheme: 'ringcx', kid: record.kid, alg: 'RS256', publicJwk: record.publicJwk }
  if (secret === null) throw new TypeError('a secret key needs its secret')
  return record.alg === 'HS256'
    ? { scheme: 'ringcx', kid: record.kid, alg: 'HS256', secret }
    : { scheme: 'roxchat', kid: record.kid, alg: 'secret', secret }
}

function storageOf(record: KeyRecord): KeyStorage {
  return record.alg === 'RS256' ? 'public-key' : record.secret.storage
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

  find(scheme: Scheme, kid: string, now: Date): StoredKeyView | null {
    const key = this.#keys.get(identityOf(scheme, kid))
    return key === undefined ? null : this.#view(key, now)
  }

  /** The readable keys, for a key ring. */
  ringEntries(): KeyRingEntry[] {
    const entries: KeyRingEntry[] = []
    for (const key of this.#keys.values()) {
      if (key.material !== null) entries.push({ material: key.material, info: infoOf(key.record) })
    }
    return entries
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
  removeKey(scheme: Scheme, kid: string, fingerprint: string, now: Date): Promise<StoredKeyView> {
    return this.#serially(async () => {
      this.#assertWritable()
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
  recordMatch(scheme: Scheme, kid: string, at: Date): void {
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
        if (key.record.alg === 'RS256' || key.material === null || key.material.alg === 'RS256') continue
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
    if (material.alg === 'RS256') {
      return { ...base, alg: 'RS256', bits: key.info.bits ?? decodePublicJwk(material.publicJwk, 'key').bits, publicJwk: material.publicJwk }
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
    const file: KeyStoreFile = { format: FORMAT, version: VERSION, revision: this.#revision + 1, keys: [...this.#keys.values()].map((key) => key.record) }
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
      demo: record.demo === true || record.label.startsWith(DEMO_LABEL_PREFIX),
    }
  }
}

async function liveKey(record: KeyRecord, cipher: SecretCipher): Promise<{ key: LiveKey; reEncrypt: boolean }> {
  if (record.alg === 'RS256') return { key: { record, material: plainMaterial(record, null), unreadable: null }, reEncrypt: false }
  if (record.secret.storage === 'plain') return { key: { record, material: plainMaterial(record, record.secret.value), unreadable: null }, reEncrypt: false }
  try {
    const decrypted = await cipher.decrypt(Buffer.from(record.secret.ciphertext, 'base64'))
    if (plainSecretProblem(record.scheme, decrypted.plain) !== null) throw new Error('decrypted to something that is not this kind of secret')
    return { key: { record, material: plainMaterial(record, decrypted.plain), unreadable: null }, reEncrypt: decrypted.shouldReEncrypt }
  } catch {
    return { key: { record, material: null, unreadable: UNREADABLE_SECRET }, reEncrypt: false }
  }
}

/**
 * Opens the store at start: removes temp files of a killed write, moves a damaged file aside,
 * decrypts every secret (an undecryptable one is kept and reported) and re-encrypts where the OS asks.
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

export type PlainKeyStoreRead =
  | { readonly kind: 'loaded'; readonly keys: readonly KeyRingEntry[] }
  | { readonly kind: 'missing' | 'damaged' | 'unreadable'; readonly reason: string }
  /** Some secrets are OS-encrypted: only the app, on the machine and account that stored them, can open them. */
  | { readonly kind: 'os-encrypted'; readonly count: number }

/**
 * Reads a store folder whose secrets are in plain text (an exported or test store) without
 * changing anything on disk. For the command line.
 */
export async function readPlainKeyStore(dir: string): Promise<PlainKeyStoreRead> {
  const path = join(dir, KEY_STORE_FILE)
  const read = await readDurableJson(path, decodeKeyStoreFile)
  if (read.kind === 'missing') return { kind: 'missing', reason: `${path}: no such file` }
  if (read.kind !== 'loaded') return { kind: read.kind, reason: `${path}: ${read.reason}` }
  const encrypted = read.value.keys.filter((record) => record.alg !== 'RS256' && record.secret.storage === 'os-encrypted').length
  if (encrypted > 0) return { kind: 'os-encrypted', count: encrypted }
  return {
    kind: 'loaded',
    keys: read.value.keys.map((record) => ({
      material: plainMaterial(record, record.alg === 'RS256' ? null : (record.secret as Extract<StoredSecret, { storage: 'plain' }>).value),
      info: infoOf(record),
    })),
  }
}
