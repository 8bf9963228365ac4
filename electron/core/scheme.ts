/**
 * A vendor ("scheme") as the engine sees it: its vocabulary and the rules it brings. Each scheme
 * implements this once under core/<scheme>/ and is registered in core/schemes.ts; the
 * orchestrators (key parsing, the key ring, detection, inspection, signing) dispatch through it.
 */
import type { ErrorCode, WarningCode } from '../common/codes'
import type { Check, Diagnosis, Expiry, Issue, MatchedKey, MergedField, PayloadForm, RawView, SourcedField, Verdict } from '../common/inspection'
import type { KeyObject } from 'node:crypto'
import type { AnyKeyMaterial, KeyMaterial } from '../common/key-material'
import type { SchemeVocabulary } from '../common/scheme-vocabulary'
import type { SchemeId } from '../common/schemes'
import type { InspectionSettings } from '../common/settings'
import type { SourceDuplicates } from './json-source'
import type { KeyCandidate, KeyEntryMembers } from './key-candidate'
import type { KeyRing, KeyRingEntry } from './key-ring'
import type { RenewalTimeline } from '../common/capture/capture-types'
import type { CaptureSpan, TimelineIdentity } from './capture/renewal-timeline'
import type { TimeLimitAt } from './time-limits'
import type { TokenTable } from './token-table'

/** What a scheme's detector found: its kind (named after the scheme, e.g. `ringcx-jwt`) and form. */
export interface SchemePayload {
  readonly kind: string
  readonly form: PayloadForm
}

/** Input that could not be read as any scheme's payload, or as the named scheme's. */
export interface InvalidPayload {
  readonly kind: 'invalid'
  readonly code: ErrorCode
  readonly scheme: SchemeId | null
  readonly message: string
}

export interface StartPage {
  readonly title: string
  readonly url: string
}

/** A QA sample file's own members, besides its payload. */
export interface Sample {
  readonly fields?: Readonly<Record<string, string>>
  readonly opFields?: Readonly<Record<string, string>>
  readonly now?: Date
  readonly scheme?: SchemeId
  /** Partial settings, validated by the inspection. */
  readonly config?: unknown
  /** What the inspection must produce (checked by the expectation checker). */
  readonly expect?: unknown
  /** Rox.Chat identification by token, resolved against a token table. */
  readonly authToken?: string
  /** The page the chat started from. */
  readonly startPage?: StartPage
  /** Members this version does not interpret, kept as they are. */
  readonly extras: Readonly<Record<string, unknown>>
  /** Member names the sample file's text holds twice or more, outside its payload. */
  readonly duplicateMembers?: SourceDuplicates
}

/** A scheme's call, assignment or URL parameter found in page text: its form, where it starts and ends, and how to read it. */
export interface SnippetMatch<P extends SchemePayload = SchemePayload> {
  /** One of the detectors' {@link PayloadDetectors.identityForms}. */
  readonly form: string
  readonly index: number
  /** Where the identity's own text ends: the match, or the object literal (or `null`) after it. */
  readonly end: () => number
  readonly read: () => P | InvalidPayload
}

/** How a scheme recognises its payloads. Every reader answers null for input that is not its scheme's. */
export interface PayloadDetectors<P extends SchemePayload = SchemePayload> {
  /** The kinds of payload these detectors produce: the scheme inspects every one of them. */
  readonly kinds: readonly P['kind'][]
  /**
   * The whole (trimmed) text, in a form this scheme uses: a compact JWT. `forced`: the caller named
   * the scheme, so a form several schemes share (a bare JWT) is this scheme's.
   */
  text?(trimmed: string, forced?: boolean): P | null
  /**
   * Every call, assignment or URL parameter of this scheme in page text, in text order, commented-out
   * ones included (at most `limit`); the first live one of all schemes is inspected.
   */
  snippets?(text: string, limit: number): readonly SnippetMatch<P>[]
  /** The forms {@link snippets} finds, each in words for messages ("a _setIdentity call"). */
  readonly identityForms?: Readonly<Record<string, string>>
  /**
   * A JSON value (or a sample's payload object). `forced`: the scheme was named (by the caller
   * or the sample), so the value is this scheme's or malformed, never null.
   */
  object(value: unknown, form: PayloadForm, forced: boolean): P | InvalidPayload | null
  /**
   * Among the schemes' readers (of objects, whole texts, loose texts and samples), lower goes
   * first: the one whose members or claims are unmistakable.
   */
  readonly objectPrecedence: number
  /** What an object of this scheme has, for the message when no scheme recognises one. */
  readonly objectHint: string
  /** A sample file without a payload that identifies its visitor otherwise (a Rox.Chat auth token). */
  sample?(sample: Sample): P | null
  /** Lower-case words that name this scheme's identity in page script: client-side signing near them is found. */
  readonly identityMarkers?: readonly string[]
  /** Text that matched no form but still looks like this scheme's, so its checks can say why it fails. */
  looseText?(trimmed: string): P | null
}

/** What a scheme's inspection may use: the whole ring and settings (each scheme reads its own part). */
export interface SchemeContext {
  readonly keys: KeyRing
  readonly settings: InspectionSettings
  readonly now: Date
  readonly sample: Sample | null
  /** Identification by token: token → the visitor fields the site registered. */
  readonly authTokens?: TokenTable
}

/** What a scheme found about one payload; the orchestrator completes it into an Inspection. */
export interface SchemeOutcome {
  /** Left out: rejected. */
  readonly verdict?: Verdict
  readonly errors: readonly Issue<ErrorCode>[]
  readonly warnings?: readonly Issue<WarningCode>[]
  readonly checks: readonly Check[]
  readonly fields?: readonly MergedField[]
  readonly unmapped?: readonly MergedField[]
  readonly rejectedFields?: readonly SourcedField[]
  readonly key?: MatchedKey | null
  readonly expiry?: Expiry
  readonly raw: RawView
}

/** What signing a QA sample may use besides the request and key. */
export interface SignContext {
  readonly now: Date
  readonly settings: InspectionSettings
  /** A time such as `+2h` as Unix seconds; the caller says in its own words when it is not one. */
  time(spec: string, name: string): number
}

/** A signed sample's members besides `scheme` and `now`: its payload, and the settings it was signed under. */
export interface SignedMembers {
  readonly payload: unknown
  readonly config?: unknown
}

/** How a scheme signs QA samples with a key QA owns. */
export interface SchemeSigner<R = unknown, K = unknown> {
  /** A stored key that can sign; null for one that cannot (a public key). */
  signingKey(material: KeyMaterial): K | null
  /** The material that verifies what the key signs, to check the sample just signed. */
  verificationMaterial(key: K): KeyMaterial
  /** A private key file QA picked, for the Key ID its samples name: schemes that sign with RSA keys. */
  withPrivateKey?(privateKey: KeyObject, kid: string): { readonly ok: true; readonly key: K } | { readonly ok: false; readonly message: string }
  /** Signs the request (its shape is the scheme's sign request in common/<scheme>/). */
  sign(request: R, key: K, context: SignContext): Promise<SignedMembers>
}

/** The types a scheme's engine is made of. */
export interface EngineTypeBundle {
  readonly payload: SchemePayload
  readonly material: AnyKeyMaterial
  /** The scheme's part of the key ring: its keys imported once, in the form its checks use. */
  readonly ring: unknown
  readonly signRequest: unknown
  readonly signingKey: unknown
}

/** A secret of a key ring; `fingerprint` may be computed when first read. */
export interface RingSecret {
  readonly kid: string
  readonly secret: string
  readonly fingerprint: string
}

/** How a scheme reads key files and builds its part of the key ring. */
export interface SchemeKeys<M extends AnyKeyMaterial = AnyKeyMaterial, R = unknown> {
  /** A key manifest entry of this scheme (its scheme and Key ID already read). */
  fromManifestEntry(members: KeyEntryMembers, kid: string): KeyCandidate<M>
  /** A one-line text secret named with `SCHEME:KID=FILE`. */
  fromSecretText(secret: string, kid: string): KeyCandidate<M>
  /** A JWK (alone or in a JWKS): only the scheme whose keys JWKs are takes them. */
  fromJwk?(jwk: Readonly<Record<string, unknown>>, kid: string): KeyCandidate<M>
  /** A PEM public or private key or an X.509 certificate: only the scheme that takes RSA keys. */
  fromPem?(pem: string, kid: string): KeyCandidate<M>
  /** Imports the scheme's keys once into the form its checks use. */
  ring(entries: readonly KeyRingEntry<M>[]): Promise<R>
  /** The secrets in the scheme's part of a ring (its RSA keys have none), for the capture audit's leak search. */
  secrets?(ring: R): readonly RingSecret[]
}

export interface Scheme<T extends EngineTypeBundle = EngineTypeBundle> {
  readonly id: string
  readonly vocabulary: SchemeVocabulary
  readonly detect: PayloadDetectors<T['payload']>
  readonly keys: SchemeKeys<T['material'], T['ring']>
  /** Verifies a payload its detectors found and lays out its fields. */
  inspect(payload: T['payload'], context: SchemeContext): Promise<SchemeOutcome>
  /** When a signature or hash failed: the usual mistake that explains it; null when nothing failed that way. */
  diagnose?(payload: T['payload'], outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null>
  /**
   * When time alone would turn a verified identity of this scheme into a rejected one, as Unix
   * seconds: the same rules as its checks (see core/time-limits.ts).
   */
  timeLimits?(raw: RawView, settings: InspectionSettings): readonly TimeLimitAt[]
  /**
   * Capture audits: how this scheme's visitors renewed their identities over a capture's time
   * (only its own, uncommented identities are handed in); absent for a scheme without renewal.
   */
  renewalTimelines?(identities: readonly TimelineIdentity[], spans: ReadonlyMap<string, CaptureSpan>, settings: InspectionSettings): RenewalTimeline[]
  /** Signs QA samples; absent for a scheme whose samples cannot be signed here. */
  readonly signer?: SchemeSigner<T['signRequest'], T['signingKey']>
}
