/**
 * The registry of the engine's schemes. The orchestrators dispatch through it instead of
 * branching on scheme ids. Adding a scheme: its folders (common/<id>/, core/<id>/), a line in
 * common/schemes.ts and a line here (see docs/adding-a-vendor.md).
 */
import { registerVocabulary, type SchemeId } from '../common/schemes'
import { RINGCX_SCHEME, type RingcxEngineTypes } from './ringcx'
import { ROXCHAT_SCHEME, type RoxchatEngineTypes } from './roxchat'
import { INTERCOM_SCHEME, type IntercomEngineTypes } from './intercom'
import { ZENDESK_SCHEME, type ZendeskEngineTypes } from './zendesk'
import { CRISP_SCHEME, type CrispEngineTypes } from './crisp'
import { CHATWOOT_SCHEME, type ChatwootEngineTypes } from './chatwoot'
import { HELPSCOUT_SCHEME, type HelpscoutEngineTypes } from './helpscout'
import { TAWKTO_SCHEME, type TawktoEngineTypes } from './tawkto'
import type { EngineTypeBundle, Scheme } from './scheme'

/** Each scheme's engine types, by scheme id. */
export interface EngineTypes {
  readonly ringcx: RingcxEngineTypes
  readonly roxchat: RoxchatEngineTypes
  readonly intercom: IntercomEngineTypes
  readonly zendesk: ZendeskEngineTypes
  readonly crisp: CrispEngineTypes
  readonly chatwoot: ChatwootEngineTypes
  readonly helpscout: HelpscoutEngineTypes
  readonly tawkto: TawktoEngineTypes
}

/** One kind of a scheme's engine types, across every scheme: `EngineType<'ring'>`. */
export type EngineType<K extends keyof EngineTypeBundle> = EngineTypes[SchemeId][K]

/** A key that signs QA samples, of any scheme. */
export type SigningKey = EngineType<'signingKey'>

const BUILT_IN: { readonly [S in SchemeId]: Scheme<EngineTypes[S]> } = {
  ringcx: RINGCX_SCHEME,
  roxchat: ROXCHAT_SCHEME,
  intercom: INTERCOM_SCHEME,
  zendesk: ZENDESK_SCHEME,
  crisp: CRISP_SCHEME,
  chatwoot: CHATWOOT_SCHEME,
  helpscout: HELPSCOUT_SCHEME,
  tawkto: TAWKTO_SCHEME,
}

const registered = new Map<string, Scheme>(Object.values(BUILT_IN).map((scheme: Scheme) => [scheme.id, scheme]))

/** The registered schemes as one list, until the next registration: every inspection asks for them. */
let listed: readonly Scheme[] | null = null

/**
 * Adds a scheme at run time (its vocabulary included); returns the function that removes it.
 * Every orchestrator sees it at once: key files, the key ring, detection, inspection.
 *
 * @example
 * const unregister = registerScheme(FAKE_SCHEME)
 */
export function registerScheme(scheme: Scheme): () => void {
  if (registered.has(scheme.id)) throw new TypeError(`the scheme "${scheme.id}" is registered already`)
  if (scheme.vocabulary.id !== scheme.id) throw new TypeError(`the scheme "${scheme.id}" brings the vocabulary of "${scheme.vocabulary.id}"`)
  const unregisterVocabulary = registerVocabulary(scheme.vocabulary)
  registered.set(scheme.id, scheme)
  listed = null
  return () => {
    if (registered.get(scheme.id) === scheme) registered.delete(scheme.id)
    listed = null
    unregisterVocabulary()
  }
}

/** Every registered scheme, built-in ones first. */
export function schemes(): readonly Scheme[] {
  listed ??= Object.freeze([...registered.values()])
  return listed
}

export function schemeById(id: string): Scheme | undefined {
  return registered.get(id)
}

/** The scheme whose detectors produce payloads of this kind. */
export function schemeOfPayload(kind: string): Scheme | undefined {
  for (const scheme of registered.values()) if (scheme.detect.kinds.includes(kind)) return scheme
  return undefined
}
