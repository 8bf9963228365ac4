import { computed, ref, type ComputedRef, type Ref } from 'vue'

/** Rows drawn at first; the rest wait for "Show all", so a payload with thousands of fields stays quick. */
export const FIRST_ROWS = 500

export interface RowLimit<T> {
  readonly visible: ComputedRef<readonly T[]>
  /** How many rows "Show all" would add; 0 when every row is drawn. */
  readonly hidden: ComputedRef<number>
  readonly showAll: () => void
  readonly expanded: Ref<boolean>
}

export function useRowLimit<T>(rows: ComputedRef<readonly T[]>, first = FIRST_ROWS): RowLimit<T> {
  const expanded = ref(false)
  const visible = computed(() => (expanded.value ? rows.value : rows.value.slice(0, first)))
  const hidden = computed(() => rows.value.length - visible.value.length)
  return { visible, hidden, expanded, showAll: () => { expanded.value = true } }
}
