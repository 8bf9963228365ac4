/**
 * The plain reason beside an unmet sample expectation, for the Inspector and the Samples table:
 * what the inspection found, in words, and the usual cause when a sample expects "verified" but no
 * key in the store verifies it (it was signed with another key, for example by `cli sign --key`).
 */
import type { IssueCode } from '../electron/common/codes'
import { vocabularies } from '../electron/common/schemes'
import { codeInfo } from './problems'

/** Whether a code means "no key in this store made this signature or hash", in any vendor's words. */
function notThisStore(code: string): boolean {
  return vocabularies().some(({ codes }) => (codes.noKey as readonly string[]).includes(code) || (codes.noMatchingKey as readonly string[]).includes(code))
}

/**
 * Why a mismatch at `path` happened, or '' when the mismatch says it all.
 *
 * @example
 * expectationReason('verdict', 'verified', ['ringcx-jwt-bad-signature'])
 * // 'The signature does not match any key in your key store: …'
 */
export function expectationReason(path: string, expected: unknown, codes: readonly (IssueCode | string)[]): string {
  const [first] = codes
  if (path !== 'verdict' && path !== 'errors' && path !== 'expiryStatus') return ''
  if (first === undefined) return path === 'errors' ? 'The inspection found no error.' : ''
  const found = codeInfo(first).summary
  if (path === 'verdict' && expected === 'verified' && codes.some(notThisStore)) {
    return `${found} The sample was probably signed with a key that is not in your key store (for example with cli sign --key): import that key to meet its expectation.`
  }
  return found
}
