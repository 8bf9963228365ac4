/**
 * RingCX signed identities: every check of a compact JWT, reported separately.
 */
import { errors as joseErrors, jwtVerify } from 'jose'
import { CODE_INFO, type ErrorCode } from '../../common/codes'
import type { Check, Expiry, Issue, MatchedKey } from '../../common/inspection'
import { NO_EXPIRY } from '../../common/inspection'
import { decodeCompactJwt } from './compact-jwt'
import { describeExpiry } from '../expiry'
import type { KeyRing } from '../key-ring'
import type { RingcxVerificationKey } from './keys'
import type { InspectionSettings } from '../../common/settings'

export const RINGCX_ALGORITHMS = ['HS256', 'RS256'] as const
type RingcxAlgorithm = (typeof RINGCX_ALGORITHMS)[number]

export interface RingcxJwtVerification {
  readonly checks: readonly Check[]
  readonly errors: readonly Issue<ErrorCode>[]
  readonly key: MatchedKey | null
  readonly expiry: Expiry
  readonly header?: Readonly<Record<string, unknown>>
  readonly claims?: Readonly<Record<string, unknown>>
}

function issue(code: ErrorCode, detail?: string): Issue<ErrorCode> {
  return { code, message: detail === undefined ? CODE_INFO[code].summary : `${CODE_INFO[code].summary} ${detail}` }
}

type SignatureOutcome =
  | { readonly kind: 'verified'; readonly claimError?: joseErrors.JWTClaimValidationFailed | joseErrors.JWTExpired }
  | { readonly kind: 'bad-signature' }
  | { readonly kind: 'malformed'; readonly message: string }

/** Runs jose's strict verification with exactly one algorithm and sorts the outcome. */
async function verifyWithKey(
  token: string,
  key: RingcxVerificationKey,
  settings: InspectionSettings,
  now: Date,
): Promise<SignatureOutcome> {
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
    return {
      checks: [
        { id: 'format', status: 'fail', code: 'ringcx-identity-malformed' },
        ...(['mode', 'kid', 'algorithm', 'signature', 'exp', 'uuid'] as const).map((id) => ({ id, status: 'skip' as const })),
      ],
      errors: [issue('ringcx-identity-malformed', `(${decoded.problem})`)],
      key: null,
      expiry: NO_EXPIRY,
    }
  }
  const { header, claims } = decoded.value
  const checks: Check[] = []
  const errors: Issue<ErrorCode>[] = []
  const fail = (id: Check['id'], code: ErrorCode, detail?: string): void => {
    checks.push({ id, status: 'fail', code })
    errors.push(issue(code, detail))
  }
  const extrasProblem = claims['extra_values'] !== undefined && (typeof claims['extra_values'] !== 'object' || claims['extra_values'] === null || Array.isArray(claims['extra_values']))
  if (extrasProblem) fail('format', 'ringcx-identity-malformed', '"extra_values" must be an object of key/value pairs.')
  else checks.push({ id: 'format', status: 'pass' })

  // mode
  if (settings.ringcx.signedIdentities === 'reject') fail('mode', 'ringcx-signed-identity-rejected')
  else checks.push({ id: 'mode', status: 'pass' })

  // kid: looked up in a Map, so "__proto__" and friends are simply unknown.
  const kid = header['kid']
  const namedKey = typeof kid === 'string' ? ring.ringcx.get(kid) : undefined
  if (kid === undefined) fail('kid', 'ringcx-jwt-missing-kid')
  else if (namedKey === undefined) fail('kid', 'ringcx-jwt-unknown-kid', `The header names ${JSON.stringify(kid).slice(0, 80)}.`)
  else checks.push({ id: 'kid', status: 'pass' })

  // algorithm: HS256 or RS256, and only the one bound to the named key.
  const alg = header['alg']
  let algorithmOk = false
  if (!isRingcxAlgorithm(alg)) {
    fail('algorithm', 'ringcx-jwt-alg-not-allowed', `The header says ${JSON.stringify(alg)}.`)
  } else if (namedKey !== undefined && namedKey.alg !== alg) {
    fail('algorithm', 'ringcx-jwt-alg-not-allowed', `Key "${namedKey.kid}" is a ${namedKey.alg} key, but the header says ${alg}.`)
  } else {
    algorithmOk = true
    checks.push({ id: 'algorithm', status: 'pass' })
  }

  // signature: with the named key, or with every key of that algorithm when the kid is no help.
  let key: MatchedKey | null = null
  let claimError: joseErrors.JWTClaimValidationFailed | joseErrors.JWTExpired | undefined
  if (!algorithmOk) {
    checks.push({ id: 'signature', status: 'skip' })
  } else {
    const candidates = namedKey !== undefined
      ? [namedKey]
      : [...ring.ringcx.values()].filter((candidate) => candidate.alg === alg)
    let verifiedBy: RingcxVerificationKey | undefined
    let malformed: string | undefined
    for (const candidate of candidates) {
      const outcome = await verifyWithKey(token, candidate, settings, now)
      if (outcome.kind === 'verified') {
        verifiedBy = candidate
        claimError = outcome.claimError
        break
      }
      if (outcome.kind === 'malformed') malformed = outcome.message
    }
    if (verifiedBy !== undefined) {
      key = { kid: verifiedBy.kid, fingerprint: verifiedBy.fingerprint }
      checks.push({ id: 'signature', status: 'pass', kid: verifiedBy.kid })
    } else if (malformed !== undefined) {
      fail('signature', 'ringcx-identity-malformed', malformed)
    } else if (candidates.length === 0) {
      checks.push({ id: 'signature', status: 'skip' })
    } else {
      fail('signature', 'ringcx-jwt-bad-signature', namedKey === undefined ? `No ${String(alg)} key in the store verifies it.` : undefined)
    }
  }

  // exp (and nbf): judged here from the claims, so that they are reported even when the
  // signature fails; jose's own verdict above is folded in.
  const nowSeconds = Math.floor(now.getTime() / 1000)
  const { clockToleranceSeconds: tolerance, minExpirySeconds } = settings.ringcx
  const exp = claims['exp']
  const nbf = claims['nbf']
  const expCodes: ErrorCode[] = []
  const expDetails = new Map<ErrorCode, string>()
  let expiry = NO_EXPIRY
  if (typeof exp !== 'number' || !Number.isInteger(exp)) {
    expCodes.push('ringcx-jwt-missing-exp')
    if (exp !== undefined) expDetails.set('ringcx-jwt-missing-exp', `Received ${JSON.stringify(exp).slice(0, 40)}.`)
  } else {
    expiry = describeExpiry(exp, nowSeconds, { soonSeconds: minExpirySeconds, toleranceSeconds: tolerance })
    if (exp + tolerance <= nowSeconds) {
      expCodes.push('ringcx-jwt-expired')
      expDetails.set('ringcx-jwt-expired', `It expired at ${expiry.expiresAt ?? ''}.`)
    } else if (exp - nowSeconds < minExpirySeconds) {
      expCodes.push('ringcx-jwt-exp-too-soon')
      expDetails.set('ringcx-jwt-exp-too-soon', `It expires in ${exp - nowSeconds} s; at least ${minExpirySeconds} s are required.`)
    }
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + tolerance)) expCodes.push('ringcx-jwt-not-yet-valid')
  if (claimError !== undefined) {
    const fromJose: ErrorCode =
      claimError instanceof joseErrors.JWTExpired ? 'ringcx-jwt-expired'
        : claimError.claim === 'exp' ? 'ringcx-jwt-missing-exp'
          : claimError.claim === 'nbf' ? 'ringcx-jwt-not-yet-valid'
            : 'ringcx-identity-malformed'
    if (!expCodes.includes(fromJose)) {
      expCodes.push(fromJose)
      expDetails.set(fromJose, `(${claimError.message})`)
    }
  }
  const [firstExpCode] = expCodes
  if (firstExpCode === undefined) checks.push({ id: 'exp', status: 'pass' })
  else {
    checks.push({ id: 'exp', status: 'fail', code: firstExpCode })
    for (const code of expCodes) errors.push(issue(code, expDetails.get(code)))
  }

  // uuid: mandatory in a signed identity.
  const uuid = claims['uuid']
  if (typeof uuid !== 'string' || uuid.length === 0) fail('uuid', 'ringcx-jwt-missing-uuid')
  else checks.push({ id: 'uuid', status: 'pass' })

  return { checks, errors, key, expiry, header, claims }
}
