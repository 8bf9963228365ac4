/**
 * Inspecting Intercom users: user_hash (HMAC-SHA256 of user_id, else of email) through the HMAC
 * kit, or the Messenger security JWT (HS256, user_id required, exp optional) through its checks,
 * each a small function listed once. Only the keys of the platform in Settings verify; the
 * others are tried by the diagnosis.
 */
import type { ErrorCode, WarningCode } from '../../common/codes'
import { INTERCOM_FIELDS, INTERCOM_SETTING_MEMBERS, type IntercomCheckId, type IntercomPlatform } from '../../common/intercom'
import type { Check, Diagnosis, Expiry, Issue, MergedField, PayloadForm, RawView } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import { UNEXPLAINED, diagnosis } from '../diagnosis-kit'
import { describeExpiry } from '../expiry'
import { jwtDuplicateMemberWarnings } from '../source-warnings'
import { decodeJwt, hs256Signer, unixSeconds, whitespaceVariants, type DecodedJwt } from '../hs256-kit'
import { diagnoseHmac, inspectHmacIdentity, isWellFormedText, own, shownValue, textProblem, type HmacIdentitySpec, type SentField } from '../hmac-kit'
import { issue } from '../issue'
import type { SchemeContext, SchemeOutcome } from '../scheme'
import type { TimeLimitAt } from '../time-limits'
import type { IntercomPayload } from './detect'
import { platformKeys, type IntercomKey } from './keys'

const SETTING_MEMBERS = new Set<string>(INTERCOM_SETTING_MEMBERS)
/** Registered claims: not user attributes. */
const REGISTERED_CLAIMS = new Set(['exp', 'iat', 'nbf', 'iss', 'aud', 'jti', 'sub'])

/** The user's members in Intercom's order (known attributes first), without the Messenger's settings. */
function sentFields(object: Readonly<Record<string, unknown>>, skip: ReadonlySet<string>): SentField[] {
  const known = INTERCOM_FIELDS.filter((name) => Object.hasOwn(object, name)).map((name) => ({ name, value: object[name] }))
  const rest = Object.keys(object).filter((name) => !skip.has(name) && !(INTERCOM_FIELDS as readonly string[]).includes(name))
  return [...known, ...rest.map((name) => ({ name, value: object[name] }))]
}

/** user_id when it is sent (text or a number, as the Messenger sends it), else email. */
function identifierOf(settings: Readonly<Record<string, unknown>>): { name: string | null; message: HmacIdentitySpec['message'] } {
  const userId = own(settings, 'user_id')
  const email = own(settings, 'email')
  const usable = (value: unknown): value is string | number => (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))
  const name = usable(userId) ? 'user_id' : usable(email) ? 'email' : null
  if (name === null) {
    const detail = userId !== undefined || email !== undefined ? 'user_id and email must be text.' : undefined
    return { name: null, message: { ok: false, code: 'intercom-missing-identifier', detail: detail ?? '' } }
  }
  const text = String(name === 'user_id' ? userId : email)
  if (!isWellFormedText(text)) return { name, message: { ok: false, code: 'intercom-settings-malformed', detail: `${name} is not well-formed text.` } }
  return { name, message: { ok: true, text } }
}

function hashSpec(settings: Readonly<Record<string, unknown>>, form: PayloadForm, keys: readonly IntercomKey[]): HmacIdentitySpec {
  const { name, message } = identifierOf(settings)
  return {
    form,
    visitor: settings,
    sent: sentFields(settings, SETTING_MEMBERS),
    known: INTERCOM_FIELDS,
    signedName: name,
    message,
    hash: own(settings, 'user_hash'),
    keys,
    checks: { identifier: 'intercom-identifier', hash: 'intercom-user-hash' },
    codes: { noKey: 'intercom-no-key', mismatch: 'intercom-hmac-mismatch', malformed: 'intercom-settings-malformed', duplicate: 'intercom-duplicate-member' },
    where: 'The Intercom settings',
    missingHash: { level: 'error', code: 'intercom-missing-user-hash' },
    sources: { signed: 'intercom-signed', unsigned: 'intercom-sent' },
  }
}

// ---------------------------------------------------------------------------------------------
// The Messenger security JWT

interface JwtContext {
  readonly token: string
  readonly jwt: DecodedJwt
  readonly keys: readonly IntercomKey[]
  readonly now: Date
  algorithmOk: boolean
  signer?: IntercomKey
  expiry: Expiry
}

interface CheckRun {
  readonly check: Check
  readonly errors: readonly Issue<ErrorCode>[]
  readonly warnings?: readonly Issue<WarningCode>[]
}

const pass = (id: IntercomCheckId, kid?: string): CheckRun => ({ check: kid === undefined ? { id, status: 'pass' } : { id, status: 'pass', kid }, errors: [] })
const skip = (id: IntercomCheckId): CheckRun => ({ check: { id, status: 'skip' }, errors: [] })
const failed = (id: IntercomCheckId, code: ErrorCode, detail?: string): CheckRun => ({ check: { id, status: 'fail', code }, errors: [issue(code, detail)] })

/** The Messenger JWT's checks, in the order they run and are reported. */
export const INTERCOM_JWT_CHECKS: readonly { readonly id: IntercomCheckId; run(context: JwtContext): CheckRun | Promise<CheckRun> }[] = [
  {
    id: 'intercom-jwt-algorithm',
    run(context) {
      const alg = own(context.jwt.header, 'alg')
      if (alg !== 'HS256') return failed('intercom-jwt-algorithm', 'intercom-jwt-alg-not-allowed', `The header says ${shownValue(alg, 40)}.`)
      context.algorithmOk = true
      return pass('intercom-jwt-algorithm')
    },
  },
  {
    id: 'intercom-jwt-signature',
    async run(context) {
      if (!context.algorithmOk) return skip('intercom-jwt-signature')
      if (context.keys.length === 0) return failed('intercom-jwt-signature', 'intercom-no-key')
      const signer = await hs256Signer(context.token, context.keys)
      if (signer === undefined) return failed('intercom-jwt-signature', 'intercom-jwt-bad-signature')
      context.signer = signer
      return pass('intercom-jwt-signature', signer.kid)
    },
  },
  {
    id: 'intercom-jwt-user-id',
    run(context) {
      const userId = own(context.jwt.claims, 'user_id')
      if (typeof userId === 'string' && userId.length > 0) return pass('intercom-jwt-user-id')
      return failed('intercom-jwt-user-id', 'intercom-jwt-missing-user-id', userId === undefined ? undefined : `It is ${shownValue(userId, 40)}.`)
    },
  },
  {
    id: 'intercom-jwt-exp',
    run(context) {
      const exp = own(context.jwt.claims, 'exp')
      if (exp === undefined) return { check: { id: 'intercom-jwt-exp', status: 'pass' }, errors: [], warnings: [issue('intercom-jwt-no-exp')] }
      if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) return failed('intercom-jwt-exp', 'intercom-jwt-malformed', `exp is ${shownValue(exp, 40)}, not whole seconds.`)
      context.expiry = describeExpiry(exp, unixSeconds(context.now), { soonSeconds: 300, toleranceSeconds: 0 })
      if (context.expiry.status === 'expired') return failed('intercom-jwt-exp', 'intercom-jwt-expired', `It expired at ${context.expiry.expiresAt ?? ''}.`)
      return pass('intercom-jwt-exp')
    },
  },
]

async function inspectJwt(token: string, form: PayloadForm, outside: Readonly<Record<string, unknown>> | null, keys: readonly IntercomKey[], now: Date): Promise<SchemeOutcome> {
  const jwt = decodeJwt(token)
  if (jwt === null) {
    return {
      errors: [issue('intercom-jwt-malformed')],
      checks: [{ id: 'format', status: 'fail', code: 'intercom-jwt-malformed' }, ...INTERCOM_JWT_CHECKS.map(({ id }) => skip(id).check)],
      raw: { form },
    }
  }
  const context: JwtContext = { token, jwt, keys, now, algorithmOk: false, expiry: NO_EXPIRY }
  const checks: Check[] = [{ id: 'format', status: 'pass' }]
  const errors: Issue<ErrorCode>[] = []
  const warnings: Issue<WarningCode>[] = jwtDuplicateMemberWarnings(jwt, 'intercom-duplicate-member')
  for (const { run } of INTERCOM_JWT_CHECKS) {
    const ran = await run(context)
    checks.push(ran.check)
    errors.push(...ran.errors)
    warnings.push(...(ran.warnings ?? []))
  }
  const claimFields = sentFields(jwt.claims, REGISTERED_CLAIMS)
  const beside = outside === null ? [] : sentFields(outside, SETTING_MEMBERS).filter(({ name }) => !Object.hasOwn(jwt.claims, name))
  const raw = { form, header: jwt.header, claims: jwt.claims, ...(outside === null ? {} : { visitor: outside }) }
  const verified = errors.length === 0
  const lay = (list: readonly SentField[], source: 'intercom-signed' | 'intercom-sent'): MergedField[] =>
    list.filter(({ value }) => value !== undefined).map(({ name, value }) => ({ name, value: shownValue(value), source, overridden: [] }))
  const all = [...lay(claimFields, verified ? 'intercom-signed' : 'intercom-sent'), ...lay(beside, 'intercom-sent')]
  const known = (field: MergedField): boolean => (INTERCOM_FIELDS as readonly string[]).includes(field.name)
  return {
    ...(verified ? { verdict: 'verified' as const } : {}),
    errors,
    warnings,
    checks,
    ...(verified ? { fields: all.filter(known), unmapped: all.filter((field) => !known(field)) } : { rejectedFields: all.map(({ name, value, source }) => ({ name, value, source })) }),
    key: context.signer === undefined ? null : { kid: context.signer.kid, fingerprint: context.signer.fingerprint },
    expiry: context.expiry,
    raw,
  }
}

export async function inspectIntercom(payload: IntercomPayload, context: SchemeContext): Promise<SchemeOutcome> {
  const { own: keys } = platformKeys(context.keys.intercom, context.settings.intercom.platform)
  if (payload.kind === 'intercom-jwt') return inspectJwt(payload.token, payload.form, null, keys, context.now)
  const jwt = own(payload.settings, 'intercom_user_jwt')
  if (jwt !== undefined) {
    if (typeof jwt !== 'string') {
      return { errors: [issue('intercom-jwt-malformed', 'intercom_user_jwt must be text.')], checks: [{ id: 'format', status: 'fail', code: 'intercom-jwt-malformed' }], raw: { form: payload.form, visitor: payload.settings } }
    }
    const fault = textProblem(payload.settings, 'The Intercom settings')
    if (fault !== null) return { errors: [issue('intercom-settings-malformed', fault)], checks: [{ id: 'format', status: 'fail', code: 'intercom-settings-malformed' }], raw: { form: payload.form, visitor: payload.settings } }
    return inspectJwt(jwt.trim(), payload.form, payload.settings, keys, context.now)
  }
  return inspectHmacIdentity(hashSpec(payload.settings, payload.form, keys))
}

/**
 * When time alone turns a verified Intercom identity into a rejected one: a Messenger JWT's exp
 * (no tolerance, as its check). A user_hash has none: valid forever once captured.
 */
export function intercomTimeLimits(raw: RawView): readonly TimeLimitAt[] {
  const exp = raw.claims === undefined ? undefined : own(raw.claims, 'exp')
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) return []
  return [{ seconds: exp, limit: { check: 'intercom-jwt-exp', code: 'intercom-jwt-expired', kind: 'expired' } }]
}

// ---------------------------------------------------------------------------------------------
// Diagnosis

const PLATFORM_NAME: Readonly<Record<IntercomPlatform, string>> = { web: 'web', ios: 'iOS', android: 'Android' }

async function diagnoseJwt(token: string, own: readonly IntercomKey[], others: readonly IntercomKey[], platform: IntercomPlatform): Promise<Diagnosis[]> {
  const other = await hs256Signer(token, others)
  if (other !== undefined) {
    return diagnosis('diagnosis-other-platform', `The JWT is signed with the ${PLATFORM_NAME[other.platform]} secret (key "${other.kid}"), but the Messenger runs on ${PLATFORM_NAME[platform]} (Settings): sign with the ${PLATFORM_NAME[platform]} secret, or change the platform in Settings.`)
  }
  for (const key of own) {
    if ((await hs256Signer(token, whitespaceVariants(key))) !== undefined) {
      return diagnosis('diagnosis-key-whitespace', `The website's copy of key "${key.kid}" has surrounding whitespace or a line break: trim the secret before signing.`)
    }
  }
  return [UNEXPLAINED]
}

/** A user_hash or JWT that matches no key of the platform: which usual mistake explains it. */
export async function diagnoseIntercom(payload: IntercomPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  const platform = context.settings.intercom.platform
  const { own: keys, others } = platformKeys(context.keys.intercom, platform)
  const failedWith = (code: ErrorCode): boolean => outcome.checks.some((check) => check.code === code)
  if (failedWith('intercom-jwt-bad-signature')) {
    const token = payload.kind === 'intercom-jwt' ? payload.token : String(own(payload.settings, 'intercom_user_jwt')).trim()
    return diagnoseJwt(token, keys, others, platform)
  }
  if (payload.kind !== 'intercom-user' || !(failedWith('intercom-hmac-mismatch') || (failedWith('intercom-no-key') && others.length > 0))) return null
  const hash = own(payload.settings, 'user_hash')
  const { name, message } = identifierOf(payload.settings)
  if (typeof hash !== 'string' || !message.ok || name === null) return null
  const email = own(payload.settings, 'email')
  const otherName = name === 'user_id' ? 'email' : 'user_id'
  const otherValue = name === 'user_id' ? email : own(payload.settings, 'user_id')
  const variants = [
    ...(typeof otherValue === 'string' && otherValue.length > 0 && otherValue !== message.text
      ? [{
          code: 'diagnosis-other-identifier' as const,
          message: otherValue,
          explain: (kid: string) => `user_hash is the HMAC of ${otherName} (key "${kid}"), but Intercom hashes ${name}: ${name === 'user_id' ? 'when user_id is sent, hash user_id, not email' : 'hash the email only when no user_id is sent'}.`,
        }]
      : []),
    {
      code: 'diagnosis-other-platform' as const,
      message: message.text,
      keys: others,
      explain: (kid: string) => {
        const key = others.find((candidate) => candidate.kid === kid)
        const theirs = key === undefined ? 'another platform' : PLATFORM_NAME[key.platform]
        return `user_hash was made with the ${theirs} secret (key "${kid}"), but the Messenger runs on ${PLATFORM_NAME[platform]} (Settings): each platform has its own secret.`
      },
    },
  ]
  return diagnoseHmac({ message: message.text, given: hash, keys, spelling: { uppercase: 'diagnosis-uppercase-hex', base64: 'diagnosis-base64-digest' }, variants })
}
