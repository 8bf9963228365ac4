/**
 * The verdict follows the clock: an inspection judged at one moment is judged again, in the window,
 * when time reaches one of its time limits (the RingCX minimum time left, `exp` with the clock
 * tolerance, a Rox.Chat `expires`). Banner, checks, countdown and live region all read this one
 * clock, so they change together. The limits come from the core, judged with the settings that
 * judged the inspection (a sample's own config included).
 */
import { computed, onBeforeUnmount, onMounted, ref, watch, type ComputedRef } from 'vue'
import { CODE_INFO, type ErrorCode } from '../electron/common/codes'
import type { CheckId, Expiry, ExpiryStatus, Inspection, Issue, TimeLimit, Verdict } from '../electron/common/inspection'
import { vocabularyOf } from '../electron/common/schemes'
import { instantWords, localTimeWords, spanWords } from '../electron/common/time-words'

/** What time changed: the last limit passed, and the verdict before it. */
export interface ClockFlip {
  readonly limit: TimeLimit
  readonly was: Verdict
  /** The identity's expiry (ISO 8601). */
  readonly expiresAt: string
  /** RingCX: the minimum time left the settings ask for, in seconds; null for Rox.Chat. */
  readonly minimumSeconds: number | null
}

export interface LiveInspection {
  /** The inspection as judged now: the same object until a time limit passes. */
  readonly inspection: ComputedRef<Inspection | null>
  readonly flip: ComputedRef<ClockFlip | null>
  /** The inspection's own time moved on by the time passed since it arrived, in milliseconds. */
  readonly nowMs: ComputedRef<number>
  /**
   * Below this many seconds left, the expiry is "soon": the minimum in force where the scheme takes it
   * from the settings (RingCX), else the scheme's fixed rule (Rox.Chat's five minutes).
   */
  readonly soonSeconds: ComputedRef<number | undefined>
  /** RingCX: the clock tolerance in force, in seconds (an expired token still verifies within it). */
  readonly toleranceSeconds: ComputedRef<number>
  /** The inspection as judged at this very moment (its time and time left too), for a report. */
  snapshot(): Inspection | null
}

function seconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000)
}

function limitOf(inspection: Inspection, kind: TimeLimit['kind']): TimeLimit | undefined {
  return inspection.timeLimits?.find((limit) => limit.kind === kind)
}

/** The vendor's minimum time left in force, read back from its limit: `exp - minimum + 1`. */
function minimumOf(inspection: Inspection): number | null {
  const limit = limitOf(inspection, 'too-soon')
  const expiresAt = inspection.expiry.expiresAt
  return limit === undefined || expiresAt === null ? null : seconds(expiresAt) - seconds(limit.at) + 1
}

function toleranceOf(inspection: Inspection): number {
  const limit = limitOf(inspection, 'expired')
  const expiresAt = inspection.expiry.expiresAt
  return limit === undefined || expiresAt === null ? 0 : Math.max(0, seconds(limit.at) - seconds(expiresAt))
}

/** The error a passed limit adds, in the words the core uses when it judges the same moment. */
function issueFor(limit: TimeLimit, inspection: Inspection): Issue<ErrorCode> {
  const summary = CODE_INFO[limit.code].summary
  const expiresAt = inspection.expiry.expiresAt ?? limit.at
  if (limit.kind === 'too-soon') {
    const minimum = minimumOf(inspection) ?? 0
    return { code: limit.code, message: `${summary} Since ${instantWords(limit.at)} it has less than ${spanWords(minimum)} left.` }
  }
  return { code: limit.code, message: `${summary} It expired at ${instantWords(expiresAt)}.` }
}

function expiryAt(expiry: Expiry, nowMs: number, soon: number | undefined, expired: boolean): Expiry {
  if (expiry.expiresAt === null) return expiry
  const left = Math.floor((Date.parse(expiry.expiresAt) - nowMs) / 1000)
  let status: ExpiryStatus = 'valid'
  if (expired || left <= 0) status = 'expired'
  else if (soon !== undefined && left < soon) status = 'expiring-soon'
  return { expiresAt: expiry.expiresAt, secondsLeft: left, status }
}

/** The inspection with the passed limits' checks failed and their errors added: rejected. */
function rejudged(base: Inspection, passed: readonly TimeLimit[], nowMs: number, soon: number | undefined): Inspection {
  const byCheck = new Map<CheckId, TimeLimit>()
  for (const limit of passed) byCheck.set(limit.check, limit)
  const failed = [...byCheck.values()]
  const known = new Set(base.errors.map((error) => error.code))
  const expired = failed.some((limit) => limit.kind === 'expired')
  return {
    ...base,
    verdict: 'rejected',
    checks: base.checks.map((check) => {
      const limit = byCheck.get(check.id)
      return limit === undefined ? check : { id: check.id, status: 'fail', code: limit.code }
    }),
    errors: [...base.errors, ...failed.filter((limit) => !known.has(limit.code)).map((limit) => issueFor(limit, base))],
    expiry: expiryAt(base.expiry, nowMs, soon, expired),
    now: new Date(nowMs).toISOString(),
  }
}

/**
 * Judges `source()` again as the clock runs, one tick a second.
 *
 * @example
 * const live = useLiveInspection(() => store.current)
 * live.inspection.value?.verdict // 'rejected' once exp has passed
 */
export function useLiveInspection(source: () => Inspection | null, clock: () => number = () => Date.now()): LiveInspection {
  const receivedAt = ref(clock())
  const tick = ref(receivedAt.value)

  watch(source, () => {
    receivedAt.value = clock()
    tick.value = receivedAt.value
  })

  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => {
      tick.value = clock()
    }, 1000)
  })
  onBeforeUnmount(() => clearInterval(timer))

  const nowMs = computed(() => {
    const base = source()
    const judged = base === null ? Number.NaN : Date.parse(base.now)
    return (Number.isNaN(judged) ? receivedAt.value : judged) + (tick.value - receivedAt.value)
  })

  /** How many limits have passed: the inspection object changes only when this does. */
  const passedCount = computed(() => {
    const limits = source()?.timeLimits ?? []
    return limits.filter((limit) => nowMs.value >= Date.parse(limit.at)).length
  })

  const soonSeconds = computed(() => {
    const base = source()
    if (base === null) return undefined
    const expiry = base.scheme === null ? undefined : vocabularyOf(base.scheme)?.panel.expiry
    if (expiry !== undefined && expiry.soonSecondsFrom === undefined) return expiry.soonSeconds
    return minimumOf(base) ?? undefined
  })

  const toleranceSeconds = computed(() => {
    const base = source()
    return base === null ? 0 : toleranceOf(base)
  })

  const inspection = computed(() => {
    const base = source()
    const count = passedCount.value
    if (base === null || count === 0) return base
    const passed = (base.timeLimits ?? []).slice(0, count)
    const last = passed[passed.length - 1] as TimeLimit
    return rejudged(base, passed, Date.parse(last.at), soonSeconds.value)
  })

  const flip = computed<ClockFlip | null>(() => {
    const base = source()
    const count = passedCount.value
    const expiresAt = base?.expiry.expiresAt ?? null
    if (base === null || count === 0 || expiresAt === null) return null
    const limit = (base.timeLimits ?? [])[count - 1] as TimeLimit
    return { limit, was: base.verdict, expiresAt, minimumSeconds: minimumOf(base) }
  })

  function snapshot(): Inspection | null {
    const shown = inspection.value
    if (shown === null) return null
    const at = nowMs.value
    return { ...shown, now: new Date(at).toISOString(), expiry: expiryAt(shown.expiry, at, soonSeconds.value, flip.value !== null && flip.value.limit.kind === 'expired') }
  }

  return { inspection, flip, nowMs, soonSeconds, toleranceSeconds, snapshot }
}

/** The banner's title once time changed the verdict: "Expired at 8:10 PM — was verified". */
export function flipTitle(flip: ClockFlip, nowIso: string): string {
  const was = flip.was === 'verified' ? 'was verified' : 'was accepted'
  if (flip.limit.kind === 'too-soon') {
    return `Less than ${spanWords(flip.minimumSeconds ?? 0)} left since ${localTimeWords(flip.limit.at, { reference: nowIso })} — ${was}`
  }
  return `Expired at ${localTimeWords(flip.expiresAt, { reference: nowIso })} — ${was}`
}
