/**
 * Where focus lands when a view is shown: its heading, unless the way there asked for a control in
 * it (Back to Samples returns to the row that was opened). Read once by App.vue.
 */
import type { View } from './stores/ui'

const requests = new Map<View, string>()

/** The next time `view` is shown, focus the element matching `selector` (if it is there). */
export function focusOnShow(view: View, selector: string): void {
  requests.set(view, selector)
}

/** The element to focus as `view` is shown: the one asked for, else the view's heading. */
export function focusTargetFor(view: View, root: ParentNode = document): HTMLElement | null {
  const selector = requests.get(view)
  requests.delete(view)
  const asked = selector === undefined ? null : root.querySelector<HTMLElement>(selector)
  return asked ?? document.getElementById(`${view}-title`)
}
