/**
 * RingCX identity attributes and extra-value mappings, shared by signed and unsigned identities.
 */
import type { WarningCode } from '../../common/codes'
import type { Issue, MergedField, SourcedField, SourcedValue } from '../../common/inspection'
import { compileMappingPattern, MAX_MAPPING_VALUE_LENGTH, type MappingTestResult } from '../../common/mapping-pattern'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../../common/ringcx'
import type { ExtraValueMapping } from '../../common/ringcx/settings'
import { describeTextFault, displayValue, findIllFormedText, isPlainObject, ownMember } from '../../common/values'
import { issue } from '../issue'

export interface RingcxFieldView {
  readonly fields: readonly MergedField[]
  readonly unmapped: readonly MergedField[]
  /** Every attribute and extra value as received, for a rejected identity. */
  readonly received: readonly SourcedField[]
  readonly warnings: readonly Issue<WarningCode>[]
}

/** Problems with the identity's shape that make it malformed, or null. */
export function ringcxIdentityShapeProblem(identity: Readonly<Record<string, unknown>>): string | null {
  const extras = ownMember(identity, 'extra_values')
  if (extras !== undefined && !isPlainObject(extras)) return '"extra_values" must be an object of key/value pairs.'
  const fault = findIllFormedText(identity)
  return fault === null ? null : describeTextFault(fault, 'The identity')
}

/** A pattern validation refused never maps anything: there is no fallback to another engine. */
function mappingTest(mapping: ExtraValueMapping, value: string): MappingTestResult {
  if (mapping.regex === undefined) return 'match'
  const compiled = compileMappingPattern(mapping.regex)
  return compiled.ok ? compiled.pattern.matchWhole(value) : 'no-match'
}

/**
 * Lays out an identity's attributes and extra values as agent-panel fields.
 *
 * Identity attributes come first in the vendor's order, then mapped extra values in mapping
 * order. Where a mapping targets a field the identity already fills, the identity attribute is
 * kept and the mapped value is listed as overridden.
 *
 * @example
 * ringcxFieldView({ uuid: 'u1', extra_values: { plan: 'gold' } }, [{ key: 'plan', target: 'custom:plan' }])
 * // fields: uuid (identity), plan (extra_values)
 */
export function ringcxFieldView(
  identity: Readonly<Record<string, unknown>>,
  mappings: readonly ExtraValueMapping[],
): RingcxFieldView {
  const byName = new Map<string, { value: string; source: MergedField['source']; overridden: SourcedValue[] }>()
  const received: SourcedField[] = []
  const warnings: Issue<WarningCode>[] = []

  for (const name of RINGCX_IDENTITY_ATTRIBUTES) {
    const raw = ownMember(identity, name)
    if (raw === undefined || raw === null) continue
    const value = displayValue(raw)
    byName.set(name, { value, source: 'identity', overridden: [] })
    received.push({ name, value, source: 'identity' })
  }

  const extrasIn = ownMember(identity, 'extra_values')
  const extras = isPlainObject(extrasIn) ? extrasIn : {}
  const extraEntries = Object.entries(extras).map(([name, raw]) => ({ name, value: displayValue(raw) }))
  for (const entry of extraEntries) received.push({ ...entry, source: 'extra_values' })

  const mappedKeys = new Set<string>()
  for (const mapping of mappings) {
    const isUuid = mapping.key === 'uuid'
    // Own members only: a mapping for "constructor" or "__proto__" must not read Object.prototype.
    const raw = ownMember(isUuid ? identity : extras, mapping.key)
    if (raw === undefined || raw === null) continue
    const value = displayValue(raw)
    const test = mappingTest(mapping, value)
    if (test !== 'match') {
      const detail = test === 'too-long'
        ? `"${mapping.key}" → ${mapping.target}: the value is longer than ${MAX_MAPPING_VALUE_LENGTH} characters, so its pattern was not tried.`
        : `"${mapping.key}" → ${mapping.target} needs ${mapping.regex ?? ''}.`
      warnings.push(issue('ringcx-extra-value-regex-mismatch', detail))
      continue
    }
    if (!isUuid) mappedKeys.add(mapping.key)
    const target = mapping.target.slice(mapping.target.indexOf(':') + 1)
    const source = isUuid ? 'identity' : 'extra_values'
    const existing = byName.get(target)
    if (existing === undefined) byName.set(target, { value, source, overridden: [] })
    else if (existing.value !== value) existing.overridden.push({ source, value })
  }

  const fields: MergedField[] = [...byName].map(([name, entry]) => ({ name, ...entry }))
  const unmapped: MergedField[] = extraEntries
    .filter((entry) => !mappedKeys.has(entry.name))
    .map((entry) => ({ ...entry, source: 'extra_values', overridden: [] }))
  return { fields, unmapped, received, warnings }
}
