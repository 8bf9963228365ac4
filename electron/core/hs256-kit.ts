/**
 * What the schemes whose visitor is an HS256 JWT signed with a shared secret share (Intercom's
 * Messenger JWT, Zendesk's messaging JWT): strict decoding, verifying the signature alone with
 * exactly one algorithm (each scheme judges its claims itself, with `now` as a parameter), and
 * trying a secret as copied with whitespace. Nothing here names a scheme.
 */
import { compactVerify, errors as joseErrors } from 'jose'
import { findIllFormedText, isPlainObject } from '../common/values'
import { hmacKey, isWellFormedText, type HmacKey } from './hmac-kit'

/** Header and claims non-empty; the signature part may be empty so that `alg: none` is recognisable. */
export const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** A JWT quoted in page script: `'eyJ….….…'`. */
export const QUOTED_JWT = /(["'`])(eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\1/

export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>
  readonly claims: Readonly<Record<string, unknown>>
  /** The decoded JSON texts, for what the parsed objects cannot show (duplicate members). */
  readonly headerJson: string
  readonly claimsJson: string
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function jsonObjectPart(part: string): { value: Record<string, unknown>; json: string } | null {
  if (part.length % 4 === 1) return null
  try {
    const text = utf8.decode(Buffer.from(part, 'base64url'))
    // The same bytes must come back: no skipped characters or stray trailing bits.
    if (Buffer.from(text, 'utf8').toString('base64url') !== part || !isWellFormedText(text)) return null
    const value: unknown = JSON.parse(text)
    // An escape such as "\ud800" decodes to a lone surrogate: not well-formed, so not this JWT.
    return isPlainObject(value) && findIllFormedText(value) === null ? { value, json: text } : null
  } catch {
    return null
  }
}

/**
 * The header and claims of a compact JWT, unverified; null when it is not one, its parts are not
 * canonical base64url, or either is not a JSON object of well-formed text.
 *
 * @example
 * decodeJwt(token)?.claims['user_id']
 */
export function decodeJwt(token: string): DecodedJwt | null {
  if (token === lastDecoded.token) return lastDecoded.jwt
  const jwt = decodeJwtOnce(token)
  lastDecoded = { token, jwt }
  return jwt
}

/**
 * The last token decoded: each scheme's detector asks whether a token carries its claims, and
 * then its inspection reads them, so one token is decoded once, not once per vendor. The answer
 * depends on the text alone, and nothing changes a decoded JWT (its type is read-only).
 */
let lastDecoded: { readonly token: string | null; readonly jwt: DecodedJwt | null } = { token: null, jwt: null }

function decodeJwtOnce(token: string): DecodedJwt | null {
  if (!COMPACT_JWT.test(token)) return null
  const [headerPart = '', claimsPart = ''] = token.split('.')
  const header = jsonObjectPart(headerPart)
  const claims = header === null ? null : jsonObjectPart(claimsPart)
  return header === null || claims === null ? null : { header: header.value, claims: claims.value, headerJson: header.json, claimsJson: claims.json }
}

/** True when `key` signed the token with HS256 (only HS256 is ever accepted here). */
export async function hs256Verifies(token: string, key: HmacKey): Promise<boolean> {
  try {
    await compactVerify(token, key.hmacKey, { algorithms: ['HS256'] })
    return true
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return false
    throw error
  }
}

/** The first of `keys` whose HS256 signature the token carries. */
export async function hs256Signer<K extends HmacKey>(token: string, keys: readonly K[]): Promise<K | undefined> {
  for (const key of keys) if (await hs256Verifies(token, key)) return key
  return undefined
}

/** A key's secret as a website may have copied it: with a line break or a space around it. */
export function whitespaceVariants(key: HmacKey): HmacKey[] {
  return [`${key.secret}\n`, `${key.secret}\r\n`, ` ${key.secret}`, `${key.secret} `, key.secret.trim()]
    .filter((spelled) => spelled !== key.secret && spelled.length > 0)
    .map((spelled) => hmacKey(key.kid, () => key.fingerprint, spelled))
}

/** Seconds since the epoch as JWTs count them. */
export function unixSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000)
}
