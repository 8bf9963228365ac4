/**
 * What the schemes' detectors share: the invalid payload and reading an object literal out of
 * page script.
 */
import type { ErrorCode } from '../common/codes'
import { MAX_INPUT_BYTES } from '../common/limits'
import type { SchemeId } from '../common/schemes'
import { balancedObjectAt, parseObjectLiteral } from './object-literal'
import type { InvalidPayload } from './scheme'

export function invalidPayload(code: ErrorCode, message: string, scheme: SchemeId | null = null): InvalidPayload {
  return { kind: 'invalid', code, scheme, message }
}

/** How a scheme's messages name its page-script call and the object in it. */
export interface LiteralWords {
  readonly scheme: SchemeId
  readonly code: ErrorCode
  /** e.g. "The _setIdentity call" */
  readonly call: string
  /** e.g. "The identity object" */
  readonly object: string
}

/** Reads the object literal that starts at `start` in page script, and hands its value to `read`. */
export function readLiteralAt<P>(text: string, start: number, words: LiteralWords, read: (value: unknown) => P | InvalidPayload): P | InvalidPayload {
  const literal = balancedObjectAt(text, start)
  if (literal === null) return invalidPayload(words.code, `${words.call} has no complete {…} object.`, words.scheme)
  const parsed = parseObjectLiteral(literal)
  if (!parsed.ok) return invalidPayload(parsed.tooDeep ? 'input-too-deep' : words.code, `${words.object} could not be read: ${parsed.message}`, words.scheme)
  return read(parsed.value)
}

/** Where the object literal (or `null`) that starts at `start` ends, for an identity's own text; `start` when there is none. */
export function literalEnd(text: string, start: number): number {
  if (/^null\b/.test(text.slice(start, start + 5))) return start + 4
  // No literal larger than an input is looked for: a page of unclosed braces stays linear per identity.
  return start + (balancedObjectAt(text.slice(start, start + MAX_INPUT_BYTES + 1), 0)?.length ?? 0)
}

/** The matches of a global `pattern` in text order, at most `limit`. */
export function* matchesOf(text: string, pattern: RegExp, limit: number): Generator<RegExpExecArray> {
  let found = 0
  // matchAll copies the pattern, so no lastIndex is shared between calls.
  for (const match of text.matchAll(pattern)) {
    if (found++ >= limit) return
    yield match
  }
}
