/**
 * Shared fixtures for the core's unit tests: keys the tests own, tokens signed with jose,
 * Rox.Chat hashes computed independently of the core with node:crypto, and the vectors.
 */
import { createHash, createHmac, generateKeyPair, sign, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SignJWT, type JWK } from 'jose'
import { expect } from 'vitest'
import type { Check, CheckId, CheckStatus } from '../../../electron/common/inspection'
import { parseKeyFile, type KeyHint, type ParsedKey } from '../../../electron/core/key-parse'
import { createKeyRing, type KeyRing } from '../../../electron/core/key-ring'
import { resolveSettings, type InspectionSettings } from '../../../electron/common/settings'
import type { RoxchatHashAlgorithm } from '../../../electron/common/roxchat/settings'

// ---------------------------------------------------------------------------------------------
// Time and paths

/** The frozen "now" every test passes in. */
export const NOW = new Date('2026-03-01T12:00:00.000Z')
export const NOW_S = Math.floor(NOW.getTime() / 1000)

const here = path.dirname(fileURLToPath(import.meta.url))
/** /work/main: test/unit/core → three levels up. */
export const PROJECT_ROOT = path.resolve(here, '..', '..', '..')
/** The shared vectors, read in place (never copied into the project). */
export const VECTORS_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'vectors')

export function readVectors<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, name), 'utf8')) as T
}

// ---------------------------------------------------------------------------------------------
// Keys the tests own (demo values, never real ones)

/** RingCX HMAC secrets: 24 characters 0-9a-f. */
export const HS_SECRET = '0123456789abcdef01234567'
export const HS_SECRET_2 = 'fedcba9876543210fedcba98'
/** The vendor notes' real example key. */
export const ROX_SECRET = 'e64e35642555f3ecd64ae7dbb600dca8'
export const ROX_SECRET_2 = 'another-rox-chat-private-key-0042'

export interface RsaPair {
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  /** SPKI PEM. */
  readonly publicPem: string
  /** PKCS#8 PEM. */
  readonly privatePem: string
  readonly publicJwk: JWK
}

export async function generateRsa(modulusLength = 2048): Promise<RsaPair> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength }, (error, pub, priv) => {
      if (error) reject(error)
      else resolve({ publicKey: pub, privateKey: priv })
    })
  })
  return {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: publicKey.export({ format: 'jwk' }) as JWK,
  }
}

/** A manifest text (`{"keys":[…]}`) from its entries. */
export function manifest(...entries: readonly Record<string, unknown>[]): string {
  return JSON.stringify({ keys: entries })
}

/** Parses a key file through the core, insists that it imports, and returns its keys. */
export async function importKeys(text: string, hint: KeyHint = {}): Promise<readonly ParsedKey[]> {
  const report = await parseKeyFile(text, hint)
  expect(report.entries.filter((entry) => !entry.ok).map((entry) => entry.error?.code)).toEqual([])
  expect(report.ok).toBe(true)
  return report.keys
}

/** Builds a key ring exactly as the app does: parseKeyFile, then createKeyRing. */
export async function ringFrom(...files: readonly (string | { text: string; hint: KeyHint })[]): Promise<KeyRing> {
  const keys: ParsedKey[] = []
  for (const file of files) {
    keys.push(...(typeof file === 'string' ? await importKeys(file) : await importKeys(file.text, file.hint)))
  }
  return createKeyRing(keys)
}

// ---------------------------------------------------------------------------------------------
// Settings

export function settingsWith(partial: unknown): InspectionSettings {
  const result = resolveSettings(partial)
  if (!result.ok) throw new Error(`test settings are invalid: ${result.problems.map((p) => p.path).join(', ')}`)
  return result.value
}

// ---------------------------------------------------------------------------------------------
// RingCX tokens

export type Claims = Record<string, unknown>

export interface SignOptions {
  readonly alg?: 'HS256' | 'RS256'
  /** A RingCX secret (its ASCII bytes are the HMAC key), raw HMAC bytes, or an RSA private key. */
  readonly key: string | Uint8Array | KeyObject
  /** The header kid; `null` leaves it out. Any JSON value is allowed for the kid tricks. */
  readonly kid?: unknown
  readonly header?: Record<string, unknown>
}

/** Valid claims: a uuid and an expiry two hours after {@link NOW}. */
export function goodClaims(extra: Claims = {}): Claims {
  return { uuid: 'visitor-42', firstname: 'Ada', exp: NOW_S + 7200, ...extra }
}

/** Signs claims with jose's SignJWT (claims are passed as they are, even ill-typed ones). */
export async function signToken(claims: Claims, options: SignOptions): Promise<string> {
  const alg = options.alg ?? 'HS256'
  const header: Record<string, unknown> = { alg, typ: 'JWT', ...options.header }
  if (options.kid !== null) header['kid'] = options.kid === undefined ? (alg === 'HS256' ? 'hs_main' : 'rsa_main') : options.kid
  const key = typeof options.key === 'string' ? new TextEncoder().encode(options.key) : options.key
  return new SignJWT(claims as ConstructorParameters<typeof SignJWT>[0])
    .setProtectedHeader(header as Parameters<SignJWT['setProtectedHeader']>[0])
    .sign(key)
}

export function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
}

/** An HS256 token signed by hand with node:crypto (for headers jose refuses to produce). */
export function handSignedHs256(header: unknown, claims: unknown, secret: string): string {
  const input = `${base64urlJson(header)}.${base64urlJson(claims)}`
  return `${input}.${createHmac('sha256', Buffer.from(secret, 'ascii')).update(input, 'ascii').digest('base64url')}`
}

/** A compact JWS built by hand (for `alg: none` and other things jose will not sign). */
export function handmadeToken(header: unknown, claims: unknown, signature = ''): string {
  return `${base64urlJson(header)}.${base64urlJson(claims)}.${signature}`
}

// ---------------------------------------------------------------------------------------------
// Rox.Chat visitors, hashed independently of the core

/** Sorts names by Unicode code point, which is the UTF-8 byte order (an independent route). */
export function sortByCodePoints(names: readonly string[]): string[] {
  const points = (name: string): number[] => [...name].map((char) => char.codePointAt(0) ?? 0)
  return [...names].sort((a, b) => {
    const pa = points(a)
    const pb = points(b)
    for (let index = 0; index < Math.min(pa.length, pb.length); index++) {
      const diff = (pa[index] ?? 0) - (pb[index] ?? 0)
      if (diff !== 0) return diff
    }
    return pa.length - pb.length
  })
}

export function expectedRoxchatMessage(fields: Readonly<Record<string, string>>, expires?: number): string {
  const values = sortByCodePoints(Object.keys(fields)).map((name) => fields[name] ?? '')
  return values.join('') + (expires === undefined ? '' : String(expires))
}

/** The vendor notes' four algorithms, written out with node:crypto. */
export function expectedRoxchatHash(message: string, secret: string, algorithm: RoxchatHashAlgorithm): string {
  switch (algorithm) {
    case 'hmac-sha256':
      return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex')
    case 'sha256':
      return createHash('sha256').update(Buffer.from(message + secret, 'utf8')).digest('hex')
    case 'sha512':
      return createHash('sha512').update(Buffer.from(message + secret, 'utf8')).digest('hex')
    case 'md5':
      return createHash('md5').update(Buffer.from(message + secret, 'utf8')).digest('hex')
  }
}

export interface RoxchatVisitorObject {
  fields: Record<string, string>
  expires?: number
  hash: string
}

export function roxchatVisitor(
  fields: Record<string, string>,
  options: { readonly secret?: string; readonly expires?: number; readonly algorithm?: RoxchatHashAlgorithm } = {},
): RoxchatVisitorObject {
  const message = expectedRoxchatMessage(fields, options.expires)
  const hash = expectedRoxchatHash(message, options.secret ?? ROX_SECRET, options.algorithm ?? 'hmac-sha256')
  return options.expires === undefined ? { fields, hash } : { fields, expires: options.expires, hash }
}

// ---------------------------------------------------------------------------------------------
// Reading results by code and check id

export function codes(result: { readonly errors: readonly { readonly code: string }[] }): string[] {
  return result.errors.map((error) => error.code)
}

export function warningCodes(result: { readonly warnings: readonly { readonly code: string }[] }): string[] {
  return result.warnings.map((warning) => warning.code)
}

export function checkOf(result: { readonly checks: readonly Check[] }, id: CheckId): Check | undefined {
  return result.checks.find((check) => check.id === id)
}

export function statuses(result: { readonly checks: readonly Check[] }): Partial<Record<CheckId, CheckStatus>> {
  return Object.fromEntries(result.checks.map((check) => [check.id, check.status]))
}

// ---------------------------------------------------------------------------------------------
// A self-signed X.509 certificate in DER, built here so the tests do not need the openssl CLI.

function derElement(tag: number, content: Buffer): Buffer {
  const length = content.length
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content])
}

const derSequence = (...parts: Buffer[]): Buffer => derElement(0x30, Buffer.concat(parts))

function derOid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f]
    for (let value = arc >>> 7; value > 0; value >>>= 7) chunk.unshift((value & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return derElement(0x06, Buffer.from(bytes))
}

function derUtcTime(date: Date): Buffer {
  const iso = date.toISOString() // 2026-03-01T12:00:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  return derElement(0x17, Buffer.from(text, 'ascii'))
}

/** A minimal self-signed v3 certificate (sha256WithRSAEncryption) for `pair`, as PEM. */
export function selfSignedCertificatePem(pair: RsaPair, commonName = 'visitor-inspector test'): string {
  const algorithm = derSequence(derOid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]))
  const name = derSequence(derElement(0x31, derSequence(derOid('2.5.4.3'), derElement(0x0c, Buffer.from(commonName, 'utf8')))))
  const tbs = derSequence(
    derElement(0xa0, derElement(0x02, Buffer.from([0x02]))),
    derElement(0x02, Buffer.from([0x01])),
    algorithm,
    name,
    derSequence(derUtcTime(new Date('2026-01-01T00:00:00Z')), derUtcTime(new Date('2036-01-01T00:00:00Z'))),
    name,
    pair.publicKey.export({ type: 'spki', format: 'der' }),
  )
  const signature = sign('sha256', tbs, pair.privateKey)
  const certificate = derSequence(tbs, algorithm, derElement(0x03, Buffer.concat([Buffer.from([0x00]), signature])))
  const lines = certificate.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}
