/**
 * What a "how the website should sign this" program is generated from: a plain description of one
 * identity, free of any key, signature or hash. Browser-safe: no Node modules, nothing of ours.
 */

/** The languages a program can be generated in, in the order the picker shows them. */
export const FIXIT_LANGUAGES = ['node', 'python', 'php', 'java', 'go', 'csharp', 'ruby'] as const
export type FixitLanguage = (typeof FIXIT_LANGUAGES)[number]

export const FIXIT_LANGUAGE_LABELS: Readonly<Record<FixitLanguage, string>> = {
  node: 'Node.js',
  python: 'Python',
  php: 'PHP',
  java: 'Java',
  go: 'Go',
  csharp: 'C#',
  ruby: 'Ruby',
}

export function isFixitLanguage(value: unknown): value is FixitLanguage {
  return typeof value === 'string' && (FIXIT_LANGUAGES as readonly string[]).includes(value)
}

export const FIXIT_RINGCX_ALGS = ['HS256', 'RS256'] as const
export type FixitRingcxAlg = (typeof FIXIT_RINGCX_ALGS)[number]

export const FIXIT_ROXCHAT_ALGORITHMS = ['hmac-sha256', 'sha256', 'sha512', 'md5'] as const
export type FixitRoxchatAlgorithm = (typeof FIXIT_ROXCHAT_ALGORITHMS)[number]

/** A JSON value as a claim may hold it (numbers finite). */
export type FixitJsonValue = string | number | boolean | null | readonly FixitJsonValue[] | { readonly [name: string]: FixitJsonValue }

/** A RingCX signed identity: the program prints a compact JWT with header `{alg, typ: "JWT", kid}`. */
export interface RingcxFixitDescription {
  readonly scheme: 'ringcx'
  readonly alg: FixitRingcxAlg
  readonly kid: string
  /** The identity's claims without `exp` and `iat`, which the program sets from its clock. */
  readonly claims: Readonly<Record<string, FixitJsonValue>>
  /** `exp` = now + this many seconds (a positive whole number). */
  readonly lifetimeSeconds: number
}

/** A Rox.Chat provided visitor: the program prints `{"fields":{…},"expires":N,"hash":"…"}`. */
export interface RoxchatFixitDescription {
  readonly scheme: 'roxchat'
  readonly algorithm: FixitRoxchatAlgorithm
  readonly fields: Readonly<Record<string, string>>
  /** `expires` = now + this many seconds, or null for a visitor without `expires`. */
  readonly lifetimeSeconds: number | null
}

export type FixitDescription = RingcxFixitDescription | RoxchatFixitDescription

/** Claims and fields nest no deeper than this (objects and arrays inside the claims set). */
export const FIXIT_MAX_DEPTH = 32
/** The longest lifetime a program is generated with: ten years. */
export const FIXIT_MAX_LIFETIME_SECONDS = 10 * 366 * 24 * 3600
/** The RingCX rule: `exp` at least one hour ahead when the chat receives the token. */
export const RINGCX_MIN_EXPIRY_SECONDS = 3600
/**
 * Headroom over the RingCX minimum: a token made to live exactly one hour is already "too soon"
 * a second later, when the chat receives it.
 */
export const RINGCX_LIFETIME_MARGIN_SECONDS = 300
/** The lifetime given to a Rox.Chat visitor whose `expires` was in the past or unusable. */
export const ROXCHAT_DEFAULT_LIFETIME_SECONDS = 3600

const RESERVED_CLAIMS = ['exp', 'iat'] as const

/** Why a description cannot be generated from: the first problem, or null when it is sound. */
export function fixitDescriptionProblem(description: unknown): string | null {
  if (!isRecord(description)) return 'the description must be an object'
  if (description['scheme'] === 'ringcx') {
    if (!(FIXIT_RINGCX_ALGS as readonly unknown[]).includes(description['alg'])) return 'alg must be HS256 or RS256'
    if (typeof description['kid'] !== 'string') return 'kid must be text'
    const claims = description['claims']
    if (!isRecord(claims)) return 'claims must be an object'
    for (const name of RESERVED_CLAIMS) if (Object.hasOwn(claims, name)) return `claims must not hold "${name}": the program sets it from its clock`
    const problem = jsonValueProblem(claims, 0)
    if (problem !== null) return `claims: ${problem}`
    return lifetimeProblem(description['lifetimeSeconds'], false)
  }
  if (description['scheme'] === 'roxchat') {
    if (!(FIXIT_ROXCHAT_ALGORITHMS as readonly unknown[]).includes(description['algorithm'])) return 'algorithm must be hmac-sha256, sha256, sha512 or md5'
    const fields = description['fields']
    if (!isRecord(fields)) return 'fields must be an object'
    for (const name of Object.keys(fields)) if (typeof fields[name] !== 'string') return 'every field value must be text'
    return lifetimeProblem(description['lifetimeSeconds'], true)
  }
  return 'scheme must be ringcx or roxchat'
}

function lifetimeProblem(value: unknown, nullable: boolean): string | null {
  if (value === null && nullable) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > FIXIT_MAX_LIFETIME_SECONDS) {
    return `lifetimeSeconds must be a whole number of seconds from 1 to ${FIXIT_MAX_LIFETIME_SECONDS}${nullable ? ', or null' : ''}`
  }
  return null
}

function jsonValueProblem(value: unknown, depth: number): string | null {
  if (depth > FIXIT_MAX_DEPTH) return `nested deeper than ${FIXIT_MAX_DEPTH} levels`
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'numbers must be finite'
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonValueProblem(item, depth + 1)
      if (problem !== null) return problem
    }
    return null
  }
  if (isRecord(value)) {
    for (const name of Object.keys(value)) {
      const problem = jsonValueProblem(value[name], depth + 1)
      if (problem !== null) return problem
    }
    return null
  }
  return 'only JSON values (text, numbers, true, false, null, arrays, objects) are allowed'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}
