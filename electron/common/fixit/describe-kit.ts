/**
 * What every scheme's fix-program description is built and checked with: JSON values with
 * well-formed text and bounded nesting, lifetimes, notes that quote a value safely.
 * Browser-safe; the rooms' fixit folders import this, never the registry's dispatchers.
 */
import { wellFormed } from './literals'
import type { DescribeFixitResult, FixitFailureCode, FixitNote } from './scheme-fixit'

/** A JSON value as a claim may hold it (numbers finite). */
export type FixitJsonValue = string | number | boolean | null | readonly FixitJsonValue[] | { readonly [name: string]: FixitJsonValue }

/** Claims and fields nest no deeper than this (objects and arrays inside the claims set). */
export const FIXIT_MAX_DEPTH = 32
/** The longest lifetime a program is generated with: ten years. */
export const FIXIT_MAX_LIFETIME_SECONDS = 10 * 366 * 24 * 3600

/** Thrown by {@link toJsonValue} past {@link FIXIT_MAX_DEPTH}; describeFixit turns it into `fixit-too-deep`. */
export class TooDeep extends Error {}

export function failure(code: FixitFailureCode, message: string): DescribeFixitResult<never> {
  return { ok: false, code, message }
}

/** Why a description's `lifetimeSeconds` is unusable, or null. */
export function lifetimeProblem(value: unknown, nullable: boolean): string | null {
  if (value === null && nullable) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > FIXIT_MAX_LIFETIME_SECONDS) {
    return `lifetimeSeconds must be a whole number of seconds from 1 to ${FIXIT_MAX_LIFETIME_SECONDS}${nullable ? ', or null' : ''}`
  }
  return null
}

/** Why a value is not a JSON value a program can hold, or null. */
export function jsonValueProblem(value: unknown, depth: number): string | null {
  if (depth > FIXIT_MAX_DEPTH) return `nested deeper than ${FIXIT_MAX_DEPTH} levels`
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'numbers must be finite'
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonValueProblem(item, depth + 1)
      if (problem !== null) return problem
    }
    return null
  }
  if (isPlainRecord(value)) {
    for (const name of Object.keys(value)) {
      const problem = jsonValueProblem(value[name], depth + 1)
      if (problem !== null) return problem
    }
    return null
  }
  return 'only JSON values (text, numbers, true, false, null, arrays, objects) are allowed'
}

/** An object made by a literal or JSON.parse (its prototype Object.prototype or null). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

/** Any object that is not an array. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Where notes of the code `Code` may be added: any scheme's own list of notes. */
export interface NoteList<Code extends string> {
  push(note: FixitNote<Code>): unknown
}

/** A lifetime held to ten years, with a note when it was longer. */
export function capLifetime(lifetimeSeconds: number, notes: NoteList<'fixit-lifetime-lowered'>): number {
  if (lifetimeSeconds <= FIXIT_MAX_LIFETIME_SECONDS) return lifetimeSeconds
  notes.push({ code: 'fixit-lifetime-lowered', message: `The inspected lifetime was ${lifetimeSeconds} s; the program uses at most ten years (${FIXIT_MAX_LIFETIME_SECONDS} s).` })
  return FIXIT_MAX_LIFETIME_SECONDS
}

/**
 * A value quoted for a note: JSON, shortened, with C1 controls, line and paragraph separators and
 * bidirectional controls escaped too, so a note cannot steer a terminal or reorder its text.
 */
export function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value)
  const short = json.length > 60 ? `${json.slice(0, 57)}...` : json
  return short.replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function repairedNote(what: string): FixitNote<'fixit-text-repaired'> {
  return { code: 'fixit-text-repaired', message: `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} held broken Unicode (lone surrogates), which UTF-8 cannot carry: each became U+FFFD.` }
}

/** A claim value as a JSON value: text well-formed, names unique, nesting bounded. */
export function toJsonValue(value: unknown, depth: number, onRepair: () => void): FixitJsonValue | undefined {
  if (depth > FIXIT_MAX_DEPTH) throw new TooDeep()
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') {
    const fixed = wellFormed(value)
    if (fixed !== value) onRepair()
    return fixed
  }
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonValue(item, depth + 1, onRepair) ?? null)
  if (isRecord(value)) {
    const out: Record<string, FixitJsonValue> = {}
    for (const name of Object.keys(value)) {
      const fixedName = wellFormed(name)
      if (fixedName !== name) onRepair()
      if (Object.hasOwn(out, fixedName)) continue
      const item = toJsonValue(value[name], depth + 1, onRepair)
      if (item !== undefined) setOwn(out, fixedName, item)
    }
    return out
  }
  return undefined
}

/** Sets an own member, so that a name such as "__proto__" stays a member and is not a prototype. */
export function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
}
