/**
 * Inspecting RingCX payloads: a signed identity through every JWT check, an unsigned one by its
 * shape and the signed-identity mode; then the identity's fields as the agent panel shows them.
 */
import type { Check, Diagnosis, Issue, RawView } from '../../common/inspection'
import type { ErrorCode } from '../../common/codes'
import type { InspectionSettings } from '../../common/settings'
import { ownMember } from '../../common/values'
import { issue } from '../issue'
import { duplicateMembersOf } from '../json-source'
import { duplicateMemberWarnings, jwtDuplicateMemberWarnings } from '../source-warnings'
import type { TimeLimitAt } from '../time-limits'
import type { SchemeContext, SchemeOutcome } from '../scheme'
import type { RingcxPayload } from './detect'
import { diagnoseRingcxSignature } from './diagnosis'
import { ringcxFieldView, ringcxIdentityShapeProblem } from './identity'
import { checksAfter, verifyRingcxJwt } from './jwt'

function inspectUnsigned(identity: Readonly<Record<string, unknown>>, settings: InspectionSettings, raw: RawView): SchemeOutcome {
  const shapeProblem = ringcxIdentityShapeProblem(identity)
  const view = ringcxFieldView(identity, settings.ringcx.extraValueMappings)
  const sourceWarnings = duplicateMemberWarnings('ringcx-duplicate-member', 'the identity', duplicateMembersOf(identity))
  const errors: Issue<ErrorCode>[] = []
  const checks: Check[] = []
  if (shapeProblem === null) checks.push({ id: 'format', status: 'pass' })
  else {
    checks.push({ id: 'format', status: 'fail', code: 'ringcx-identity-malformed' })
    errors.push(issue('ringcx-identity-malformed', shapeProblem))
  }
  if (settings.ringcx.signedIdentities === 'require') {
    checks.push({ id: 'mode', status: 'fail', code: 'ringcx-unsigned-identity-rejected' })
    errors.push(issue('ringcx-unsigned-identity-rejected'))
  } else {
    checks.push({ id: 'mode', status: 'pass' })
  }
  // An unsigned identity has nothing to check after the mode.
  checks.push(...checksAfter('mode').map((id): Check => ({ id, status: 'skip' })))
  if (errors.length > 0) return { errors, warnings: sourceWarnings, checks, rejectedFields: view.received, raw }
  return { verdict: 'accepted-unsigned', errors, warnings: [...sourceWarnings, ...view.warnings], checks, fields: view.fields, unmapped: view.unmapped, raw }
}

async function inspectSigned(payload: Extract<RingcxPayload, { kind: 'ringcx-jwt' }>, context: SchemeContext): Promise<SchemeOutcome> {
  const { settings } = context
  const result = await verifyRingcxJwt(payload.token, context.keys, settings, context.now)
  const raw: RawView = { form: payload.form, ...(result.header ? { header: result.header } : {}), ...(result.claims ? { claims: result.claims } : {}) }
  const view = result.claims ? ringcxFieldView(result.claims, settings.ringcx.extraValueMappings) : null
  const warnings = [...result.warnings, ...jwtDuplicateMemberWarnings(result, 'ringcx-duplicate-member')]
  const common = { errors: result.errors, checks: result.checks, key: result.key, expiry: result.expiry, raw }
  if (result.errors.length > 0) return { ...common, warnings, rejectedFields: view?.received ?? [] }
  return { ...common, verdict: 'verified', warnings: [...warnings, ...(view?.warnings ?? [])], fields: view?.fields ?? [], unmapped: view?.unmapped ?? [] }
}

export function inspectRingcx(payload: RingcxPayload, context: SchemeContext): Promise<SchemeOutcome> {
  if (payload.kind === 'ringcx-jwt') return inspectSigned(payload, context)
  return Promise.resolve(inspectUnsigned(payload.identity, context.settings, { form: payload.form, identity: payload.identity }))
}

/** A bad signature of an HS256 or RS256 token: which usual mistake explains it. */
export async function diagnoseRingcx(payload: RingcxPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  if (payload.kind !== 'ringcx-jwt') return null
  const signature = outcome.checks.find((check) => check.id === 'signature')
  const header = outcome.raw.header
  const alg = header === undefined ? undefined : ownMember(header, 'alg')
  if (signature?.code !== 'ringcx-jwt-bad-signature' || (alg !== 'HS256' && alg !== 'RS256')) return null
  const kid = header === undefined ? undefined : ownMember(header, 'kid')
  const namedKid = typeof kid === 'string' && context.keys.ringcx.has(kid) ? kid : undefined
  return diagnoseRingcxSignature({ token: payload.token, alg, ring: context.keys, ...(namedKid === undefined ? {} : { namedKid }) })
}

/**
 * When time alone rejects a verified RingCX identity: the checks fail once `exp - now < minimum`
 * and once `exp + tolerance <= now`, in whole seconds.
 */
export function ringcxTimeLimits(raw: RawView, settings: InspectionSettings): readonly TimeLimitAt[] {
  if (raw.claims === undefined) return []
  const exp = ownMember(raw.claims, 'exp')
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return []
  const { minExpirySeconds, clockToleranceSeconds } = settings.ringcx
  const limits: TimeLimitAt[] = []
  if (minExpirySeconds > 0) limits.push({ seconds: exp - minExpirySeconds + 1, limit: { check: 'exp', code: 'ringcx-jwt-exp-too-soon', kind: 'too-soon' } })
  limits.push({ seconds: exp + clockToleranceSeconds, limit: { check: 'exp', code: 'ringcx-jwt-expired', kind: 'expired' } })
  return limits
}
