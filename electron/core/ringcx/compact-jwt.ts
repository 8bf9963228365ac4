/**
 * Strict reading of a compact JWS before any cryptography.
 *
 * Node's base64url decoder skips whitespace and ignores non-canonical trailing bits, so
 * two different strings could decode to one token. The pattern and the canonical-tail
 * check below accept exactly one spelling of every token.
 */

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
  readonly signaturePresent: boolean
}

export type CompactJwtProblem =
  | 'not-compact'
  | 'non-canonical-base64url'
  | 'header-not-json-object'
  | 'claims-not-json-object'

function decodeJsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
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
  if (header === null) return { ok: false, problem: 'header-not-json-object' }
  const claims = decodeJsonObject(claimsPart)
  if (claims === null) return { ok: false, problem: 'claims-not-json-object' }
  return { ok: true, value: { header, claims, signaturePresent: signaturePart.length > 0 } }
}
