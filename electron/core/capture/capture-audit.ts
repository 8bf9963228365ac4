/**
 * The capture audit over the texts a capture is made of (request URLs and their decoded
 * parameters, request bodies, response bodies, saved pages): every identity inspected like a
 * pasted payload, the key store's secrets looked for, client-side signing found, and the RingCX
 * renewal timeline built at the end. Pure: the texts come from electron/io, time is a parameter.
 */
import { inspect } from '../inspect'
import { NO_EXPIRY, type Inspection } from '../../common/inspection'
import type { KeyRing } from '../key-ring'
import { describeIdentity, identityFormName, listIdentities, type FoundIdentity, type ListedIdentity } from '../payload-detect'
import { schemes } from '../schemes'
import type { InspectionSettings } from '../../common/settings'
import {
  CAPTURE_LIMITS,
  type CaptureFinding,
  type CaptureIdentity,
  type CaptureLimits,
  type CaptureLocation,
  type CaptureNotice,
  type CaptureNoticeCode,
  type CaptureSummary,
  type RenewalTimeline,
} from '../../common/capture/capture-types'
import { findClientSigning } from './client-signing'
import type { CaptureSpan, TimelineIdentity } from './renewal-timeline'
import { SecretSearch, asciiLower, secretKeysOf } from './secret-search'
import { cutText, visibleText } from './visible-text'

/** One text of a capture, with where it is. */
export interface CaptureText {
  /** The URL as it was captured: masked and escaped by the audit before it is shown. */
  readonly location: Omit<CaptureLocation, 'line' | 'column'>
  readonly text: string
  /** Page or script text (a response body, a saved page): client-side signing is looked for in it. */
  readonly script: boolean
  /**
   * Put before the text for finding identities only: `&` before a form body, so that its
   * parameters read as a URL's (`…&jwt_identity=…`). Line and column still count in the text.
   */
  readonly identityPrefix?: string
}

export interface CaptureAuditOptions {
  readonly keys: KeyRing
  readonly settings: InspectionSettings
  /** The operator's time (the clock, or `--now`): every identity is judged at it, never at the capture's. */
  readonly now: Date
  readonly nowIsExplicit?: boolean
  readonly authTokens?: ReadonlyMap<string, Readonly<Record<string, string>>>
  readonly limits?: Partial<CaptureLimits>
  /** Each identity as soon as it is inspected, in capture order. */
  readonly onIdentity?: (identity: CaptureIdentity) => void | Promise<void>
  /** Each notice of what was not searched, as it happens. */
  readonly onNotice?: (notice: CaptureNotice) => void
}

export interface CaptureAuditResult {
  readonly findings: readonly CaptureFinding[]
  readonly timelines: readonly RenewalTimeline[]
  readonly notices: readonly CaptureNotice[]
  readonly summary: CaptureSummary
}

/** Notices that count something as skipped in the summary. */
const SKIPPING: ReadonlySet<CaptureNoticeCode> = new Set<CaptureNoticeCode>([
  'body-too-large', 'body-not-text', 'body-bad-base64', 'body-binary', 'url-too-large', 'entries-limit', 'identities-limit', 'findings-limit',
])

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    lineStart = at + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/** The inspection of an identity that sits in a comment: reported, never inspected as the live call. */
function commentedOutInspection(found: ListedIdentity, where: FoundIdentity, partName: string, now: Date): Inspection {
  const code = 'input-identity-commented-out'
  return {
    scheme: found.scheme,
    verdict: 'rejected',
    errors: [{ code, message: `Commented out: ${describeIdentity(where)} of the ${partName} sits in a comment, so the page does not hand it to the chat; it was not inspected.` }],
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

const PART_NAME: Readonly<Record<CaptureLocation['part'], string>> = {
  'request-url': 'request URL',
  'request-body': 'request body',
  'response-body': 'response body',
  page: 'page',
}

/**
 * One audit over one or more captures.
 *
 * @example
 * const audit = new CaptureAudit({ keys, settings, now: new Date(), onIdentity: print })
 * await audit.addText({ location: { capture: 'page.html', entry: null, url: null, part: 'page', time: null }, text, script: true })
 * audit.captureDone('page.html')
 * const { findings, timelines, summary } = audit.finish()
 */
export class CaptureAudit {
  readonly #options: CaptureAuditOptions
  readonly #limits: CaptureLimits
  readonly #secrets: SecretSearch
  readonly #findings: CaptureFinding[] = []
  readonly #findingKeys = new Set<string>()
  readonly #notices: CaptureNotice[] = []
  readonly #noticeCounts = new Map<string, number>()
  readonly #timelineInputs: TimelineIdentity[] = []
  readonly #spans = new Map<string, { start: number; end: number }>()
  readonly #binaryBodies = new Map<string, number>()
  #identities = 0
  #identitiesDropped = 0
  #findingsDropped = 0
  #verified = 0
  #rejected = 0
  #leaks = 0
  #signing = 0
  #skipped = 0
  #captures = 0

  constructor(options: CaptureAuditOptions) {
    this.#options = options
    this.#limits = { ...CAPTURE_LIMITS, ...options.limits }
    this.#secrets = new SecretSearch(secretKeysOf(options.keys), this.#limits.minSecretLength)
    for (const key of this.#secrets.tooShort) {
      this.notice('secret-too-short', '', null, `${key.scheme} key ${key.kid} (${key.fingerprint}) is shorter than ${this.#limits.minSecretLength} characters: it is not searched for, as it would match by chance.`)
    }
  }

  /** Says what was not searched. At most `maxNotices` per capture are kept; the rest are counted. */
  notice(code: CaptureNoticeCode, capture: string, entry: number | null, message: string, count = 1): void {
    if (SKIPPING.has(code)) this.#skipped += count
    const kept = this.#noticeCounts.get(capture) ?? 0
    this.#noticeCounts.set(capture, kept + 1)
    if (kept > this.#limits.maxNotices) return
    const notice: CaptureNotice = kept === this.#limits.maxNotices
      ? { code, capture, entry: null, message: `${visibleText(capture)}: more was skipped; only the first ${this.#limits.maxNotices} notices are listed.` }
      : { code, capture, entry, message: visibleText(message) }
    this.#notices.push(notice)
    this.#options.onNotice?.(notice)
  }

  /** A binary body (image, font…) that was not searched: counted, and said once per capture. */
  binaryBody(capture: string): void {
    this.#binaryBodies.set(capture, (this.#binaryBodies.get(capture) ?? 0) + 1)
  }

  /** An entry's time, for the renewal timeline's axis. */
  entryTime(capture: string, time: string | null): void {
    const at = time === null ? Number.NaN : Date.parse(time)
    if (Number.isNaN(at)) return
    const span = this.#spans.get(capture)
    if (span === undefined) this.#spans.set(capture, { start: at, end: at })
    else {
      span.start = Math.min(span.start, at)
      span.end = Math.max(span.end, at)
    }
  }

  /** A capture was read to its end (or as far as it could be). */
  captureDone(capture: string): void {
    this.#captures += 1
    const binary = this.#binaryBodies.get(capture) ?? 0
    if (binary > 0) {
      this.notice('body-binary', capture, null, `${capture}: ${binary} binary ${binary === 1 ? 'body' : 'bodies'} (images, fonts, media) ${binary === 1 ? 'was' : 'were'} not searched.`, binary)
    }
  }

  /** The location as shown: known secrets masked in the URL and parameter name, invisible characters escaped. */
  #shownLocation(location: CaptureText['location'], text: string, offset: number): CaptureLocation {
    const { line, column } = lineColumn(text, offset)
    const { capture, entry, url, part, time, parameter } = location
    return {
      capture,
      entry,
      url: url === null ? null : cutText(visibleText(this.#secrets.mask(url)), this.#limits.maxLocationUrlLength),
      part,
      time,
      ...(parameter === undefined ? {} : { parameter: cutText(visibleText(this.#secrets.mask(parameter)), 200) }),
      line,
      column,
    }
  }

  #addFinding(key: string, finding: CaptureFinding): void {
    if (this.#findingKeys.has(key)) return
    if (this.#findings.length >= this.#limits.maxFindings) {
      if (this.#findingsDropped === 0) this.notice('findings-limit', finding.location.capture, finding.location.entry, `Findings after the first ${this.#limits.maxFindings} were not reported.`, 0)
      this.#findingsDropped += 1
      this.#skipped += 1
      return
    }
    this.#findingKeys.add(key)
    this.#findings.push(finding)
    if (finding.kind === 'leaked-secret') this.#leaks += 1
    else this.#signing += 1
  }

  async #addIdentity(found: ListedIdentity, source: CaptureText, offset: number): Promise<void> {
    const location = this.#shownLocation(source.location, source.text, offset)
    if (this.#identities >= this.#limits.maxIdentities) {
      if (this.#identitiesDropped === 0) this.notice('identities-limit', location.capture, location.entry, `Identities after the first ${this.#limits.maxIdentities} were not inspected or reported.`, 0)
      // Counted once per text that holds more: past the limit, they are no longer listed one by one.
      this.#identitiesDropped += 1
      this.#skipped += 1
      return
    }
    const { now } = this.#options
    const inspection = found.commented
      ? commentedOutInspection(found, { form: found.form, offset, line: location.line ?? found.line, column: location.column ?? found.column, commented: true }, PART_NAME[location.part], now)
      : await inspect(found.text, {
        keys: this.#options.keys,
        settings: this.#options.settings,
        now,
        ...(this.#options.nowIsExplicit === undefined ? {} : { nowIsExplicit: this.#options.nowIsExplicit }),
        ...(this.#options.authTokens === undefined ? {} : { authTokens: this.#options.authTokens }),
      })
    const identity: CaptureIdentity = {
      index: this.#identities,
      location,
      formName: identityFormName(found.form),
      commented: found.commented,
      text: found.text,
      inspection,
    }
    this.#identities += 1
    if (inspection.verdict === 'verified') this.#verified += 1
    if (inspection.verdict === 'rejected') this.#rejected += 1
    if (inspection.scheme !== null && inspection.raw.claims !== undefined) {
      this.#timelineInputs.push({ index: identity.index, capture: location.capture, time: location.time, commented: found.commented, inspection })
    }
    await this.#options.onIdentity?.(identity)
  }

  /** Searches one text of a capture: identities, the store's secrets, client-side signing. */
  async addText(source: CaptureText): Promise<void> {
    const { text } = source
    const prefix = source.identityPrefix ?? ''
    const budget = this.#limits.maxIdentities - this.#identities
    // Past the limit, one more is looked for only to say that identities went uninspected.
    for (const found of listIdentities(prefix + text, { limit: Math.max(1, budget) })) {
      await this.#addIdentity(found, source, Math.max(0, found.offset - prefix.length))
    }
    if (this.#secrets.empty && !source.script) return
    const lowered = asciiLower(text)
    const where = source.location
    const entryKey = `${where.capture}\u0000${where.entry ?? ''}\u0000${where.part}`
    for (const match of this.#secrets.find(text, lowered)) {
      this.#addFinding(`${entryKey}\u0000secret\u0000${match.key.scheme}:${match.key.kid}\u0000${match.encoding}`, {
        kind: 'leaked-secret',
        ...match.key,
        location: this.#shownLocation(where, text, match.offset),
        encoding: match.encoding,
      })
    }
    if (!source.script) return
    for (const match of findClientSigning(text, lowered, this.#secrets, this.#limits.maxSigningPerText, this.#limits.maxEvidenceLength)) {
      this.#addFinding(`${entryKey}\u0000signing\u0000${where.parameter ?? ''}\u0000${match.offset}`, {
        kind: 'client-side-signing',
        scheme: match.scheme,
        signal: match.signal,
        location: this.#shownLocation(where, text, match.offset),
        evidence: match.evidence,
        commented: match.commented,
      })
    }
  }

  finish(): CaptureAuditResult {
    const spans = new Map<string, CaptureSpan>(this.#spans)
    return {
      findings: this.#findings,
      timelines: schemes().flatMap((scheme) => scheme.renewalTimelines?.(
        this.#timelineInputs.filter((input) => input.inspection.scheme === scheme.id),
        spans,
        this.#options.settings,
      ) ?? []),
      notices: this.#notices,
      summary: {
        captures: this.#captures,
        identities: this.#identities,
        verified: this.#verified,
        rejected: this.#rejected,
        leakedSecrets: this.#leaks,
        clientSideSigning: this.#signing,
        skipped: this.#skipped,
      },
    }
  }
}
