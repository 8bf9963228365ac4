/**
 * The one entry point: payload in, {@link Inspection} out. Detection says which scheme's payload
 * it is; that scheme (through the registry) verifies it and lays out its fields.
 */
import type { ErrorCode } from '../common/codes'
import type { Diagnosis, Inspection } from '../common/inspection'
import { NO_EXPIRY } from '../common/inspection'
import type { SchemeId } from '../common/schemes'
import { resolveSettings, type InspectionSettings } from '../common/settings'
import { checkExpectation, readExpectation } from './expectation'
import { issue } from './issue'
import type { KeyRing } from './key-ring'
import { detectPayload, type DetectedPayload } from './payload-detect'
import type { InvalidPayload, Sample, SchemeContext, SchemeOutcome } from './scheme'
import { schemeOfPayload } from './schemes'
import type { TokenTable } from './token-table'

export interface InspectOptions {
  readonly keys: KeyRing
  readonly settings: InspectionSettings
  /** The current time. A sample file's own `now` replaces it unless `ignoreSampleNow` is set. */
  readonly now: Date
  readonly ignoreSampleNow?: boolean
  /** Read the payload as this scheme's, where its form alone does not say. */
  readonly scheme?: SchemeId
  /** Identification by token: token → the visitor fields the site registered. */
  readonly authTokens?: TokenTable
}

interface Outcome extends SchemeOutcome {
  readonly scheme: SchemeId | null
  readonly diagnosis?: readonly Diagnosis[]
}

function invalidOutcome(payload: InvalidPayload): Outcome {
  return {
    scheme: payload.scheme,
    errors: [issue(payload.code, payload.message)],
    checks: [{ id: 'format', status: 'fail', code: payload.code }],
    raw: {},
  }
}

async function inspectDetected(payload: DetectedPayload, sample: Sample | null, options: InspectOptions, settings: InspectionSettings, now: Date): Promise<Outcome> {
  if (payload.kind === 'invalid') return invalidOutcome(payload)
  const scheme = schemeOfPayload(payload.kind)
  if (scheme === undefined) throw new TypeError(`no scheme inspects payloads of kind "${payload.kind}"`)
  const context: SchemeContext = {
    keys: options.keys,
    settings,
    now,
    sample,
    ...(options.authTokens === undefined ? {} : { authTokens: options.authTokens }),
  }
  const outcome = await scheme.inspect(payload, context)
  const diagnosis = scheme.diagnose === undefined ? null : await scheme.diagnose(payload, outcome, context)
  return { ...outcome, scheme: scheme.id as SchemeId, ...(diagnosis === null ? {} : { diagnosis }) }
}

/**
 * The inspection of an input that could not be read at all (too large, unreadable).
 *
 * @example
 * refusedInspection('input-unreadable', 'token.jwt: no such file.', new Date())
 */
export function refusedInspection(code: Extract<ErrorCode, 'input-too-large' | 'input-unreadable'>, detail: string, now: Date): Inspection {
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
