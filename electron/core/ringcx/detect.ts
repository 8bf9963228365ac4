/**
 * RingCX payloads: a compact JWT (bare, in `_chatq.push(["_setSignedIdentity", …])` or a chat URL's
 * `jwt_identity=`), or an unsigned identity (`_setIdentity` or its JSON).
 */
import type { PayloadForm } from '../../common/inspection'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../../common/ringcx'
import { isPlainObject } from '../../common/values'
import { invalidPayload, literalEnd, matchesOf, readLiteralAt, type LiteralWords } from '../detect-kit'
import type { InvalidPayload, PayloadDetectors, SnippetMatch } from '../scheme'
import { COMPACT_JWT_PATTERN } from './compact-jwt'

export type RingcxPayload =
  | { readonly kind: 'ringcx-jwt'; readonly form: PayloadForm; readonly token: string }
  | { readonly kind: 'ringcx-unsigned'; readonly form: PayloadForm; readonly identity: Readonly<Record<string, unknown>> }

const MEMBERS = new Set<string>([...RINGCX_IDENTITY_ATTRIBUTES, 'extra_values'])
// Global, for matchAll.
const SIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setSignedIdentity\1\s*,\s*(["'])([^"'\\]*)\2\s*\]\s*\)/g
const UNSIGNED_CALL = /_chatq\.push\(\s*\[\s*(["'])_setIdentity\1\s*,\s*/g
const CHAT_URL_PARAMETER = /[?&#;]jwt_identity=([^&#\s"'<>]*)/g
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

  snippets(text, limit) {
    const matches: SnippetMatch<RingcxPayload>[] = []
    for (const signed of matchesOf(text, SIGNED_CALL, limit)) {
      matches.push({
        form: 'signed-identity-call',
        index: signed.index,
        end: () => signed.index + signed[0].length,
        read: () => ({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: (signed[3] ?? '').trim() }),
      })
    }
    for (const unsigned of matchesOf(text, UNSIGNED_CALL, limit)) {
      const start = unsigned.index + unsigned[0].length
      matches.push({
        form: 'identity-call',
        index: unsigned.index,
        end: () => literalEnd(text, start),
        read: () => readLiteralAt(text, start, WORDS, (value) => object(value, 'chatq-snippet', true) as RingcxPayload | InvalidPayload),
      })
    }
    for (const url of matchesOf(text, CHAT_URL_PARAMETER, limit)) {
      matches.push({
        form: 'chat-url',
        index: url.index,
        end: () => url.index + url[0].length,
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

  identityMarkers: ['_setsignedidentity', 'jwt_identity'],

  identityForms: {
    'signed-identity-call': 'a _setSignedIdentity call',
    'identity-call': 'a _setIdentity call',
    'chat-url': 'a chat URL with jwt_identity=',
  },

  object,
  objectPrecedence: 20,
  objectHint: 'RingCX identity attributes',

  // Something JWT-shaped that failed the strict pattern: let the RingCX checks say why.
  looseText: (trimmed) => (/^eyJ[^\s]*\.[\s\S]*$/.test(trimmed) && !/\s/.test(trimmed.slice(0, 20)) ? { kind: 'ringcx-jwt', form: 'jwt', token: trimmed } : null),
}
