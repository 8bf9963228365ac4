/**
 * RingCX signed identities: every check of a compact JWT, reported separately. Each check is a
 * small function, listed once in {@link RINGCX_JWT_CHECKS}; what an identity that stops early
 * leaves unchecked is derived from that list.
 */
import { errors as joseErrors, jwtVerify } from 'jose'
import type { ErrorCode, WarningCode } from '../../common/codes'
import type { Check, Expiry, Issue, MatchedKey } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import type { RingcxCheckId } from '../../common/ringcx'
import { RINGCX_ALGORITHMS, type RingcxAlgorithm } from '../../common/ringcx/keys'
import type { InspectionSettings } from '../../common/settings'
import { instantWords, plainSpaces, spanWords } from '../../common/time-words'
import { describeTextFault, displayJson, findIllFormedText, isPlainObject, ownMember } from '../../common/values'
import { describeExpiry, expiryConcern, type ExpiryConcern } from '../expiry'
import { issue } from '../issue'
import type { KeyRing } from '../key-ring'
import { decodeCompactJwt } from './compact-jwt'
import type { RingcxVerificationKey } from './keys'
import { matchedKeyOf } from '../key-fingerprint'
import { describeMobileSdkToken, isMobileSdkClaims } from './mobile-sdk'

export interface RingcxJwtVerification {
  readonly checks: readonly Check[]
  readonly errors: readonly Issue<ErrorCode>[]
  /** Suspicious but valid: an `exp` out of range, in milliseconds or years ahead. */
  readonly warnings: readonly Issue<WarningCode>[]
  readonly key: MatchedKey | null
  readonly expiry: Expiry
  readonly header?: Readonly<Record<string, unknown>>
  readonly claims?: Readonly<Record<string, unknown>>
  /** The decoded header and claims texts (see decodeCompactJwt). */
  readonly headerJson?: string
  readonly claimsJson?: string
}

const EXP_CONCERN_CODES: Readonly<Record<ExpiryConcern, WarningCode>> = {
  'out-of-range': 'ringcx-jwt-exp-out-of-range',
  'in-milliseconds': 'ringcx-jwt-exp-in-milliseconds',
  'far-future': 'ringcx-jwt-exp-far-future',
}
const NO_WARNINGS: readonly Issue<WarningCode>[] = Object.freeze([])

type ClaimError = joseErrors.JWTClaimValidationFailed | joseErrors.JWTExpired

type SignatureOutcome =
  | { readonly kind: 'verified'; readonly claimError?: ClaimError }
  | { readonly kind: 'bad-signature' }
  | { readonly kind: 'malformed'; readonly message: string }

/** What the checks of one token share: its parts, the keys and settings, and what earlier checks found. */
interface JwtContext {
  readonly token: string
  readonly header: Readonly<Record<string, unknown>>
  readonly claims: Readonly<Record<string, unknown>>
  readonly ring: KeyRing
  readonly settings: InspectionSettings
  readonly now: Date
  /** The key the header's kid names (kid check). */
  namedKey?: RingcxVerificationKey
  /** The header's algorithm is allowed, for the named key if any (algorithm check). */
  algorithmOk: boolean
  /** The key that verified the signature (signature check). */
  key: MatchedKey | null
  /** jose's verdict on the claims once the signature verified (signature check). */
  claimError?: ClaimError
  expiry: Expiry
  /** Suspicious but valid findings (exp check). */
  warnings: readonly Issue<WarningCode>[]
}

/** One check's line and the issues it reports (the exp check may report several). */
interface CheckRun {
  readonly check: Check
  readonly issues: readonly Issue<ErrorCode>[]
}

type JwtCheckId = 'format' | RingcxCheckId

interface JwtCheck {
  readonly id: JwtCheckId
  run(context: JwtContext): CheckRun | Promise<CheckRun>
}

const NO_ISSUES: readonly Issue<ErrorCode>[] = []

function pass(id: JwtCheckId, kid?: string): CheckRun {
  return { check: kid === undefined ? { id, status: 'pass' } : { id, status: 'pass', kid }, issues: NO_ISSUES }
}

function skip(id: JwtCheckId): CheckRun {
  return { check: { id, status: 'skip' }, issues: NO_ISSUES }
}

function failed(id: JwtCheckId, code: ErrorCode, detail?: string): CheckRun {
  return { check: { id, status: 'fail', code }, issues: [issue(code, detail)] }
}

/** Runs jose's strict verification with exactly one algorithm and sorts the outcome. */
async function verifyWithKey(token: string, key: RingcxVerificationKey, settings: InspectionSettings, now: Date): Promise<SignatureOutcome> {
  try {
    await jwtVerify(token, key.cryptoKey, {
      algorithms: [key.alg],
      requiredClaims: ['exp'],
      clockTolerance: settings.ringcx.clockToleranceSeconds,
      currentDate: now,
    })
    return { kind: 'verified' }
  } catch (error) {
    // jose checks claims only after the signature verified.
    if (error instanceof joseErrors.JWTExpired || error instanceof joseErrors.JWTClaimValidationFailed) {
      return { kind: 'verified', claimError: error }
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { kind: 'bad-signature' }
    if (error instanceof joseErrors.JOSEError) return { kind: 'malformed', message: error.message }
    throw error
  }
}

function isRingcxAlgorithm(value: unknown): value is RingcxAlgorithm {
  return (RINGCX_ALGORITHMS as readonly unknown[]).includes(value)
}

/**
 * format: the header and claims are well-formed Unicode text (text that is not would be shown as
 * one thing and read as another), "extra_values" is an object, and the token is not the mobile
 * SDK's (which the later checks reject anyway; this says what it is).
 */
async function checkFormat(context: JwtContext): Promise<CheckRun> {
  const shape = checkShape(context)
  if (shape.check.status !== 'pass' || !isMobileSdkClaims(context.claims)) return shape
  return failed('format', 'ringcx-mobile-sdk-token', await describeMobileSdkToken(context.token, context.header, context.claims, context.ring))
}

function checkShape(context: JwtContext): CheckRun {
  const headerFault = findIllFormedText(context.header)
  if (headerFault !== null) return failed('format', 'ringcx-identity-malformed', describeTextFault(headerFault, 'The JWT header'))
  const claimsFault = findIllFormedText(context.claims)
  if (claimsFault !== null) return failed('format', 'ringcx-identity-malformed', describeTextFault(claimsFault, 'The JWT claims'))
  const extras = ownMember(context.claims, 'extra_values')
  if (extras !== undefined && !isPlainObject(extras)) return failed('format', 'ringcx-identity-malformed', '"extra_values" must be an object of key/value pairs.')
  return pass('format')
}

/** mode: the community accepts signed identities. */
function checkMode(context: JwtContext): CheckRun {
  return context.settings.ringcx.signedIdentities === 'reject' ? failed('mode', 'ringcx-signed-identity-rejected') : pass('mode')
}

/** kid: looked up in a Map, so "__proto__" and friends are simply unknown. */
function checkKid(context: JwtContext): CheckRun {
  const kid = ownMember(context.header, 'kid')
  const namedKey = typeof kid === 'string' ? context.ring.ringcx.get(kid) : undefined
  if (namedKey !== undefined) context.namedKey = namedKey
  if (kid === undefined) return failed('kid', 'ringcx-jwt-missing-kid')
  if (namedKey === undefined) return failed('kid', 'ringcx-jwt-unknown-kid', `The header names ${displayJson(kid, { maxLength: 80 })}.`)
  return pass('kid')
}

/** algorithm: HS256 or RS256, and only the one bound to the named key. */
function checkAlgorithm(context: JwtContext): CheckRun {
  const alg = ownMember(context.header, 'alg')
  const { namedKey } = context
  if (!isRingcxAlgorithm(alg)) return failed('algorithm', 'ringcx-jwt-alg-not-allowed', `The header says ${displayJson(alg, { maxLength: 80 }) || 'nothing'}.`)
  if (namedKey !== undefined && namedKey.alg !== alg) {
    return failed('algorithm', 'ringcx-jwt-alg-not-allowed', `Key "${namedKey.kid}" is a ${namedKey.alg} key, but the header says ${alg}.`)
  }
  context.algorithmOk = true
  return pass('algorithm')
}

/** signature: with the named key, or with every key of that algorithm when the kid is no help. */
async function checkSignature(context: JwtContext): Promise<CheckRun> {
  if (!context.algorithmOk) return skip('signature')
  const { namedKey } = context
  const alg = ownMember(context.header, 'alg')
  const candidates = namedKey !== undefined
    ? [namedKey]
    : [...context.ring.ringcx.values()].filter((candidate) => candidate.alg === alg)
  let malformed: string | undefined
  for (const candidate of candidates) {
    const outcome = await verifyWithKey(context.token, candidate, context.settings, context.now)
    if (outcome.kind === 'verified') {
      context.key = matchedKeyOf(candidate)
      if (outcome.claimError !== undefined) context.claimError = outcome.claimError
      return pass('signature', candidate.kid)
    }
    if (outcome.kind === 'malformed') malformed = outcome.message
  }
  if (malformed !== undefined) return failed('signature', 'ringcx-identity-malformed', malformed)
  if (candidates.length === 0) return skip('signature')
  return failed('signature', 'ringcx-jwt-bad-signature', namedKey === undefined ? `No ${String(alg)} key in the store verifies it.` : undefined)
}

/**
 * exp (and nbf): judged here from the claims, so that they are reported even when the signature
 * fails; jose's own verdict from the signature check is folded in.
 */
function checkExp(context: JwtContext): CheckRun {
  const nowSeconds = Math.floor(context.now.getTime() / 1000)
  const { clockToleranceSeconds: tolerance, minExpirySeconds } = context.settings.ringcx
  const exp = ownMember(context.claims, 'exp')
  const nbf = ownMember(context.claims, 'nbf')
  const codes: ErrorCode[] = []
  const details = new Map<ErrorCode, string>()
  if (typeof exp !== 'number' || !Number.isInteger(exp)) {
    codes.push('ringcx-jwt-missing-exp')
    if (exp !== undefined) details.set('ringcx-jwt-missing-exp', `Received ${displayJson(exp, { maxLength: 40 })}.`)
  } else {
    const concern = expiryConcern(exp, nowSeconds)
    if (concern !== null) context.warnings = [issue(EXP_CONCERN_CODES[concern], `It is ${exp}.`)]
    const expiry = describeExpiry(exp, nowSeconds, { soonSeconds: minExpirySeconds, toleranceSeconds: tolerance })
    context.expiry = expiry
    if (exp + tolerance <= nowSeconds) {
      codes.push('ringcx-jwt-expired')
      details.set('ringcx-jwt-expired', plainSpaces(`It expired at ${instantWords(exp)}. Rule of the integration guide: "exp" in the future, with ${spanWords(tolerance)} of leeway here (the guide says 10 seconds).`))
    } else if (exp - nowSeconds < minExpirySeconds) {
      codes.push('ringcx-jwt-exp-too-soon')
      details.set('ringcx-jwt-exp-too-soon', plainSpaces(`It expires in ${spanWords(exp - nowSeconds)}; it must have at least ${spanWords(minExpirySeconds)} left. Rule of the community page: at least one hour ahead (the setting minExpirySeconds).`))
    }
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + tolerance)) codes.push('ringcx-jwt-not-yet-valid')
  const { claimError } = context
  if (claimError !== undefined) {
    const fromJose: ErrorCode =
      claimError instanceof joseErrors.JWTExpired ? 'ringcx-jwt-expired'
        : claimError.claim === 'exp' ? 'ringcx-jwt-missing-exp'
          : claimError.claim === 'nbf' ? 'ringcx-jwt-not-yet-valid'
            : 'ringcx-identity-malformed'
    if (!codes.includes(fromJose)) {
      codes.push(fromJose)
      details.set(fromJose, `(${claimError.message})`)
    }
  }
  const [first] = codes
  if (first === undefined) return pass('exp')
  return { check: { id: 'exp', status: 'fail', code: first }, issues: codes.map((code) => issue(code, details.get(code))) }
}

/** uuid: mandatory in a signed identity. */
function checkUuid(context: JwtContext): CheckRun {
  const uuid = ownMember(context.claims, 'uuid')
  return typeof uuid !== 'string' || uuid.length === 0 ? failed('uuid', 'ringcx-jwt-missing-uuid') : pass('uuid')
}

/** Every check of a signed identity, in the order they run and are reported. */
export const RINGCX_JWT_CHECKS: readonly JwtCheck[] = [
  { id: 'format', run: checkFormat },
  { id: 'mode', run: checkMode },
  { id: 'kid', run: checkKid },
  { id: 'algorithm', run: checkAlgorithm },
  { id: 'signature', run: checkSignature },
  { id: 'exp', run: checkExp },
  { id: 'uuid', run: checkUuid },
]

/**
 * The checks listed after `id`: what an identity that stops at `id` leaves unchecked (a token
 * that cannot be decoded stops at `format`; an unsigned identity at `mode`).
 *
 * @example
 * checksAfter('mode') // ['kid', 'algorithm', 'signature', 'exp', 'uuid']
 */
export function checksAfter(id: JwtCheckId): JwtCheckId[] {
  const ids = RINGCX_JWT_CHECKS.map((check) => check.id)
  return ids.slice(ids.indexOf(id) + 1)
}

/**
 * Checks a compact JWT as RingCX would, reporting every failing check.
 *
 * @example
 * const result = await verifyRingcxJwt(token, ring, settings, new Date())
 * result.errors.map((e) => e.code) // [] when verified
 */
export async function verifyRingcxJwt(
  token: string,
  ring: KeyRing,
  settings: InspectionSettings,
  now: Date,
): Promise<RingcxJwtVerification> {
  const decoded = decodeCompactJwt(token)
  if (!decoded.ok) {
    const code: ErrorCode = decoded.problem === 'too-deep' ? 'input-too-deep' : 'ringcx-identity-malformed'
    return {
      checks: [{ id: 'format', status: 'fail', code }, ...checksAfter('format').map((id) => skip(id).check)],
      errors: [issue(code, code === 'input-too-deep' ? 'The JWT header or claims are nested too deep.' : `(${decoded.problem})`)],
      warnings: NO_WARNINGS,
      key: null,
      expiry: NO_EXPIRY,
    }
  }
  const { header, claims, headerJson, claimsJson } = decoded.value
  const context: JwtContext = { token, header, claims, ring, settings, now, algorithmOk: false, key: null, expiry: NO_EXPIRY, warnings: NO_WARNINGS }
  const checks: Check[] = []
  const errors: Issue<ErrorCode>[] = []
  for (const { run } of RINGCX_JWT_CHECKS) {
    const ran = run(context)
    const { check, issues } = ran instanceof Promise ? await ran : ran
    checks.push(check)
    if (issues.length > 0) errors.push(...issues)
  }
  return { checks, errors, warnings: context.warnings, key: context.key, expiry: context.expiry, header, claims, headerJson, claimsJson }
}
