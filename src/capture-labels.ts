/**
 * Words the Captures view shows for a capture audit's identifiers: parts, encodings, signals,
 * renewal outcomes, and where something was found.
 */
import type { CaptureLocation, CapturePart, RenewalOutcome, SecretEncoding, SigningSignal, TokenFreshness } from '../electron/common/capture/capture-types'

export const PART_TEXT: Readonly<Record<CapturePart, string>> = {
  'request-url': 'request URL',
  'request-body': 'request body',
  'response-body': 'response body',
  page: 'saved page',
}

export const ENCODING_TEXT: Readonly<Record<SecretEncoding, string>> = {
  text: 'as plain text',
  hex: 'hex-encoded',
  base64: 'base64-encoded',
  base64url: 'base64url-encoded',
}

export const SIGNAL_TEXT: Readonly<Record<SigningSignal, string>> = {
  hmac: 'an HMAC computed in page script',
  hash: 'a SHA or MD5 digest computed in page script',
  'jwt-signing': 'a JWT signed in page script',
  webcrypto: 'WebCrypto signing or hashing in page script',
  'private-key': 'a PEM private key in the page',
}

export const RENEWAL_TEXT: Readonly<Record<RenewalOutcome, { readonly title: string; readonly good: boolean }>> = {
  'in-time': { title: 'Renewed in time', good: true },
  'under-minimum': { title: 'Renewed late: the previous token had fallen under the minimum', good: false },
  'after-expiry': { title: 'Renewed too late: the previous token had expired', good: false },
}

export const FRESHNESS_TEXT: Readonly<Record<TokenFreshness, string>> = {
  fresh: 'fresh when set',
  'under-minimum': 'already under the minimum when set',
  expired: 'already expired when set',
  'no-exp': 'no expiry',
}

/** "session.har · entry 3 · response body · parameter k · line 5, column 3". */
export function locationText(location: CaptureLocation): string {
  const parts = [location.capture]
  if (location.entry !== null) parts.push(`entry ${location.entry}`)
  parts.push(PART_TEXT[location.part])
  if (location.parameter !== undefined) parts.push(`parameter ${location.parameter}`)
  if (location.line !== undefined) parts.push(`line ${location.line}, column ${location.column ?? 1}`)
  return parts.join(' · ')
}

/** A capture time as the operator reads it, in UTC with seconds. */
export function captureTimeText(iso: string | null): string {
  if (iso === null) return '—'
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

/** "1 h 20 min", "50 min", "3 d 2 h"; negative as "… ago". */
export function spanText(seconds: number): string {
  const abs = Math.abs(Math.trunc(seconds))
  const days = Math.floor(abs / 86_400)
  const hours = Math.floor((abs % 86_400) / 3600)
  const minutes = Math.floor((abs % 3600) / 60)
  const text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? (minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`) : minutes > 0 ? `${minutes} min` : `${abs % 60} s`
  return seconds < 0 ? `${text} ago` : text
}
