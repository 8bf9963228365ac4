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
/** Shared by every field nothing overrode; replaced before anything is pushed. */
const NONE: SourcedValue[] = []

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
  // One object per name, built once and handed out as it is: merging 100,000 fields should cost
  // 100 times merging 1,000, so nothing is copied and most fields never get an overridden list.
  const merged = new Map<string, { name: string; value: string; source: RoxchatFieldSet; overridden: SourcedValue[] }>()
  for (const source of priorityOrder) {
    const set = sets[source]
    if (set === undefined || set === null) continue
    for (const name in set) {
      if (!Object.hasOwn(set, name)) continue
      const value = set[name] as string
      const winner = merged.get(name)
      if (winner === undefined) merged.set(name, { name, value, source, overridden: NONE })
      else if (winner.value !== value) {
        if (winner.overridden === NONE) winner.overridden = []
        winner.overridden.push({ source, value })
      }
    }
  }
  const fields: MergedField[] = []
  for (const name of ROXCHAT_KNOWN_FIELDS) {
    const entry = merged.get(name)
    if (entry !== undefined) fields.push(entry)
  }
  const unmapped: MergedField[] = []
  for (const entry of merged.values()) {
    if (!KNOWN.has(entry.name)) unmapped.push(entry)
  }
  return { fields, unmapped }
}
