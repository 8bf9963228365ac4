/**
 * Warnings about the text a payload was read from, rather than about its values: member names
 * given more than once in one object (see json-source.ts).
 */
import { CODE_INFO, type WarningCode } from './codes'
import type { Issue } from './inspection'
import { duplicateMembersOf, type SourceDuplicates } from './json-source'
import { displayJson, formatValuePath } from './values'

/**
 * One warning per duplicated name (up to the listed ones, then one for the rest), naming the
 * member and where it sits.
 *
 * @example
 * duplicateMemberWarnings('ringcx-duplicate-member', 'the JWT claims', claims)
 * // [{ code: 'ringcx-duplicate-member', message: '… "uuid" appears 2 times in the JWT claims.' }]
 */
export function duplicateMemberWarnings(
  code: WarningCode,
  where: string,
  source: unknown,
  duplicates: SourceDuplicates = duplicateMembersOf(source),
): Issue<WarningCode>[] {
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
