/**
 * What every command shares and nothing heavy: the process's streams and clock as the commands
 * see them, exit statuses and the usage error. `help` and `--version` load only this.
 */
import { visibleText } from '../core/visible-text'

export interface CliIo {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown }
  readonly now: () => Date
  readonly color: boolean
  /**
   * Standard error when it is a terminal: where `batch` draws its progress line. Left out when
   * standard error is a file or a pipe (then no progress is drawn).
   */
  readonly progress?: { write(text: string): unknown; readonly columns?: number }
  /** Standard input's bytes, at most one past `maxBytes` (enough to tell that it is too large). */
  readonly readStdin?: (maxBytes: number) => Promise<Uint8Array>
}

export const EXIT_OK = 0
export const EXIT_REJECTED = 1
export const EXIT_USAGE = 2
/**
 * The reader of the output went away (`… | head -1`): the run stops quietly with the status a
 * program stopped by SIGPIPE reports (128 + 13), since it did not finish.
 */
export const EXIT_CLOSED_PIPE = 141

/**
 * A problem with how the command was called, or with a file it was told to read. Its text often
 * echoes an argument or a file's content, so every line is made visible ({@link visibleText}):
 * a line break inside a value cannot start a line of its own.
 */
export class UsageError extends Error {
  constructor(message: string | readonly string[]) {
    super((typeof message === 'string' ? [message] : message).map(visibleText).join('\n'))
  }
}

/** What went wrong, in one line without a stack trace. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}


/**
 * Whether output may be coloured: only on a terminal, and never when NO_COLOR is set to anything
 * but the empty string (https://no-color.org).
 */
export function colorWanted(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env['NO_COLOR']
  return isTTY === true && (noColor === undefined || noColor === '')
}
