/**
 * Zendesk payloads: `zE('messenger', 'loginUser', function (callback) { callback('<JWT>') })` in
 * page script, or a bare JWT (by its scope/external_id claims, or when the caller names the scheme).
 */
import { invalidPayload, matchesOf } from '../detect-kit'
import { COMPACT_JWT, QUOTED_JWT, decodeJwt } from '../hs256-kit'
import type { PayloadDetectors, SnippetMatch } from '../scheme'
import type { PayloadForm } from '../../common/inspection'

export type ZendeskPayload = { readonly kind: 'zendesk-jwt'; readonly form: PayloadForm; readonly token: string }

const LOGIN_CALL = /\bzE\(\s*(["'])messenger\1\s*,\s*(["'])loginUser\2\s*,/g
/** How far after the call the JWT literal may be (the callback's body). */
const CALLBACK_REACH = 4000

function looksLikeZendeskJwt(token: string): boolean {
  const decoded = decodeJwt(token)
  if (decoded === null) return false
  const { claims, header } = decoded
  return (Object.hasOwn(claims, 'external_id') && Object.hasOwn(claims, 'scope')) || (typeof header['kid'] === 'string' && header['kid'].startsWith('app_') && Object.hasOwn(claims, 'external_id'))
}

export const ZENDESK_DETECTORS: PayloadDetectors<ZendeskPayload> = {
  kinds: ['zendesk-jwt'],

  text: (trimmed, forced = false) => (COMPACT_JWT.test(trimmed) && (forced || looksLikeZendeskJwt(trimmed)) ? { kind: 'zendesk-jwt', form: 'zendesk-jwt', token: trimmed } : null),

  snippets: (text, limit) =>
    [...matchesOf(text, LOGIN_CALL, limit)].map((match): SnippetMatch<ZendeskPayload> => {
      const start = match.index + match[0].length
      // The JWT literal the callback passes, up to the next zE( call.
      const literal = (): { found: RegExpExecArray | null } => {
        const after = text.slice(start, start + CALLBACK_REACH)
        const next = after.search(/\bzE\(/)
        return { found: QUOTED_JWT.exec(next < 0 ? after : after.slice(0, next)) }
      }
      return {
        form: 'zendesk-login-user',
        index: match.index,
        end: () => {
          const { found } = literal()
          return found === null ? start : start + found.index + found[0].length
        },
        read: () => {
          const { found } = literal()
          if (found === null) return invalidPayload('zendesk-jwt-malformed', 'The loginUser callback passes no JWT literal (a token fetched at run time cannot be read from the page: paste the JWT itself).', 'zendesk')
          return { kind: 'zendesk-jwt', form: 'zendesk-login-user', token: found[2] ?? '' }
        },
      }
    }),

  identityForms: { 'zendesk-login-user': "a zE('messenger', 'loginUser', …) call" },

  identityMarkers: ['loginuser', 'external_id'],

  object: (value, _form, forced) => (forced ? invalidPayload('zendesk-jwt-malformed', 'A Zendesk identity is a JWT, not an object.', 'zendesk') : null),
  objectPrecedence: 6,
  objectHint: 'a Zendesk loginUser JWT',
}
