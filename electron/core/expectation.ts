/**
 * QA expectations: what a sample file says its inspection must produce, and how it differs.
 */
import type { ExpiryStatus, FieldSource, Inspection, Verdict } from '../common/inspection'
import { vocabularies } from '../common/schemes'
import { isPlainObject, ownMember, setOwnMember } from '../common/values'

export interface FieldExpectation {
  readonly value?: string
  readonly source?: FieldSource
}

export interface Expectation {
  readonly verdict?: Verdict
  readonly errors?: readonly string[]
  readonly warnings?: readonly string[]
  readonly fields?: Readonly<Record<string, FieldExpectation>>
  readonly unmapped?: readonly string[]
  readonly expiryStatus?: ExpiryStatus
}

export interface Mismatch {
  /** Where the inspection differs, e.g. `verdict`, `errors`, `fields.email.source`. */
  readonly path: string
  readonly expected: unknown
  readonly actual: unknown
}

export interface ExpectationResult {
  readonly met: boolean
  readonly mismatches: readonly Mismatch[]
}

const VERDICTS: readonly Verdict[] = ['verified', 'accepted-unsigned', 'rejected', 'logged-out']
const EXPIRY_STATUSES: readonly ExpiryStatus[] = ['valid', 'expiring-soon', 'expired', 'none']

function stringList(value: unknown, path: string, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    problems.push(`"expect.${path}" must be a list of text`)
    return undefined
  }
  return value as string[]
}

/**
 * Reads a sample's `expect` member; problems are reported in words, never thrown.
 *
 * @example
 * readExpectation({ verdict: 'rejected', errors: ['ringcx-jwt-expired'] }).expectation?.verdict // 'rejected'
 */
export function readExpectation(value: unknown): { expectation: Expectation | null; problems: string[] } {
  const problems: string[] = []
  if (!isPlainObject(value)) return { expectation: null, problems: ['"expect" must be an object'] }
  const known = new Set(['verdict', 'errors', 'warnings', 'fields', 'unmapped', 'expiryStatus'])
  for (const name of Object.keys(value)) if (!known.has(name)) problems.push(`"expect.${name}" is not something a sample can expect`)
  const verdict = ownMember(value, 'verdict')
  const expiryStatus = ownMember(value, 'expiryStatus')
  const fields = ownMember(value, 'fields')
  if (verdict !== undefined && !(VERDICTS as readonly unknown[]).includes(verdict)) problems.push(`"expect.verdict" must be one of ${VERDICTS.join(', ')}`)
  if (expiryStatus !== undefined && !(EXPIRY_STATUSES as readonly unknown[]).includes(expiryStatus)) problems.push(`"expect.expiryStatus" must be one of ${EXPIRY_STATUSES.join(', ')}`)
  const errors = stringList(ownMember(value, 'errors'), 'errors', problems)
  const warnings = stringList(ownMember(value, 'warnings'), 'warnings', problems)
  const unmapped = stringList(ownMember(value, 'unmapped'), 'unmapped', problems)
  let fieldExpectations: Record<string, FieldExpectation> | undefined
  if (fields !== undefined) {
    if (!isPlainObject(fields)) problems.push('"expect.fields" must be an object of field names')
    else {
      fieldExpectations = {}
      for (const [name, rule] of Object.entries(fields)) {
        if (!isPlainObject(rule)) {
          problems.push(`"expect.fields.${name}" must be an object with "value" and/or "source"`)
          continue
        }
        const expected = ownMember(rule, 'value')
        const source = ownMember(rule, 'source')
        const sources: readonly FieldSource[] = vocabularies().flatMap((vocabulary) => vocabulary.fields.sources as readonly FieldSource[])
        if (expected !== undefined && typeof expected !== 'string') problems.push(`"expect.fields.${name}.value" must be text`)
        if (source !== undefined && !(sources as readonly unknown[]).includes(source)) problems.push(`"expect.fields.${name}.source" must be one of ${sources.join(', ')}`)
        // A rule of our own making: the sample's object could carry other members or a prototype's.
        const fieldExpectation: FieldExpectation = {
          ...(expected === undefined ? {} : { value: expected as string }),
          ...(source === undefined ? {} : { source: source as FieldSource }),
        }
        setOwnMember(fieldExpectations, name, fieldExpectation)
      }
    }
  }
  if (problems.length > 0) return { expectation: null, problems }
  return {
    expectation: {
      ...(verdict === undefined ? {} : { verdict: verdict as Verdict }),
      ...(errors === undefined ? {} : { errors }),
      ...(warnings === undefined ? {} : { warnings }),
      ...(fieldExpectations === undefined ? {} : { fields: fieldExpectations }),
      ...(unmapped === undefined ? {} : { unmapped }),
      ...(expiryStatus === undefined ? {} : { expiryStatus: expiryStatus as ExpiryStatus }),
    },
    problems,
  }
}

function sameSet(expected: readonly string[], actual: readonly string[]): boolean {
  const a = [...new Set(expected)].sort()
  const b = [...new Set(actual)].sort()
  return a.length === b.length && a.every((item, index) => item === b[index])
}

/**
 * Compares an inspection with what the sample expects. Lists compare as sets.
 *
 * @example
 * checkExpectation({ verdict: 'verified' }, inspection) // { met: true, mismatches: [] }
 */
export function checkExpectation(expectation: Expectation, inspection: Inspection): ExpectationResult {
  const mismatches: Mismatch[] = []
  if (expectation.verdict !== undefined && expectation.verdict !== inspection.verdict) {
    mismatches.push({ path: 'verdict', expected: expectation.verdict, actual: inspection.verdict })
  }
  const errorCodes = inspection.errors.map((error) => error.code)
  if (expectation.errors !== undefined && !sameSet(expectation.errors, errorCodes)) {
    mismatches.push({ path: 'errors', expected: [...expectation.errors], actual: errorCodes })
  }
  const warningCodes = inspection.warnings.map((warning) => warning.code)
  if (expectation.warnings !== undefined && !sameSet(expectation.warnings, warningCodes)) {
    mismatches.push({ path: 'warnings', expected: [...expectation.warnings], actual: warningCodes })
  }
  if (expectation.fields !== undefined) {
    const byName = new Map(inspection.fields.map((field) => [field.name, field]))
    for (const [name, rule] of Object.entries(expectation.fields)) {
      const field = byName.get(name)
      if (field === undefined) {
        mismatches.push({ path: `fields.${name}`, expected: rule, actual: null })
        continue
      }
      if (rule.value !== undefined && rule.value !== field.value) mismatches.push({ path: `fields.${name}.value`, expected: rule.value, actual: field.value })
      if (rule.source !== undefined && rule.source !== field.source) mismatches.push({ path: `fields.${name}.source`, expected: rule.source, actual: field.source })
    }
  }
  const unmappedNames = inspection.unmapped.map((field) => field.name)
  if (expectation.unmapped !== undefined && !sameSet(expectation.unmapped, unmappedNames)) {
    mismatches.push({ path: 'unmapped', expected: [...expectation.unmapped], actual: unmappedNames })
  }
  if (expectation.expiryStatus !== undefined && expectation.expiryStatus !== inspection.expiry.status) {
    mismatches.push({ path: 'expiryStatus', expected: expectation.expiryStatus, actual: inspection.expiry.status })
  }
  return { met: mismatches.length === 0, mismatches }
}
