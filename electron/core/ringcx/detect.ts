/**
 * RingCX payloads: a compact JWT (bare, in `_chatq.push(["_setSignedIdentity", …])` or a chat URL's
 * `jwt_identity=`), or an unsigned identity (`_setIdentity` or its JSON).
 */
import type { PayloadForm } from '../../common/inspection'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../../common/ringcx'
import { isPlainObject } from '../../common/values'
import { invalidPayload, readLiteralAt, type LiteralWords } from '../detect-kit'
import type { InvalidPayload, PayloadDetectors, SnippetMatch } from '../scheme'
import { COMPACT_JWT_PATTERN } from './compact-jwt'

export type RingcxPayload =
  | { readonly kind: 'ringcx-jwt'; readonly form: PayloadForm; readonly token: string }
  | { readonly kind: 'ringcx-unsigned'; readonly form: PayloadForm; readonly identity: Readonly<Record<string, unknown>> }

const MEMBERS = new Set<string>([...RINGCX_IDENTITY_ATTRIBUTES, 'extra_values'])
const SIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setSignedIdentity\1\s*,\s*(["'])([^"'\\]*)\2\s*\]\s*\)/
const UNSIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setIdentity\1\s*,\s*/
const CHAT_URL_PARAMETER = /[?&#;]jwt_identity=([^&#\s"'<>]*)/
const WORDS: LiteralWords = { scheme: 'ringcx', code: 'ringcx-identity-malformed', call: 'The _setIdentity call', object: 'The identity object' }

function object(value: unknown, form: PayloadForm, forced: boolean): RingcxPayload | InvalidPayload | null {
  if (value === null) return forced ? invalidPayload('ringcx-identity-malformed', 'null is not a RingCX identity.', 'ringcx') : null
  if (!isPlainObject(value)) return forced ? invalidPayload('ringcx-identity-malformed', 'The identity must be an object.', 'ringcx') : null
  if (forced || Object.keys(value).some((name) => MEMBERS.has(name))) return { kind: 'ringcx-unsigned', form, identity: value }
  return null
}

export const RINGCX_DETECTORS: PayloadDetectors<RingcxPayload> = {
  kinds: ['ringcx-jwt', 'ringcx-unsigned'],

  text: (trimmed) => (COMPACT_JWT_PATTERN.test(trimmed) ? { kind: 'ringcx-jwt', form: 'jwt', token: trimmed } : null),

  snippets(text) {
    const matches: SnippetMatch<RingcxPayload>[] = []
    const signed = SIGNED_CALL.exec(text)
    if (signed) {
      matches.push({ index: signed.index, read: () => ({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: (signed[3] ?? '').trim() }) })
    }
    const unsigned = UNSIGNED_CALL.exec(text)
    if (unsigned) {
      matches.push({
        index: unsigned.index,
        read: () => readLiteralAt(text, unsigned.index + unsigned[0].length, WORDS, (value) => object(value, 'chatq-snippet', true) as RingcxPayload | InvalidPayload),
      })
    }
    const url = CHAT_URL_PARAMETER.exec(text)
    if (url) {
      matches.push({
        index: url.index,
        read: () => {
          try {
            return { kind: 'ringcx-jwt', form: 'chat-url', token: decodeURIComponent(url[1] ?? '') }
          } catch {
            return invalidPayload('ringcx-identity-malformed', 'The jwt_identity parameter is not valid URL encoding.', 'ringcx')
          }
        },
      })
    }
    return matches
  },

  object,
  objectPrecedence: 20,
  objectHint: 'RingCX identity attributes',

  // Something JWT-shaped that failed the strict pattern: let the RingCX checks say why.
  looseText: (trimmed) => (/^eyJ[^\s]*\.[\s\S]*$/.test(trimmed) && !/\s/.test(trimmed.slice(0, 20)) ? { kind: 'ringcx-jwt', form: 'jwt', token: trimmed } : null),
}
