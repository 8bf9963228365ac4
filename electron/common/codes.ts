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

export const INPUT_ERROR_CODES = ['input-too-large', 'input-too-deep', 'input-unrecognised', 'input-unreadable', 'input-identity-commented-out', 'sample-invalid', 'internal-error'] as const
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number]

/** Warnings about the payload or sample file as a whole, whatever its scheme. */
export const INPUT_WARNING_CODES = ['input-several-identities', 'input-commented-identity', 'sample-settings-ignored', 'sample-duplicate-member'] as const
export type InputWarningCode = (typeof INPUT_WARNING_CODES)[number]

export type ErrorCode = InputErrorCode | SchemeType<'errorCode'>
export type WarningCode = InputWarningCode | SchemeType<'warningCode'>
export type IssueCode = ErrorCode | WarningCode

export const ERROR_CODES: readonly ErrorCode[] = [...INPUT_ERROR_CODES, ...SCHEME_IDS.flatMap((id) => VOCABULARIES[id].codes.errors)]
export const WARNING_CODES: readonly WarningCode[] = [...INPUT_WARNING_CODES, ...SCHEME_IDS.flatMap((id) => VOCABULARIES[id].codes.warnings)]

const INPUT_CODE_INFO: Readonly<Record<InputErrorCode | InputWarningCode, CodeInfo>> = {
  'input-too-large': {
    summary: 'The payload is larger than 1 MiB, so it was not read.',
    advice: 'Paste only the identity (the token, snippet or visitor object), not a whole page or log.',
  },
  'input-too-deep': {
    summary: 'The payload is nested more than 64 levels deep, so it was not read.',
    advice: 'No identity needs that much nesting: ask who produced it, and paste only the identity itself.',
  },
  'input-unrecognised': {
    summary: 'The text is not a RingCX identity, a Rox.Chat visitor or a sample file.',
    advice: 'Paste a JWT, a chat URL with jwt_identity=, a _chatq.push(...) call, a roxchat_visitor = {...} snippet or its JSON.',
  },
  'input-unreadable': {
    summary: 'The file could not be read.',
    advice: 'Check that the file exists, is readable and is a text file.',
  },
  'input-identity-commented-out': {
    summary: 'The page\'s only identity is commented out, so the page hands the chat no identity at all.',
    advice: 'The website must pass a live identity: one inside <!-- … -->, // or /* … */ is never used.',
  },
  'internal-error': {
    summary: 'Visitor Inspector failed while inspecting this input, so it was not checked.',
    advice: 'Nothing about the payload is known; report the file and the message to the Visitor Inspector team.',
  },
  'sample-invalid': {
    summary: 'The sample file has a member of the wrong kind.',
    advice: `A sample is {"payload", "fields"?, "opFields"?, "now"? (ISO 8601), "scheme"? (${SCHEME_IDS.map((id) => `"${id}"`).join(' or ')}), "config"?}, and all its text well-formed Unicode.`,
  },
  'input-several-identities': {
    summary: 'The page holds more than one live identity; only the first one was inspected.',
    advice: 'A page should pass exactly one identity: check which one the chat really receives, and remove the others.',
  },
  'input-commented-identity': {
    summary: 'The page also holds a commented-out identity, which was ignored.',
    advice: 'Only the live identity was inspected; remove the commented-out one from the page so nobody mistakes it for the real one.',
  },
  'sample-settings-ignored': {
    summary: 'The file carries its own "now" or "config", which were ignored: your clock and settings judged it.',
    advice: 'To judge a QA sample by its own time and settings, use "inspect --sample", "batch" or the Samples view.',
  },
  'sample-duplicate-member': {
    summary: 'The sample file holds the same member name twice in one object; this inspector reads the last.',
    advice: 'Keep one of each member in the sample file, so that every tool reads the same sample.',
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
