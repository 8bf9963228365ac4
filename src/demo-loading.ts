/**
 * Loading the demo: the keys store imports the published demo keys, and the inspector gets the
 * example payloads. An app-level action, so neither store reaches into the other.
 */
import { useInspectionStore } from './stores/inspection'
import { useKeysStore } from './stores/keys'

/** Loads the demo keys and hands the example payloads to the inspector; false when it failed. */
export async function loadDemo(): Promise<boolean> {
  const examples = await useKeysStore().loadDemo()
  if (examples === null) return false
  useInspectionStore().setExamples(examples)
  return true
}
