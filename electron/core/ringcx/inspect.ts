/**
 * Inspecting RingCX payloads: a signed identity through every JWT check, an unsigned one by its
 * shape and the signed-identity mode; then the identity's fields as the agent panel shows them.
 */
import type { Check, Diagnosis, Issue, RawView } from '../../common/inspection'
import type { ErrorCode } from '../../common/codes'
import type { InspectionSettings } from '../../common/settings'
import { issue } from '../issue'
import type { SchemeContext, SchemeOutcome } from '../scheme'
import type { RingcxPayload } from './detect'
import { diagnoseRingcxSignature } from './diagnosis'
import { ringcxFieldView, ringcxIdentityShapeProblem } from './identity'
import { checksAfter, verifyRingcxJwt } from './jwt'

function inspectUnsigned(identity: Readonly<Record<string, unknown>>, settings: InspectionSettings, raw: RawView): SchemeOutcome {
  const shapeProblem = ringcxIdentityShapeProblem(identity)
  const view = ringcxFieldView(identity, settings.ringcx.extraValueMappings)
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
  if (errors.length > 0) return { errors, checks, rejectedFields: view.received, raw }
  return { verdict: 'accepted-unsigned', errors, warnings: view.warnings, checks, fields: view.fields, unmapped: view.unmapped, raw }
}

async function inspectSigned(payload: Extract<RingcxPayload, { kind: 'ringcx-jwt' }>, context: SchemeContext): Promise<SchemeOutcome> {
  const { settings } = context
  const result = await verifyRingcxJwt(payload.token, context.keys, settings, context.now)
  const raw: RawView = { form: payload.form, ...(result.header ? { header: result.header } : {}), ...(result.claims ? { claims: result.claims } : {}) }
  const view = result.claims ? ringcxFieldView(result.claims, settings.ringcx.extraValueMappings) : null
  const common = { errors: result.errors, checks: result.checks, key: result.key, expiry: result.expiry, raw }
  if (result.errors.length > 0) return { ...common, rejectedFields: view?.received ?? [] }
  return { ...common, verdict: 'verified', warnings: view?.warnings ?? [], fields: view?.fields ?? [], unmapped: view?.unmapped ?? [] }
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
  const alg = header?.['alg']
  if (signature?.code !== 'ringcx-jwt-bad-signature' || (alg !== 'HS256' && alg !== 'RS256')) return null
  const kid = header?.['kid']
  const namedKid = typeof kid === 'string' && context.keys.ringcx.has(kid) ? kid : undefined
  return diagnoseRingcxSignature({ token: payload.token, alg, ring: context.keys, ...(namedKid === undefined ? {} : { namedKid }) })
}
