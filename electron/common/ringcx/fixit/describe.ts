/**
 * From a RingCX inspection to its description: the JWT's header and claims (or an unsigned
 * identity, to be signed), without `exp`, `iat` and `nbf`; the lifetime is `exp - iat`, or `exp`
 * minus the inspection's time, raised to the RingCX minimum plus a margin.
 */
import { capLifetime, failure, isRecord, repairedNote, setOwn, shown, toJsonValue, type FixitJsonValue } from '../../fixit/describe-kit'
import { wellFormed } from '../../fixit/literals'
import type { DescribeFixitResult, FixitContext, FixitInspection, FixitNote } from '../../fixit/scheme-fixit'
import { ownMember } from '../../values'
import type { RingcxSettings } from '../settings'
import type { FixitRingcxAlg, RingcxFixitDescription } from './description'

export type RingcxFixitNoteCode =
  | 'fixit-unsigned-identity'
  | 'fixit-alg-replaced'
  | 'fixit-kid-unknown'
  | 'fixit-kid-unusual'
  | 'fixit-exp-missing'
  | 'fixit-lifetime-raised'
  | 'fixit-lifetime-lowered'
  | 'fixit-nbf-dropped'
  | 'fixit-uuid-missing'
  | 'fixit-field-not-text'
  | 'fixit-text-repaired'
  | 'fixit-name-collision'

/** The Key ID the RingCX program names when the identity names none: the website must fill it in. */
export const FIXIT_PLACEHOLDER_KID = 'your_key_id'
/**
 * Headroom over the RingCX minimum: a token made to live exactly one hour is already "too soon"
 * a second later, when the chat receives it.
 */
export const RINGCX_LIFETIME_MARGIN_SECONDS = 300
const RINGCX_KID_PATTERN = /^[a-z0-9_]+$/

export function describeRingcx(inspection: FixitInspection, context: FixitContext<RingcxSettings>): DescribeFixitResult<RingcxFixitDescription> {
  const notes: FixitNote<RingcxFixitNoteCode>[] = []
  const rawHeader = ownMember(inspection.raw, 'header')
  const header = isRecord(rawHeader) ? rawHeader : undefined
  const signedClaims = ownMember(inspection.raw, 'claims')
  const source = signedClaims ?? ownMember(inspection.raw, 'identity')
  if (!isRecord(source)) return failure('fixit-no-identity', 'The RingCX identity could not be read, so there is nothing to sign.')
  if (signedClaims === undefined) {
    notes.push({ code: 'fixit-unsigned-identity', message: 'The identity was not signed: the program signs it (RingCX requires signed identities by default).' })
  }

  const rawAlg = header?.['alg']
  let alg: FixitRingcxAlg = 'HS256'
  if (rawAlg === 'HS256' || rawAlg === 'RS256') alg = rawAlg
  else if (rawAlg !== undefined) {
    notes.push({ code: 'fixit-alg-replaced', message: `The token said alg ${shown(rawAlg)}; RingCX accepts only HS256 and RS256, so the program signs with HS256.` })
  }

  const headerKid = header?.['kid']
  let kid = typeof headerKid === 'string' && headerKid !== '' ? headerKid : (inspection.key?.kid ?? '')
  if (kid === '') {
    kid = FIXIT_PLACEHOLDER_KID
    notes.push({ code: 'fixit-kid-unknown', message: `The identity names no Key ID: replace "${FIXIT_PLACEHOLDER_KID}" with the community's Key ID.` })
  } else if (!RINGCX_KID_PATTERN.test(kid)) {
    notes.push({ code: 'fixit-kid-unusual', message: 'The Key ID is not made of a-z, 0-9 and "_" as RingCX Key IDs are: check it against the community\'s.' })
  }
  const repairedKid = wellFormed(kid)
  if (repairedKid !== kid) notes.push(repairedNote('the Key ID'))

  const claims: Record<string, FixitJsonValue> = {}
  let repaired = false
  const seen = new Set<string>()
  for (const name of Object.keys(source)) {
    if (name === 'exp' || name === 'iat') continue
    if (name === 'nbf') {
      notes.push({ code: 'fixit-nbf-dropped', message: 'nbf is left out: a fixed "not before" time goes stale; the token is valid from when it is made.' })
      continue
    }
    const fixedName = wellFormed(name)
    if (seen.has(fixedName)) {
      notes.push({ code: 'fixit-name-collision', message: `Two claim names read the same once repaired; only the first ${shown(fixedName)} is kept.` })
      continue
    }
    seen.add(fixedName)
    const value = toJsonValue(source[name], 1, () => (repaired = true))
    if (value === undefined) continue
    setOwn(claims, fixedName, value)
    if (fixedName !== name) repaired = true
  }
  if (repaired) notes.push(repairedNote('some claims'))
  const uuid = claims['uuid']
  if (typeof uuid === 'number' || typeof uuid === 'boolean') {
    claims['uuid'] = String(uuid)
    notes.push({ code: 'fixit-field-not-text', message: 'uuid was not text: the program sends it as text.' })
  } else if (typeof uuid !== 'string' || uuid === '') {
    notes.push({ code: 'fixit-uuid-missing', message: 'The identity has no uuid, which a RingCX JWT must carry: add the visitor\'s id to the claims.' })
  }

  const floor = context.settings.minExpirySeconds + RINGCX_LIFETIME_MARGIN_SECONDS
  const exp = source['exp']
  const iat = source['iat']
  let lifetimeSeconds: number
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    lifetimeSeconds = floor
    notes.push({ code: 'fixit-exp-missing', message: `The identity had no usable exp, which RingCX requires: the program sets exp ${floor} s ahead.` })
  } else {
    const issued = typeof iat === 'number' && Number.isFinite(iat)
    lifetimeSeconds = Math.round(exp - (issued ? iat : context.nowSeconds))
    if (lifetimeSeconds < floor) {
      const was = issued
        ? `The token lived ${lifetimeSeconds} s (exp - iat)`
        : lifetimeSeconds <= 0 ? 'The token had expired when inspected' : `The token had ${lifetimeSeconds} s left when inspected`
      notes.push({
        code: 'fixit-lifetime-raised',
        message: `${was}; RingCX wants exp at least ${floor - RINGCX_LIFETIME_MARGIN_SECONDS} s ahead when the chat receives the token, so the program gives it ${floor} s.`,
      })
      lifetimeSeconds = floor
    }
  }
  lifetimeSeconds = capLifetime(lifetimeSeconds, notes)
  return { ok: true, description: { scheme: 'ringcx', alg, kid: repairedKid, claims, lifetimeSeconds }, notes }
}
