/**
 * The pieces every settings section is read with: problems by dotted path, unknown members,
 * whole seconds and one-of choices. Each scheme's section reader (under common/<scheme>/) uses them.
 */
import type { MappingPatternProblemCode } from './mapping-pattern'
import { plainSpaces, spanWords } from './time-words'

export type SettingsProblemCode =
  | 'settings-not-object'
  | 'settings-unknown-member'
  | 'settings-bad-value'
  | MappingPatternProblemCode

export interface SettingsProblem {
  /** Dotted path of the offending setting, e.g. `ringcx.minExpirySeconds`. */
  readonly path: string
  readonly code: SettingsProblemCode
  readonly message: string
}

export class ProblemList {
  readonly items: SettingsProblem[] = []
  add(path: string, message: string, code: SettingsProblemCode = 'settings-bad-value'): void {
    this.items.push({ path, code, message })
  }
}

export function checkMembers(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  problems: ProblemList,
): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) {
      problems.add(`${prefix}${name}`, `"${prefix}${name}" is not a setting`, 'settings-unknown-member')
    }
  }
}

export function wholeSeconds(
  value: unknown,
  path: string,
  max: number,
  fallback: number,
  problems: ProblemList,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    problems.add(path, `${path} must be a whole number of seconds, at most ${max} (${plainSpaces(spanWords(max, { largest: 'day' }))})`)
    return fallback
  }
  return value
}

export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  fallback: T,
  problems: ProblemList,
): T {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    problems.add(path, `${path} must be one of ${allowed.join(', ')}`)
    return fallback
  }
  return value as T
}

/**
 * One scheme's section of the settings (`{"ringcx": {…}}`): its defaults and how a partial section
 * is read over a base. Problems name their path with the scheme's id first.
 */
export interface SettingsSection<S> {
  readonly defaults: S
  read(input: Readonly<Record<string, unknown>>, base: S, problems: ProblemList): S
  /**
   * How the window's Settings view edits the section when it has no editor of its own: one
   * description per member, of the kind its type asks for. `read` stays the one judge of a value.
   */
  readonly form?: SettingsForm<S>
}

/** The words every member of a settings form has. */
interface FormMemberWords {
  readonly label: string
  /** One or two sentences under the field: what the setting does and its default. */
  readonly help: string
}

/** A choice among fixed texts, each with its label (and an optional hint). */
export interface OneOfFormMember<T extends string = string> extends FormMemberWords {
  readonly kind: 'one-of'
  readonly choices: Readonly<Record<T, { readonly label: string; readonly hint?: string }>>
}

export interface BooleanFormMember extends FormMemberWords {
  readonly kind: 'boolean'
}

/** A list of short texts, typed one a line. */
export interface StringListFormMember extends FormMemberWords {
  readonly kind: 'string-list'
  readonly maxItems: number
  /** What one entry looks like, in words for the hint. */
  readonly itemRule: string
}

export interface WholeSecondsFormMember extends FormMemberWords {
  readonly kind: 'whole-seconds'
  readonly max: number
}

export type SettingsFormMember = OneOfFormMember | BooleanFormMember | StringListFormMember | WholeSecondsFormMember

/** The form member a setting's type asks for: a boolean a switch, a list of texts a list, and so on. */
export type FormMemberFor<V> = [V] extends [boolean]
  ? BooleanFormMember
  : [V] extends [number]
    ? WholeSecondsFormMember
    : [V] extends [readonly string[]]
      ? StringListFormMember
      : [V] extends [string]
        ? OneOfFormMember<V>
        : never

/** A section's form: every member described, in the order the view shows them. */
export type SettingsForm<S> = { readonly [K in keyof S & string]: FormMemberFor<S[K]> }
