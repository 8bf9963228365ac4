/**
 * Stable codes for every error and warning an inspection can report.
 *
 * Codes never change once released: the renderer, the command line's JSON and QA's
 * expectation files switch on them. Message text may change freely. Each scheme's own codes
 * live in its folder (common/<scheme>/codes.ts); the payload codes are here.
 */
import type { CodeInfo } from './scheme-vocabulary'
import { SCHEME_IDS, VOCABULARIES, vocabularies, type SchemeType } from './schemes'

export type { CodeInfo } from './scheme-vocabulary'

export const INPUT_ERROR_CODES = ['input-too-large', 'input-unrecognised', 'input-unreadable', 'sample-invalid'] as const
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number]

export type ErrorCode = InputErrorCode | SchemeType<'errorCode'>
export type WarningCode = SchemeType<'warningCode'>
export type IssueCode = ErrorCode | WarningCode

export const ERROR_CODES: readonly ErrorCode[] = [...INPUT_ERROR_CODES, ...SCHEME_IDS.flatMap((id) => VOCABULARIES[id].codes.errors)]
export const WARNING_CODES: readonly WarningCode[] = SCHEME_IDS.flatMap((id) => VOCABULARIES[id].codes.warnings)

const INPUT_CODE_INFO: Readonly<Record<InputErrorCode, CodeInfo>> = {
  'input-too-large': {
    summary: 'The payload is larger than 1 MiB, so it was not read.',
    advice: 'Paste only the identity (the token, snippet or visitor object), not a whole page or log.',
  },
  'input-unrecognised': {
    summary: 'The text is not a RingCX identity, a Rox.Chat visitor or a sample file.',
    advice: 'Paste a JWT, a chat URL with jwt_identity=, a _chatq.push(...) call, a roxchat_visitor = {...} snippet or its JSON.',
  },
  'input-unreadable': {
    summary: 'The file could not be read.',
    advice: 'Check that the file exists, is readable and is a text file.',
  },
  'sample-invalid': {
    summary: 'The sample file has a member of the wrong kind.',
    advice: `A sample is {"payload", "fields"?, "opFields"?, "now"? (ISO 8601), "scheme"? (${SCHEME_IDS.map((id) => `"${id}"`).join(' or ')}), "config"?}.`,
  },
}

export const CODE_INFO: Readonly<Record<IssueCode, CodeInfo>> = Object.assign(
  {},
  INPUT_CODE_INFO,
  ...SCHEME_IDS.map((id) => VOCABULARIES[id].codes.info),
) as Record<IssueCode, CodeInfo>

/** The text of any code, a scheme registered at run time included; undefined for an unknown one. */
export function codeInfo(code: string): CodeInfo | undefined {
  if (Object.hasOwn(CODE_INFO, code)) return CODE_INFO[code as IssueCode]
  for (const vocabulary of vocabularies()) {
    const info: Readonly<Record<string, CodeInfo>> = vocabulary.codes.info
    if (Object.hasOwn(info, code)) return info[code]
  }
  return undefined
}
