/**
 * Files a run creates on its way to a result (a report's body, a report not yet renamed into
 * place). Each is listed while it exists, so that a process cut short — a signal, a closed
 * pipe — removes them instead of leaving them behind.
 */
import { rmSync } from 'node:fs'

const pending = new Set<string>()

/** Lists `path` as a temporary of this process until {@link forgetTemporary}. */
export function trackTemporary(path: string): void {
  pending.add(path)
}

/** The file was removed or became a result: it is no longer a temporary. */
export function forgetTemporary(path: string): void {
  pending.delete(path)
}

/**
 * Removes every listed temporary, synchronously: it runs from a signal handler or just before
 * `process.exit`, where nothing asynchronous would finish.
 */
export function removeTemporariesNow(): void {
  for (const path of pending) {
    try {
      rmSync(path, { force: true })
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  pending.clear()
}
