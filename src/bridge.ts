/**
 * The one module over `window.api`: stores call the bridge, components never do.
 * Tests install a fake with `setBridge()`.
 */
import { CHANNELS, verbName, type VisitorInspectorApi } from '../electron/shared/ipc-contract'

let installed: VisitorInspectorApi | null = null

/** Replaces the bridge (tests, or a page without the preload); `null` restores `window.api`. */
export function setBridge(api: VisitorInspectorApi | null): void {
  installed = api
}

/** A bridge whose every verb fails: the page was opened outside the app. */
function unavailableBridge(): VisitorInspectorApi {
  const failure = {
    ok: false as const,
    code: 'ipc-internal' as const,
    message: 'The app’s connection to its main process is missing: open Visitor Inspector as a desktop app.',
  }
  const verbs = Object.fromEntries(CHANNELS.map((channel) => [verbName(channel), () => Promise.resolve(failure)]))
  return { ...verbs, onMenu: () => () => undefined } as unknown as VisitorInspectorApi
}

export function useBridge(): VisitorInspectorApi {
  if (installed !== null) return installed
  if (typeof window !== 'undefined' && window.api !== undefined) return window.api
  installed = unavailableBridge()
  return installed
}
