import type { ErrorCode, IssueCode, WarningCode } from './codes'
import type { SchemeId, SchemeType } from './schemes'

export type Verdict = 'verified' | 'accepted-unsigned' | 'rejected' | 'logged-out'

/** Every scheme's checks, each named in its vocabulary; `format` (the payload could be read) is everyone's. */
export type CheckId = 'format' | SchemeType<'checkId'>

export type CheckStatus = 'pass' | 'fail' | 'skip'

export interface Check {
  readonly id: CheckId
  readonly status: CheckStatus
  readonly code?: IssueCode
  /** The key that verified, where this check found one (the signature or hash check). */
  readonly kid?: string
}

export interface Issue<C extends IssueCode = IssueCode> {
  readonly code: C
  readonly message: string
}

/** Where a field value came from; each scheme names its own sources (see its vocabulary). */
export type FieldSource = SchemeType<'source'>

export interface SourcedValue {
  readonly source: FieldSource
  readonly value: string
}

export interface MergedField {
  readonly name: string
  readonly value: string
  readonly source: FieldSource
  /** Differing values from lower-priority sources, highest first. */
  readonly overridden: readonly SourcedValue[]
}

export type ExpiryStatus = 'valid' | 'expiring-soon' | 'expired' | 'none'

export interface Expiry {
  /** ISO 8601 in UTC, or null when the identity carries no expiry. */
  readonly expiresAt: string | null
  readonly secondsLeft: number | null
  readonly status: ExpiryStatus
}

export interface MatchedKey {
  readonly kid: string
  readonly fingerprint: string
}

/** The form the payload arrived in, for the raw view and reports: JSON, an object, or a scheme's own form. */
export type PayloadForm = 'json' | 'object' | SchemeType<'form'>

export interface RawView {
  readonly form?: PayloadForm
  /** Decoded JWT header and claims (never the signature). */
  readonly header?: Readonly<Record<string, unknown>>
  readonly claims?: Readonly<Record<string, unknown>>
  /** The Rox.Chat visitor object as received (its hash included: it is public). */
  readonly visitor?: unknown
  /** The unsigned RingCX identity as received. */
  readonly identity?: Readonly<Record<string, unknown>>
  /** The exact message that was hashed (without the key). */
  readonly hashedMessage?: string
}

/** Everything one inspection found: the single object handed to the panel, the CLI and tests. */
export interface Inspection {
  readonly scheme: SchemeId | null
  readonly verdict: Verdict
  readonly errors: readonly Issue<ErrorCode>[]
  readonly warnings: readonly Issue<WarningCode>[]
  readonly checks: readonly Check[]
  readonly key: MatchedKey | null
  readonly expiry: Expiry
  readonly fields: readonly MergedField[]
  readonly unmapped: readonly MergedField[]
  readonly rejectedFields: readonly SourcedField[]
  /** The time the inspection was judged at (ISO 8601). */
  readonly now: string
  /**
   * The members of a sample file that judged it instead of the operator's clock and settings;
   * empty unless the caller asked for sample semantics and the sample carried them.
   */
  readonly appliedFromSample: readonly SampleSetting[]
  readonly raw: RawView
  /** Members of a QA sample file that the inspector does not interpret itself. */
  readonly sample?: SampleInfo
  /** When a signature or hash failed: the usual mistake that explains it, if one does. */
  readonly diagnosis?: readonly Diagnosis[]
  /** A sample's `expect`, checked against this inspection. */
  readonly expectation?: ExpectationOutcome
  /** The page the chat started from (Rox.Chat `start-page`). */
  readonly startPage?: { readonly title: string; readonly url: string }
  /**
   * For a verified identity that runs out: the moments at which time alone makes a check fail, in
   * time order, judged by the settings that judged it. The window re-judges at each one.
   */
  readonly timeLimits?: readonly TimeLimit[]
  /** Set by the app's quick check: judged with a key pasted for this inspection only, never stored. */
  readonly checkedWithUnsavedKey?: true
}

/** From `at` on (ISO 8601), `check` fails with `code`: the identity is rejected from then. */
export interface TimeLimit {
  readonly at: string
  readonly check: CheckId
  readonly code: ErrorCode
  /**
   * What the limit is, for the window to word it without knowing a scheme's codes: `expired`,
   * the identity ran out; `too-soon`, it still runs but has less left than the vendor requires.
   */
  readonly kind: 'expired' | 'too-soon'
}

export interface Diagnosis {
  readonly code: DiagnosisCode
  readonly message: string
}

/** Every scheme's diagnoses; a key with whitespace and "nothing explains it" are everyone's. */
export type DiagnosisCode = 'diagnosis-key-whitespace' | 'diagnosis-unexplained' | SchemeType<'diagnosisCode'>

export interface ExpectationOutcome {
  readonly met: boolean
  readonly mismatches: readonly { readonly path: string; readonly expected: unknown; readonly actual: unknown }[]
}

export interface SourcedField {
  readonly name: string
  readonly value: string
  readonly source: FieldSource
}

/** What a QA sample file may carry to judge itself by: its own time and its own settings. */
export type SampleSetting = 'now' | 'config'

export interface SampleInfo {
  readonly extras: Readonly<Record<string, unknown>>
}

export const NO_EXPIRY: Expiry = { expiresAt: null, secondsLeft: null, status: 'none' }
