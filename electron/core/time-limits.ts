/**
 * When time alone turns a verified identity into a rejected one (the RingCX minimum time left and
 * `exp` with the clock tolerance, a Rox.Chat `expires`): each scheme says, through the registry,
 * with the same rules as its checks, written as moments so that the window can re-judge when the
 * clock reaches them.
 */
import type { Inspection, RawView, TimeLimit } from '../common/inspection'
import type { InspectionSettings } from '../common/settings'
import { schemeById } from './schemes'

/** A time limit at a Unix time in seconds, as a scheme reports it. */
export interface TimeLimitAt {
  readonly seconds: number
  readonly limit: Omit<TimeLimit, 'at'>
}

function at(seconds: number): string | null {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/**
 * The time limits of an inspection judged with `settings`; empty unless it is verified and expires.
 *
 * @example
 * timeLimits(inspection, DEFAULT_SETTINGS) // [{ at: exp - 1 h + 1 s, check: 'exp', code: 'ringcx-jwt-exp-too-soon', kind: 'too-soon' }, { at: exp + 10 s, … 'ringcx-jwt-expired', kind: 'expired' }]
 */
export function timeLimits(inspection: Pick<Inspection, 'scheme' | 'verdict' | 'expiry'> & { readonly raw: RawView }, settings: InspectionSettings): readonly TimeLimit[] {
  if (inspection.verdict !== 'verified' || inspection.expiry.expiresAt === null || inspection.scheme === null) return []
  const limits = schemeById(inspection.scheme)?.timeLimits?.(inspection.raw, settings) ?? []
  return [...limits]
    .sort((a, b) => a.seconds - b.seconds)
    .flatMap(({ seconds, limit }) => {
      const moment = at(seconds)
      return moment === null ? [] : [{ at: moment, ...limit }]
    })
}
