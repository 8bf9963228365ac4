/**
 * What a Rox.Chat signing program is generated from: the visitor's fields and the account's hash
 * algorithm, free of any key or hash, and the words its opening comment says about them.
 */
import { isPlainRecord, lifetimeProblem } from '../../fixit/describe-kit'
import { ROXCHAT_HASH_ALGORITHMS, type RoxchatHashAlgorithm } from '../settings'

/** A Rox.Chat provided visitor: the program prints `{"fields":{…},"expires":N,"hash":"…"}`. */
export interface RoxchatFixitDescription {
  readonly scheme: 'roxchat'
  readonly algorithm: RoxchatHashAlgorithm
  readonly fields: Readonly<Record<string, string>>
  /** `expires` = now + this many seconds, or null for a visitor without `expires`. */
  readonly lifetimeSeconds: number | null
}

/** sign-visitor.mjs, sign_visitor.py, SignVisitor.java. */
export const ROXCHAT_FIXIT_FILE_WORDS = ['sign', 'visitor'] as const

export const ROXCHAT_ALGORITHM_NAMES: Readonly<Record<RoxchatHashAlgorithm, string>> = {
  'hmac-sha256': 'HMAC-SHA256',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  md5: 'MD5',
}

/** Why a Rox.Chat description cannot be generated from: the first problem, or null when it is sound. */
export function roxchatFixitProblem(description: Readonly<Record<string, unknown>>): string | null {
  if (!(ROXCHAT_HASH_ALGORITHMS as readonly unknown[]).includes(description['algorithm'])) return 'algorithm must be hmac-sha256, sha256, sha512 or md5'
  const fields = description['fields']
  if (!isPlainRecord(fields)) return 'fields must be an object'
  for (const name of Object.keys(fields)) if (typeof fields[name] !== 'string') return 'every field value must be text'
  return lifetimeProblem(description['lifetimeSeconds'], true)
}

/** The opening comment's lines about the visitor object and its hash. */
export function roxchatFixitHeader(description: RoxchatFixitDescription): readonly string[] {
  const algorithm = ROXCHAT_ALGORITHM_NAMES[description.algorithm]
  return [
    'Prints a Rox.Chat provided visitor, {"fields", ' + (description.lifetimeSeconds === null ? '' : '"expires", ') + '"hash"}, as JSON for the visitor below.',
    'Put it in the page as roxchat_visitor = <the output>; (it is safe inside <script>: <, > and &',
    'are escaped).',
    '',
    'The key is read from the environment variable SIGNING_KEY: the account\'s private key, used as',
    'text. Keep it on the server, never in code or in the page.',
    `The hash is ${algorithm} (the account's provided_visitor_hash_algorithm) over the field values`,
    `in the UTF-8 byte order of their names${description.lifetimeSeconds === null ? '' : ', then expires'}` +
      (description.algorithm === 'hmac-sha256' ? ', keyed with the private key; lower-case hex.' : ', then the private key; lower-case hex.'),
    description.lifetimeSeconds === null
      ? 'This visitor has no expires, as the inspected one had none.'
      : `expires is now + ${description.lifetimeSeconds} s: refresh the object before then.`,
  ]
}
