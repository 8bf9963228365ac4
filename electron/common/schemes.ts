/**
 * The registry of schemes' vocabularies: every per-scheme type and map is derived from here.
 * Adding a scheme means its folder (common/<id>/ and core/<id>/) and one line here and in
 * core/schemes.ts; the compiler then names every per-scheme map that lacks an entry.
 */
import { RINGCX, type RingcxTypes } from './ringcx'
import { ROXCHAT, type RoxchatTypes } from './roxchat'
import { INTERCOM, type IntercomTypes } from './intercom'
import { ZENDESK, type ZendeskTypes } from './zendesk'
import { CRISP, type CrispTypes } from './crisp'
import { CHATWOOT, type ChatwootTypes } from './chatwoot'
import { HELPSCOUT, type HelpscoutTypes } from './helpscout'
import { TAWKTO, type TawktoTypes } from './tawkto'
import type { SchemeVocabulary, VocabularyTypes } from './scheme-vocabulary'

/** Each scheme's vocabulary types, by scheme id. */
export interface SchemeTypes {
  readonly ringcx: RingcxTypes
  readonly roxchat: RoxchatTypes
  readonly intercom: IntercomTypes
  readonly zendesk: ZendeskTypes
  readonly crisp: CrispTypes
  readonly chatwoot: ChatwootTypes
  readonly helpscout: HelpscoutTypes
  readonly tawkto: TawktoTypes
}

/** The vendors whose identities the inspector understands. */
export type SchemeId = keyof SchemeTypes

/** One kind of a scheme's vocabulary, across every scheme: `SchemeType<'errorCode'>`. */
export type SchemeType<K extends keyof VocabularyTypes> = { [S in SchemeId]: MemberType<SchemeTypes[S], K> }[SchemeId]

/** A scheme's type of one kind; `undefined` for an optional kind the scheme leaves out. */
type MemberType<T, K extends PropertyKey> = K extends keyof T ? T[K] : undefined

export const VOCABULARIES: { readonly [S in SchemeId]: SchemeVocabulary<SchemeTypes[S]> } = {
  ringcx: RINGCX,
  roxchat: ROXCHAT,
  intercom: INTERCOM,
  zendesk: ZENDESK,
  crisp: CRISP,
  chatwoot: CHATWOOT,
  helpscout: HELPSCOUT,
  tawkto: TAWKTO,
}

/** The built-in schemes, in the order lists and menus show them. */
export const SCHEME_IDS = Object.keys(VOCABULARIES) as readonly SchemeId[]

/** The built-in vocabularies, then any registered at run time (see core/schemes.ts `registerScheme`). */
const registered = new Map<string, SchemeVocabulary>(SCHEME_IDS.map((id) => [id, VOCABULARIES[id] as SchemeVocabulary]))

/**
 * Adds a scheme's vocabulary at run time; returns the function that removes it again. The
 * engine's `registerScheme` calls this: use that.
 */
export function registerVocabulary(vocabulary: SchemeVocabulary): () => void {
  if (registered.has(vocabulary.id)) throw new TypeError(`the scheme "${vocabulary.id}" is registered already`)
  registered.set(vocabulary.id, vocabulary)
  return () => {
    if (registered.get(vocabulary.id) === vocabulary) registered.delete(vocabulary.id)
  }
}

/** Every registered scheme's vocabulary, built-in ones first. */
export function vocabularies(): readonly SchemeVocabulary[] {
  return [...registered.values()]
}

/** Every registered scheme's id, built-in ones first. A scheme registered at run time counts as a SchemeId. */
export function schemeIds(): readonly SchemeId[] {
  return [...registered.keys()] as SchemeId[]
}

export function vocabularyOf(id: string): SchemeVocabulary | undefined {
  return registered.get(id)
}

/** True for the id of a registered scheme. */
export function isSchemeId(value: unknown): value is SchemeId {
  return typeof value === 'string' && registered.has(value)
}

/** How the panel and the command line name a scheme; `fallback` when there is none. */
export function schemeName(id: string | null, fallback = 'Unknown kind'): string {
  return id === null ? fallback : (registered.get(id)?.name ?? fallback)
}

/** The ids as the command line and messages list them: `ringcx or roxchat`, `"ringcx" or "roxchat"`. */
export function schemeIdList(quoted = false): string {
  return schemeIds().map((id) => (quoted ? `"${id}"` : id)).join(' or ')
}
