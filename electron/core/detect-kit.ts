/**
 * What the schemes' detectors share: the invalid payload and reading an object literal out of
 * page script.
 */
import type { ErrorCode } from '../common/codes'
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
  if (!parsed.ok) return invalidPayload(words.code, `${words.object} could not be read: ${parsed.message}`, words.scheme)
  return read(parsed.value)
}
