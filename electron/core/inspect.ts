/**
 * The one entry point: payload in, {@link Inspection} out.
 */
import type { ErrorCode, WarningCode } from '../common/codes'
import { diagnoseRingcxSignature } from './ringcx/diagnosis'
import { diagnoseRoxchatHash } from './roxchat/diagnosis'
import { checkExpectation, readExpectation } from './expectation'
import type { Check, Diagnosis, Inspection, Issue, RawView, SourcedField, Verdict } from '../common/inspection'
import { NO_EXPIRY } from '../common/inspection'
import type { KeyRing } from './key-ring'
import { detectPayload, type DetectedPayload, type Sample } from './payload-detect'
import { mergeFieldSets } from './roxchat/priority-merge'
import { ringcxFieldView, ringcxIdentityShapeProblem } from './ringcx/identity'
import { checksAfter, verifyRingcxJwt } from './ringcx/jwt'
import { issue } from './issue'
import { verifyRoxchatVisitor } from './roxchat/visitor'
import { resolveSettings, type InspectionSettings } from '../common/settings'
import type { SchemeId } from '../common/schemes'

export interface InspectOptions {
  readonly keys: KeyRing
  readonly settings: InspectionSettings
  /** The current time. A sample file's own `now` replaces it unless `ignoreSampleNow` is set. */
  readonly now: Date
  readonly ignoreSampleNow?: boolean
  /** Read the payload as this scheme's, where its form alone does not say. */
  readonly scheme?: SchemeId
  /** Rox.Chat identification by token: token → the visitor fields the site registered. */
  readonly authTokens?: ReadonlyMap<string, Readonly<Record<string, string>>>
}

interface Outcome {
  readonly scheme: SchemeId | null
  readonly verdict?: Verdict
  readonly errors: readonly Issue<ErrorCode>[]
  readonly warnings?: readonly Issue<WarningCode>[]
  readonly checks: readonly Check[]
  readonly fields?: Inspection['fields']
  readonly unmapped?: Inspection['unmapped']
  readonly rejectedFields?: readonly SourcedField[]
  readonly key?: Inspection['key']
  readonly expiry?: Inspection['expiry']
  readonly raw: RawView
  readonly diagnosis?: readonly Diagnosis[]
}

function invalidOutcome(payload: Extract<DetectedPayload, { kind: 'invalid' }>): Outcome {
  return {
    scheme: payload.scheme,
    errors: [issue(payload.code, payload.message)],
    checks: [{ id: 'format', status: 'fail', code: payload.code }],
    raw: {},
  }
}

/** An unsigned identity has nothing to check after the mode. */
const UNSIGNED_SKIPPED: readonly Check[] = checksAfter('mode').map((id) => ({ id, status: 'skip' }))

function inspectRingcxUnsigned(identity: Readonly<Record<string, unknown>>, settings: InspectionSettings, raw: RawView): Outcome {
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
  checks.push(...UNSIGNED_SKIPPED)
  if (errors.length > 0) return { scheme: 'ringcx', errors, checks, rejectedFields: view.received, raw }
  return { scheme: 'ringcx', verdict: 'accepted-unsigned', errors, warnings: view.warnings, checks, fields: view.fields, unmapped: view.unmapped, raw }
}

function inspectRoxchatToken(token: string, sample: Sample | null, options: InspectOptions, settings: InspectionSettings): Outcome {
  const registered = options.authTokens?.get(token)
  const raw: RawView = { form: 'object' }
  if (registered === undefined) {
    const detail = options.authTokens === undefined || options.authTokens.size === 0 ? 'No token table is loaded.' : 'The token table has no such token.'
    return {
      scheme: 'roxchat',
      errors: [issue('provided-auth-token-not-found', detail)],
      checks: [{ id: 'format', status: 'pass' }, { id: 'token', status: 'fail', code: 'provided-auth-token-not-found' }],
      raw,
    }
  }
  const merged = mergeFieldSets({ providedFields: registered, fields: sample?.fields ?? null, opFields: sample?.opFields ?? null }, settings.roxchat.priorityOrder)
  return { scheme: 'roxchat', verdict: 'verified', errors: [], checks: [{ id: 'format', status: 'pass' }, { id: 'token', status: 'pass' }], ...merged, raw }
}

async function diagnoseRingcx(token: string, checks: readonly Check[], header: Readonly<Record<string, unknown>> | undefined, keys: KeyRing): Promise<readonly Diagnosis[] | null> {
  const signature = checks.find((check) => check.id === 'signature')
  const alg = header?.['alg']
  if (signature?.code !== 'ringcx-jwt-bad-signature' || (alg !== 'HS256' && alg !== 'RS256')) return null
  const kid = header?.['kid']
  const namedKid = typeof kid === 'string' && keys.ringcx.has(kid) ? kid : undefined
  return diagnoseRingcxSignature({ token, alg, ring: keys, ...(namedKid === undefined ? {} : { namedKid }) })
}

function diagnoseRoxchat(visitor: unknown, checks: readonly Check[], keys: KeyRing, settings: InspectionSettings): readonly Diagnosis[] | null {
  const hashCheck = checks.find((check) => check.id === 'hash')
  if (hashCheck?.code !== 'wrong-provided-visitor-hash-value' || typeof visitor !== 'object' || visitor === null) return null
  const { fields, expires, hash } = visitor as Record<string, unknown>
  if (typeof hash !== 'string' || hash.length === 0 || typeof fields !== 'object' || fields === null) return null
  if (!Object.values(fields).every((value) => typeof value === 'string')) return null
  if (expires !== undefined && typeof expires !== 'number') return null
  return diagnoseRoxchatHash({
    fields: fields as Record<string, string>,
    hash,
    keys: keys.roxchat,
    algorithm: settings.roxchat.hashAlgorithm,
    ...(expires === undefined ? {} : { expires }),
  })
}

async function inspectDetected(payload: DetectedPayload, sample: Sample | null, options: InspectOptions, settings: InspectionSettings, now: Date): Promise<Outcome> {
  switch (payload.kind) {
    case 'invalid':
      return invalidOutcome(payload)
    case 'ringcx-jwt': {
      const result = await verifyRingcxJwt(payload.token, options.keys, settings, now)
      const diagnosis = await diagnoseRingcx(payload.token, result.checks, result.header, options.keys)
      const raw: RawView = { form: payload.form, ...(result.header ? { header: result.header } : {}), ...(result.claims ? { claims: result.claims } : {}) }
      const view = result.claims ? ringcxFieldView(result.claims, settings.ringcx.extraValueMappings) : null
      const common = { scheme: 'ringcx' as const, errors: result.errors, checks: result.checks, key: result.key, expiry: result.expiry, raw, ...(diagnosis === null ? {} : { diagnosis }) }
      if (result.errors.length > 0) return { ...common, rejectedFields: view?.received ?? [] }
      return { ...common, verdict: 'verified', warnings: view?.warnings ?? [], fields: view?.fields ?? [], unmapped: view?.unmapped ?? [] }
    }
    case 'ringcx-unsigned':
      return inspectRingcxUnsigned(payload.identity, settings, { form: payload.form, identity: payload.identity })
    case 'roxchat-token':
      return inspectRoxchatToken(payload.token, sample, options, settings)
    case 'roxchat-logout': {
      const merged = mergeFieldSets({ fields: sample?.fields ?? null, opFields: sample?.opFields ?? null }, settings.roxchat.priorityOrder)
      return { scheme: 'roxchat', verdict: 'logged-out', errors: [], checks: [{ id: 'format', status: 'pass' }], ...merged, raw: { form: payload.form, visitor: null } }
    }
    case 'roxchat-visitor': {
      const nowSeconds = Math.floor(now.getTime() / 1000)
      const result = verifyRoxchatVisitor(payload.visitor, options.keys.roxchat, settings, nowSeconds)
      const merged = mergeFieldSets(
        { providedFields: result.verifiedFields, fields: sample?.fields ?? null, opFields: sample?.opFields ?? null },
        settings.roxchat.priorityOrder,
      )
      const raw: RawView = { form: payload.form, visitor: payload.visitor, ...(result.hashedMessage === undefined ? {} : { hashedMessage: result.hashedMessage }) }
      const diagnosis = diagnoseRoxchat(payload.visitor, result.checks, options.keys, settings)
      return {
        ...(diagnosis === null ? {} : { diagnosis }),
        scheme: 'roxchat',
        errors: result.errors,
        checks: result.checks,
        key: result.key,
        expiry: result.expiry,
        ...merged,
        rejectedFields: result.verifiedFields === null ? result.receivedFields : [],
        raw,
        ...(result.errors.length === 0 ? { verdict: 'verified' as const } : {}),
      }
    }
  }
}

/**
 * The inspection of an input that could not be read at all (too large, unreadable).
 *
 * @example
 * refusedInspection('input-unreadable', 'token.jwt: no such file.', new Date())
 */
export function refusedInspection(code: 'input-too-large' | 'input-unreadable', detail: string, now: Date): Inspection {
  return {
    scheme: null,
    verdict: 'rejected',
    errors: [issue(code, detail)],
    warnings: [],
    checks: [{ id: 'format', status: 'fail', code }],
    key: null,
    expiry: NO_EXPIRY,
    fields: [],
    unmapped: [],
    rejectedFields: [],
    now: now.toISOString(),
    raw: {},
  }
}

/**
 * Detects, verifies and merges one payload.
 *
 * @example
 * const inspection = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: new Date() })
 * inspection.verdict // 'verified' | 'accepted-unsigned' | 'rejected' | 'logged-out'
 */
export async function inspect(input: unknown, options: InspectOptions): Promise<Inspection> {
  const { payload, sample } = detectPayload(input, options.scheme === undefined ? {} : { scheme: options.scheme })
  const now = !options.ignoreSampleNow && sample?.now !== undefined ? sample.now : options.now

  let settings = options.settings
  let outcome: Outcome
  const configResult = sample?.config === undefined ? null : resolveSettings(sample.config, options.settings)
  if (configResult !== null && !configResult.ok) {
    const detail = configResult.problems.map((problem) => problem.message).join('; ')
    outcome = invalidOutcome({ kind: 'invalid', code: 'sample-invalid', scheme: null, message: `Its "config" is not valid: ${detail}.` })
  } else {
    if (configResult !== null && configResult.ok) settings = configResult.value
    outcome = await inspectDetected(payload, sample, options, settings, now)
  }

  const inspection: Inspection = {
    scheme: outcome.scheme,
    verdict: outcome.verdict ?? 'rejected',
    errors: outcome.errors,
    warnings: outcome.warnings ?? [],
    checks: outcome.checks,
    key: outcome.key ?? null,
    expiry: outcome.expiry ?? NO_EXPIRY,
    fields: outcome.fields ?? [],
    unmapped: outcome.unmapped ?? [],
    rejectedFields: outcome.rejectedFields ?? [],
    now: now.toISOString(),
    raw: outcome.raw,
    ...(sample === null ? {} : { sample: { extras: sample.extras } }),
    ...(outcome.diagnosis === undefined ? {} : { diagnosis: outcome.diagnosis }),
    ...(sample?.startPage === undefined ? {} : { startPage: sample.startPage }),
  }
  if (sample?.expect === undefined) return inspection
  const { expectation, problems } = readExpectation(sample.expect)
  if (expectation === null) {
    const mismatches = problems.map((problem) => ({ path: 'expect', expected: problem, actual: null }))
    return { ...inspection, expectation: { met: false, mismatches } }
  }
  return { ...inspection, expectation: checkExpectation(expectation, inspection) }
}
