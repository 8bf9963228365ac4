/**
 * Checks a Rox.Chat provided visitor (`{fields, expires?, hash}`) against the Rox.Chat keys.
 */
import type { ErrorCode, WarningCode } from '../../common/codes'
import type { Check, Expiry, Issue, MatchedKey, SourcedField } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import { ROXCHAT_EXPIRING_SOON_SECONDS } from '../../common/roxchat'
import type { InspectionSettings } from '../../common/settings'
import { instantWords, plainSpaces } from '../../common/time-words'
import { describeTextFault, displayJson, displayValue, findIllFormedText, isPlainObject, ownMember } from '../../common/values'
import { constantTimeEquals } from '../constant-time'
import { describeExpiry, expiryConcern, FAR_FUTURE_EXPIRY_SECONDS, type ExpiryConcern } from '../expiry'
import { issue } from '../issue'
import { numberLiteralOf } from '../json-source'
import { computeRoxchatHash, roxchatHashMessage } from './hash'
import type { RoxchatHashKey } from './keys'
import { matchedKeyOf } from '../key-fingerprint'
import { compareUtf8 } from './hash'
import { roxchatVisitorVersion, verifyRoxchatV1Visitor } from './visitor-v1'

/** The largest `expires` the vendor's Int accepts. */
export const MAX_ROXCHAT_EXPIRES = 2_147_483_647

/** Every check of a provided visitor, in the order they run and are reported. */
export const ROXCHAT_VISITOR_CHECKS = ['format', 'fields', 'expires', 'hash'] as const

/** What a visitor that cannot be read leaves unchecked. */
const UNREADABLE_SKIPPED: readonly Check[] = ROXCHAT_VISITOR_CHECKS.slice(1).map((id) => Object.freeze({ id, status: 'skip' as const }))

/** Checks that passed carry nothing of their own, so one object serves every visitor. */
const PASSED = {
  format: Object.freeze({ id: 'format', status: 'pass' }),
  fields: Object.freeze({ id: 'fields', status: 'pass' }),
  expires: Object.freeze({ id: 'expires', status: 'pass' }),
} as const satisfies Record<string, Check>
const NONE: string[] = []
const NO_WARNINGS: readonly Issue<WarningCode>[] = Object.freeze([])

const EXPIRES_CONCERN_CODES: Readonly<Record<ExpiryConcern, WarningCode>> = {
  'out-of-range': 'roxchat-expires-out-of-range',
  'in-milliseconds': 'roxchat-expires-in-milliseconds',
  'far-future': 'roxchat-expires-far-future',
}

export interface RoxchatVerification {
  readonly checks: readonly Check[]
  readonly errors: readonly Issue<ErrorCode>[]
  /** Suspicious but accepted: an `expires` far ahead or written as `2e9`. */
  readonly warnings: readonly Issue<WarningCode>[]
  /** The visitor's fields when every check passed; null otherwise. */
  readonly verifiedFields: Readonly<Record<string, string>> | null
  /** Every field as received, as text, for the "not accepted" view. */
  readonly receivedFields: readonly SourcedField[]
  readonly key: MatchedKey | null
  readonly expiry: Expiry
  readonly hashedMessage?: string
}

/**
 * Verifies a provided visitor object.
 *
 * @example
 * const result = verifyRoxchatVisitor({ fields: { id: '1' }, hash: '…' }, ring.roxchat, settings, nowSeconds)
 * result.errors.length === 0 // verified
 */
export function verifyRoxchatVisitor(
  visitor: unknown,
  keys: readonly RoxchatHashKey[],
  settings: InspectionSettings,
  nowSeconds: number,
): RoxchatVerification {
  if (roxchatVisitorVersion(visitor) === 'v1') return verifyRoxchatV1Visitor(visitor as Readonly<Record<string, unknown>>, keys)
  const fieldsIn = isPlainObject(visitor) ? ownMember(visitor, 'fields') : undefined
  if (!isPlainObject(visitor) || !isPlainObject(fieldsIn)) {
    return {
      checks: [
        { id: 'format', status: 'fail', code: 'roxchat-visitor-malformed' },
        ...UNREADABLE_SKIPPED,
      ],
      errors: [issue('roxchat-visitor-malformed', isPlainObject(visitor) ? '"fields" must be an object of text values.' : 'The visitor must be an object.')],
      warnings: NO_WARNINGS,
      verifiedFields: null,
      receivedFields: [],
      key: null,
      expiry: NO_EXPIRY,
    }
  }
  const checks: Check[] = []
  const errors: Issue<ErrorCode>[] = []
  const rawFields = fieldsIn
  // Text that is not well-formed Unicode is hashed as U+FFFD but shown as itself: each part
  // of the visitor refuses it with its own code.
  const textFault = findIllFormedText(visitor)
  const faultIn = textFault === null ? null : textFault.path[0]
  if (textFault !== null && faultIn !== 'fields' && faultIn !== 'expires' && faultIn !== 'hash') {
    checks.push({ id: 'format', status: 'fail', code: 'roxchat-visitor-malformed' })
    errors.push(issue('roxchat-visitor-malformed', describeTextFault(textFault, 'The visitor')))
  } else {
    checks.push(PASSED.format)
  }

  // fields: every value a string, id present and not empty. (A list only when something fails:
  // batches verify tens of thousands of visitors.)
  let nonStrings: string[] = NONE
  for (const name in rawFields) {
    if (Object.hasOwn(rawFields, name) && typeof rawFields[name] !== 'string') {
      if (nonStrings === NONE) nonStrings = []
      nonStrings.push(name)
    }
  }
  const id = ownMember(rawFields, 'id')
  const fieldsFault = faultIn === 'fields' ? textFault : null
  if (nonStrings.length > 0 || fieldsFault !== null || typeof id !== 'string' || id.length === 0) {
    const detail = nonStrings.length > 0
      ? `Not text: ${nonStrings.slice(0, 5).map((name) => displayJson(name, { maxLength: 60 })).join(', ')}${nonStrings.length > 5 ? '…' : ''}.`
      : fieldsFault !== null ? describeTextFault(fieldsFault, 'The visitor') : '"id" is missing or empty.'
    checks.push({ id: 'fields', status: 'fail', code: 'wrong-provided-visitor-field-value' })
    errors.push(issue('wrong-provided-visitor-field-value', detail))
  } else {
    checks.push(PASSED.fields)
  }

  // expires: optional integer within the vendor's Int, not in the past.
  const expires = ownMember(visitor, 'expires')
  let expiry = NO_EXPIRY
  let warnings = NO_WARNINGS
  if (typeof expires === 'number' && Number.isInteger(expires)) warnings = expiresWarnings(visitor, rawFields, expires, nowSeconds)
  if (expires === undefined) {
    checks.push(PASSED.expires)
  } else if (typeof expires !== 'number' || !Number.isInteger(expires) || expires > MAX_ROXCHAT_EXPIRES) {
    checks.push({ id: 'expires', status: 'fail', code: 'wrong-provided-visitor-expires-value' })
    errors.push(issue('wrong-provided-visitor-expires-value', `Received ${displayJson(expires, { maxLength: 80 })}.`))
  } else {
    expiry = describeExpiry(expires, nowSeconds, { soonSeconds: ROXCHAT_EXPIRING_SOON_SECONDS, toleranceSeconds: 0 })
    if (expires <= nowSeconds) {
      checks.push({ id: 'expires', status: 'fail', code: 'provided-visitor-expired' })
      errors.push(issue('provided-visitor-expired', plainSpaces(`It expired at ${instantWords(expires)}.`)))
    } else {
      checks.push(PASSED.expires)
    }
  }

  // hash: the exact lower-case hex of one of the keys.
  const hash = ownMember(visitor, 'hash')
  const messageComputable = nonStrings.length === 0 && fieldsFault === null && (expires === undefined || typeof expires === 'number')
  const hashedMessage = messageComputable
    ? roxchatHashMessage(rawFields as Record<string, string>, expires as number | undefined)
    : undefined
  let key: MatchedKey | null = null
  if (keys.length === 0) {
    checks.push({ id: 'hash', status: 'fail', code: 'roxchat-no-key' })
    errors.push(issue('roxchat-no-key'))
  } else if (typeof hash !== 'string' || hash.length === 0) {
    checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
    errors.push(issue('wrong-provided-visitor-hash-value', 'The hash is missing or empty.'))
  } else if (faultIn === 'hash' && textFault !== null) {
    checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
    errors.push(issue('wrong-provided-visitor-hash-value', describeTextFault(textFault, 'The visitor')))
  } else if (hashedMessage === undefined) {
    checks.push({ id: 'hash', status: 'skip' })
  } else {
    const algorithm = settings.roxchat.hashAlgorithm
    const matched = keys.find((candidate) => constantTimeEquals(computeRoxchatHash(hashedMessage, candidate, algorithm), hash))
    if (matched === undefined) {
      checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
      errors.push(issue('wrong-provided-visitor-hash-value', `No Rox.Chat key gives this ${algorithm} hash.`))
    } else {
      key = matchedKeyOf(matched)
      checks.push({ id: 'hash', status: 'pass', kid: matched.kid })
    }
  }

  // Only a rejected visitor's fields are listed as received: a verified one's are merged.
  const receivedFields: SourcedField[] = errors.length === 0
    ? []
    : Object.entries(rawFields).map(([name, value]) => ({ name, value: displayValue(value), source: 'providedFields' }))
  return {
    checks,
    errors,
    warnings,
    verifiedFields: errors.length === 0 ? (rawFields as Record<string, string>) : null,
    receivedFields,
    key,
    expiry,
    ...(hashedMessage === undefined ? {} : { hashedMessage }),
  }
}

/**
 * Warnings about an integer `expires`: out of range, in milliseconds or over a year ahead, and
 * written other than as plain digits in the text it was read from. The hash is computed over
 * the integer's plain digits (`String(expires)`) however it was written.
 */
function expiresWarnings(
  visitor: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, unknown>>,
  expires: number,
  nowSeconds: number,
): readonly Issue<WarningCode>[] {
  const concern = expiryConcern(expires, nowSeconds)
  const literal = numberLiteralOf(visitor, 'expires')
  const spelledOtherwise = literal !== undefined && literal !== String(expires)
  // Milliseconds explain a long expires better than moved digits do.
  const shift = concern === 'in-milliseconds' || concern === 'out-of-range' ? null : boundaryShift(fields, expires, nowSeconds)
  if (concern === null && !spelledOtherwise && shift === null) return NO_WARNINGS
  const warnings: Issue<WarningCode>[] = []
  if (concern !== null) warnings.push(issue(EXPIRES_CONCERN_CODES[concern], `It is ${expires}.`))
  if (shift !== null) warnings.push(issue('roxchat-expires-boundary-shift', shift))
  if (spelledOtherwise) {
    warnings.push(issue('roxchat-expires-not-integer-literal', `It is written ${displayJson(literal, { maxLength: 40 })}; the hash is checked over ${String(expires)}.`))
  }
  return warnings
}

/** Ten digits: every `expires` from 2001 to the vendor's largest, 2038. */
const EXPIRES_DIGITS = 10

/**
 * The hash joins the last-sorted value and `expires` with nothing between them, so an `expires`
 * over a year ahead (or over the vendor's largest) and longer than ten digits may have taken its
 * leading digits from the end of that value: the words for what it would then be, or null.
 *
 * @example
 * boundaryShift({ phone: '+7812385533' }, 71481195621, now)
 * // '"expires" is 71481195621 (year 4235); with "7" moved back to the end of "phone" it would be 1481195621 (…), and the hash is the same.'
 */
export function boundaryShift(fields: Readonly<Record<string, unknown>>, expires: number, nowSeconds: number): string | null {
  const digits = String(expires)
  if (!/^\d+$/.test(digits) || digits.length <= EXPIRES_DIGITS) return null
  if (expires <= MAX_ROXCHAT_EXPIRES && expires - nowSeconds <= FAR_FUTURE_EXPIRY_SECONDS) return null
  const moved = digits.slice(0, digits.length - EXPIRES_DIGITS)
  const rest = digits.slice(-EXPIRES_DIGITS)
  const last = Object.keys(fields).sort(compareUtf8).at(-1)
  const from = last === undefined ? 'the last-sorted value' : `the value of ${displayJson(last, { maxLength: 60 })} (the last-sorted field)`
  return plainSpaces(`"expires" is ${digits} (${instantWords(expires)}); with "${moved}" moved back to the end of ${from} it would be ${rest.replace(/^0+(?=\d)/, '')} (${instantWords(Number(rest))}), and the hash would be the same.`)
}
