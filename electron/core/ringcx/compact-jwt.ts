/**
 * Strict reading of a compact JWS before any cryptography.
 *
 * Node's base64url decoder skips whitespace and ignores non-canonical trailing bits, so
 * two different strings could decode to one token. The pattern and the canonical-tail
 * check below accept exactly one spelling of every token.
 */
import { readJsonText } from '../json-source'

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Header and claims non-empty; the signature part may be empty so that `alg: none` is recognisable. */
export const COMPACT_JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** True when `part` is base64url without padding in its one canonical spelling. */
export function isCanonicalBase64url(part: string): boolean {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return false
  const remainder = part.length % 4
  if (remainder === 1) return false
  if (remainder === 0) return true
  const lastValue = BASE64URL_ALPHABET.indexOf(part.charAt(part.length - 1))
  // The unused low bits of the last character must be zero.
  const unusedBitsMask = remainder === 2 ? 0x0f : 0x03
  return (lastValue & unusedBitsMask) === 0
}

export interface DecodedCompactJwt {
  readonly header: Record<string, unknown>
  readonly claims: Record<string, unknown>
  /** The decoded JSON texts, for what the parsed objects cannot show (duplicate members). */
  readonly headerJson: string
  readonly claimsJson: string
  readonly signaturePresent: boolean
}

export type CompactJwtProblem =
  | 'not-compact'
  | 'non-canonical-base64url'
  | 'header-not-json-object'
  | 'claims-not-json-object'
  | 'too-deep'

/**
 * The JSON object a header or claims part holds, and its text. Members are not scanned here
 * (duplicateMembersInText does it for an inspection), so the batch path does not pay for them.
 */
function decodeJsonObject(part: string): { readonly value: Record<string, unknown>; readonly text: string } | 'too-deep' | null {
  let text: string
  try {
    text = utf8.decode(Buffer.from(part, 'base64url'))
  } catch {
    return null
  }
  const read = readJsonText(text, 'json', { members: 'skip' })
  if (!read.ok) return read.tooDeep ? 'too-deep' : null
  const value = read.value
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { value: value as Record<string, unknown>, text }
    : null
}

/**
 * Decodes the header and claims of a compact JWT without verifying it.
 *
 * @example
 * const decoded = decodeCompactJwt(token)
 * if (decoded.ok) decoded.value.header['kid']
 */
export function decodeCompactJwt(
  token: string,
): { ok: true; value: DecodedCompactJwt } | { ok: false; problem: CompactJwtProblem } {
  if (!COMPACT_JWT_PATTERN.test(token)) return { ok: false, problem: 'not-compact' }
  const [headerPart = '', claimsPart = '', signaturePart = ''] = token.split('.')
  if (![headerPart, claimsPart, signaturePart].every(isCanonicalBase64url)) {
    return { ok: false, problem: 'non-canonical-base64url' }
  }
  const header = decodeJsonObject(headerPart)
  if (header === 'too-deep') return { ok: false, problem: 'too-deep' }
  if (header === null) return { ok: false, problem: 'header-not-json-object' }
  const claims = decodeJsonObject(claimsPart)
  if (claims === 'too-deep') return { ok: false, problem: 'too-deep' }
  if (claims === null) return { ok: false, problem: 'claims-not-json-object' }
  return {
    ok: true,
    value: { header: header.value, claims: claims.value, headerJson: header.text, claimsJson: claims.text, signaturePresent: signaturePart.length > 0 },
  }
}
