/**
 * Failures the renderer shows: data with a stable code, turned into plain words here.
 */
import type { IpcErrorCode, Result } from '../electron/shared/ipc-contract'
import { CODE_INFO, type IssueCode } from '../electron/common/codes'

/** A failure kept as data: the code for logic and tests, the message for people. */
export interface Problem {
  readonly code: string
  readonly message: string
}

/** Failures the renderer itself detects before anything is sent. */
export type RendererProblemCode =
  | 'input-too-large'
  | 'input-empty'
  | 'key-file-too-large'
  | 'clipboard-unwritable'
  | 'url-not-allowed'
  | 'sign-form-invalid'

const IPC_SUMMARY: Readonly<Record<IpcErrorCode, string>> = {
  'ipc-bad-sender': 'The request was refused because it did not come from the app’s own window.',
  'ipc-bad-argument': 'The app sent a request its main process could not accept.',
  'ipc-too-large': 'The text is larger than 1 MiB, so it was not sent.',
  'ipc-internal': 'Something went wrong inside the app.',
  'file-unreadable': 'The file could not be read.',
  'file-too-large': 'The file is larger than 1 MiB, so it was not read.',
  'key-not-found': 'That key is no longer in the key store.',
  'key-duplicate': 'A key with that Key ID is already in the key store.',
  'key-store-unavailable': 'The key store cannot be used right now.',
  'import-expired': 'The import waited more than 10 minutes for confirmation, so it was dropped: import the keys again.',
  'settings-store-unavailable': 'The settings file cannot be used right now.',
  'url-not-allowed': 'Only https: links open, and only in your browser.',
  'demo-unavailable': 'The demo keys and examples could not be loaded.',
  'samples-run-not-found': 'That sample run is over: a newer run replaced it.',
  'sample-not-openable': 'That file is a key or settings file, not a sample, so it is not shown.',
  'token-table-invalid': 'The file is not a token table: it must be JSON like {"token": {"id": "…", …}}.',
  'qa-tools-off': 'Signing samples is a QA tool: switch on QA tools in Settings first.',
  'signing-key-unusable': 'That key cannot sign a sample.',
  'signing-input-invalid': 'The sample could not be signed as asked.',
  'file-unwritable': 'The file could not be saved.',
  'capture-upload-invalid': 'The capture could not be handed to the app whole: drop it again.',
  'capture-not-found': 'That capture audit is over: a newer one replaced it.',
  'capture-identity-not-openable': 'That identity cannot be shown in the Inspector.',
  'quick-check-key-invalid': 'The pasted key could not be used: nothing was checked and nothing was stored.',
}

function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(CODE_INFO, code)
}

/** The headline for a problem; its own message follows as the detail. */
export function problemSummary(problem: Problem): string {
  if (Object.hasOwn(IPC_SUMMARY, problem.code)) return IPC_SUMMARY[problem.code as IpcErrorCode]
  if (isIssueCode(problem.code)) return CODE_INFO[problem.code].summary
  return problem.message
}

/** Bridge calls may reject (a broken preload); such a rejection becomes a problem, not a crash. */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call()
  } catch (error) {
    return { ok: false, code: 'ipc-internal', message: error instanceof Error ? error.message : String(error) }
  }
}

/** UTF-8 length, the measure the main process applies to its 1 MiB limits. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

/** The plain-language text of an inspection code; tolerant of a code this build does not know yet. */
export function codeInfo(code: string): { readonly summary: string; readonly advice: string } {
  return isIssueCode(code) ? CODE_INFO[code] : { summary: `Problem ${code}.`, advice: '' }
}
