/**
 * Parsing and validation of key files: our manifest, JWK, JWKS, PEM public or private
 * keys, X.509 certificates and plain-text secrets. Reading the file is the caller's job.
 */
import type { AnyKeyMaterial, KeyErrorCode, KeyFileFormat, KeyInfo, KeyMaterial, KeyWarningCode } from '../common/key-material'
import { MAX_KEY_FILE_BYTES, MAX_KEYS_PER_FILE } from '../common/limits'
import { SCHEME_IDS, isSchemeId, schemeIdList, vocabularyOf, type SchemeId } from '../common/schemes'
import { isPlainObject, ownMember } from '../common/values'
import { KeyFileError, fail, type KeyCandidate, type KeyNote } from './key-candidate'
import { fingerprintKeys } from './key-fingerprint'
import { pemBlocks } from './pem-blocks'
import type { Scheme } from './scheme'
import { schemeById, schemes } from './schemes'

// The codes live in key-material.ts (pure, no node:crypto) so the IPC contract and renderer can name them.
export type { KeyErrorCode, KeyFileFormat, KeyWarningCode } from '../common/key-material'
export type { KeyCandidate, KeyNote } from './key-candidate'

/** How a message shows naming a bare file's scheme and Key ID. */
const EXAMPLE_KEY_ARGUMENT = `${SCHEME_IDS[0] ?? 'scheme'}:my_key=FILE`

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

/** {@link readKeyFile}'s answer: a report whose entries carry no fingerprint yet. */
export interface KeyFileReading {
  readonly ok: boolean
  readonly format: KeyFileFormat | null
  /** The validated keys; empty unless `ok`. */
  readonly keys: readonly KeyCandidate[]
  readonly entries: readonly KeyReportEntry[]
}

export interface ParseKeyFileOptions {
  /** Hears how many fingerprints of a valid file are done: a large key set takes seconds. */
  readonly onProgress?: (done: number, total: number) => void
}

/** What the caller knows about a bare file (a PEM or a text secret names neither). */
export interface KeyHint {
  readonly scheme?: SchemeId
  readonly kid?: string
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
    fail('key-kid-missing', `the key has no Key ID; name one (for example ${EXAMPLE_KEY_ARGUMENT})`)
  }
  const rules = vocabularyOf(scheme)?.keys
  if (typeof value !== 'string' || rules === undefined || !rules.kidPattern.test(value)) {
    const rule = rules?.kidRule ?? 'letters and digits'
    fail('key-kid-invalid', `Key ID ${JSON.stringify(value)} is not allowed: use ${rule}, no spaces`)
  }
  return value
}

function engineOf(scheme: SchemeId): Scheme {
  const engine = schemeById(scheme)
  if (engine === undefined) fail('key-scheme-invalid', `scheme must be ${schemeIdList(true)}, not ${JSON.stringify(scheme)}`)
  return engine
}

function candidateFromManifestEntry(entry: unknown): KeyCandidate<AnyKeyMaterial> {
  if (!isPlainObject(entry)) fail('key-format-unrecognised', 'a manifest entry must be an object')
  const scheme = readScheme(ownMember(entry, 'scheme'))
  const kid = readKid(ownMember(entry, 'kid'), scheme)
  const labelIn = ownMember(entry, 'label')
  const label = typeof labelIn === 'string' ? labelIn.slice(0, 200) : undefined
  const secret = ownMember(entry, 'secret')
  const publicKeyPem = ownMember(entry, 'publicKeyPem')
  const jwk = ownMember(entry, 'jwk')
  const alg = ownMember(entry, 'alg')
  const materials = [secret, publicKeyPem, jwk].filter((value) => value !== undefined).length
  if (materials === 0) fail('key-material-missing', 'the entry has none of "secret", "publicKeyPem" or "jwk"')
  if (materials > 1) fail('key-material-missing', 'the entry must have exactly one of "secret", "publicKeyPem" or "jwk"')
  const candidate = engineOf(scheme).keys.fromManifestEntry({ secret, publicKeyPem, jwk, alg }, kid)
  return label === undefined ? candidate : { ...candidate, label }
}

const NOT_A_KEY = 'this text is not a key: a key file holds a key manifest, a JWK or JWKS, a PEM block, or a secret on one line'

/** The scheme whose keys JWKs are; a scheme named for the file must be that one. */
function jwkOwner(hint: KeyHint, what: string): Scheme & { readonly keys: Required<Pick<Scheme['keys'], 'fromJwk'>> } {
  const owner = schemes().find((scheme) => scheme.keys.fromJwk !== undefined)
  if (owner === undefined || owner.keys.fromJwk === undefined) fail('key-format-unrecognised', `${what} is not a key of any scheme`)
  const hinted = hint.scheme === undefined ? undefined : schemeById(hint.scheme)
  if (hinted !== undefined && hinted !== owner) {
    fail('key-scheme-invalid', what === 'a JWKS'
      ? `a JWKS holds ${owner.vocabulary.name} keys, not ${hinted.vocabulary.name} keys`
      : `a JWK is a ${owner.vocabulary.name} key, not a ${hinted.vocabulary.name} key`)
  }
  return owner as Scheme & { readonly keys: Required<Pick<Scheme['keys'], 'fromJwk'>> }
}

function hintScheme(hint: KeyHint, what: string): SchemeId {
  if (hint.scheme === undefined) fail('key-scheme-invalid', `${what} does not say its scheme; name it (for example ${EXAMPLE_KEY_ARGUMENT})`)
  return hint.scheme
}

interface PendingKey {
  /** What the entry says of itself, for the report even when it fails. */
  readonly scheme: SchemeId | null
  readonly kid: string | null
  readonly build: () => KeyCandidate<AnyKeyMaterial>
}

function describe(entry: unknown, fallbackScheme: SchemeId | null, build: () => KeyCandidate<AnyKeyMaterial>): PendingKey {
  const named = isPlainObject(entry) ? ownMember(entry, 'scheme') : undefined
  const kidIn = isPlainObject(entry) ? ownMember(entry, 'kid') : undefined
  const scheme = isSchemeId(named) ? named : fallbackScheme
  const kid = typeof kidIn === 'string' ? kidIn.slice(0, 128) : null
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
    const keys = ownMember(json, 'keys')
    if (Array.isArray(keys)) {
      if (hint.kid !== undefined) fail('key-kid-invalid', 'a key set names its own Key IDs; import it without naming one')
      const entries: unknown[] = keys
      if (entries.length > MAX_KEYS_PER_FILE) {
        fail('key-set-too-large', `the key set holds ${entries.length} keys; at most ${MAX_KEYS_PER_FILE} are read from one file: split it into files of ${MAX_KEYS_PER_FILE} or fewer`)
      }
      const isJwks = entries.length > 0 && entries.every((entry) => isPlainObject(entry) && Object.hasOwn(entry, 'kty') && !Object.hasOwn(entry, 'scheme'))
      if (entries.length === 0) fail('key-material-missing', 'the key set is empty')
      if (isJwks) {
        const owner = jwkOwner(hint, 'a JWKS')
        return {
          format: 'jwks',
          items: entries.map((entry) => describe(entry, owner.id as SchemeId, () => {
            const jwk = entry as Record<string, unknown>
            return owner.keys.fromJwk(jwk, readKid(ownMember(jwk, 'kid'), owner.id as SchemeId))
          })),
        }
      }
      return { format: 'manifest', items: entries.map((entry) => describe(entry, null, () => candidateFromManifestEntry(entry))) }
    }
    if (Object.hasOwn(json, 'kty')) {
      const owner = jwkOwner(hint, 'a JWK')
      const jwk = json
      const kid = hint.kid ?? ownMember(jwk, 'kid')
      return {
        format: 'jwk',
        items: [{ scheme: owner.id as SchemeId, kid: typeof kid === 'string' ? kid : null, build: () => owner.keys.fromJwk(jwk, readKid(kid, owner.id as SchemeId)) }],
      }
    }
    fail('key-format-unrecognised', 'the JSON is not a key manifest ({"keys":[…]}), a JWKS or a JWK')
  }
  if (trimmed.includes('-----BEGIN ')) {
    const scheme = hintScheme(hint, 'a PEM file')
    const engine = engineOf(scheme)
    const fromPem = engine.keys.fromPem
    if (fromPem === undefined) {
      const owner = schemes().find((candidate) => candidate.keys.fromPem !== undefined)
      fail('key-scheme-invalid', `PEM keys are RSA keys for ${owner?.vocabulary.name ?? 'no scheme'}, not ${engine.vocabulary.name} secrets`)
    }
    const certificate = pemBlocks(trimmed).some((block) => block.label === 'CERTIFICATE')
    return {
      format: certificate ? 'certificate' : 'pem',
      items: [{ scheme, kid: hint.kid ?? null, build: () => fromPem(trimmed, readKid(hint.kid, scheme)) }],
    }
  }
  // A text secret: the file's final line break is not part of the key. Text of several lines, or
  // words with nothing to say it is a key, is no key at all (not "a secret file" that needs a name).
  const secret = text.replace(/\r?\n$/, '')
  if (/[\r\n]/.test(secret) || (hint.scheme === undefined && /\S\s+\S/.test(secret))) fail('key-format-unrecognised', NOT_A_KEY)
  const scheme = hintScheme(hint, 'a bare secret')
  const engine = engineOf(scheme)
  return {
    format: 'secret',
    items: [{ scheme, kid: hint.kid ?? null, build: () => engine.keys.fromSecretText(secret, readKid(hint.kid, scheme)) }],
  }
}

function asNote(error: unknown): KeyNote<KeyErrorCode> {
  if (error instanceof KeyFileError) return { code: error.code, message: error.message }
  return { code: 'key-format-unrecognised', message: 'the key could not be read' }
}

function refused(hint: KeyHint, error: KeyNote<KeyErrorCode>): KeyFileReading {
  return { ok: false, format: null, keys: [], entries: [{ index: 0, scheme: hint.scheme ?? null, kid: hint.kid ?? null, ok: false, error, warnings: [] }] }
}

/**
 * Reads and validates a key file's keys without their fingerprints (a secret's costs a slow
 * scrypt): what the command line needs, which fingerprints only the keys it prints.
 * A key set (manifest or JWKS) is all-or-nothing: one bad entry leaves `keys` empty.
 *
 * @example
 * const reading = readKeyFile(jwksText)
 * reading.entries.filter((entry) => !entry.ok).map((entry) => entry.error?.code)
 */
export function readKeyFile(text: string, hint: KeyHint = {}): KeyFileReading {
  if (text.length > MAX_KEY_FILE_BYTES) return refused(hint, { code: 'key-file-too-large', message: 'the key file is larger than 1 MiB' })
  if (text.trim().length === 0) return refused(hint, { code: 'key-file-empty', message: 'the key file is empty' })
  let parsed: { format: KeyFileFormat; items: PendingKey[] }
  try {
    parsed = candidatesFromText(text, hint)
  } catch (error) {
    return refused(hint, asNote(error))
  }

  const entries: KeyReportEntry[] = []
  const keys: KeyCandidate[] = []
  const seen = new Set<string>()
  for (const [index, pending] of parsed.items.entries()) {
    try {
      // A scheme registered at run time brings material the built-in union does not name; it counts as one.
      const candidate = pending.build() as KeyCandidate
      const { material } = candidate
      const identity = `${material.scheme}:${material.kid}`
      if (seen.has(identity)) fail('key-duplicate-kid', `Key ID "${material.kid}" appears twice for ${material.scheme}`)
      seen.add(identity)
      keys.push(candidate)
      entries.push({ index, scheme: material.scheme, kid: material.kid, ok: true, warnings: candidate.warnings })
    } catch (error) {
      entries.push({ index, scheme: pending.scheme, kid: pending.kid, ok: false, error: asNote(error), warnings: [] })
    }
  }
  const ok = entries.every((entry) => entry.ok)
  return { ok, format: parsed.format, keys: ok ? keys : [], entries }
}

/**
 * Parses a key file's text into validated keys with their fingerprints and a per-key report.
 * A key set (manifest or JWKS) is all-or-nothing: one bad entry leaves `keys` empty, and then
 * no fingerprint is computed. Secrets are fingerprinted several at a time.
 *
 * @example
 * const report = await parseKeyFile(pemText, { scheme: 'ringcx', kid: 'rsa_2026' })
 * if (report.ok) report.keys[0].info.fingerprint
 */
export async function parseKeyFile(text: string, hint: KeyHint = {}, options: ParseKeyFileOptions = {}): Promise<KeyFileReport> {
  const reading = readKeyFile(text, hint)
  if (!reading.ok) return { ...reading, keys: [] }
  const fingerprints = await fingerprintKeys(reading.keys.map((key) => key.material), options.onProgress)
  const keys = reading.keys.map((candidate, index): ParsedKey => {
    const { material } = candidate
    const info: KeyInfo = {
      scheme: material.scheme,
      kid: material.kid,
      alg: material.alg,
      fingerprint: fingerprints[index] as string,
      ...(candidate.bits === undefined ? {} : { bits: candidate.bits }),
    }
    return { material, info, warnings: candidate.warnings, ...(candidate.label === undefined ? {} : { label: candidate.label }) }
  })
  // Every entry of a valid file is a key, in the same order.
  const entries = reading.entries.map((entry, index): KeyReportEntry => ({ ...entry, info: (keys[index] as ParsedKey).info }))
  return { ok: true, format: reading.format, keys, entries }
}
