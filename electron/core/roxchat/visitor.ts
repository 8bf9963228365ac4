/**
 * Checks a Rox.Chat provided visitor (`{fields, expires?, hash}`) against the Rox.Chat keys.
 */
import type { ErrorCode } from '../../common/codes'
import type { Check, Expiry, Issue, MatchedKey, SourcedField } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import type { RoxchatHashKey } from './keys'
import type { InspectionSettings } from '../../common/settings'
import { constantTimeEquals } from '../constant-time'
import { computeRoxchatHash, roxchatHashMessage } from './hash'
import { describeExpiry } from '../expiry'
import { issue } from '../issue'
import { displayValue, isPlainObject } from '../../common/values'
import { ROXCHAT_EXPIRING_SOON_SECONDS } from '../../common/roxchat'

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

export interface RoxchatVerification {
  readonly checks: readonly Check[]
  readonly errors: readonly Issue<ErrorCode>[]
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
  if (!isPlainObject(visitor) || !isPlainObject(visitor['fields'])) {
    return {
      checks: [
        { id: 'format', status: 'fail', code: 'roxchat-visitor-malformed' },
        ...UNREADABLE_SKIPPED,
      ],
      errors: [issue('roxchat-visitor-malformed', isPlainObject(visitor) ? '"fields" must be an object of text values.' : 'The visitor must be an object.')],
      verifiedFields: null,
      receivedFields: [],
      key: null,
      expiry: NO_EXPIRY,
    }
  }
  const checks: Check[] = [PASSED.format]
  const errors: Issue<ErrorCode>[] = []
  const rawFields = visitor['fields']

  // fields: every value a string, id present and not empty. (A list only when something fails:
  // batches verify tens of thousands of visitors.)
  let nonStrings: string[] = NONE
  for (const name in rawFields) {
    if (Object.hasOwn(rawFields, name) && typeof rawFields[name] !== 'string') {
      if (nonStrings === NONE) nonStrings = []
      nonStrings.push(name)
    }
  }
  const id = rawFields['id']
  if (nonStrings.length > 0 || typeof id !== 'string' || id.length === 0) {
    const detail = nonStrings.length > 0
      ? `Not text: ${nonStrings.slice(0, 5).join(', ')}${nonStrings.length > 5 ? '…' : ''}.`
      : '"id" is missing or empty.'
    checks.push({ id: 'fields', status: 'fail', code: 'wrong-provided-visitor-field-value' })
    errors.push(issue('wrong-provided-visitor-field-value', detail))
  } else {
    checks.push(PASSED.fields)
  }

  // expires: optional integer within the vendor's Int, not in the past.
  const expires = visitor['expires']
  let expiry = NO_EXPIRY
  if (expires === undefined) {
    checks.push(PASSED.expires)
  } else if (typeof expires !== 'number' || !Number.isInteger(expires) || expires > MAX_ROXCHAT_EXPIRES) {
    checks.push({ id: 'expires', status: 'fail', code: 'wrong-provided-visitor-expires-value' })
    errors.push(issue('wrong-provided-visitor-expires-value', `Received ${JSON.stringify(expires)}.`))
  } else {
    expiry = describeExpiry(expires, nowSeconds, { soonSeconds: ROXCHAT_EXPIRING_SOON_SECONDS, toleranceSeconds: 0 })
    if (expires <= nowSeconds) {
      checks.push({ id: 'expires', status: 'fail', code: 'provided-visitor-expired' })
      errors.push(issue('provided-visitor-expired', `It expired at ${expiry.expiresAt ?? ''}.`))
    } else {
      checks.push(PASSED.expires)
    }
  }

  // hash: the exact lower-case hex of one of the keys.
  const hash = visitor['hash']
  const messageComputable = nonStrings.length === 0 && (expires === undefined || typeof expires === 'number')
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
  } else if (hashedMessage === undefined) {
    checks.push({ id: 'hash', status: 'skip' })
  } else {
    const algorithm = settings.roxchat.hashAlgorithm
    const matched = keys.find((candidate) => constantTimeEquals(computeRoxchatHash(hashedMessage, candidate, algorithm), hash))
    if (matched === undefined) {
      checks.push({ id: 'hash', status: 'fail', code: 'wrong-provided-visitor-hash-value' })
      errors.push(issue('wrong-provided-visitor-hash-value', `No Rox.Chat key gives this ${algorithm} hash.`))
    } else {
      key = { kid: matched.kid, fingerprint: matched.fingerprint }
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
    verifiedFields: errors.length === 0 ? (rawFields as Record<string, string>) : null,
    receivedFields,
    key,
    expiry,
    ...(hashedMessage === undefined ? {} : { hashedMessage }),
  }
}
