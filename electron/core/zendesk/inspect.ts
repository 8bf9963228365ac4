/**
 * Inspecting Zendesk's loginUser JWT: each check a small function listed once, in the order
 * Zendesk's rules read (kid, HS256, signature, scope, external_id, exp).
 */
import type { ErrorCode, WarningCode } from '../../common/codes'
import type { Check, Diagnosis, Expiry, Issue, MergedField, RawView } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import { ZENDESK_FIELDS, type ZendeskCheckId } from '../../common/zendesk'
import { UNEXPLAINED, diagnosis } from '../diagnosis-kit'
import { describeExpiry } from '../expiry'
import { jwtDuplicateMemberWarnings } from '../source-warnings'
import { decodeJwt, hs256Signer, hs256Verifies, unixSeconds, whitespaceVariants, type DecodedJwt } from '../hs256-kit'
import { own, shownValue, type HmacKey } from '../hmac-kit'
import { issue } from '../issue'
import type { SchemeContext, SchemeOutcome } from '../scheme'
import type { TimeLimitAt } from '../time-limits'
import type { ZendeskPayload } from './detect'

/** Zendesk documents external_id as "max 255 chars". */
export const MAX_EXTERNAL_ID_CHARS = 255

interface JwtContext {
  readonly token: string
  readonly jwt: DecodedJwt
  /** The keys that count: the stored ones, narrowed to the account's IDs when Settings list them. */
  readonly keys: readonly HmacKey[]
  readonly now: Date
  namedKey?: HmacKey
  algorithmOk: boolean
  signer?: HmacKey
  expiry: Expiry
}

interface CheckRun {
  readonly check: Check
  readonly errors: readonly Issue<ErrorCode>[]
  readonly warnings?: readonly Issue<WarningCode>[]
}

const pass = (id: ZendeskCheckId, kid?: string): CheckRun => ({ check: kid === undefined ? { id, status: 'pass' } : { id, status: 'pass', kid }, errors: [] })
const skip = (id: ZendeskCheckId): CheckRun => ({ check: { id, status: 'skip' }, errors: [] })
const failed = (id: ZendeskCheckId, code: ErrorCode, detail?: string): CheckRun => ({ check: { id, status: 'fail', code }, errors: [issue(code, detail)] })

export const ZENDESK_JWT_CHECKS: readonly { readonly id: ZendeskCheckId; run(context: JwtContext): CheckRun | Promise<CheckRun> }[] = [
  {
    id: 'zendesk-kid',
    run(context) {
      const kid = own(context.jwt.header, 'kid')
      if (kid === undefined) return failed('zendesk-kid', 'zendesk-jwt-missing-kid')
      if (context.keys.length === 0) return failed('zendesk-kid', 'zendesk-no-key')
      // Looked up by equality among the ring's keys: "__proto__" and friends are simply unknown.
      const named = typeof kid === 'string' ? context.keys.find((key) => key.kid === kid) : undefined
      if (named === undefined) return failed('zendesk-kid', 'zendesk-jwt-unknown-kid', `The header names ${shownValue(kid, 80)}.`)
      context.namedKey = named
      return pass('zendesk-kid')
    },
  },
  {
    id: 'zendesk-algorithm',
    run(context) {
      const alg = own(context.jwt.header, 'alg')
      if (alg !== 'HS256') return failed('zendesk-algorithm', 'zendesk-jwt-alg-not-allowed', `The header says ${shownValue(alg, 40)}.`)
      context.algorithmOk = true
      return pass('zendesk-algorithm')
    },
  },
  {
    id: 'zendesk-signature',
    async run(context) {
      const { namedKey } = context
      if (!context.algorithmOk || namedKey === undefined) return skip('zendesk-signature')
      if (!(await hs256Verifies(context.token, namedKey))) return failed('zendesk-signature', 'zendesk-jwt-bad-signature', `Key "${namedKey.kid}" does not verify it.`)
      context.signer = namedKey
      return pass('zendesk-signature', namedKey.kid)
    },
  },
  {
    id: 'zendesk-scope',
    run: (context) => (own(context.jwt.claims, 'scope') === 'user' ? pass('zendesk-scope') : failed('zendesk-scope', 'zendesk-jwt-missing-scope', own(context.jwt.claims, 'scope') === undefined ? undefined : `It is ${shownValue(own(context.jwt.claims, 'scope'), 40)}.`)),
  },
  {
    id: 'zendesk-external-id',
    run(context) {
      const id = own(context.jwt.claims, 'external_id')
      if (typeof id === 'string' && id.length > 0 && id.length <= MAX_EXTERNAL_ID_CHARS) return pass('zendesk-external-id')
      const detail = id === undefined ? undefined : typeof id === 'string' ? `It has ${id.length} characters.` : `It is ${shownValue(id, 40)}, not text.`
      return failed('zendesk-external-id', 'zendesk-jwt-missing-external-id', detail)
    },
  },
  {
    id: 'zendesk-exp',
    run(context) {
      const exp = own(context.jwt.claims, 'exp')
      const warnings = own(context.jwt.claims, 'email_verified') === false ? [issue('zendesk-email-not-verified')] : []
      if (exp === undefined) return { check: { id: 'zendesk-exp', status: 'pass' }, errors: [], warnings: [issue('zendesk-jwt-no-exp'), ...warnings] }
      if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) return failed('zendesk-exp', 'zendesk-jwt-malformed', `exp is ${shownValue(exp, 40)}, not whole seconds.`)
      context.expiry = describeExpiry(exp, unixSeconds(context.now), { soonSeconds: 300, toleranceSeconds: 0 })
      if (context.expiry.status === 'expired') return failed('zendesk-exp', 'zendesk-jwt-expired', `It expired at ${context.expiry.expiresAt ?? ''}.`)
      return { ...pass('zendesk-exp'), warnings }
    },
  },
]

/** The stored keys that count: those Settings list as the account's, or every one. */
export function accountKeys(context: SchemeContext): readonly HmacKey[] {
  const listed = context.settings.zendesk.keyIds
  return listed.length === 0 ? context.keys.zendesk : context.keys.zendesk.filter((key) => listed.includes(key.kid))
}

const REGISTERED = new Set(['exp', 'iat', 'nbf', 'jti', 'iss', 'aud', 'scope'])

export async function inspectZendesk(payload: ZendeskPayload, context: SchemeContext): Promise<SchemeOutcome> {
  const jwt = decodeJwt(payload.token)
  if (jwt === null) {
    return {
      errors: [issue('zendesk-jwt-malformed')],
      checks: [{ id: 'format', status: 'fail', code: 'zendesk-jwt-malformed' }, ...ZENDESK_JWT_CHECKS.map(({ id }) => skip(id).check)],
      raw: { form: payload.form },
    }
  }
  const run: JwtContext = { token: payload.token, jwt, keys: accountKeys(context), now: context.now, algorithmOk: false, expiry: NO_EXPIRY }
  const checks: Check[] = [{ id: 'format', status: 'pass' }]
  const errors: Issue<ErrorCode>[] = []
  const warnings: Issue<WarningCode>[] = jwtDuplicateMemberWarnings(jwt, 'zendesk-duplicate-member')
  for (const check of ZENDESK_JWT_CHECKS) {
    const ran = await check.run(run)
    checks.push(ran.check)
    errors.push(...ran.errors)
    warnings.push(...(ran.warnings ?? []))
  }
  const names = [...ZENDESK_FIELDS.filter((name) => Object.hasOwn(jwt.claims, name)), ...Object.keys(jwt.claims).filter((name) => !(ZENDESK_FIELDS as readonly string[]).includes(name) && !REGISTERED.has(name))]
  const all: MergedField[] = names.map((name) => ({ name, value: shownValue(jwt.claims[name]), source: 'zendesk-signed', overridden: [] }))
  const known = (field: MergedField): boolean => (ZENDESK_FIELDS as readonly string[]).includes(field.name)
  const verified = errors.length === 0
  return {
    ...(verified ? { verdict: 'verified' as const, fields: all.filter(known), unmapped: all.filter((field) => !known(field)) } : { rejectedFields: all.map(({ name, value, source }) => ({ name, value, source })) }),
    errors,
    warnings,
    checks,
    key: run.signer === undefined ? null : { kid: run.signer.kid, fingerprint: run.signer.fingerprint },
    expiry: run.expiry,
    raw: { form: payload.form, header: jwt.header, claims: jwt.claims },
  }
}

/** A JWT its kid's key does not verify (or whose kid is unknown): signed with which stored key? */
/** When time alone turns a verified Zendesk JWT into a rejected one: its exp (no tolerance, as its check). */
export function zendeskTimeLimits(raw: RawView): readonly TimeLimitAt[] {
  const exp = raw.claims === undefined ? undefined : own(raw.claims, 'exp')
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) return []
  return [{ seconds: exp, limit: { check: 'zendesk-exp', code: 'zendesk-jwt-expired', kind: 'expired' } }]
}

export async function diagnoseZendesk(payload: ZendeskPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  const failedWith = (code: ErrorCode): boolean => outcome.checks.some((check) => check.code === code)
  if (!failedWith('zendesk-jwt-bad-signature') && !failedWith('zendesk-jwt-unknown-kid')) return null
  const jwt = decodeJwt(payload.token)
  if (jwt === null || own(jwt.header, 'alg') !== 'HS256') return null
  const kid = own(jwt.header, 'kid')
  const signer = await hs256Signer(payload.token, context.keys.zendesk.filter((key) => key.kid !== kid))
  if (signer !== undefined) {
    return diagnosis('diagnosis-kid-names-other-key', `The JWT is signed with key "${signer.kid}", but its header's kid says ${shownValue(kid, 80)}: put the ID of the key that signs in kid${context.settings.zendesk.keyIds.length > 0 && !context.settings.zendesk.keyIds.includes(signer.kid) ? ` (and "${signer.kid}" is not among the account's key IDs in Settings)` : ''}.`)
  }
  const named = context.keys.zendesk.find((key) => key.kid === kid)
  if (named !== undefined && (await hs256Signer(payload.token, whitespaceVariants(named))) !== undefined) {
    return diagnosis('diagnosis-key-whitespace', `The website's copy of key "${named.kid}" has surrounding whitespace or a line break: trim the secret before signing.`)
  }
  return [UNEXPLAINED]
}
