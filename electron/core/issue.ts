/**
 * The one place issues are built: a stable code and its summary, with the detail of this case.
 */
import { codeInfo, type IssueCode } from '../common/codes'
import type { Issue } from '../common/inspection'

/**
 * @example
 * issue('ringcx-jwt-unknown-kid', 'The header names "old_key".')
 * // { code: 'ringcx-jwt-unknown-kid', message: 'The JWT names a key ID that is not in the key store. The header names "old_key".' }
 */
export function issue<C extends IssueCode>(code: C, detail?: string): Issue<C> {
  const summary = codeInfo(code)?.summary ?? code
  return { code, message: detail === undefined ? summary : `${summary} ${detail}` }
}
