/**
 * Rox.Chat's priority merge of the three visitor field sets.
 */
import type { MergedField, SourcedValue } from './inspection'
import type { RoxchatFieldSet } from './settings'

/** The fields the agent's visitor panel shows, in the vendor's order. */
export const ROXCHAT_KNOWN_FIELDS = [
  'id',
  'display_name',
  'phone',
  'email',
  'profile_url',
  'avatar_url',
  'login',
  'comment',
  'info',
  'high_priority',
] as const

const KNOWN = new Set<string>(ROXCHAT_KNOWN_FIELDS)

export type FieldSets = Partial<Record<RoxchatFieldSet, Readonly<Record<string, string>> | null>>

export interface MergeResult {
  /** Known fields, in the vendor's order. */
  readonly fields: readonly MergedField[]
  /** Other fields, in order of first appearance by priority. */
  readonly unmapped: readonly MergedField[]
}

/**
 * Merges the field sets by priority: for each name the value of the highest-priority set that
 * has it wins; differing values of lower sets are kept in `overridden`. Linear in the number
 * of fields.
 *
 * @example
 * mergeFieldSets({ providedFields: { phone: '1' }, opFields: { phone: '2' } }, ['providedFields', 'fields', 'opFields'])
 * // fields: [{ name: 'phone', value: '1', source: 'providedFields', overridden: [{ source: 'opFields', value: '2' }] }]
 */
export function mergeFieldSets(sets: FieldSets, priorityOrder: readonly RoxchatFieldSet[]): MergeResult {
  const merged = new Map<string, { value: string; source: RoxchatFieldSet; overridden: SourcedValue[] }>()
  for (const source of priorityOrder) {
    const set = sets[source]
    if (set === undefined || set === null) continue
    for (const name of Object.keys(set)) {
      const value = set[name] as string
      const winner = merged.get(name)
      if (winner === undefined) merged.set(name, { value, source, overridden: [] })
      else if (winner.value !== value) winner.overridden.push({ source, value })
    }
  }
  const fields: MergedField[] = []
  for (const name of ROXCHAT_KNOWN_FIELDS) {
    const entry = merged.get(name)
    if (entry !== undefined) fields.push({ name, ...entry })
  }
  const unmapped: MergedField[] = []
  for (const [name, entry] of merged) {
    if (!KNOWN.has(name)) unmapped.push({ name, ...entry })
  }
  return { fields, unmapped }
}
