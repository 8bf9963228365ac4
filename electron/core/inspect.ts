/**
 * The one entry point: payload in, {@link Inspection} out. Detection says which scheme's payload
 * it is; that scheme (through the registry) verifies it and lays out its fields.
 */
import type { WarningCode } from '../common/codes'
import type { Diagnosis, Inspection, Issue, SampleSetting } from '../common/inspection'
import { NO_EXPIRY } from '../common/inspection'
import type { SchemeId } from '../common/schemes'
import { resolveSettings, type InspectionSettings } from '../common/settings'
import { instantWords, plainSpaces } from '../common/time-words'
import { describeTextFault, findIllFormedText } from '../common/values'
import { checkExpectation, readExpectation } from './expectation'
import { issue } from './issue'
import type { KeyRing } from './key-ring'
import { describeIdentities, describeIdentity, detectPayload, type DetectedPayload, type FoundIdentity } from './payload-detect'
import type { InvalidPayload, Sample, SchemeContext, SchemeOutcome } from './scheme'
import { schemeOfPayload } from './schemes'
import { duplicateMemberWarnings } from './source-warnings'
import { timeLimits } from './time-limits'
import type { TokenTable } from './token-table'

export interface InspectOptions {
  readonly keys: KeyRing
  /** The operator's settings. */
  readonly settings: InspectionSettings
  /** The operator's time: the clock, or a time the user named. */
  readonly now: Date
  /**
   * Sample semantics, only where the user asked for them (`batch`, the Samples view,
   * `inspect --sample`): a sample file's own `now` and `config` judge it, and the inspection's
   * `appliedFromSample` says so. Off by default, so that a pasted or opened file cannot bring
   * its own clock or rules: the operator's judge it, and a `sample-settings-ignored` warning
   * names what the file carried.
   */
  readonly sampleSemantics?: boolean
  /**
   * `now` was named by the user (`--now`), not read from the clock: it judges even a sample
   * with its own `now` under sample semantics, and that `now` is not reported as ignored.
   */
  readonly nowIsExplicit?: boolean
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

/** A sample's own members as read from its file, without what the inspector derived from its text. */
function sampleMembers(sample: Sample): Omit<Sample, 'duplicateMembers'> {
  if (sample.duplicateMembers === undefined) return sample
  const members: Record<string, unknown> = { ...sample }
  delete members['duplicateMembers']
  return members as Omit<Sample, 'duplicateMembers'>
}

/**
 * The inspection of an input that could not be read at all (too large, unreadable), or whose
 * inspection failed inside Visitor Inspector (internal-error).
 *
 * @example
 * refusedInspection('input-unreadable', 'token.jwt: no such file.', new Date())
 */
export function refusedInspection(code: 'input-too-large' | 'input-unreadable' | 'internal-error', detail: string, now: Date): Inspection {
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
    appliedFromSample: [],
    raw: {},
  }
}

/** A sample's own `now` and `config`: which judge it, and which were ignored (and said so). */
interface SampleSettingsUse {
  readonly now: Date | null
  readonly config: unknown
  readonly applied: readonly SampleSetting[]
  readonly ignored: readonly Issue<WarningCode>[]
}

function sampleSettingsUse(sample: Sample | null, options: InspectOptions): SampleSettingsUse {
  // A time the user named wins over the sample's own, which is then neither applied nor reported.
  const sampleNow = options.nowIsExplicit === true ? undefined : sample?.now
  const config = sample?.config
  if (options.sampleSemantics === true) {
    const applied: SampleSetting[] = [...(sampleNow === undefined ? [] : ['now' as const]), ...(config === undefined ? [] : ['config' as const])]
    return { now: sampleNow ?? null, config, applied, ignored: [] }
  }
  const members = [...(sampleNow === undefined ? [] : [`"now" (${plainSpaces(instantWords(sampleNow))})`]), ...(config === undefined ? [] : ['"config"'])]
  const ignored: Issue<WarningCode>[] = members.length === 0 ? [] : [issue('sample-settings-ignored', `Not applied: its own ${members.join(' and ')}.`)]
  return { now: null, config: undefined, applied: [], ignored }
}

/** What a page's other identities mean: live ones that were not inspected, commented-out ones ignored. */
function identityWarnings(identities: readonly FoundIdentity[]): Issue<WarningCode>[] {
  const live = identities.filter((identity) => !identity.commented)
  const commented = identities.filter((identity) => identity.commented)
  const warnings: Issue<WarningCode>[] = []
  const [inspected] = live
  if (inspected !== undefined && live.length > 1) {
    const found = `${live.length} live identities were found: ${describeIdentities(live)}.`
    warnings.push(issue('input-several-identities', `${found} Inspected: ${describeIdentity(inspected)}.`))
  }
  // With no live identity at all, the rejection itself names the commented-out ones.
  if (inspected !== undefined && commented.length > 0) {
    warnings.push(issue('input-commented-identity', `Ignored: ${describeIdentities(commented)}.`))
  }
  return warnings
}

/**
 * Detects, verifies and merges one payload.
 *
 * @example
 * const inspection = await inspect(token, { keys: ring, settings: DEFAULT_SETTINGS, now: new Date() })
 * inspection.verdict // 'verified' | 'accepted-unsigned' | 'rejected' | 'logged-out'
 */
export async function inspect(input: unknown, options: InspectOptions): Promise<Inspection> {
  const { payload, sample, identities } = detectPayload(input, options.scheme === undefined ? {} : { scheme: options.scheme })
  const fromSample = sampleSettingsUse(sample, options)
  const now = fromSample.now ?? options.now

  let settings = options.settings
  let outcome: Outcome
  let applied = fromSample.applied
  const configResult = fromSample.config === undefined ? null : resolveSettings(fromSample.config, options.settings)
  const sampleFault = sample === null ? null : findIllFormedText(sampleMembers(sample))
  if (sampleFault !== null) {
    outcome = invalidOutcome({ kind: 'invalid', code: 'sample-invalid', scheme: null, message: describeTextFault(sampleFault, 'The sample file') })
    applied = applied.filter((member) => member !== 'config')
  } else if (configResult !== null && !configResult.ok) {
    const detail = configResult.problems.map((problem) => problem.message).join('; ')
    outcome = invalidOutcome({ kind: 'invalid', code: 'sample-invalid', scheme: null, message: `Its "config" is not valid: ${detail}.` })
    applied = applied.filter((member) => member !== 'config')
  } else {
    if (configResult !== null && configResult.ok) settings = configResult.value
    outcome = await inspectDetected(payload, sample, options, settings, now)
  }

  const sampleWarnings = sample?.duplicateMembers === undefined
    ? []
    : duplicateMemberWarnings('sample-duplicate-member', 'the sample file', sample.duplicateMembers)
  const inspection: Inspection = {
    scheme: outcome.scheme,
    verdict: outcome.verdict ?? 'rejected',
    errors: outcome.errors,
    warnings: [...identityWarnings(identities), ...fromSample.ignored, ...(outcome.warnings ?? []), ...sampleWarnings],
    checks: outcome.checks,
    key: outcome.key ?? null,
    expiry: outcome.expiry ?? NO_EXPIRY,
    fields: outcome.fields ?? [],
    unmapped: outcome.unmapped ?? [],
    rejectedFields: outcome.rejectedFields ?? [],
    now: now.toISOString(),
    appliedFromSample: applied,
    raw: outcome.raw,
    ...(sample === null ? {} : { sample: { extras: sample.extras } }),
    ...(outcome.diagnosis === undefined ? {} : { diagnosis: outcome.diagnosis }),
    ...(sample?.startPage === undefined ? {} : { startPage: sample.startPage }),
  }
  const limits = timeLimits(inspection, settings)
  if (limits.length > 0) Object.assign(inspection, { timeLimits: limits })
  if (sample?.expect === undefined) return inspection
  const { expectation, problems } = readExpectation(sample.expect)
  if (expectation === null) {
    const mismatches = problems.map((problem) => ({ path: 'expect', expected: problem, actual: null }))
    return { ...inspection, expectation: { met: false, mismatches } }
  }
  return { ...inspection, expectation: checkExpectation(expectation, inspection) }
}
