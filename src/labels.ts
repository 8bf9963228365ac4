/**
 * Words the panel shows for the core's identifiers: schemes, verdicts, checks, sources, fields.
 * Each scheme's own words come from its vocabulary (electron/common/<scheme>/).
 */
import type { CheckId, CheckStatus, ExpiryStatus, FieldSource, PayloadForm, Verdict } from '../electron/common/inspection'
import type { SourceText, SourceTexts } from '../electron/common/scheme-vocabulary'
import { SCHEME_IDS, VOCABULARIES, schemeName as nameOfScheme, vocabularies, vocabularyOf, type SchemeId } from '../electron/common/schemes'
import type { SampleStatus } from '../electron/shared/ipc-contract'

export { FIELD_SET_TEXT, HASH_ALGORITHM_TEXT } from '../electron/common/roxchat/settings'
export type { SourceText } from '../electron/common/scheme-vocabulary'

/** Builds a per-scheme map from each scheme's vocabulary. */
function perScheme<T>(pick: (id: SchemeId) => T): Readonly<Record<SchemeId, T>> {
  return Object.fromEntries(SCHEME_IDS.map((id) => [id, pick(id)])) as Record<SchemeId, T>
}

export function schemeName(scheme: SchemeId | null): string {
  return nameOfScheme(scheme)
}

export const FORM_NAME: Readonly<Record<PayloadForm, string>> = Object.assign(
  { json: 'JSON', object: 'visitor object' },
  ...SCHEME_IDS.map((id) => VOCABULARIES[id].forms),
) as Record<PayloadForm, string>

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
      return (scheme === null ? undefined : vocabularyOf(scheme)?.panel.verifiedExplanation)
        ?? 'The identity is signed with a key in your key store and passed every check: the website vouches for these details.'
    case 'accepted-unsigned':
      return 'The community accepts unsigned identities, so the chat takes these details as they are. Nobody vouches for them: treat them as claims.'
    case 'rejected':
      return 'The chat would not accept this identity: nobody vouches for the details it contains. The website team finds the reasons below.'
    case 'logged-out':
      return 'The website sent roxchat_visitor = null: the visitor signed out, so no verified details remain.'
  }
}

/** One plain sentence per verdict: what the agent does now. */
export const AGENT_ACTION: Readonly<Record<Verdict, string>> = {
  verified: 'Serve the visitor as the person shown; you may discuss their account.',
  'accepted-unsigned': 'Treat these details as the visitor’s own claims: confirm who they are before you disclose account data.',
  rejected: 'Treat the visitor as anonymous; do not disclose account data.',
  'logged-out': 'Treat the visitor as anonymous; do not disclose account data from an earlier session.',
}

export const CHECK_NAME: Readonly<Record<CheckId, string>> = Object.assign(
  { format: 'Payload format' },
  ...SCHEME_IDS.map((id) => VOCABULARIES[id].checks),
) as Record<CheckId, string>

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

/**
 * The chip for a value's source.
 *
 * @example
 * sourceText('providedFields', 'verified').label // 'Provided by website, verified'
 */
export function sourceText(source: FieldSource, trust: SourceTrust = 'verified', mapped = true): SourceText {
  const texts = sourceTextsOf(source)
  if (trust === 'not-accepted' && texts.notAccepted !== undefined) return texts.notAccepted
  if (!mapped && texts.unmapped !== undefined) return texts.unmapped
  if (trust === 'unsigned' && texts.unsigned !== undefined) return texts.unsigned
  return texts.verified
}

function sourceTextsOf(source: FieldSource): SourceTexts {
  for (const vocabulary of vocabularies()) {
    const texts: Readonly<Record<string, SourceTexts>> = vocabulary.fields.sourceTexts
    if (Object.hasOwn(texts, source)) return texts[source] as SourceTexts
  }
  return { verified: { label: source, icon: '•', description: source }, plain: source }
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
export const SCHEME_SOURCES: Readonly<Record<SchemeId, readonly FieldSource[]>> = perScheme((id) => VOCABULARIES[id].fields.sources)

/** The vendor's order of known fields; fields not listed (RingCX mappings) follow in their own order. */
export const KNOWN_FIELD_ORDER: Readonly<Record<SchemeId, readonly string[]>> = perScheme((id) => VOCABULARIES[id].fields.order)

/**
 * A label for a field the vendor does not name, such as a mapping's own target:
 * "account_number" → "Account number".
 */
export function readableName(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase()
    .replace(/\b(id|url|uuid|vip)\b/g, (word) => word.toUpperCase())
  return words === '' ? name : words.charAt(0).toUpperCase() + words.slice(1)
}

/** A readable label for a known field, or null for a field the vendor does not name (shown by its key). */
export function fieldLabel(scheme: SchemeId | null, name: string): string | null {
  const labels = (scheme === null ? undefined : vocabularyOf(scheme)?.fields.labels) ?? {}
  return Object.hasOwn(labels, name) ? (labels[name] as string) : null
}

/** Each sample status in words, with a glyph so it reads without colour. */
export const SAMPLE_STATUS_TEXT: Readonly<Record<SampleStatus, VerdictText & { readonly description: string }>> = {
  met: { title: 'Expectation met', icon: '✔', description: 'The inspection produced what the sample’s expect asks for.' },
  failed: { title: 'Expectation failed', icon: '✖', description: 'The inspection differs from the sample’s expect.' },
  'no-expectation': { title: 'No expectation', icon: '–', description: 'The file has no expect: only its verdict is shown.' },
  unreadable: { title: 'Unreadable', icon: '!', description: 'The file could not be read, is over 1 MiB, or is not a valid sample.' },
  skipped: { title: 'Skipped', icon: '↷', description: 'A key or settings file, not a sample.' },
}
