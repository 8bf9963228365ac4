/**
 * The vocabulary of a capture audit: where in a browser capture something was found, the
 * findings, the renewal timeline and the limits. Types and constants only, browser-safe: the
 * command line, the main process and the window share them.
 */
import type { Inspection, Verdict } from '../inspection'
import type { SchemeId } from '../schemes'

/** The part of a HAR entry (or a saved page) that was searched. */
export type CapturePart = 'request-url' | 'request-body' | 'response-body' | 'page'
export const CAPTURE_PARTS: readonly CapturePart[] = ['request-url', 'request-body', 'response-body', 'page']

/** Where in a capture something was found. */
export interface CaptureLocation {
  /** The capture as named: the path given to the command line, the file name in the app. */
  readonly capture: string
  /** The HAR entry's index in `log.entries` (from 0); null for a saved page. */
  readonly entry: number | null
  /** The entry's request URL (known secrets masked, invisible characters escaped, cut at 2,048 characters); null for a saved page. */
  readonly url: string | null
  readonly part: CapturePart
  /** The entry's `startedDateTime` as ISO 8601 UTC; null for a saved page or a time that could not be read. */
  readonly time: string | null
  /** Set when it was found in a URL query or form parameter, after percent-decoding: the parameter's name. */
  readonly parameter?: string
  /** 1-based line and column in the searched text (the decoded parameter value where `parameter` is set). */
  readonly line?: number
  readonly column?: number
}

/** How a key's secret appeared: as its own text, or its bytes in hex, base64 or base64url (any case, padded or not). */
export type SecretEncoding = 'text' | 'hex' | 'base64' | 'base64url'

/** A secret of the key store (or a `--key` file) found in a capture. The secret itself is never reported. */
export interface LeakedSecretFinding {
  readonly kind: 'leaked-secret'
  readonly scheme: SchemeId
  readonly kid: string
  readonly fingerprint: string
  readonly location: CaptureLocation
  readonly encoding: SecretEncoding
}

/** What made a script look like it signs the identity in the browser. */
export type SigningSignal = 'hmac' | 'hash' | 'jwt-signing' | 'webcrypto' | 'private-key'

/** Script that computes the identity's signature or hash in the browser: its secret is in the page. */
export interface ClientSigningFinding {
  readonly kind: 'client-side-signing'
  /** The scheme whose identity the script builds (by the identity next to the call). */
  readonly scheme: SchemeId
  readonly signal: SigningSignal
  readonly location: CaptureLocation
  /** A short excerpt around the call: one line, known secrets and key-like literals masked, invisible characters escaped. */
  readonly evidence: string
  /** The call sits in a comment (the secret is in the page all the same). */
  readonly commented: boolean
}

export type CaptureFinding = LeakedSecretFinding | ClientSigningFinding

/** What was not searched, and why. Said on standard error by the command line, in a list by the app. */
export type CaptureNoticeCode =
  | 'body-too-large'
  | 'body-not-text'
  | 'body-bad-base64'
  | 'body-binary'
  | 'url-too-large'
  | 'entries-limit'
  | 'identities-limit'
  | 'findings-limit'
  | 'secret-too-short'

export interface CaptureNotice {
  readonly code: CaptureNoticeCode
  readonly capture: string
  readonly entry: number | null
  readonly message: string
}

/** One identity found in a capture: its inspection and where it was found. */
export interface CaptureIdentity {
  /** Position in capture order, from 0, over all captures of one audit. */
  readonly index: number
  readonly location: CaptureLocation
  /** The form in words, e.g. "a _setSignedIdentity call". */
  readonly formName: string
  /** Inside an HTML or script comment: reported, never taken for the live call. */
  readonly commented: boolean
  /** The identity's own text (call, assignment or URL parameter), as the Inspector reads it. */
  readonly text: string
  /** Judged at the operator's clock (or `--now`), never at the capture's time. */
  readonly inspection: Inspection
}

/** How a renewed RingCX token compares with the one before it, at the moment the site set it. */
export type RenewalOutcome =
  /** Set while the previous token still had at least the minimum expiry left. */
  | 'in-time'
  /** Set after the previous token had fallen under the minimum, before it expired. */
  | 'under-minimum'
  /** Set after the previous token had expired. */
  | 'after-expiry'

/** How much a token had left when the site set it. */
export type TokenFreshness = 'fresh' | 'under-minimum' | 'expired' | 'no-exp'

export interface RenewalToken {
  /** The first identity (see {@link CaptureIdentity.index}) that carried this token. */
  readonly identity: number
  /** How many identities of the capture carried it. */
  readonly seen: number
  /** When it first and last appeared (the capture's time). */
  readonly firstSeen: string
  readonly lastSeen: string
  /** Its `exp` and `iat` as ISO 8601, when present and numeric. */
  readonly expiresAt: string | null
  readonly issuedAt: string | null
  /** Seconds from first appearance to `exp`. */
  readonly secondsLeftWhenSet: number | null
  readonly freshness: TokenFreshness
  /** The verdict at the operator's time. */
  readonly verdict: Verdict
  /** Compared with the token before it; null for the first. */
  readonly renewal: RenewalOutcome | null
}

/** One visitor's RingCX tokens over one capture's time. */
export interface RenewalTimeline {
  readonly capture: string
  /** The visitor's `uuid` claim. */
  readonly visitor: string
  readonly tokens: readonly RenewalToken[]
  /** The capture's first and last entry times: the timeline's axis. */
  readonly start: string
  readonly end: string
  /** The minimum expiry in force (settings `ringcx.minExpirySeconds`). */
  readonly minExpirySeconds: number
  /**
   * The last token had fallen under the minimum (or expired) before the capture's last entry, and
   * no new one followed.
   */
  readonly lapsedAtEnd: boolean
}

export interface CaptureSummary {
  readonly captures: number
  readonly identities: number
  readonly verified: number
  readonly rejected: number
  readonly leakedSecrets: number
  readonly clientSideSigning: number
  /** Bodies, URLs, entries or identities not searched or not reported (see the notices). */
  readonly skipped: number
}

/** Limits that keep an audit's memory and output bounded whatever the capture holds. */
export const CAPTURE_LIMITS = {
  /** A body (decoded) or a saved page larger than this is not searched. */
  maxBodyBytes: 8 * 1024 * 1024,
  /** A request URL longer than this is not searched. */
  maxUrlBytes: 1024 * 1024,
  /** HAR entries read per capture; the rest are not. */
  maxEntries: 100_000,
  /** Identities reported per audit; more are counted as skipped. */
  maxIdentities: 2_000,
  /** Findings reported per audit (both kinds together). */
  maxFindings: 1_000,
  /** Client-side signing findings per searched text. */
  maxSigningPerText: 5,
  /** Notices kept per capture; more are counted. */
  maxNotices: 100,
  /** Characters of an evidence excerpt. */
  maxEvidenceLength: 240,
  /** Characters of a URL in a location. */
  maxLocationUrlLength: 2048,
  /** Secrets shorter than this are not searched for: they would match by chance. */
  minSecretLength: 8,
} as const

export type CaptureLimits = { readonly [K in keyof typeof CAPTURE_LIMITS]: number }
