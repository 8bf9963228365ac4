/**
 * Rox.Chat payloads: the provided visitor (`roxchat_visitor = {fields, expires, hash}`, the legacy
 * `webim_visitor`, a v1 `{id, …, crc}`, its JSON, a chat link's `provided-visitor=` or a mobile SDK
 * request's `visitor-ext=`), a logout (`= null`), or a sample's auth token.
 */
import type { PayloadForm } from '../../common/inspection'
import { isPlainObject } from '../../common/values'
import { invalidPayload, literalEnd, matchesOf, readLiteralAt, type LiteralWords } from '../detect-kit'
import type { InvalidPayload, PayloadDetectors } from '../scheme'
import { linkSnippets } from './link'

export type RoxchatPayload =
  | {
    readonly kind: 'roxchat-visitor'
    readonly form: PayloadForm
    readonly visitor: unknown
    /** From a URL whose visitor parameter held a literal "+", read as a space. */
    readonly plusAsSpace?: true
  }
  | { readonly kind: 'roxchat-logout'; readonly form: PayloadForm }
  | { readonly kind: 'roxchat-token'; readonly form: PayloadForm; readonly token: string }

// `=` but not `==`/`===`: a comparison such as `roxchat_visitor == null` assigns nothing. Global, for matchAll.
const VISITOR_ASSIGNMENT = /\b(?:roxchat|webim)_visitor\s*=(?!=)\s*/g
const WORDS: LiteralWords = { scheme: 'roxchat', code: 'roxchat-visitor-malformed', call: 'The roxchat_visitor assignment', object: 'The visitor object' }

function object(value: unknown, form: PayloadForm, forced: boolean): RoxchatPayload | InvalidPayload | null {
  if (value === null) return { kind: 'roxchat-logout', form }
  if (!isPlainObject(value)) return forced ? invalidPayload('roxchat-visitor-malformed', 'The visitor must be an object.', 'roxchat') : null
  // v2 has "fields" and "hash"; a legacy (v1) visitor is flat with a "crc".
  if (forced || Object.hasOwn(value, 'fields') || Object.hasOwn(value, 'hash') || Object.hasOwn(value, 'crc')) return { kind: 'roxchat-visitor', form, visitor: value }
  return null
}

export const ROXCHAT_DETECTORS: PayloadDetectors<RoxchatPayload> = {
  kinds: ['roxchat-visitor', 'roxchat-logout', 'roxchat-token'],

  snippets(text, limit) {
    const assignments = [...matchesOf(text, VISITOR_ASSIGNMENT, limit)].map((assignment) => {
      const start = assignment.index + assignment[0].length
      return {
        form: 'visitor-assignment',
        index: assignment.index,
        end: () => literalEnd(text, start),
        read: (): RoxchatPayload | InvalidPayload => {
          if (/^null\b/.test(text.slice(start, start + 5))) return { kind: 'roxchat-logout', form: 'page-snippet' }
          return readLiteralAt(text, start, WORDS, (value) => object(value, 'page-snippet', true) as RoxchatPayload | InvalidPayload)
        },
      }
    })
    // A chat link or SDK request names the scheme: its visitor is this scheme's or malformed.
    const links = linkSnippets<RoxchatPayload>(text, limit, (value, form, plusAsSpace) => {
      const read = object(value, form, true) as RoxchatPayload | InvalidPayload
      return plusAsSpace && read.kind === 'roxchat-visitor' ? { ...read, plusAsSpace: true } : read
    })
    if (links.length === 0) return assignments
    return [...assignments, ...links].sort((a, b) => a.index - b.index).slice(0, limit)
  },

  identityMarkers: ['roxchat_visitor', 'webim_visitor', 'provided-visitor', 'visitor-ext'],

  identityForms: {
    'visitor-assignment': 'a roxchat_visitor (or webim_visitor) assignment',
    'chat-link': 'a chat link with provided-visitor=',
    'sdk-init-request': 'a mobile SDK request with visitor-ext=',
  },

  object,
  objectPrecedence: 10,
  objectHint: 'Rox.Chat "fields"/"hash"',

  sample: (sample) => (sample.authToken === undefined ? null : { kind: 'roxchat-token', form: 'object', token: sample.authToken }),
}
