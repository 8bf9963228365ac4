/**
 * From an inspection to the description a program is generated from: the identity's own fields,
 * with what the website got wrong put right (a lifetime RingCX accepts, text for every Rox.Chat
 * field) and each such change reported as a note. Never the signature or hash, never a key.
 */
import {
  FIXIT_MAX_DEPTH,
  FIXIT_MAX_LIFETIME_SECONDS,
  RINGCX_LIFETIME_MARGIN_SECONDS,
  RINGCX_MIN_EXPIRY_SECONDS,
  ROXCHAT_DEFAULT_LIFETIME_SECONDS,
  type FixitDescription,
  type FixitJsonValue,
  type FixitRingcxAlg,
  type FixitRoxchatAlgorithm,
} from './description'
import { wellFormed } from './literals'

/**
 * The members of the core's `Inspection` this reads; an `Inspection` is one. (Structural, so that
 * this browser-safe module needs nothing from the engine.)
 */
export interface FixitInspection {
  readonly scheme: 'ringcx' | 'roxchat' | null
  /** When the inspection was judged (ISO 8601): lifetimes without `iat` count from here. */
  readonly now: string
  readonly key?: { readonly kid: string } | null
  readonly raw: {
    readonly header?: Readonly<Record<string, unknown>>
    readonly claims?: Readonly<Record<string, unknown>>
    readonly visitor?: unknown
    readonly identity?: Readonly<Record<string, unknown>>
  }
}

export interface DescribeFixitOptions {
  /** The account's Rox.Chat hash algorithm (settings `roxchat.hashAlgorithm`); HMAC-SHA256 by default. */
  readonly roxchatAlgorithm?: FixitRoxchatAlgorithm
  /** The RingCX minimum expiry (settings `ringcx.minExpirySeconds`); 3600 by default. */
  readonly minExpirySeconds?: number
}

export type FixitNoteCode =
  | 'fixit-unsigned-identity'
  | 'fixit-alg-replaced'
  | 'fixit-kid-unknown'
  | 'fixit-kid-unusual'
  | 'fixit-exp-missing'
  | 'fixit-lifetime-raised'
  | 'fixit-lifetime-lowered'
  | 'fixit-nbf-dropped'
  | 'fixit-uuid-missing'
  | 'fixit-id-missing'
  | 'fixit-field-not-text'
  | 'fixit-field-dropped'
  | 'fixit-text-repaired'
  | 'fixit-name-collision'
  | 'fixit-expires-milliseconds'
  | 'fixit-expires-past'
  | 'fixit-expires-invalid'

/** Something the program does differently from the inspected identity, and why. */
export interface FixitNote {
  readonly code: FixitNoteCode
  readonly message: string
}

export type FixitFailureCode = 'fixit-no-identity' | 'fixit-logged-out' | 'fixit-too-deep'

export type DescribeFixitResult =
  | { readonly ok: true; readonly description: FixitDescription; readonly notes: readonly FixitNote[] }
  | { readonly ok: false; readonly code: FixitFailureCode; readonly message: string }

/** The Key ID the RingCX program names when the identity names none: the website must fill it in. */
export const FIXIT_PLACEHOLDER_KID = 'your_key_id'
const RINGCX_KID_PATTERN = /^[a-z0-9_]+$/
/** The largest `expires` Rox.Chat accepts (its Int); anything above is taken for milliseconds. */
const MAX_ROXCHAT_EXPIRES = 2_147_483_647

class TooDeep extends Error {}

/**
 * Describes the identity of an inspection for {@link generateFixitProgram}.
 *
 * RingCX: the JWT's header and claims (or an unsigned identity, to be signed), without `exp`,
 * `iat` and `nbf`; the lifetime is `exp - iat`, or `exp` minus the inspection's time, raised to
 * the RingCX minimum plus a margin. Rox.Chat: the visitor's fields as text; the lifetime is
 * `expires` minus the inspection's time, or none when the visitor had no `expires`.
 *
 * @example
 * const described = describeFixit(inspection, { roxchatAlgorithm: settings.roxchat.hashAlgorithm })
 * if (described.ok) generateFixitProgram(described.description, 'go')
 */
export function describeFixit(inspection: FixitInspection, options: DescribeFixitOptions = {}): DescribeFixitResult {
  const nowSeconds = Math.floor(Date.parse(inspection.now) / 1000)
  if (!Number.isFinite(nowSeconds)) return failure('fixit-no-identity', 'The inspection has no valid time.')
  try {
    if (inspection.scheme === 'ringcx') return describeRingcx(inspection, nowSeconds, options)
    if (inspection.scheme === 'roxchat') return describeRoxchat(inspection, nowSeconds, options)
  } catch (error) {
    if (error instanceof TooDeep) return failure('fixit-too-deep', `The identity nests deeper than ${FIXIT_MAX_DEPTH} levels.`)
    throw error
  }
  return failure('fixit-no-identity', 'The payload was not read as a RingCX or Rox.Chat identity, so there is nothing to sign.')
}

function failure(code: FixitFailureCode, message: string): DescribeFixitResult {
  return { ok: false, code, message }
}

function describeRingcx(inspection: FixitInspection, nowSeconds: number, options: DescribeFixitOptions): DescribeFixitResult {
  const notes: FixitNote[] = []
  const { header, claims: signedClaims, identity } = inspection.raw
  const source = signedClaims ?? identity
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

  const floor = (options.minExpirySeconds ?? RINGCX_MIN_EXPIRY_SECONDS) + RINGCX_LIFETIME_MARGIN_SECONDS
  const exp = source['exp']
  const iat = source['iat']
  let lifetimeSeconds: number
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    lifetimeSeconds = floor
    notes.push({ code: 'fixit-exp-missing', message: `The identity had no usable exp, which RingCX requires: the program sets exp ${floor} s ahead.` })
  } else {
    const issued = typeof iat === 'number' && Number.isFinite(iat)
    lifetimeSeconds = Math.round(exp - (issued ? iat : nowSeconds))
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

function describeRoxchat(inspection: FixitInspection, nowSeconds: number, options: DescribeFixitOptions): DescribeFixitResult {
  const visitor = inspection.raw.visitor
  if (visitor === null) return failure('fixit-logged-out', 'This is a logout (roxchat_visitor = null): there is no visitor to sign.')
  if (!isRecord(visitor) || !isRecord(visitor['fields'])) {
    return failure('fixit-no-identity', 'The payload holds no Rox.Chat visitor object with fields (identification by token signs nothing), so there is nothing to sign.')
  }
  const notes: FixitNote[] = []
  const rawFields = visitor['fields']
  const fields: Record<string, string> = {}
  let repaired = false
  for (const name of Object.keys(rawFields)) {
    const raw = rawFields[name]
    let text: string
    if (typeof raw === 'string') text = raw
    else if (typeof raw === 'number' || typeof raw === 'boolean') {
      text = String(raw)
      notes.push({ code: 'fixit-field-not-text', message: `Field ${shown(name)} was a ${typeof raw}; Rox.Chat wants text, so the program sends "${text.slice(0, 40)}".` })
    } else if (raw === null || raw === undefined) {
      notes.push({ code: 'fixit-field-dropped', message: `Field ${shown(name)} was null and is left out (every Rox.Chat field is text).` })
      continue
    } else {
      text = JSON.stringify(raw) ?? ''
      notes.push({ code: 'fixit-field-not-text', message: `Field ${shown(name)} was not text; the program sends it as its JSON text.` })
    }
    const fixedName = wellFormed(name)
    const fixedText = wellFormed(text)
    if (fixedName !== name || fixedText !== text) repaired = true
    if (Object.hasOwn(fields, fixedName)) {
      notes.push({ code: 'fixit-name-collision', message: `Two field names read the same once repaired; only the first ${shown(fixedName)} is kept.` })
      continue
    }
    setOwn(fields, fixedName, fixedText)
  }
  if (repaired) notes.push(repairedNote('some fields'))
  if (typeof fields['id'] !== 'string' || fields['id'] === '') {
    notes.push({ code: 'fixit-id-missing', message: 'The visitor has no id, which Rox.Chat requires: add the visitor\'s unique id to the fields.' })
  }

  let lifetimeSeconds: number | null = null
  let expires: unknown = visitor['expires']
  if (typeof expires === 'string' && /^\d{1,15}$/.test(expires)) {
    notes.push({ code: 'fixit-expires-invalid', message: 'expires was text; Rox.Chat wants a number, which the program writes.' })
    expires = Number(expires)
  }
  if (typeof expires === 'number' && Number.isFinite(expires)) {
    let seconds = expires
    if (seconds > MAX_ROXCHAT_EXPIRES) {
      seconds = expires / 1000
      notes.push({ code: 'fixit-expires-milliseconds', message: 'expires looked like milliseconds; Rox.Chat wants seconds, which the program writes.' })
    }
    lifetimeSeconds = Math.round(seconds - nowSeconds)
    if (lifetimeSeconds <= 0) {
      notes.push({ code: 'fixit-expires-past', message: `expires had passed when inspected; the program sets it ${ROXCHAT_DEFAULT_LIFETIME_SECONDS} s ahead.` })
      lifetimeSeconds = ROXCHAT_DEFAULT_LIFETIME_SECONDS
    }
    lifetimeSeconds = capLifetime(lifetimeSeconds, notes)
  } else if (expires !== undefined) {
    notes.push({ code: 'fixit-expires-invalid', message: `expires was not a number of seconds; the program sets it ${ROXCHAT_DEFAULT_LIFETIME_SECONDS} s ahead.` })
    lifetimeSeconds = ROXCHAT_DEFAULT_LIFETIME_SECONDS
  }
  return { ok: true, description: { scheme: 'roxchat', algorithm: options.roxchatAlgorithm ?? 'hmac-sha256', fields, lifetimeSeconds }, notes }
}

function capLifetime(lifetimeSeconds: number, notes: FixitNote[]): number {
  if (lifetimeSeconds <= FIXIT_MAX_LIFETIME_SECONDS) return lifetimeSeconds
  notes.push({ code: 'fixit-lifetime-lowered', message: `The inspected lifetime was ${lifetimeSeconds} s; the program uses at most ten years (${FIXIT_MAX_LIFETIME_SECONDS} s).` })
  return FIXIT_MAX_LIFETIME_SECONDS
}

/**
 * A value quoted for a note: JSON, shortened, with C1 controls, line and paragraph separators and
 * bidirectional controls escaped too, so a note cannot steer a terminal or reorder its text.
 */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value)
  const short = json.length > 60 ? `${json.slice(0, 57)}...` : json
  return short.replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function repairedNote(what: string): FixitNote {
  return { code: 'fixit-text-repaired', message: `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} held broken Unicode (lone surrogates), which UTF-8 cannot carry: each became U+FFFD.` }
}

/** A claim value as a JSON value: text well-formed, names unique, nesting bounded. */
function toJsonValue(value: unknown, depth: number, onRepair: () => void): FixitJsonValue | undefined {
  if (depth > FIXIT_MAX_DEPTH) throw new TooDeep()
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') {
    const fixed = wellFormed(value)
    if (fixed !== value) onRepair()
    return fixed
  }
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonValue(item, depth + 1, onRepair) ?? null)
  if (isRecord(value)) {
    const out: Record<string, FixitJsonValue> = {}
    for (const name of Object.keys(value)) {
      const fixedName = wellFormed(name)
      if (fixedName !== name) onRepair()
      if (Object.hasOwn(out, fixedName)) continue
      const item = toJsonValue(value[name], depth + 1, onRepair)
      if (item !== undefined) setOwn(out, fixedName, item)
    }
    return out
  }
  return undefined
}

/** Sets an own member, so that a name such as "__proto__" stays a member and is not a prototype. */
function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
