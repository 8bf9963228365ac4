/**
 * Finds script that signs or hashes a visitor identity in the browser: an HMAC, a SHA/MD5 digest,
 * WebCrypto or a JWT signing call next to an identity (`roxchat_visitor`, `_setSignedIdentity`…),
 * or a PEM private key anywhere in a page. Whatever key that script uses is then in the page,
 * whether the key store knows it or not.
 */
import type { SchemeId } from '../../common/schemes'
import { schemes } from '../schemes'
import { commentedSpans, isInSpans, type Span } from '../page-comments'
import type { SigningSignal } from '../../common/capture/capture-types'
import type { SecretSearch } from './secret-search'
import { cutText, visibleText } from './visible-text'

/**
 * What names each scheme's identity in script, lower-case: each registered scheme's
 * `identityMarkers` (core/<scheme>/detect.ts).
 *
 * @example
 * identityMarkers().get('roxchat') // ['roxchat_visitor', 'webim_visitor', …]
 */
export function identityMarkers(): ReadonlyMap<SchemeId, readonly string[]> {
  return new Map(schemes().flatMap((scheme) => (scheme.detect.identityMarkers === undefined ? [] : [[scheme.id as SchemeId, scheme.detect.identityMarkers] as const])))
}

/** The scheme whose keys are RSA keys read from PEM: a private key in a page is one of its. */
function pemScheme(): SchemeId | undefined {
  return schemes().find((scheme) => scheme.keys.fromPem !== undefined)?.id as SchemeId | undefined
}

/** A call this far (in characters) from an identity marker counts as building that identity. */
export const SIGNING_PROXIMITY = 1500

const SIGNALS: readonly { readonly signal: SigningSignal; readonly pattern: RegExp }[] = [
  { signal: 'hmac', pattern: /\bCryptoJS\s*\.\s*Hmac(?:SHA1|SHA224|SHA256|SHA384|SHA512|SHA3|MD5|RIPEMD160)\s*\(/g },
  { signal: 'hmac', pattern: /\bcreateHmac\s*\(/g },
  { signal: 'hmac', pattern: /\bsha(?:1|224|256|384|512)\s*\.\s*hmac\b/g },
  { signal: 'hmac', pattern: /\bforge\s*\.\s*hmac\s*\.\s*create\s*\(/g },
  { signal: 'hmac', pattern: /\bsjcl\s*\.\s*misc\s*\.\s*hmac\b/g },
  { signal: 'hmac', pattern: /\bhmac(?:_?sha(?:1|256|512)|_?md5)?\s*\(/gi },
  { signal: 'hash', pattern: /\bCryptoJS\s*\.\s*(?:SHA1|SHA224|SHA256|SHA384|SHA512|SHA3|MD5)\s*\(/g },
  { signal: 'hash', pattern: /\bcreateHash\s*\(/g },
  { signal: 'hash', pattern: /\bnew\s+jsSHA\s*\(/g },
  { signal: 'hash', pattern: /\bforge\s*\.\s*md\s*\.\s*(?:sha1|sha256|sha512|md5)\b/g },
  { signal: 'hash', pattern: /(?<![.\w$])(?:hex_)?(?:sha1|sha256|sha512|md5)\s*\(/gi },
  { signal: 'webcrypto', pattern: /\bsubtle\s*\.\s*(?:sign|importKey|digest)\s*\(/g },
  { signal: 'jwt-signing', pattern: /\bnew\s+(?:[\w$]+\s*\.\s*)?SignJWT\s*\(/g },
  { signal: 'jwt-signing', pattern: /\bKJUR\s*\.\s*jws\s*\.\s*JWS\s*\.\s*sign\s*\(/g },
  { signal: 'jwt-signing', pattern: /\b(?:jwt|jws|jsonwebtoken|JWT)\s*\.\s*sign\s*\(/g },
]

const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/g

/** Characters of an excerpt before and after the call. */
const BEFORE = 80
const AFTER = 160
/** Markers looked at per text: a page that names the visitor a thousand times needs no more. */
const MAX_MARKERS = 10_000

/** A quoted literal that looks like a key: 12 or more key-like characters with letters and digits. */
const KEY_LIKE_LITERAL = /(["'`])([A-Za-z0-9+/=_.\-]{12,})\1/g
const TOKEN_CHAR = /[A-Za-z0-9+/=_.\-]/

export interface SigningMatch {
  readonly scheme: SchemeId
  readonly signal: SigningSignal
  readonly offset: number
  readonly evidence: string
  readonly commented: boolean
}

/** The window around each marker of each scheme, merged, in text order. */
function markerWindows(lowered: string): { scheme: SchemeId; spans: Span[] }[] {
  const windows: { scheme: SchemeId; spans: Span[] }[] = []
  for (const [scheme, markers] of identityMarkers()) {
    const positions: number[] = []
    for (const marker of markers) {
      for (let at = lowered.indexOf(marker); at >= 0 && positions.length < MAX_MARKERS; at = lowered.indexOf(marker, at + marker.length)) positions.push(at)
    }
    if (positions.length === 0) continue
    positions.sort((a, b) => a - b)
    const spans: Span[] = []
    for (const position of positions) {
      const start = Math.max(0, position - SIGNING_PROXIMITY)
      const end = Math.min(lowered.length, position + SIGNING_PROXIMITY)
      const last = spans.at(-1)
      if (last !== undefined && start <= last[1]) spans[spans.length - 1] = [last[0], Math.max(last[1], end)]
      else spans.push([start, end])
    }
    windows.push({ scheme, spans })
  }
  return windows
}

/** Masks quoted literals that look like keys (letters and digits, no spaces, 12 characters or more). */
function maskKeyLikeLiterals(text: string): string {
  return text.replace(KEY_LIKE_LITERAL, (literal, quote: string, body: string) =>
    (/[0-9]/.test(body) && /[A-Za-z]/.test(body) ? `${quote}…(${body.length} characters masked)${quote}` : literal))
}

/**
 * A one-line excerpt around `offset`: known secrets and key-like literals masked, control and
 * bidirectional characters escaped, at most `maxLength` characters. A token cut by the excerpt's edge is left
 * out, so that no part of a key shows.
 */
export function evidenceExcerpt(text: string, offset: number, secrets: SecretSearch, maxLength: number): string {
  let [start, end] = secrets.cover(text, Math.max(0, offset - BEFORE), Math.min(text.length, offset + AFTER))
  while (start > 0 && start < offset && TOKEN_CHAR.test(text[start - 1] ?? '') && TOKEN_CHAR.test(text[start] ?? '')) start++
  while (end < text.length && end > offset && TOKEN_CHAR.test(text[end] ?? '') && TOKEN_CHAR.test(text[end - 1] ?? '')) end--
  const masked = maskKeyLikeLiterals(secrets.mask(text.slice(start, end))).replace(/\s+/g, ' ').trim()
  return cutText(`${start > 0 ? '…' : ''}${visibleText(masked)}${end < text.length ? '…' : ''}`, maxLength)
}

/**
 * The signing calls next to an identity in one text, and any PEM private key, in text order.
 *
 * @example
 * findClientSigning('roxchat_visitor = {hash: CryptoJS.HmacSHA256(msg, key).toString()}', lower, search, 5, 240)
 * // [{ scheme: 'roxchat', signal: 'hmac', offset: 25, evidence: 'roxchat_visitor = {hash: CryptoJS.HmacSHA256(msg, key).toString()}', commented: false }]
 */
export function findClientSigning(text: string, lowered: string, secrets: SecretSearch, limit: number, maxEvidenceLength: number): SigningMatch[] {
  const found: { scheme: SchemeId; signal: SigningSignal; offset: number; end: number }[] = []
  for (const { scheme, spans } of markerWindows(lowered)) {
    for (const [start, end] of spans) {
      const window = text.slice(start, end)
      for (const { signal, pattern } of SIGNALS) {
        for (const match of window.matchAll(pattern)) found.push({ scheme, signal, offset: start + match.index, end: start + match.index + match[0].length })
      }
    }
  }
  const keyScheme = lowered.includes('private key-----') ? pemScheme() : undefined
  if (keyScheme !== undefined) {
    for (const match of text.matchAll(PRIVATE_KEY)) found.push({ scheme: keyScheme, signal: 'private-key', offset: match.index, end: match.index + match[0].length })
  }
  if (found.length === 0) return []
  // One call matched by two patterns (CryptoJS.HmacSHA256 and a bare HmacSHA256) counts once: the first, longest.
  found.sort((a, b) => a.offset - b.offset || b.end - a.end)
  const calls: typeof found = []
  for (const match of found) {
    const last = calls.at(-1)
    if (last === undefined || match.offset >= last.end) calls.push(match)
  }
  const comments = commentedSpans(text)
  return calls.slice(0, limit).map((match) => ({
    scheme: match.scheme,
    signal: match.signal,
    offset: match.offset,
    // A private key's excerpt is its first line only: the key itself is never shown.
    evidence: match.signal === 'private-key'
      ? visibleText(text.slice(match.offset, text.indexOf('-----', match.offset + 11) + 5))
      : evidenceExcerpt(text, match.offset, secrets, maxEvidenceLength),
    commented: isInSpans(comments, match.offset),
  }))
}
