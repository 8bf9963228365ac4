/**
 * Words the panel shows for the core's identifiers: schemes, verdicts, checks, sources, fields.
 */
import type { CheckId, CheckStatus, ExpiryStatus, FieldSource, PayloadForm, Verdict } from '../electron/common/inspection'
import type { SampleStatus } from '../electron/shared/ipc-contract'
import type { RoxchatFieldSet, RoxchatHashAlgorithm } from '../electron/common/roxchat/settings'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../electron/common/ringcx'
import { ROXCHAT_KNOWN_FIELDS } from '../electron/common/roxchat'
import type { SchemeId } from '../electron/common/schemes'

export const SCHEME_NAME: Readonly<Record<SchemeId, string>> = {
  ringcx: 'RingCX',
  roxchat: 'Rox.Chat',
}

export function schemeName(scheme: SchemeId | null): string {
  return scheme === null ? 'Unknown kind' : SCHEME_NAME[scheme]
}

export const FORM_NAME: Readonly<Record<PayloadForm, string>> = {
  jwt: 'JWT',
  'chatq-snippet': '_chatq.push(...) snippet',
  'chat-url': 'chat URL',
  json: 'JSON',
  'page-snippet': 'page snippet',
  object: 'visitor object',
}

export interface VerdictText {
  readonly title: string
  /** A glyph that, with the title, carries the meaning without colour. */
  readonly icon: string
}

export const VERDICT_TEXT: Readonly<Record<Verdict, VerdictText>> = {
  verified: { title: 'Verified', icon: '✔' },
  'accepted-unsigned': { title: 'Accepted, unsigned', icon: '!' },
  rejected: { title: 'Rejected', icon: '✖' },
  'logged-out': { title: 'Logged out', icon: '⇤' },
}

/** One sentence under the verdict: what it means for the agent. */
export function verdictExplanation(verdict: Verdict, scheme: SchemeId | null): string {
  switch (verdict) {
    case 'verified':
      return scheme === 'roxchat'
        ? 'The visitor data carries a valid hash made with a key in your key store: the website vouches for these details.'
        : 'The identity is signed with a key in your key store and passed every check: the website vouches for these details.'
    case 'accepted-unsigned':
      return 'The community accepts unsigned identities, so the chat takes these details as they are. Nobody vouches for them: treat them as claims.'
    case 'rejected':
      return 'The chat would not accept this identity. Do not trust the details it contains; the reasons are listed below.'
    case 'logged-out':
      return 'The website sent roxchat_visitor = null: the visitor signed out, so no verified details remain.'
  }
}

export const CHECK_NAME: Readonly<Record<CheckId, string>> = {
  format: 'Payload format',
  mode: 'Signed-identity mode',
  kid: 'Key ID',
  algorithm: 'Signing algorithm',
  signature: 'Signature',
  exp: 'Expiry (exp)',
  uuid: 'Visitor UUID',
  fields: 'Field values',
  expires: 'Expiry (expires)',
  hash: 'Hash',
  token: 'Auth token',
}

export const CHECK_STATUS_TEXT: Readonly<Record<CheckStatus, VerdictText>> = {
  pass: { title: 'Passed', icon: '✔' },
  fail: { title: 'Failed', icon: '✖' },
  skip: { title: 'Not checked', icon: '–' },
}

export const EXPIRY_STATUS_TEXT: Readonly<Record<ExpiryStatus, VerdictText>> = {
  valid: { title: 'Valid', icon: '✔' },
  'expiring-soon': { title: 'Expiring soon', icon: '◔' },
  expired: { title: 'Expired', icon: '✖' },
  none: { title: 'No expiry', icon: '∞' },
}

/**
 * How far a value can be trusted, which changes what its source chip says: the same
 * `identity` source is a signed identity when verified and a bare claim when unsigned.
 */
export type SourceTrust = 'verified' | 'unsigned' | 'not-accepted'

export interface SourceText {
  readonly label: string
  readonly icon: string
  readonly description: string
}

/**
 * The chip for a value's source.
 *
 * @example
 * sourceText('providedFields', 'verified').label // 'Provided by website, verified'
 */
export function sourceText(source: FieldSource, trust: SourceTrust = 'verified', mapped = true): SourceText {
  const notAccepted = trust === 'not-accepted'
  switch (source) {
    case 'providedFields':
      return notAccepted
        ? { label: 'Sent by website, not verified', icon: '✖', description: 'Sent in roxchat_visitor, but the hash or another check failed.' }
        : { label: 'Provided by website, verified', icon: '✔', description: 'Sent by the website in roxchat_visitor and covered by its verified hash.' }
    case 'fields':
      return { label: 'Recognised by service', icon: '⚙', description: 'Filled in by the Rox.Chat service itself.' }
    case 'opFields':
      return { label: 'Entered by agent', icon: '✎', description: 'Typed by an agent in the visitor panel.' }
    case 'identity':
      if (notAccepted) return { label: 'Identity, not accepted', icon: '✖', description: 'An identity attribute of an identity the chat would reject.' }
      return trust === 'unsigned'
        ? { label: 'Unsigned identity', icon: '!', description: 'An attribute of an unsigned identity: anyone could have sent it.' }
        : { label: 'Signed identity', icon: '✔', description: 'An attribute of the verified, signed identity.' }
    case 'extra_values':
      if (notAccepted) return { label: 'Extra value, not accepted', icon: '✖', description: 'An extra value of an identity the chat would reject.' }
      if (!mapped) return { label: 'Extra value', icon: '+', description: 'An extra value the website sent that no mapping shows in the agent panel.' }
      return trust === 'unsigned'
        ? { label: 'Mapped extra value, unsigned', icon: '↦', description: 'An extra value of an unsigned identity, shown through a mapping.' }
        : { label: 'Mapped extra value', icon: '↦', description: 'An extra value shown in the agent panel through a mapping in Settings.' }
  }
}

export interface SourceChipView extends SourceText {
  readonly classes: readonly string[]
}

/** Everything a source chip draws; long tables use it directly instead of a component per row. */
export function sourceChip(source: FieldSource, trust: SourceTrust = 'verified', mapped = true): SourceChipView {
  const classes = ['chip', `chip--${source}`, `chip--${trust}`]
  if (!mapped) classes.push('chip--unmapped')
  return { ...sourceText(source, trust, mapped), classes }
}

/** Looks like a link (scheme://…), so it is shown with the https-only open button. */
export function looksLikeUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())
}

/** The sources each scheme uses, in the order its legend lists them. */
export const SCHEME_SOURCES: Readonly<Record<SchemeId, readonly FieldSource[]>> = {
  roxchat: ['providedFields', 'fields', 'opFields'],
  ringcx: ['identity', 'extra_values'],
}

const ROXCHAT_FIELD_LABEL: Readonly<Record<(typeof ROXCHAT_KNOWN_FIELDS)[number], string>> = {
  id: 'ID',
  display_name: 'Display name',
  phone: 'Phone',
  email: 'Email',
  profile_url: 'Profile URL',
  avatar_url: 'Avatar URL',
  login: 'Login',
  comment: 'Comment',
  info: 'Info',
  high_priority: 'Priority',
}

const RINGCX_FIELD_LABEL: Readonly<Record<(typeof RINGCX_IDENTITY_ATTRIBUTES)[number], string>> = {
  uuid: 'UUID',
  firstname: 'First name',
  lastname: 'Last name',
  email: 'Email',
  screenname: 'Screen name',
  avatar_url: 'Avatar URL',
  company: 'Company',
}

/** The vendor's order of known fields; fields not listed (RingCX mappings) follow in their own order. */
export const KNOWN_FIELD_ORDER: Readonly<Record<SchemeId, readonly string[]>> = {
  roxchat: ROXCHAT_KNOWN_FIELDS,
  ringcx: RINGCX_IDENTITY_ATTRIBUTES,
}

/** A readable label for a known field, or null for a field the vendor does not name (shown by its key). */
export function fieldLabel(scheme: SchemeId | null, name: string): string | null {
  const labels: Readonly<Record<string, string>> =
    scheme === 'roxchat' ? ROXCHAT_FIELD_LABEL : scheme === 'ringcx' ? RINGCX_FIELD_LABEL : {}
  return Object.hasOwn(labels, name) ? (labels[name] as string) : null
}

export const FIELD_SET_TEXT: Readonly<Record<RoxchatFieldSet, { readonly label: string; readonly description: string }>> = {
  providedFields: { label: 'Provided by website', description: 'providedFields: the signed roxchat_visitor fields' },
  fields: { label: 'Recognised by service', description: 'fields: values the Rox.Chat service fills in' },
  opFields: { label: 'Entered by agent', description: 'opFields: values agents type in the visitor panel' },
}

export const HASH_ALGORITHM_TEXT: Readonly<Record<RoxchatHashAlgorithm, string>> = {
  'hmac-sha256': 'HMAC-SHA256',
  sha256: 'SHA-256 (key appended)',
  sha512: 'SHA-512 (key appended)',
  md5: 'MD5 (key appended, legacy)',
}

/** Each sample status in words, with a glyph so it reads without colour. */
export const SAMPLE_STATUS_TEXT: Readonly<Record<SampleStatus, VerdictText & { readonly description: string }>> = {
  met: { title: 'Expectation met', icon: '✔', description: 'The inspection produced what the sample’s expect asks for.' },
  failed: { title: 'Expectation failed', icon: '✖', description: 'The inspection differs from the sample’s expect.' },
  'no-expectation': { title: 'No expectation', icon: '–', description: 'The file has no expect: only its verdict is shown.' },
  unreadable: { title: 'Unreadable', icon: '!', description: 'The file could not be read, or is over 1 MiB.' },
  skipped: { title: 'Skipped', icon: '↷', description: 'A key or settings file, not a sample.' },
}
