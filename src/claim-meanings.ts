/**
 * What each member of a decoded payload means for its vendor, for the decoded view beside the
 * token: a JWT's header and claims, a Rox.Chat visitor's fields, `expires` and `hash`.
 */
import type { SchemeId } from '../electron/common/schemes'

export type PartKind = 'header' | 'claims' | 'identity' | 'visitor' | 'fields'

/** Members whose value is a Unix time in seconds: shown as a date and time too. */
export const TIME_MEMBERS: Readonly<Record<PartKind, readonly string[]>> = {
  header: [],
  claims: ['exp', 'iat', 'nbf'],
  identity: [],
  visitor: ['expires'],
  fields: [],
}

const HEADER: Readonly<Record<string, string>> = {
  alg: 'Signing algorithm: HS256 (a shared secret) or RS256 (an RSA key). It must be the algorithm the key was imported for.',
  kid: 'Key ID: names the key in your key store that must verify the signature.',
  typ: 'Token type, usually "JWT"; not checked.',
  cty: 'Content type; RingCX does not read it.',
}

const IDENTITY: Readonly<Record<string, string>> = {
  uuid: 'The visitor’s unique ID at the website. Required in a signed identity.',
  firstname: 'First name, shown to the agent.',
  lastname: 'Last name, shown to the agent.',
  email: 'Email address, shown to the agent.',
  icq: 'ICQ number, shown to the agent (a legacy v1 field).',
  screenname: 'The name shown in the chat.',
  avatar_url: 'Picture shown in the chat; this app never fetches it.',
  company: 'Company, shown to the agent.',
  extra_values: 'Extra values: reach the agent’s panel only through a mapping in Settings.',
}

const CLAIMS: Readonly<Record<string, string>> = {
  ...IDENTITY,
  exp: 'Expiry. Required; the chat wants it at least the minimum time ahead (one hour by default) when it receives the token.',
  iat: 'Issued at: when the website signed the token. Not checked.',
  nbf: 'Not before: the token is refused until then.',
  iss: 'Issuer: a standard claim RingCX does not read.',
  sub: 'Subject: a standard claim RingCX does not read.',
  aud: 'Audience: a standard claim RingCX does not read.',
  jti: 'Token ID: a standard claim RingCX does not read.',
}

const VISITOR: Readonly<Record<string, string>> = {
  fields: 'The visitor’s fields, each a text value; listed below.',
  expires: 'Optional Unix time after which the service refuses these details.',
  hash: 'Hash over the field values in the order of their names, then expires, made with the account’s private key. It is public: it proves the details, it is no key.',
  crc: 'Legacy (v1) hash: MD5 over the field values in the order of their names, then the private key; no expiry. It is public: it proves the details, it is no key.',
}

const FIELDS: Readonly<Record<string, string>> = {
  id: 'The visitor’s ID at the website. Required.',
  display_name: 'Name shown to the agent.',
  phone: 'Phone number, shown to the agent.',
  email: 'Email address, shown to the agent.',
  profile_url: 'Link to the visitor’s profile; opens only in your browser and only if https.',
  avatar_url: 'Picture shown to the agent; this app never fetches it.',
  login: 'Login name, shown to the agent.',
  comment: 'A comment, shown to the agent.',
  info: 'Free text, shown to the agent.',
  high_priority: '"1" marks the visitor as high priority for the agents.',
}

/**
 * What a part's members the vendor does not name mean. Each part belongs to one vendor's raw view
 * (header, claims and identity to a RingCX JWT or unsigned identity; visitor and fields to Rox.Chat).
 */
const OTHERWISE: Readonly<Record<PartKind, string>> = {
  header: 'Not a header member RingCX reads.',
  claims: 'Not a RingCX identity attribute: the chat ignores it unless it is in extra_values.',
  identity: 'Not a RingCX identity attribute: the chat ignores it unless it is in extra_values.',
  visitor: 'Not part of the Rox.Chat visitor object: the service ignores it.',
  fields: 'Not a field the agent’s visitor panel shows: the service keeps it with the visitor.',
}

/**
 * What `name` means in this part of the payload; the vendor's own fallback for names it ignores.
 *
 * @example
 * claimMeaning('ringcx', 'header', 'kid') // 'Key ID: names the key in your key store …'
 */
export function claimMeaning(scheme: SchemeId | null, part: PartKind, name: string): string {
  const table = part === 'header' ? HEADER
    : part === 'claims' ? CLAIMS
      : part === 'identity' ? IDENTITY
        : part === 'visitor' ? VISITOR
          : FIELDS
  if (Object.hasOwn(table, name)) return table[name] as string
  if (scheme === null && (part === 'claims' || part === 'identity')) return 'Not read by the vendor.'
  return OTHERWISE[part]
}
