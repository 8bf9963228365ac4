/**
 * What a scheme brings to "show the website team the fix": the hook `SchemeVocabulary.fixit`.
 * A scheme that has one describes its inspected identities and generates their signing program
 * in every language; a scheme without one offers no fix programs. Browser-safe: types only.
 */
import type { FixitJsonValue } from './describe-kit'
import type { FixitLanguage, SchemeProgram } from './languages/language'

/** What every scheme's description holds: which scheme, and how long the signed identity lives (null: no expiry). */
export interface FixitDescriptionShape {
  readonly scheme: string
  readonly lifetimeSeconds: number | null
}

/**
 * The members of the core's `Inspection` this reads; an `Inspection` is one. (Structural, so that
 * this browser-safe module needs nothing from the engine.)
 */
export interface FixitInspection {
  readonly scheme: string | null
  /** When the inspection was judged (ISO 8601): lifetimes without `iat` count from here. */
  readonly now: string
  readonly key?: { readonly kid: string } | null
  /** The payload's parts as the scheme decoded them (never the signature); read with `ownMember`. */
  readonly raw: object
}

/** Something the program does differently from the inspected identity, and why. */
export interface FixitNote<Code extends string = string> {
  readonly code: Code
  readonly message: string
}

export type FixitFailureCode = 'fixit-no-identity' | 'fixit-logged-out' | 'fixit-too-deep' | 'fixit-not-offered'

export type DescribeFixitResult<Description = FixitDescriptionShape> =
  | { readonly ok: true; readonly description: Description; readonly notes: readonly FixitNote[] }
  | { readonly ok: false; readonly code: FixitFailureCode; readonly message: string }

/** What a scheme's `describe` is given besides the inspection. */
export interface FixitContext<Settings> {
  /** The inspection's time, in whole seconds since the epoch. */
  readonly nowSeconds: number
  /** The scheme's own settings section. */
  readonly settings: Settings
  /** An algorithm asked for instead of the settings' one (`cli fixit --algorithm`); always one of the scheme's `algorithms`. */
  readonly algorithm?: string
}

export interface SchemeFixit<Description extends FixitDescriptionShape = FixitDescriptionShape, Settings = unknown> {
  /** The words the program's file is named by: `['sign', 'identity']` gives sign-identity.mjs, SignIdentity.java. */
  readonly fileWords: readonly string[]
  /** The algorithms one may ask for instead of the settings' one; absent when the inspected identity decides. */
  readonly algorithms?: readonly string[]
  /**
   * The inspected identity as a description, with what the website got wrong put right and each
   * such change a note; or why there is nothing to sign. May throw the kit's `TooDeep`.
   */
  describe(inspection: FixitInspection, context: FixitContext<Settings>): DescribeFixitResult<Description>
  /** Why a description of this scheme (its `scheme` already matched) cannot be generated from, or null. */
  problem(description: Readonly<Record<string, unknown>>): string | null
  /** The value whose object names become names in the program (they must stay distinct once repaired). */
  names(description: Description): FixitJsonValue
  /** The opening comment's lines about this scheme: what the program prints, where it goes, the key, the lifetime. */
  header(description: Description): readonly string[]
  /** The program in each language. */
  readonly languages: Readonly<Record<FixitLanguage, SchemeProgram<Description>>>
}
