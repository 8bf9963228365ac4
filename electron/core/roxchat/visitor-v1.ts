/**
 * Rox.Chat (Webim) identification v1: a flat visitor `{id, display_name, …, crc}` whose `crc` is
 * the lower-case hex MD5 of the values joined in the byte order of their sorted names, then the
 * private key. No `expires`. The v1 page allows the bytes to be UTF-8, cp1251 or koi8-r, so each
 * is tried in that order and the one that matched is named.
 */
import type { ErrorCode, WarningCode } from '../../common/codes'
import type { Check, Issue, MatchedKey, SourcedField } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import { describeTextFault, displayJson, displayValue, findIllFormedText, isPlainObject, ownMember } from '../../common/values'
import { constantTimeEquals } from '../constant-time'
import { issue } from '../issue'
import { computeRoxchatHash, encodedMessage, encodingsFor, roxchatHashMessage, type RoxchatV1Encoding } from './hash'
import type { RoxchatHashKey } from './keys'
import type { RoxchatVerification } from './visitor'

/** The member that carries a v1 visitor's hash; every other member is a field. */
export const V1_HASH_MEMBER = 'crc'

/**
 * Which identification a visitor object uses: v2 has `fields` or `hash`; a flat object with a
 * `crc` or an `id` is v1.
 *
 * @example
 * roxchatVisitorVersion({ id: '1', crc: '…' }) // 'v1'
 */
export function roxchatVisitorVersion(visitor: unknown): 'v1' | 'v2' {
  if (!isPlainObject(visitor) || Object.hasOwn(visitor, 'fields') || Object.hasOwn(visitor, 'hash')) return 'v2'
  return Object.hasOwn(visitor, V1_HASH_MEMBER) || Object.hasOwn(visitor, 'id') ? 'v1' : 'v2'
}

/**
 * A v1 visitor's fields: its own members but the crc, as own members of a new object (a member
 * named "__proto__" stays a field and never becomes a prototype).
 */
export function v1Fields(visitor: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(visitor).filter(([name]) => name !== V1_HASH_MEMBER))
}

export interface RoxchatV1Verification extends RoxchatVerification {
  /** The encoding whose bytes gave the crc, when it matched. */
  readonly encoding?: RoxchatV1Encoding
}

/**
 * The key and encoding whose MD5 gives `crc`, or null. Every key is tried in each encoding;
 * comparisons are constant-time.
 */
export function matchV1Crc(message: string, crc: string, keys: readonly RoxchatHashKey[]): { key: RoxchatHashKey; encoding: RoxchatV1Encoding } | null {
  for (const encoding of encodingsFor(message)) {
    const bytes = encodedMessage(message, encoding)
    if (bytes === null) continue
    for (const key of keys) {
      if (constantTimeEquals(computeRoxchatHash(bytes, key, 'md5'), crc)) return { key, encoding }
    }
  }
  return null
}

const ENCODING_NAME: Readonly<Record<RoxchatV1Encoding, string>> = { 'utf-8': 'UTF-8', cp1251: 'cp1251 (Windows-1251)', 'koi8-r': 'KOI8-R' }

/**
 * Verifies a v1 visitor with the same error codes as v2; a verified one carries the
 * `roxchat-v1-visitor` warning, which names the encoding that matched.
 *
 * @example
 * verifyRoxchatV1Visitor({ id: '1', display_name: 'Иван', crc: '…' }, ring.roxchat).encoding // 'cp1251'
 */
export function verifyRoxchatV1Visitor(visitor: Readonly<Record<string, unknown>>, keys: readonly RoxchatHashKey[]): RoxchatV1Verification {
  const checks: Check[] = [{ id: 'format', status: 'pass' }]
  const errors: Issue<ErrorCode>[] = []
  const fields = v1Fields(visitor)
  const textFault = findIllFormedText(visitor)
  const faultInCrc = textFault !== null && textFault.path[0] === V1_HASH_MEMBER

  const nonStrings = Object.keys(fields).filter((name) => typeof fields[name] !== 'string')
  const id = ownMember(fields, 'id')
  if (nonStrings.length > 0 || (textFault !== null && !faultInCrc) || typeof id !== 'string' || id.length === 0) {
    const detail = nonStrings.length > 0
      ? `Not text: ${nonStrings.slice(0, 5).map((name) => displayJson(name, { maxLength: 60 })).join(', ')}${nonStrings.length > 5 ? '…' : ''} (every v1 value must be a string).`
      : textFault !== null && !faultInCrc ? describeTextFault(textFault, 'The visitor') : '"id" is missing or empty.'
    checks.push({ id: 'fields', status: 'fail', code: 'wrong-provided-visitor-field-value' })
    errors.push(issue('wrong-provided-visitor-field-value', detail))
  } else {
    checks.push({ id: 'fields', status: 'pass' })
  }
  // v1 has no expiry to check.
  checks.push({ id: 'expires', status: 'skip' })

  const crc = ownMember(visitor, V1_HASH_MEMBER)
  const computable = nonStrings.length === 0 && (textFault === null || faultInCrc)
  const hashedMessage = computable ? roxchatHashMessage(fields as Record<string, string>) : undefined
  let key: MatchedKey | null = null
  let encoding: RoxchatV1Encoding | undefined
  if (keys.length === 0) {
    checks.push({ id: 'hash', status: 'fail', code: 'roxchat-no-key' })
    errors.push(issue('roxchat-no-key'))
  } else if (typeof crc !== 'string' || crc.length === 0) {
    checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
    errors.push(issue('wrong-provided-visitor-hash-value', 'The v1 "crc" is missing or empty.'))
  } else if (faultInCrc) {
    checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
    errors.push(issue('wrong-provided-visitor-hash-value', describeTextFault(textFault, 'The visitor')))
  } else if (hashedMessage === undefined) {
    checks.push({ id: 'hash', status: 'skip' })
  } else {
    const matched = matchV1Crc(hashedMessage, crc, keys)
    if (matched === null) {
      const tried = encodingsFor(hashedMessage).map((name) => ENCODING_NAME[name]).join(', ')
      checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
      errors.push(issue('wrong-provided-visitor-hash-value', `No Rox.Chat key gives this v1 MD5 crc over the values in ${tried}.`))
    } else {
      key = { kid: matched.key.kid, fingerprint: matched.key.fingerprint }
      encoding = matched.encoding
      checks.push({ id: 'hash', status: 'pass', kid: matched.key.kid })
    }
  }

  const warnings: Issue<WarningCode>[] = []
  if (errors.length === 0 && encoding !== undefined) {
    warnings.push(issue('roxchat-v1-visitor', `The crc matched the values as ${ENCODING_NAME[encoding]} bytes with key "${key?.kid ?? ''}".`))
  }
  const receivedFields: SourcedField[] = errors.length === 0
    ? []
    : Object.entries(fields).map(([name, value]) => ({ name, value: displayValue(value), source: 'providedFields' }))
  return {
    checks,
    errors,
    warnings,
    verifiedFields: errors.length === 0 ? (fields as Record<string, string>) : null,
    receivedFields,
    key,
    expiry: NO_EXPIRY,
    ...(hashedMessage === undefined ? {} : { hashedMessage }),
    ...(encoding === undefined ? {} : { encoding }),
  }
}
