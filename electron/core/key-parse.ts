/**
 * Parsing and validation of key files: our manifest, JWK, JWKS, PEM public or private
 * keys, X.509 certificates and plain-text secrets. Reading the file is the caller's job.
 */
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { MIN_RSA_BITS, type KeyErrorCode, type KeyFileFormat, type KeyInfo, type KeyMaterial, type KeyWarningCode, type RsaPublicJwk } from '../common/key-material'
import { fingerprintKey } from './key-fingerprint'
import { MAX_KEY_FILE_BYTES } from '../common/limits'
import { isPlainObject } from '../common/values'
import { MAX_ROXCHAT_SECRET_LENGTH } from '../common/roxchat/keys'
import { RINGCX_SECRET_PATTERN } from '../common/ringcx/keys'
import { isSchemeId, schemeIdList, vocabularyOf, type SchemeId } from '../common/schemes'

// The codes live in key-material.ts (pure, no node:crypto) so the IPC contract and renderer can name them.
export type { KeyErrorCode, KeyFileFormat, KeyWarningCode } from '../common/key-material'

export interface KeyNote<C extends string> {
  readonly code: C
  readonly message: string
}

/** A validated key with its material. Main-process only. */
export interface ParsedKey {
  readonly material: KeyMaterial
  readonly info: KeyInfo
  readonly label?: string
  readonly warnings: readonly KeyNote<KeyWarningCode>[]
}

/** One line of the per-key import report; safe to show (no key material). */
export interface KeyReportEntry {
  readonly index: number
  readonly scheme: SchemeId | null
  readonly kid: string | null
  readonly ok: boolean
  readonly error?: KeyNote<KeyErrorCode>
  readonly warnings: readonly KeyNote<KeyWarningCode>[]
  readonly info?: KeyInfo
}

export interface KeyFileReport {
  /** False when any entry failed: a key set imports all or nothing. */
  readonly ok: boolean
  readonly format: KeyFileFormat | null
  /** The validated keys; empty unless `ok`. */
  readonly keys: readonly ParsedKey[]
  readonly entries: readonly KeyReportEntry[]
}

/** What the caller knows about a bare file (a PEM or a text secret names neither). */
export interface KeyHint {
  readonly scheme?: SchemeId
  readonly kid?: string
}

class KeyFileError extends Error {
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message)
  }
}

function fail(code: KeyErrorCode, message: string): never {
  throw new KeyFileError(code, message)
}

function readScheme(value: unknown): SchemeId {
  if (value === undefined) fail('key-scheme-invalid', `the key does not say its scheme (${schemeIdList(true)})`)
  if (!isSchemeId(value)) {
    fail('key-scheme-invalid', `scheme must be ${schemeIdList(true)}, not ${JSON.stringify(value)}`)
  }
  return value
}

function readKid(value: unknown, scheme: SchemeId): string {
  if (value === undefined || value === '') {
    fail('key-kid-missing', 'the key has no Key ID; name one (for example ringcx:my_key=FILE)')
  }
  const rules = vocabularyOf(scheme)?.keys
  if (typeof value !== 'string' || rules === undefined || !rules.kidPattern.test(value)) {
    const rule = rules?.kidRule ?? 'letters and digits'
    fail('key-kid-invalid', `Key ID ${JSON.stringify(value)} is not allowed: use ${rule}, no spaces`)
  }
  return value
}

function ringcxSecret(secret: string): string {
  if (!RINGCX_SECRET_PATTERN.test(secret)) {
    fail('key-secret-invalid', `a RingCX secret must be exactly 24 characters 0-9 and a-f (this one has ${secret.length} characters${/[A-F]/.test(secret) ? ', some upper case' : ''})`)
  }
  return secret
}

function roxchatSecret(secret: string): string {
  if (secret.length === 0) fail('key-secret-invalid', 'the Rox.Chat private key is empty')
  if (secret.length > MAX_ROXCHAT_SECRET_LENGTH) {
    fail('key-secret-invalid', `the Rox.Chat private key is longer than ${MAX_ROXCHAT_SECRET_LENGTH} characters`)
  }
  return secret
}

interface RsaResult {
  readonly publicJwk: RsaPublicJwk
  readonly bits: number
  readonly wasPrivate: boolean
}

function rsaFromKeyObject(key: KeyObject, wasPrivate: boolean): RsaResult {
  if (key.asymmetricKeyType !== 'rsa') {
    fail('key-rsa-invalid', `the key is ${key.asymmetricKeyType ?? 'not asymmetric'}, but RS256 needs an RSA key`)
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
  if (bits < MIN_RSA_BITS) fail('key-rsa-too-small', `the RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`)
  const jwk = key.export({ format: 'jwk' })
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') fail('key-rsa-invalid', 'the RSA key could not be read')
  return { publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e }, bits, wasPrivate }
}

function rsaFromPem(pem: string): RsaResult & { certificate: boolean } {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    fail('key-encrypted', 'the private key is password-protected; import the public key instead')
  }
  if (pem.includes('-----BEGIN CERTIFICATE-----')) {
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(pem)
    } catch {
      fail('key-rsa-invalid', 'the certificate could not be read')
    }
    return { ...rsaFromKeyObject(certificate.publicKey, false), certificate: true }
  }
  const isPrivate = /-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)
  try {
    const key = isPrivate ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem)
    return { ...rsaFromKeyObject(key, isPrivate), certificate: false }
  } catch (error) {
    if (error instanceof KeyFileError) throw error
    fail('key-rsa-invalid', 'the PEM block is not a readable RSA public or private key')
  }
}

function rsaFromJwk(jwk: Record<string, unknown>): RsaResult {
  const isPrivate = typeof jwk['d'] === 'string'
  try {
    const input = { format: 'jwk' as const, key: jwk as import('node:crypto').JsonWebKey }
    const key = isPrivate ? createPublicKey(createPrivateKey(input)) : createPublicKey(input)
    return rsaFromKeyObject(key, isPrivate)
  } catch (error) {
    if (error instanceof KeyFileError) throw error
    fail('key-rsa-invalid', 'the JWK is not a readable RSA key')
  }
}

const PRIVATE_REDUCED: KeyNote<KeyWarningCode> = {
  code: 'key-private-reduced',
  message: 'a private key was given: only its public part was kept; the private key was not stored',
}

interface Candidate {
  readonly material: KeyMaterial
  readonly bits?: number
  readonly label?: string
  readonly warnings: KeyNote<KeyWarningCode>[]
}

function checkAlg(declared: unknown, expected: 'HS256' | 'RS256'): void {
  if (declared !== undefined && declared !== expected) {
    fail('key-alg-invalid', `the key is declared for ${JSON.stringify(declared)}, but its material is for ${expected}`)
  }
}

function candidateFromJwk(jwk: Record<string, unknown>, kid: string): Candidate {
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') fail('key-alg-invalid', 'the JWK is not for signatures ("use" is not "sig")')
  if (jwk['kty'] === 'oct') {
    checkAlg(jwk['alg'], 'HS256')
    if (typeof jwk['k'] !== 'string') fail('key-material-missing', 'the JWK has no "k"')
    const secret = Buffer.from(jwk['k'], 'base64url').toString('latin1')
    return { material: { scheme: 'ringcx', kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] }
  }
  if (jwk['kty'] === 'RSA') {
    checkAlg(jwk['alg'], 'RS256')
    const rsa = rsaFromJwk(jwk)
    return {
      material: { scheme: 'ringcx', kid, alg: 'RS256', publicJwk: rsa.publicJwk },
      bits: rsa.bits,
      warnings: rsa.wasPrivate ? [PRIVATE_REDUCED] : [],
    }
  }
  fail('key-alg-invalid', `JWK type ${JSON.stringify(jwk['kty'])} cannot sign RingCX identities (use "oct" for HS256 or "RSA" for RS256)`)
}

function candidateFromManifestEntry(entry: unknown): Candidate {
  if (!isPlainObject(entry)) fail('key-format-unrecognised', 'a manifest entry must be an object')
  const scheme = readScheme(entry['scheme'])
  const kid = readKid(entry['kid'], scheme)
  const label = typeof entry['label'] === 'string' ? entry['label'].slice(0, 200) : undefined
  const withLabel = (candidate: Candidate): Candidate => (label === undefined ? candidate : { ...candidate, label })
  const { secret, publicKeyPem, jwk, alg } = entry
  const materials = [secret, publicKeyPem, jwk].filter((value) => value !== undefined).length
  if (materials === 0) fail('key-material-missing', 'the entry has none of "secret", "publicKeyPem" or "jwk"')
  if (materials > 1) fail('key-material-missing', 'the entry must have exactly one of "secret", "publicKeyPem" or "jwk"')

  if (scheme === 'roxchat') {
    if (alg !== undefined) fail('key-alg-invalid', 'a Rox.Chat key is not bound to an algorithm: the account setting chooses it')
    if (typeof secret !== 'string') fail('key-material-missing', 'a Rox.Chat key needs "secret" (the account\'s private key as text)')
    return withLabel({ material: { scheme, kid, alg: 'secret', secret: roxchatSecret(secret) }, warnings: [] })
  }
  if (typeof secret === 'string') {
    checkAlg(alg, 'HS256')
    return withLabel({ material: { scheme, kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] })
  }
  if (typeof publicKeyPem === 'string') {
    checkAlg(alg, 'RS256')
    const rsa = rsaFromPem(publicKeyPem)
    return withLabel({
      material: { scheme, kid, alg: 'RS256', publicJwk: rsa.publicJwk },
      bits: rsa.bits,
      warnings: rsa.wasPrivate ? [PRIVATE_REDUCED] : [],
    })
  }
  if (isPlainObject(jwk)) {
    checkAlg(alg, jwk['kty'] === 'oct' ? 'HS256' : 'RS256')
    return withLabel(candidateFromJwk(jwk, kid))
  }
  fail('key-material-missing', '"secret" and "publicKeyPem" must be text and "jwk" an object')
}

function hintScheme(hint: KeyHint, what: string): SchemeId {
  if (hint.scheme === undefined) fail('key-scheme-invalid', `${what} does not say its scheme; name it (for example ringcx:my_key=FILE)`)
  return hint.scheme
}

interface PendingKey {
  /** What the entry says of itself, for the report even when it fails. */
  readonly scheme: SchemeId | null
  readonly kid: string | null
  readonly build: () => Candidate
}

function describe(entry: unknown, fallbackScheme: SchemeId | null, build: () => Candidate): PendingKey {
  const scheme = isPlainObject(entry) && isSchemeId(entry['scheme']) ? entry['scheme'] : fallbackScheme
  const kid = isPlainObject(entry) && typeof entry['kid'] === 'string' ? entry['kid'].slice(0, 128) : null
  return { scheme, kid, build }
}

function candidatesFromText(text: string, hint: KeyHint): { format: KeyFileFormat; items: PendingKey[] } {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    let json: unknown
    try {
      json = JSON.parse(trimmed)
    } catch {
      fail('key-json-invalid', 'the file starts like JSON but is not valid JSON')
    }
    if (!isPlainObject(json)) fail('key-format-unrecognised', 'the JSON is not a key, key set or manifest')
    if (Array.isArray(json['keys'])) {
      if (hint.kid !== undefined) fail('key-kid-invalid', 'a key set names its own Key IDs; import it without naming one')
      const entries: unknown[] = json['keys']
      const isJwks = entries.length > 0 && entries.every((entry) => isPlainObject(entry) && 'kty' in entry && !('scheme' in entry))
      if (entries.length === 0) fail('key-material-missing', 'the key set is empty')
      if (isJwks) {
        if (hint.scheme === 'roxchat') fail('key-scheme-invalid', 'a JWKS holds RingCX keys, not Rox.Chat keys')
        return {
          format: 'jwks',
          items: entries.map((entry) => describe(entry, 'ringcx', () => {
            const jwk = entry as Record<string, unknown>
            return candidateFromJwk(jwk, readKid(jwk['kid'], 'ringcx'))
          })),
        }
      }
      return { format: 'manifest', items: entries.map((entry) => describe(entry, null, () => candidateFromManifestEntry(entry))) }
    }
    if ('kty' in json) {
      if (hint.scheme === 'roxchat') fail('key-scheme-invalid', 'a JWK is a RingCX key, not a Rox.Chat key')
      const jwk = json
      const kid = hint.kid ?? jwk['kid']
      return {
        format: 'jwk',
        items: [{ scheme: 'ringcx', kid: typeof kid === 'string' ? kid : null, build: () => candidateFromJwk(jwk, readKid(kid, 'ringcx')) }],
      }
    }
    fail('key-format-unrecognised', 'the JSON is not a key manifest ({"keys":[…]}), a JWKS or a JWK')
  }
  if (trimmed.includes('-----BEGIN ')) {
    const scheme = hintScheme(hint, 'a PEM file')
    if (scheme !== 'ringcx') fail('key-scheme-invalid', 'PEM keys are RSA keys for RingCX, not Rox.Chat secrets')
    const certificate = trimmed.includes('-----BEGIN CERTIFICATE-----')
    return {
      format: certificate ? 'certificate' : 'pem',
      items: [{ scheme: 'ringcx', kid: hint.kid ?? null, build: () => {
        const kid = readKid(hint.kid, 'ringcx')
        const rsa = rsaFromPem(trimmed)
        return {
          material: { scheme: 'ringcx', kid, alg: 'RS256', publicJwk: rsa.publicJwk },
          bits: rsa.bits,
          warnings: rsa.wasPrivate ? [PRIVATE_REDUCED] : [],
        }
      } }],
    }
  }
  // A text secret: the file's final line break is not part of the key.
  const secret = text.replace(/\r?\n$/, '')
  if (/[\r\n]/.test(secret)) fail('key-format-unrecognised', 'a secret file must hold one line; this one has several')
  const scheme = hintScheme(hint, 'a secret file')
  return {
    format: 'secret',
    items: [{ scheme, kid: hint.kid ?? null, build: () => {
      const kid = readKid(hint.kid, scheme)
      return scheme === 'ringcx'
        ? { material: { scheme, kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] }
        : { material: { scheme, kid, alg: 'secret', secret: roxchatSecret(secret) }, warnings: [] }
    } }],
  }
}

function asNote(error: unknown): KeyNote<KeyErrorCode> {
  if (error instanceof KeyFileError) return { code: error.code, message: error.message }
  return { code: 'key-format-unrecognised', message: 'the key could not be read' }
}

/**
 * Parses a key file's text into validated keys with a per-key report.
 * A key set (manifest or JWKS) is all-or-nothing: one bad entry leaves `keys` empty.
 *
 * @example
 * const report = await parseKeyFile(pemText, { scheme: 'ringcx', kid: 'rsa_2026' })
 * if (report.ok) report.keys[0].info.fingerprint
 */
export async function parseKeyFile(text: string, hint: KeyHint = {}): Promise<KeyFileReport> {
  if (text.length > MAX_KEY_FILE_BYTES) {
    return { ok: false, format: null, keys: [], entries: [{ index: 0, scheme: hint.scheme ?? null, kid: hint.kid ?? null, ok: false, error: { code: 'key-file-too-large', message: 'the key file is larger than 1 MiB' }, warnings: [] }] }
  }
  if (text.trim().length === 0) {
    return { ok: false, format: null, keys: [], entries: [{ index: 0, scheme: hint.scheme ?? null, kid: hint.kid ?? null, ok: false, error: { code: 'key-file-empty', message: 'the key file is empty' }, warnings: [] }] }
  }
  let parsed: { format: KeyFileFormat; items: PendingKey[] }
  try {
    parsed = candidatesFromText(text, hint)
  } catch (error) {
    return { ok: false, format: null, keys: [], entries: [{ index: 0, scheme: hint.scheme ?? null, kid: hint.kid ?? null, ok: false, error: asNote(error), warnings: [] }] }
  }

  const entries: KeyReportEntry[] = []
  const keys: ParsedKey[] = []
  const seen = new Set<string>()
  for (const [index, pending] of parsed.items.entries()) {
    try {
      const candidate = pending.build()
      const { material } = candidate
      const identity = `${material.scheme}:${material.kid}`
      if (seen.has(identity)) fail('key-duplicate-kid', `Key ID "${material.kid}" appears twice for ${material.scheme}`)
      seen.add(identity)
      const info: KeyInfo = {
        scheme: material.scheme,
        kid: material.kid,
        alg: material.alg,
        fingerprint: await fingerprintKey(material),
        ...(candidate.bits === undefined ? {} : { bits: candidate.bits }),
      }
      keys.push({ material, info, warnings: candidate.warnings, ...(candidate.label === undefined ? {} : { label: candidate.label }) })
      entries.push({ index, scheme: material.scheme, kid: material.kid, ok: true, warnings: candidate.warnings, info })
    } catch (error) {
      entries.push({ index, scheme: pending.scheme, kid: pending.kid, ok: false, error: asNote(error), warnings: [] })
    }
  }
  const ok = entries.every((entry) => entry.ok)
  return { ok, format: parsed.format, keys: ok ? keys : [], entries }
}
