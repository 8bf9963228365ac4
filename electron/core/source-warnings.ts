/**
 * Warnings about the text a payload was read from, rather than about its values: member names
 * given more than once in one object (see json-source.ts).
 */
import { CODE_INFO, type WarningCode } from '../common/codes'
import type { Issue } from '../common/inspection'
import { duplicateMembersInText, type SourceDuplicates } from './json-source'
import { displayJson, formatValuePath } from '../common/values'

/**
 * One warning per duplicated name (up to the listed ones, then one for the rest), naming the
 * member and where it sits.
 *
 * @example
 * duplicateMemberWarnings('roxchat-duplicate-member', 'the visitor', duplicateMembersOf(visitor))
 * // [{ code: 'roxchat-duplicate-member', message: '… "id" appears 2 times in the visitor at fields.' }]
 */
export function duplicateMemberWarnings(code: WarningCode, where: string, duplicates: SourceDuplicates): Issue<WarningCode>[] {
  if (duplicates.total === 0) return []
  const summary = CODE_INFO[code].summary
  const warnings: Issue<WarningCode>[] = duplicates.listed.map((member) => ({
    code,
    message: `${summary} ${displayJson(member.name, { maxLength: 60 })} appears ${member.count} times in ${where}${member.path.length === 0 ? '' : ` at ${formatValuePath(member.path)}`}.`,
  }))
  const unlisted = duplicates.total - duplicates.listed.length
  if (unlisted > 0) warnings.push({ code, message: `${summary} ${unlisted} more names appear more than once in ${where}.` })
  return warnings
}

/**
 * The duplicate-member warnings of a JWT's header and claims, under the scheme's `code`, found in
 * their decoded texts (the parsed header and claims, where given, spare the scan of texts whose
 * names all differ).
 */
export function jwtDuplicateMemberWarnings(decoded: {
  readonly headerJson?: string
  readonly claimsJson?: string
  readonly header?: unknown
  readonly claims?: unknown
}, code: WarningCode): Issue<WarningCode>[] {
  const warnings: Issue<WarningCode>[] = []
  if (decoded.headerJson !== undefined) warnings.push(...duplicateMemberWarnings(code, 'the JWT header', duplicateMembersInText(decoded.headerJson, 'json', decoded.header)))
  if (decoded.claimsJson !== undefined) warnings.push(...duplicateMemberWarnings(code, 'the JWT claims', duplicateMembersInText(decoded.claimsJson, 'json', decoded.claims)))
  return warnings
}
