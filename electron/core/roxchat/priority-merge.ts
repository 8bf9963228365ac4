/**
 * Rox.Chat's priority merge of the three visitor field sets.
 */
import type { MergedField, SourcedValue } from '../../common/inspection'
import { ROXCHAT_KNOWN_FIELDS } from '../../common/roxchat'
import type { RoxchatFieldSet } from '../../common/roxchat/settings'

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
  // No table of its own: a name's winner and the values it overrode are found by looking the
  // name up in the other sets, whose own hash tables already exist. Merging 100,000 fields then
  // costs close to 100 times merging 1,000, and most fields never get an overridden list.
  const order: [RoxchatFieldSet, Readonly<Record<string, string>>][] = []
  for (const source of priorityOrder) {
    const set = sets[source]
    if (set !== undefined && set !== null) order.push([source, set])
  }
  const known = new Map<string, MergedField>()
  const unmapped: MergedField[] = []
  order.forEach(([source, set], rank) => {
    for (const name of Object.keys(set)) {
      if (takenAbove(order, rank, name)) continue
      const value = set[name] as string
      let overridden = NONE
      for (let lower = rank + 1; lower < order.length; lower++) {
        const [lowerSource, lowerSet] = order[lower] as [RoxchatFieldSet, Readonly<Record<string, string>>]
        const lowerValue = valueIn(lowerSet, name)
        if (lowerValue !== undefined && lowerValue !== value) {
          // An array literal of one is sized exactly; push() on [] would reserve room for more.
          if (overridden === NONE) overridden = [{ source: lowerSource, value: lowerValue }]
          else overridden.push({ source: lowerSource, value: lowerValue })
        }
      }
      const entry: MergedField = { name, value, source, overridden }
      if (KNOWN.has(name)) known.set(name, entry)
      else unmapped.push(entry)
    }
  })
  const fields: MergedField[] = []
  for (const name of ROXCHAT_KNOWN_FIELDS) {
    const entry = known.get(name)
    if (entry !== undefined) fields.push(entry)
  }
  return { fields, unmapped }
}

/**
 * A set's own value for a name; field values are text, so anything else is not the set's. Most
 * names are missing from most sets, so the own-member check runs only for a text value found.
 */
function valueIn(set: Readonly<Record<string, string>>, name: string): string | undefined {
  const value: unknown = set[name]
  return typeof value === 'string' && Object.hasOwn(set, name) ? value : undefined
}

function takenAbove(order: readonly [RoxchatFieldSet, Readonly<Record<string, string>>][], rank: number, name: string): boolean {
  for (let higher = 0; higher < rank; higher++) {
    if (valueIn((order[higher] as [RoxchatFieldSet, Readonly<Record<string, string>>])[1], name) !== undefined) return true
  }
  return false
}
