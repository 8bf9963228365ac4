/**
 * The Sign a sample form of a scheme without a form of its own, from the members its vocabulary
 * declares for its sign request (`signRequest`): text fields as name=value lines, a time, a
 * choice, a JSON object, a picked private key. Problems are words for the form; main checks the
 * request again against the same declaration.
 */
import type { SchemeVocabulary, SignRequestMember } from '../electron/common/scheme-vocabulary'
import type { SchemeId } from '../electron/common/schemes'
import type { SignSampleRequest, StoredKeyView } from '../electron/shared/ipc-contract'
import { claimsFromJson, parseNameValueLines, type Parsed } from './sign-form'

/** What the form types per member: text for all but the picked key, which main names by handle. */
export interface GenericSignDraft {
  kid: string
  values: Record<string, string>
}

/** The stored keys a scheme can sign with: its own, readable, secrets its key rules accept. */
export function signingKeys(vocabulary: SchemeVocabulary, keys: readonly StoredKeyView[]): readonly StoredKeyView[] {
  return keys.filter((key) => key.scheme === vocabulary.id
    && key.unreadable === undefined
    && vocabulary.keys.algorithms[key.alg] === 'secret'
    && vocabulary.keys.kidPattern.test(key.kid))
}

/** The Key ID chosen, while it is still one of the keys offered; else the first of them, or ''. */
export function chosenKid(draft: GenericSignDraft, keys: readonly StoredKeyView[]): string {
  return keys.some((key) => key.kid === draft.kid) ? draft.kid : keys[0]?.kid ?? ''
}

/** A first value for each member, so the form signs something sensible as it opens. */
export function draftFor(vocabulary: SchemeVocabulary): GenericSignDraft {
  const values: Record<string, string> = {}
  const visitorId = vocabulary.fields.visitorId ?? vocabulary.fields.order[0] ?? 'id'
  for (const [name, member] of Object.entries(vocabulary.signRequest ?? {})) {
    values[name] = initialText(member, visitorId)
  }
  return { kid: '', values }
}

function initialText(member: SignRequestMember, visitorId: string): string {
  switch (member.kind) {
    case 'text-fields': return `${visitorId}=${/email/i.test(visitorId) ? 'qa@example.com' : 'qa-visitor-1'}`
    case 'time': return '+2h'
    case 'one-of': return member.values[0] ?? ''
    case 'json-object': return '{}'
    case 'handle': return ''
  }
}

function memberValue(member: SignRequestMember, name: string, typed: string, pickedHandle: string | null): Parsed<unknown> {
  switch (member.kind) {
    case 'text-fields': {
      const fields = parseNameValueLines(typed, 'Fields')
      if (fields.value !== null && Object.keys(fields.value).length === 0 && member.optional !== true) return { value: null, problems: ['Fields: give at least one name=value line.'] }
      return fields
    }
    case 'time': return { value: typed.trim(), problems: [] }
    case 'one-of': return { value: typed, problems: [] }
    case 'json-object': return claimsFromJson(typed)
    case 'handle': return pickedHandle === null ? { value: null, problems: [`Choose the private key file (${name}).`] } : { value: pickedHandle, problems: [] }
  }
}

/**
 * The request the draft stands for: optional members left empty are left out.
 *
 * @example
 * genericSignRequest(vocabulary, { kid: 'app_1', values: { fields: 'external_id=7', exp: '+2h' } }, keys, null)
 */
export function genericSignRequest(
  vocabulary: SchemeVocabulary,
  draft: GenericSignDraft,
  keys: readonly StoredKeyView[],
  pickedHandle: string | null,
): Parsed<SignSampleRequest> {
  const kid = chosenKid(draft, keys)
  if (kid === '') return { value: null, problems: [`There is no ${vocabulary.name} key in the key store to sign with.`] }
  const request: Record<string, unknown> = { scheme: vocabulary.id as SchemeId, kid }
  const problems: string[] = []
  for (const [name, member] of Object.entries(vocabulary.signRequest ?? {})) {
    const typed = draft.values[name] ?? ''
    const empty = member.kind === 'handle' ? pickedHandle === null : typed.trim() === ''
    if (member.optional === true && empty) continue
    const read = memberValue(member, name, typed, pickedHandle)
    if (read.value === null) problems.push(...read.problems)
    else request[name] = read.value
  }
  return problems.length === 0 ? { value: request as unknown as SignSampleRequest, problems: [] } : { value: null, problems }
}
