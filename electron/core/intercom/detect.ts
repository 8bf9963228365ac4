/**
 * Intercom payloads: `window.intercomSettings = {…}` or `Intercom('boot' | 'update', {…})` in page
 * script (with user_hash, or the Messenger security JWT in intercom_user_jwt), their JSON, or a
 * bare Messenger JWT (by its claims, or when the caller names the scheme).
 */
import type { PayloadForm } from '../../common/inspection'
import { isPlainObject } from '../../common/values'
import { invalidPayload, literalEnd, matchesOf, readLiteralAt, type LiteralWords } from '../detect-kit'
import { COMPACT_JWT, decodeJwt } from '../hs256-kit'
import { own } from '../hmac-kit'
import type { InvalidPayload, PayloadDetectors, SnippetMatch } from '../scheme'

export type IntercomPayload =
  | { readonly kind: 'intercom-user'; readonly form: PayloadForm; readonly settings: Readonly<Record<string, unknown>> }
  | { readonly kind: 'intercom-jwt'; readonly form: PayloadForm; readonly token: string }

const SETTINGS_ASSIGNMENT = /\bintercomSettings\s*=(?!=)\s*/g
const BOOT_CALL = /\bIntercom\(\s*(["'])(?:boot|update)\1\s*,\s*/g
const WORDS: LiteralWords = { scheme: 'intercom', code: 'intercom-settings-malformed', call: 'The Intercom settings', object: 'The settings object' }

function object(value: unknown, form: PayloadForm, forced: boolean): IntercomPayload | InvalidPayload | null {
  if (!isPlainObject(value)) return forced ? invalidPayload('intercom-settings-malformed', 'The Intercom settings must be an object.', 'intercom') : null
  if (forced || own(value, 'user_hash') !== undefined || own(value, 'intercom_user_jwt') !== undefined) return { kind: 'intercom-user', form, settings: value }
  return null
}

/** A Messenger JWT by its claims: user_id, and nothing that makes it another vendor's. */
function looksLikeIntercomJwt(token: string): boolean {
  const decoded = decodeJwt(token)
  if (decoded === null) return false
  const { claims } = decoded
  return Object.hasOwn(claims, 'user_id') && !['uuid', 'scope', 'external_id'].some((name) => Object.hasOwn(claims, name))
}

/** The assignments or calls of one form, at most `limit`, each read up to the end of its object literal. */
function snippetsOf(pattern: RegExp, text: string, form: 'intercom-settings' | 'intercom-boot', limit: number): SnippetMatch<IntercomPayload>[] {
  return [...matchesOf(text, pattern, limit)].map((match) => {
    const start = match.index + match[0].length
    return {
      form,
      index: match.index,
      end: () => literalEnd(text, start),
      read: () => readLiteralAt(text, start, WORDS, (value) => object(value, form, true) as IntercomPayload | InvalidPayload),
    }
  })
}

export const INTERCOM_DETECTORS: PayloadDetectors<IntercomPayload> = {
  kinds: ['intercom-user', 'intercom-jwt'],

  text: (trimmed, forced = false) =>
    COMPACT_JWT.test(trimmed) && (forced || looksLikeIntercomJwt(trimmed)) ? { kind: 'intercom-jwt', form: 'intercom-jwt', token: trimmed } : null,

  snippets: (text, limit) =>
    [...snippetsOf(SETTINGS_ASSIGNMENT, text, 'intercom-settings', limit), ...snippetsOf(BOOT_CALL, text, 'intercom-boot', limit)]
      .sort((a, b) => a.index - b.index)
      .slice(0, limit),

  identityForms: { 'intercom-settings': 'a window.intercomSettings assignment', 'intercom-boot': 'an Intercom("boot") or Intercom("update") call' },

  identityMarkers: ['intercomsettings', 'user_hash', 'intercom_user_jwt'],

  object,
  objectPrecedence: 5,
  objectHint: 'Intercom user_hash or intercom_user_jwt',
}
