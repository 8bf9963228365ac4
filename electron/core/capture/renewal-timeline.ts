/**
 * RingCX renewal over a capture's time: for each visitor (`uuid`), the distinct tokens in the
 * order the site set them, what each had left when it was set, and whether the next one came
 * while the previous still had the minimum expiry left. The capture's own times are used here
 * and only here: verdicts are judged at the operator's clock.
 */
import type { Inspection } from '../../common/inspection'
import { ownMember } from '../../common/values'
import type { RenewalOutcome, RenewalTimeline, RenewalToken, TokenFreshness } from '../../common/capture/capture-types'

export interface TimelineIdentity {
  readonly index: number
  readonly capture: string
  /** The capture's time for the entry it was found in (ISO 8601), or null. */
  readonly time: string | null
  readonly commented: boolean
  readonly inspection: Inspection
}

/** A capture's first and last entry times, in milliseconds. */
export interface CaptureSpan {
  readonly start: number
  readonly end: number
}

interface Sighting {
  readonly index: number
  readonly time: number
  readonly key: string
  readonly exp: number | null
  readonly iat: number | null
  readonly inspection: Inspection
}

function numericClaim(claims: Readonly<Record<string, unknown>>, name: string): number | null {
  const value = ownMember(claims, name)
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function iso(seconds: number | null): string | null {
  if (seconds === null) return null
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function freshness(secondsLeft: number | null, minExpirySeconds: number): TokenFreshness {
  if (secondsLeft === null) return 'no-exp'
  if (secondsLeft <= 0) return 'expired'
  return secondsLeft < minExpirySeconds ? 'under-minimum' : 'fresh'
}

function renewal(previous: Sighting, setAt: number, minExpirySeconds: number): RenewalOutcome | null {
  if (previous.exp === null) return null
  const seconds = setAt / 1000
  if (seconds >= previous.exp) return 'after-expiry'
  return seconds > previous.exp - minExpirySeconds ? 'under-minimum' : 'in-time'
}

/**
 * The timelines of every RingCX visitor with a `uuid` that appears with a capture time. Commented
 * identities are left out: the page did not set them.
 *
 * @example
 * buildRenewalTimelines(identities, new Map([['session.har', { start, end }]]), 3600)[0]?.tokens.map((token) => token.renewal)
 * // [null, 'in-time', 'under-minimum']
 */
export function buildRenewalTimelines(identities: readonly TimelineIdentity[], spans: ReadonlyMap<string, CaptureSpan>, minExpirySeconds: number): RenewalTimeline[] {
  const groups = new Map<string, { capture: string; visitor: string; sightings: Sighting[] }>()
  for (const identity of identities) {
    const { inspection } = identity
    const claims = inspection.raw.claims
    // The caller hands in one scheme's identities (see Scheme.renewalTimelines).
    if (identity.commented || claims === undefined || identity.time === null) continue
    const uuid = ownMember(claims, 'uuid')
    const time = Date.parse(identity.time)
    if (typeof uuid !== 'string' || uuid === '' || Number.isNaN(time)) continue
    const group = `${identity.capture}\u0000${uuid}`
    let entry = groups.get(group)
    if (entry === undefined) {
      entry = { capture: identity.capture, visitor: uuid, sightings: [] }
      groups.set(group, entry)
    }
    entry.sightings.push({
      index: identity.index,
      time,
      key: JSON.stringify([inspection.raw.header ?? null, claims]),
      exp: numericClaim(claims, 'exp'),
      iat: numericClaim(claims, 'iat'),
      inspection,
    })
  }

  const timelines: RenewalTimeline[] = []
  for (const { capture, visitor, sightings } of groups.values()) {
    sightings.sort((a, b) => a.time - b.time || a.index - b.index)
    const firsts: Sighting[] = []
    const counts = new Map<string, { seen: number; last: number }>()
    for (const sighting of sightings) {
      const known = counts.get(sighting.key)
      if (known === undefined) {
        firsts.push(sighting)
        counts.set(sighting.key, { seen: 1, last: sighting.time })
      } else {
        known.seen += 1
        known.last = Math.max(known.last, sighting.time)
      }
    }
    const tokens: RenewalToken[] = firsts.map((sighting, position) => {
      const secondsLeft = sighting.exp === null ? null : Math.floor(sighting.exp - sighting.time / 1000)
      const previous = position === 0 ? undefined : firsts[position - 1]
      const count = counts.get(sighting.key) ?? { seen: 1, last: sighting.time }
      return {
        identity: sighting.index,
        seen: count.seen,
        firstSeen: new Date(sighting.time).toISOString(),
        lastSeen: new Date(count.last).toISOString(),
        expiresAt: iso(sighting.exp),
        issuedAt: iso(sighting.iat),
        secondsLeftWhenSet: secondsLeft,
        freshness: freshness(secondsLeft, minExpirySeconds),
        verdict: sighting.inspection.verdict,
        renewal: previous === undefined ? null : renewal(previous, sighting.time, minExpirySeconds),
      }
    })
    const span = spans.get(capture)
    const start = Math.min(span?.start ?? Infinity, firsts[0]?.time ?? Infinity)
    const end = Math.max(span?.end ?? -Infinity, sightings.at(-1)?.time ?? -Infinity)
    const lastExp = firsts.at(-1)?.exp ?? null
    timelines.push({
      capture,
      visitor,
      tokens,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      minExpirySeconds,
      lapsedAtEnd: lastExp !== null && end / 1000 > lastExp - minExpirySeconds,
    })
  }
  return timelines
}
