/**
 * RingCX identity attributes and extra-value mappings, shared by signed and unsigned identities.
 */
import type { WarningCode } from '../../common/codes'
import type { Issue, MergedField, SourcedField, SourcedValue } from '../../common/inspection'
import { displayValue, isPlainObject } from '../../common/values'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../../common/ringcx'
import { compileMappingRegex, type ExtraValueMapping } from '../../common/ringcx/settings'
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
  const extras = identity['extra_values']
  if (extras !== undefined && !isPlainObject(extras)) return '"extra_values" must be an object of key/value pairs.'
  return null
}

const regexCache = new Map<string, RegExp>()
function mappingMatches(mapping: ExtraValueMapping, value: string): boolean {
  if (mapping.regex === undefined) return true
  let regex = regexCache.get(mapping.regex)
  if (regex === undefined) {
    regex = compileMappingRegex(mapping.regex)
    regexCache.set(mapping.regex, regex)
  }
  return regex.test(value)
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
    const raw = identity[name]
    if (raw === undefined || raw === null) continue
    const value = displayValue(raw)
    byName.set(name, { value, source: 'identity', overridden: [] })
    received.push({ name, value, source: 'identity' })
  }

  const extras = isPlainObject(identity['extra_values']) ? identity['extra_values'] : {}
  const extraEntries = Object.entries(extras).map(([name, raw]) => ({ name, value: displayValue(raw) }))
  for (const entry of extraEntries) received.push({ ...entry, source: 'extra_values' })

  const mappedKeys = new Set<string>()
  for (const mapping of mappings) {
    const isUuid = mapping.key === 'uuid'
    const raw = isUuid ? identity['uuid'] : extras[mapping.key]
    if (raw === undefined || raw === null) continue
    const value = displayValue(raw)
    if (!mappingMatches(mapping, value)) {
      warnings.push(issue('ringcx-extra-value-regex-mismatch', `"${mapping.key}" → ${mapping.target} needs ${mapping.regex ?? ''}.`))
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
