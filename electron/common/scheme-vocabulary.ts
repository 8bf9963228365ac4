/**
 * What every vendor ("scheme") brings to the vocabulary all runtimes share: its names, codes,
 * settings section, key rules, field order and labels, sources, checks, payload forms and the
 * words the panel uses. Each scheme fills one in under common/<scheme>/; common/schemes.ts
 * registers them. Browser-safe: data and pure functions only.
 */
import type { FixitDescriptionShape, SchemeFixit } from './fixit/scheme-fixit'
import type { SettingsSection } from './settings-kit'

/** The plain-language text of a code. */
export interface CodeInfo {
  /** What happened, in one sentence a non-developer understands. */
  readonly summary: string
  /** What to do about it. */
  readonly advice: string
}

/** The types a scheme's vocabulary is made of; the registry derives the shared unions from them. */
export interface VocabularyTypes {
  readonly id: string
  readonly settings: unknown
  readonly errorCode: string
  readonly warningCode: string
  readonly checkId: string
  readonly source: string
  readonly form: string
  readonly diagnosisCode: string
  readonly material: { readonly scheme: string; readonly kid: string; readonly alg: string }
  readonly signRequest: { readonly scheme: string; readonly kid: string }
  /** What the scheme's fix programs are generated from; left out by a scheme without them. */
  readonly fixitDescription?: FixitDescriptionShape
}

/** A source chip's words: the label, a glyph that carries the meaning without colour, and a sentence. */
export interface SourceText {
  readonly label: string
  readonly icon: string
  readonly description: string
}

/** A source's words by how far its value can be trusted; a variant left out falls back to `verified`. */
export interface SourceTexts {
  readonly verified: SourceText
  /** The value of an unsigned identity: anyone could have sent it. */
  readonly unsigned?: SourceText
  /** The value of a rejected payload. */
  readonly notAccepted?: SourceText
  /** A value no mapping shows in the agent panel. */
  readonly unmapped?: SourceText
  /** The source in a few plain words, as the command line prints it. */
  readonly plain: string
}

/** How stored keys of a scheme are named and checked. */
export interface KeyRules {
  /** Key IDs: RingCX names its own rule; schemes without vendor IDs take a name without spaces. */
  readonly kidPattern: RegExp
  /** The Key ID rule in a sentence's words, e.g. "lower-case letters, digits and _". */
  readonly kidRule: string
  /** The Key ID rule as the key form explains it. */
  readonly kidHint: string
  /** Each algorithm a key may be bound to, and whether it is a secret or an RSA public key. */
  readonly algorithms: Readonly<Record<string, 'secret' | 'rsa-public'>>
  /** Why a stored secret cannot be this scheme's, or null when it can. */
  secretProblem(secret: string): string | null
}

/** The form of one member of a scheme's sign request, checked before it reaches the signer. */
export type SignRequestMember =
  | { readonly kind: 'time'; readonly optional?: boolean }
  | { readonly kind: 'handle'; readonly optional?: boolean }
  | { readonly kind: 'json-object'; readonly optional?: boolean }
  | { readonly kind: 'text-fields'; readonly optional?: boolean }
  | { readonly kind: 'one-of'; readonly values: readonly string[]; readonly optional?: boolean }

/** What the inspector panel says about a scheme's results. */
export interface PanelWords<Settings> {
  /** Under a verified verdict, when the scheme says it otherwise than "signed with a key in your key store". */
  readonly verifiedExplanation?: string
  /**
   * What the scheme's own signing leaves unprotected, in words for an agent and the website team:
   * shown beside the decoded payload and in the escalation report.
   */
  readonly integrityNote?: { readonly title: string; readonly text: string }
  /** Why the fields listed as "not shown in the agent panel" are not shown. */
  readonly unmappedReason: string
  /** Extra values reach the agent panel only through mappings: the keys that have one. */
  mappedKeys?(settings: Settings): readonly string[]
  readonly expiry: {
    readonly title: string
    /** Shown when the payload carries no expiry. */
    readonly none: string
    /** Below this many seconds left the countdown says "expiring soon". */
    readonly soonSeconds: number
    /** The same threshold taken from the scheme's settings, where it has one. */
    soonSecondsFrom?(settings: Settings): number
    /** What the website must do with this much time left, or null. */
    advice?(secondsLeft: number): string | null
  }
}

export interface SchemeVocabulary<T extends VocabularyTypes = VocabularyTypes> {
  readonly id: T['id']
  /** How the panel and the command line name the vendor, e.g. "RingCX". */
  readonly name: string
  /** The vendor's product as a report names it, e.g. "RingCX Messaging". */
  readonly productName: string
  readonly codes: {
    readonly errors: readonly T['errorCode'][]
    readonly warnings: readonly T['warningCode'][]
    readonly info: Readonly<Record<T['errorCode'] | T['warningCode'], CodeInfo>>
    /** The code of a payload of this scheme that cannot be read at all. */
    readonly malformed: T['errorCode']
    /** The codes that say only that no key of the inspector's could check the identity. */
    readonly noKey: readonly T['errorCode'][]
    /** The codes that say no key of the inspector's made the signature or hash (another key did, or none). */
    readonly noMatchingKey: readonly T['errorCode'][]
    /** For a JWT whose header names its key: the codes of a header naming none, and one the store lacks. */
    readonly keyId?: { readonly missing: T['errorCode']; readonly unknown: T['errorCode'] }
  }
  readonly settings: SettingsSection<T['settings']>
  readonly keys: KeyRules
  readonly fields: {
    /** The field that names the visitor (RingCX `uuid`, Rox.Chat `id`). */
    readonly visitorId?: string
    /** The fields the vendor's agent panel shows, in its order. */
    readonly order: readonly string[]
    readonly labels: Readonly<Record<string, string>>
    /** Where values come from, in the order the legend lists them. */
    readonly sources: readonly T['source'][]
    readonly sourceTexts: Readonly<Record<T['source'], SourceTexts>>
  }
  /** The scheme's checks and their names, in the order they run. */
  readonly checks: Readonly<Record<T['checkId'], string>>
  /** The payload forms only this scheme uses, and their names. */
  readonly forms: Readonly<Record<T['form'], string>>
  readonly diagnoses: readonly T['diagnosisCode'][]
  /** The members of the scheme's QA sign request besides `scheme` and `kid`; absent when it cannot sign. */
  readonly signRequest?: Readonly<Record<string, SignRequestMember>>
  readonly panel: PanelWords<T['settings']>
  /**
   * The programs that sign an inspected identity correctly on the website's server (`cli fixit`,
   * the Inspector's fix panel); absent when the scheme offers none.
   */
  readonly fixit?: SchemeFixit<'fixitDescription' extends keyof T ? NonNullable<T['fixitDescription']> : never, T['settings']>
}
