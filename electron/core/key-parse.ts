/**
 * Parsing and validation of key files: our manifest, JWK, JWKS, PEM public or private
 * keys, X.509 certificates and plain-text secrets. Reading the file is the caller's job.
 */
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import type { Scheme } from './inspection'
import { SCHEMES } from './inspection'
import {
  MAX_ROXCHAT_SECRET_LENGTH,
  MIN_RSA_BITS,
  RINGCX_SECRET_PATTERN,
  kidPatternFor,
  type KeyErrorCode,
  type KeyFileFormat,
  type KeyInfo,
  type KeyMaterial,
  type KeyWarningCode,
  type RsaPublicJwk,
} from './key-material'
import { fingerprintKeys } from './key-fingerprint'
import { MAX_KEY_FILE_BYTES, MAX_KEYS_PER_FILE } from './limits'
import { rsaExponentProblem } from './rsa-exponent'
import { isPlainObject, ownMember } from './values'

// The codes live in key-material.ts (pure, no node:crypto) so the IPC contract and renderer can name them.
export type { KeyErrorCode, KeyFileFormat, KeyWarningCode } from './key-material'

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
  readonly scheme: Scheme | null
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

/** A validated key before its fingerprint is computed. Main-process only. */
export interface KeyCandidate {
  readonly material: KeyMaterial
  /** RSA modulus length; absent for secrets. */
  readonly bits?: number
  readonly label?: string
  readonly warnings: readonly KeyNote<KeyWarningCode>[]
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
  readonly scheme?: Scheme
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

function readScheme(value: unknown): Scheme {
  if (value === undefined) fail('key-scheme-invalid', 'the key does not say its scheme ("ringcx" or "roxchat")')
  if (typeof value !== 'string' || !(SCHEMES as readonly string[]).includes(value)) {
    fail('key-scheme-invalid', `scheme must be "ringcx" or "roxchat", not ${JSON.stringify(value)}`)
  }
  return value as Scheme
}

function readKid(value: unknown, scheme: Scheme): string {
  if (value === undefined || value === '') {
    fail('key-kid-missing', 'the key has no Key ID; name one (for example ringcx:my_key=FILE)')
  }
  if (typeof value !== 'string' || !kidPatternFor(scheme).test(value)) {
    const rule = scheme === 'ringcx' ? 'lower-case letters, digits and _' : 'letters, digits, _, . and -'
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

function whitespaceName(char: string): string {
  if (char === ' ') return 'a space'
  if (char === '\t') return 'a tab'
  if (char === '\n' || char === '\r') return 'a line break'
  return `white space U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * A Rox.Chat private key is used exactly as written (the vendor hashes with the whole text), so
 * white space around it is kept; but it is far more often a copy-and-paste slip than intended.
 */
function secretWhitespaceWarnings(secret: string): KeyNote<KeyWarningCode>[] {
  const first = secret.charAt(0)
  const last = secret.charAt(secret.length - 1)
  const leading = /^\s$/u.test(first)
  const trailing = /^\s$/u.test(last)
  if (!leading && !trailing) return []
  const where = [leading ? `begins with ${whitespaceName(first)}` : null, trailing ? `ends with ${whitespaceName(last)}` : null].filter(Boolean).join(' and ')
  return [{
    code: 'key-secret-whitespace',
    message: `the Rox.Chat private key ${where}; it is kept as written, so only a website hashing with that white space will match: check that it was not copied with it by mistake`,
  }]
}

function roxchatCandidate(kid: string, secret: string): KeyCandidate {
  return { material: { scheme: 'roxchat', kid, alg: 'secret', secret: roxchatSecret(secret) }, warnings: secretWhitespaceWarnings(secret) }
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
  const exponentProblem = rsaExponentProblem({ n: jwk.n, e: jwk.e })
  if (exponentProblem !== null) fail('key-rsa-exponent-weak', exponentProblem)
  return { publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e }, bits, wasPrivate }
}

interface PemBlock {
  readonly label: string
  readonly text: string
}

/** A BEGIN or END line; the label's length is bounded so that a hostile file is scanned in linear time. */
const PEM_BOUNDARY = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g
const KEY_LABELS: ReadonlySet<string> = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY', 'PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'])

/** The complete BEGIN … END blocks of a PEM text, in order; an unterminated BEGIN is no block. */
function pemBlocks(pem: string): PemBlock[] {
  const blocks: PemBlock[] = []
  let open: { readonly label: string; readonly start: number } | null = null
  for (const match of pem.matchAll(PEM_BOUNDARY)) {
    const label = match[2] as string
    if (match[1] === 'BEGIN') open = { label, start: match.index }
    else if (open !== null && open.label === label) {
      blocks.push({ label, text: pem.slice(open.start, match.index + match[0].length) })
      open = null
    }
  }
  return blocks
}

function ordinal(position: number): string {
  return ['first', 'second', 'third'][position] ?? `${position + 1}th`
}

/**
 * The block a PEM file is read from: its first certificate, else its first key, as before
 * several blocks were noticed. A file of several blocks is valid but says which one was used.
 */
function choosePemBlock(blocks: readonly PemBlock[]): { block: PemBlock; warnings: KeyNote<KeyWarningCode>[] } {
  const certificates = blocks.filter((block) => block.label === 'CERTIFICATE')
  const block = certificates[0] ?? blocks.find((candidate) => KEY_LABELS.has(candidate.label)) ?? (blocks[0] as PemBlock)
  if (blocks.length === 1) return { block, warnings: [] }
  if (certificates.length === blocks.length) {
    return {
      block,
      warnings: [{
        code: 'key-certificate-chain',
        message: `the file is a chain of ${blocks.length} certificates: the first certificate of ${blocks.length} was used (normally the site's own); the others were not imported`,
      }],
    }
  }
  const position = blocks.indexOf(block)
  const sameKind = blocks.slice(0, position).filter((candidate) => candidate.label === block.label).length
  return {
    block,
    warnings: [{
      code: 'key-pem-several-blocks',
      message: `the file holds ${blocks.length} PEM blocks (${blocks.map((candidate) => candidate.label).join(', ')}): the ${ordinal(sameKind)} ${block.label} (block ${position + 1} of ${blocks.length}) was used; the others were not imported`,
    }],
  }
}

function rsaFromPem(pem: string): RsaResult & { certificate: boolean; warnings: KeyNote<KeyWarningCode>[] } {
  const blocks = pemBlocks(pem)
  if (blocks.length === 0) fail('key-rsa-invalid', 'the PEM text has no complete -----BEGIN …----- / -----END …----- block')
  const { block, warnings } = choosePemBlock(blocks)
  if (block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(block.text)) {
    fail('key-encrypted', 'the private key is password-protected; import the public key instead')
  }
  if (block.label === 'CERTIFICATE') {
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(block.text)
    } catch {
      fail('key-rsa-invalid', 'the certificate could not be read')
    }
    return { ...rsaFromKeyObject(certificate.publicKey, false), certificate: true, warnings }
  }
  const isPrivate = block.label === 'PRIVATE KEY' || block.label === 'RSA PRIVATE KEY'
  try {
    const key = isPrivate ? createPublicKey(createPrivateKey(block.text)) : createPublicKey(block.text)
    return { ...rsaFromKeyObject(key, isPrivate), certificate: false, warnings }
  } catch (error) {
    if (error instanceof KeyFileError) throw error
    fail('key-rsa-invalid', 'the PEM block is not a readable RSA public or private key')
  }
}

function rsaFromJwk(jwk: Record<string, unknown>): RsaResult {
  const isPrivate = typeof ownMember(jwk, 'd') === 'string'
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

function checkAlg(declared: unknown, expected: 'HS256' | 'RS256'): void {
  if (declared !== undefined && declared !== expected) {
    fail('key-alg-invalid', `the key is declared for ${JSON.stringify(declared)}, but its material is for ${expected}`)
  }
}

function candidateFromJwk(jwk: Record<string, unknown>, kid: string): KeyCandidate {
  const use = ownMember(jwk, 'use')
  const kty = ownMember(jwk, 'kty')
  if (use !== undefined && use !== 'sig') fail('key-alg-invalid', 'the JWK is not for signatures ("use" is not "sig")')
  if (kty === 'oct') {
    checkAlg(ownMember(jwk, 'alg'), 'HS256')
    const k = ownMember(jwk, 'k')
    if (typeof k !== 'string') fail('key-material-missing', 'the JWK has no "k"')
    const secret = Buffer.from(k, 'base64url').toString('latin1')
    return { material: { scheme: 'ringcx', kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] }
  }
  if (kty === 'RSA') {
    checkAlg(ownMember(jwk, 'alg'), 'RS256')
    const rsa = rsaFromJwk(jwk)
    return {
      material: { scheme: 'ringcx', kid, alg: 'RS256', publicJwk: rsa.publicJwk },
      bits: rsa.bits,
      warnings: rsa.wasPrivate ? [PRIVATE_REDUCED] : [],
    }
  }
  fail('key-alg-invalid', `JWK type ${JSON.stringify(kty)} cannot sign RingCX identities (use "oct" for HS256 or "RSA" for RS256)`)
}

function candidateFromManifestEntry(entry: unknown): KeyCandidate {
  if (!isPlainObject(entry)) fail('key-format-unrecognised', 'a manifest entry must be an object')
  const scheme = readScheme(ownMember(entry, 'scheme'))
  const kid = readKid(ownMember(entry, 'kid'), scheme)
  const labelIn = ownMember(entry, 'label')
  const label = typeof labelIn === 'string' ? labelIn.slice(0, 200) : undefined
  const withLabel = (candidate: KeyCandidate): KeyCandidate => (label === undefined ? candidate : { ...candidate, label })
  const secret = ownMember(entry, 'secret')
  const publicKeyPem = ownMember(entry, 'publicKeyPem')
  const jwk = ownMember(entry, 'jwk')
  const alg = ownMember(entry, 'alg')
  const materials = [secret, publicKeyPem, jwk].filter((value) => value !== undefined).length
  if (materials === 0) fail('key-material-missing', 'the entry has none of "secret", "publicKeyPem" or "jwk"')
  if (materials > 1) fail('key-material-missing', 'the entry must have exactly one of "secret", "publicKeyPem" or "jwk"')

  if (scheme === 'roxchat') {
    if (alg !== undefined) fail('key-alg-invalid', 'a Rox.Chat key is not bound to an algorithm: the account setting chooses it')
    if (typeof secret !== 'string') fail('key-material-missing', 'a Rox.Chat key needs "secret" (the account\'s private key as text)')
    return withLabel(roxchatCandidate(kid, secret))
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
      warnings: [...rsa.warnings, ...(rsa.wasPrivate ? [PRIVATE_REDUCED] : [])],
    })
  }
  if (isPlainObject(jwk)) {
    checkAlg(alg, ownMember(jwk, 'kty') === 'oct' ? 'HS256' : 'RS256')
    return withLabel(candidateFromJwk(jwk, kid))
  }
  fail('key-material-missing', '"secret" and "publicKeyPem" must be text and "jwk" an object')
}

const NOT_A_KEY = 'this text is not a key: a key file holds a key manifest, a JWK or JWKS, a PEM block, or a secret on one line'

function hintScheme(hint: KeyHint, what: string): Scheme {
  if (hint.scheme === undefined) fail('key-scheme-invalid', `${what} does not say its scheme; name it (for example ringcx:my_key=FILE)`)
  return hint.scheme
}

interface PendingKey {
  /** What the entry says of itself, for the report even when it fails. */
  readonly scheme: Scheme | null
  readonly kid: string | null
  readonly build: () => KeyCandidate
}

function describe(entry: unknown, fallbackScheme: Scheme | null, build: () => KeyCandidate): PendingKey {
  const named = isPlainObject(entry) ? ownMember(entry, 'scheme') : undefined
  const kidIn = isPlainObject(entry) ? ownMember(entry, 'kid') : undefined
  const scheme = (SCHEMES as readonly unknown[]).includes(named) ? (named as Scheme) : fallbackScheme
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
        if (hint.scheme === 'roxchat') fail('key-scheme-invalid', 'a JWKS holds RingCX keys, not Rox.Chat keys')
        return {
          format: 'jwks',
          items: entries.map((entry) => describe(entry, 'ringcx', () => {
            const jwk = entry as Record<string, unknown>
            return candidateFromJwk(jwk, readKid(ownMember(jwk, 'kid'), 'ringcx'))
          })),
        }
      }
      return { format: 'manifest', items: entries.map((entry) => describe(entry, null, () => candidateFromManifestEntry(entry))) }
    }
    if (Object.hasOwn(json, 'kty')) {
      if (hint.scheme === 'roxchat') fail('key-scheme-invalid', 'a JWK is a RingCX key, not a Rox.Chat key')
      const jwk = json
      const kid = hint.kid ?? ownMember(jwk, 'kid')
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
    const certificate = pemBlocks(trimmed).some((block) => block.label === 'CERTIFICATE')
    return {
      format: certificate ? 'certificate' : 'pem',
      items: [{ scheme: 'ringcx', kid: hint.kid ?? null, build: () => {
        const kid = readKid(hint.kid, 'ringcx')
        const rsa = rsaFromPem(trimmed)
        return {
          material: { scheme: 'ringcx', kid, alg: 'RS256', publicJwk: rsa.publicJwk },
          bits: rsa.bits,
          warnings: [...rsa.warnings, ...(rsa.wasPrivate ? [PRIVATE_REDUCED] : [])],
        }
      } }],
    }
  }
  // A text secret: the file's final line break is not part of the key. Text of several lines, or
  // words with nothing to say it is a key, is no key at all (not "a secret file" that needs a name).
  const secret = text.replace(/\r?\n$/, '')
  if (/[\r\n]/.test(secret) || (hint.scheme === undefined && /\S\s+\S/.test(secret))) fail('key-format-unrecognised', NOT_A_KEY)
  const scheme = hintScheme(hint, 'a bare secret')
  return {
    format: 'secret',
    items: [{ scheme, kid: hint.kid ?? null, build: () => {
      const kid = readKid(hint.kid, scheme)
      return scheme === 'ringcx'
        ? { material: { scheme, kid, alg: 'HS256', secret: ringcxSecret(secret) }, warnings: [] }
        : roxchatCandidate(kid, secret)
    } }],
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
      const candidate = pending.build()
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
