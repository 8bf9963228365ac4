/**
 * `batch --reporter github`: a GitHub Actions workflow command (`::error file=…,title=…::…`) for
 * every sample that did not pass, so the run's summary and the pull request show it.
 *
 * Escaping follows @actions/core's `command.ts`: in the message `%`, CR and LF become `%25`,
 * `%0D` and `%0A`; in a property also `:` and `,` (`%3A`, `%2C`). Every part is first made
 * visible ({@link visibleText}): no control character from a file name or value reaches the log.
 */
import type { BatchResult } from '../io/batch-run'
import { visibleText } from '../core/visible-text'
import { failureDetails, failureSentence } from './batch-report'

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

/** The annotation line for a sample that failed or could not be checked; null for the others. */
export function githubAnnotation(result: BatchResult): string | null {
  if (result.status !== 'failed' && result.status !== 'error') return null
  const title = result.status === 'error' ? 'Visitor Inspector: sample not checked' : 'Visitor Inspector: sample failed'
  // Lines of the message are separated by real line breaks (escaped as %0A, which GitHub shows);
  // nothing inside a line can break it, since each line is made visible first.
  const message = [failureSentence(result), ...failureDetails(result)].map(visibleText).join('\n')
  return `::error file=${escapeProperty(visibleText(result.file))},title=${escapeProperty(title)}::${escapeData(message)}\n`
}
