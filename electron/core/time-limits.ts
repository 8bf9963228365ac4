/**
 * When time alone turns a verified identity into a rejected one: the RingCX minimum time left and
 * `exp` (with the clock tolerance), or a Rox.Chat `expires`. The same rules as the checks, written
 * as moments so that the window can re-judge when the clock reaches them.
 */
import type { Inspection, RawView, TimeLimit } from './inspection'
import type { InspectionSettings } from './settings'
import { ownMember } from './values'

function at(seconds: number): string | null {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/**
 * The time limits of an inspection judged with `settings`; empty unless it is verified and expires.
 *
 * @example
 * timeLimits(inspection, DEFAULT_SETTINGS) // [{ at: exp - 1 h + 1 s, check: 'exp', code: 'ringcx-jwt-exp-too-soon' }, { at: exp + 10 s, … 'ringcx-jwt-expired' }]
 */
export function timeLimits(inspection: Pick<Inspection, 'scheme' | 'verdict' | 'expiry'> & { readonly raw: RawView }, settings: InspectionSettings): readonly TimeLimit[] {
  if (inspection.verdict !== 'verified' || inspection.expiry.expiresAt === null) return []
  const limits: { readonly seconds: number; readonly limit: Omit<TimeLimit, 'at'> }[] = []
  const { raw } = inspection
  if (inspection.scheme === 'ringcx' && raw.claims !== undefined) {
    const exp = ownMember(raw.claims, 'exp')
    if (typeof exp !== 'number' || !Number.isInteger(exp)) return []
    const { minExpirySeconds, clockToleranceSeconds } = settings.ringcx
    // The checks fail once `exp - now < minimum` and once `exp + tolerance <= now`, in whole seconds.
    if (minExpirySeconds > 0) limits.push({ seconds: exp - minExpirySeconds + 1, limit: { check: 'exp', code: 'ringcx-jwt-exp-too-soon' } })
    limits.push({ seconds: exp + clockToleranceSeconds, limit: { check: 'exp', code: 'ringcx-jwt-expired' } })
  } else if (inspection.scheme === 'roxchat' && raw.visitor !== undefined && raw.visitor !== null && typeof raw.visitor === 'object') {
    const expires = ownMember(raw.visitor as Readonly<Record<string, unknown>>, 'expires')
    if (typeof expires !== 'number' || !Number.isInteger(expires)) return []
    limits.push({ seconds: expires, limit: { check: 'expires', code: 'provided-visitor-expired' } })
  }
  return limits
    .sort((a, b) => a.seconds - b.seconds)
    .flatMap(({ seconds, limit }) => {
      const moment = at(seconds)
      return moment === null ? [] : [{ at: moment, ...limit }]
    })
}
