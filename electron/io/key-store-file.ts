/**
 * keystore.json: the file format of the key store (one versioned file for every imported key),
 * its validation, the mapping between records and key material, and a read-only reader for the
 * command line. The live store that writes it is electron/main/key-store.ts.
 */
import { createPublicKey } from 'node:crypto'
import { join } from 'node:path'
import { MIN_RSA_BITS, type KeyAlgorithm, type KeyInfo, type KeyMaterial, type RsaPublicJwk } from '../common/key-material'
import { isPlainObject } from '../common/values'
import type { KeyRingEntry } from '../core/key-ring'
import { rsaExponentProblem } from '../core/rsa-exponent'
import { FileSchemaError, readDurableJson } from './durable-json-file'
import { isSchemeId, vocabularyOf, type SchemeId } from '../common/schemes'

export const KEY_STORE_FILE = 'keystore.json'
export const KEY_STORE_FORMAT = 'visitor-inspector/keystore'
export const KEY_STORE_VERSION = 1
export const MAX_LABEL_LENGTH = 200
export const MAX_SOURCE_FILE_LENGTH = 255

export type StoredSecret =
  | { readonly storage: 'os-encrypted'; readonly ciphertext: string }
  | { readonly storage: 'plain'; readonly value: string }

export interface KeyRecordBase {
  readonly scheme: SchemeId
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

/** One key as written to keystore.json: an RSA public key, or a secret (each scheme names its algorithms). */
export type KeyRecord =
  | (KeyRecordBase & { readonly alg: KeyAlgorithm; readonly bits: number; readonly publicJwk: RsaPublicJwk })
  | (KeyRecordBase & { readonly alg: KeyAlgorithm; readonly secret: StoredSecret })

export interface KeyStoreFile {
  readonly format: typeof KEY_STORE_FORMAT
  readonly version: typeof KEY_STORE_VERSION
  /** Counts successful writes: each one is a complete generation of the store. */
  readonly revision: number
  readonly keys: readonly KeyRecord[]
}

export const identityOf = (scheme: SchemeId, kid: string): string => `${scheme}:${kid}`

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

export function plainSecretProblem(scheme: SchemeId, secret: string): string | null {
  const rules = vocabularyOf(scheme)?.keys
  return rules === undefined ? 'not a secret of a known scheme' : rules.secretProblem(secret)
}

export function decodePublicJwk(value: unknown, where: string): { jwk: RsaPublicJwk; bits: number } {
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

function decodeSecret(value: unknown, scheme: SchemeId, where: string): StoredSecret {
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
  if (!isSchemeId(scheme)) schemaError(where, 'unknown scheme')
  const kid = value['kid']
  if (typeof kid !== 'string' || vocabularyOf(scheme)?.keys.kidPattern.test(kid) !== true) schemaError(where, 'invalid kid')
  const { alg, fingerprint, label, sourceFile, addedAt, lastMatchedAt, matchCount } = value
  if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) schemaError(where, 'invalid fingerprint')
  if (typeof label !== 'string' || label.length > MAX_LABEL_LENGTH) schemaError(where, 'invalid label')
  if (sourceFile !== null && (typeof sourceFile !== 'string' || sourceFile.length > MAX_SOURCE_FILE_LENGTH)) schemaError(where, 'invalid sourceFile')
  if (typeof matchCount !== 'number' || !Number.isSafeInteger(matchCount) || matchCount < 0) schemaError(where, 'invalid matchCount')
  if (value['demo'] !== undefined && value['demo'] !== true) schemaError(where, 'demo must be true when present')
  const base: KeyRecordBase = {
    scheme,
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
  const algorithms: Readonly<Record<string, string>> = vocabularyOf(scheme)?.keys.algorithms ?? {}
  const kind = typeof alg === 'string' && Object.hasOwn(algorithms, alg) ? algorithms[alg] : undefined
  if (kind === 'rsa-public') {
    onlyMembers(value, [...common, 'bits', 'publicJwk'], where)
    if (!fingerprint.startsWith('rsa:')) schemaError(where, 'an RSA key needs an rsa: fingerprint')
    const { jwk, bits } = decodePublicJwk(value['publicJwk'], where)
    if (value['bits'] !== bits) schemaError(where, 'bits does not match the key')
    return { ...base, alg: alg as KeyAlgorithm, bits, publicJwk: jwk }
  }
  if (kind === 'secret') {
    onlyMembers(value, [...common, 'secret'], where)
    if (!fingerprint.startsWith('secret:')) schemaError(where, 'a secret needs a secret: fingerprint')
    return { ...base, alg: alg as KeyAlgorithm, secret: decodeSecret(value['secret'], scheme, where) }
  }
  schemaError(where, `algorithm ${JSON.stringify(alg)} does not fit scheme ${scheme}`)
}

/** Validates keystore.json; throws {@link FileSchemaError} naming the first problem. */
export function decodeKeyStoreFile(json: unknown): KeyStoreFile {
  if (!isPlainObject(json)) schemaError('keystore.json', 'not a JSON object')
  if (json['format'] !== KEY_STORE_FORMAT) schemaError('keystore.json', 'not a Visitor Inspector key store')
  if (json['version'] !== KEY_STORE_VERSION) schemaError('keystore.json', `schema version ${JSON.stringify(json['version'])} is not the supported version ${KEY_STORE_VERSION}`)
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
  return { format: KEY_STORE_FORMAT, version: KEY_STORE_VERSION, revision, keys: records }
}

export function infoOf(record: KeyRecord): KeyInfo {
  return {
    scheme: record.scheme,
    kid: record.kid,
    alg: record.alg,
    fingerprint: record.fingerprint,
    ...('publicJwk' in record ? { bits: record.bits } : {}),
  }
}

export function plainMaterial(record: KeyRecord, secret: string | null): KeyMaterial {
  // The record was decoded against its scheme's algorithms, so scheme, alg and material agree.
  if ('publicJwk' in record) return { scheme: record.scheme, kid: record.kid, alg: record.alg, publicJwk: record.publicJwk } as KeyMaterial
  if (secret === null) throw new TypeError('a secret key needs its secret')
  return { scheme: record.scheme, kid: record.kid, alg: record.alg, secret } as KeyMaterial
}

/** A stored key the command line does not use, and why. */
export interface RefusedStoredKey {
  readonly scheme: SchemeId
  readonly kid: string
  readonly code: 'key-rsa-exponent-weak'
  readonly message: string
}

export type PlainKeyStoreRead =
  /** `keys` carry no fingerprint: it is computed from the key when one matches, never taken from the file. */
  | { readonly kind: 'loaded'; readonly keys: readonly KeyRingEntry[]; readonly refused: readonly RefusedStoredKey[] }
  | { readonly kind: 'missing' | 'damaged' | 'unreadable'; readonly reason: string }
  /** Some secrets are OS-encrypted: only the app, on the machine and account that stored them, can open them. */
  | { readonly kind: 'os-encrypted'; readonly count: number }

/**
 * Reads a store folder whose secrets are in plain text (an exported or test store) without
 * changing anything on disk. For the command line. An RSA key with an unsafe exponent is
 * left out and named in `refused`; the other keys are used.
 */
export async function readPlainKeyStore(dir: string): Promise<PlainKeyStoreRead> {
  const path = join(dir, KEY_STORE_FILE)
  const read = await readDurableJson(path, decodeKeyStoreFile)
  if (read.kind === 'missing') return { kind: 'missing', reason: `${path}: no such file` }
  if (read.kind !== 'loaded') return { kind: read.kind, reason: `${path}: ${read.reason}` }
  const encrypted = read.value.keys.filter((record) => 'secret' in record && record.secret.storage === 'os-encrypted').length
  if (encrypted > 0) return { kind: 'os-encrypted', count: encrypted }
  const keys: KeyRingEntry[] = []
  const refused: RefusedStoredKey[] = []
  for (const record of read.value.keys) {
    const exponentProblem = 'publicJwk' in record ? rsaExponentProblem(record.publicJwk) : null
    if (exponentProblem !== null) {
      refused.push({ scheme: record.scheme, kid: record.kid, code: 'key-rsa-exponent-weak', message: exponentProblem })
      continue
    }
    keys.push({ material: plainMaterial(record, 'publicJwk' in record ? null : (record.secret as Extract<StoredSecret, { storage: 'plain' }>).value) })
  }
  return { kind: 'loaded', keys, refused }
}
