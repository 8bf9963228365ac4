/**
 * Inspection settings: the vendor rules an admin configures. Pure validation with defaults.
 */
import { isPlainObject } from './values'

export type RingcxMode = 'require' | 'reject'
export type RoxchatHashAlgorithm = 'hmac-sha256' | 'sha256' | 'sha512' | 'md5'
export type RoxchatFieldSet = 'providedFields' | 'fields' | 'opFields'

export const RINGCX_MODES: readonly RingcxMode[] = ['require', 'reject']
export const ROXCHAT_HASH_ALGORITHMS: readonly RoxchatHashAlgorithm[] = ['hmac-sha256', 'sha256', 'sha512', 'md5']
export const ROXCHAT_FIELD_SETS: readonly RoxchatFieldSet[] = ['providedFields', 'fields', 'opFields']

export interface ExtraValueMapping {
  /** The `extra_values` key to map, or `uuid`. */
  readonly key: string
  /** `identity:<name>` or `custom:<name>`. */
  readonly target: string
  /** A pattern the whole value must match for the mapping to apply. */
  readonly regex?: string
}

export interface InspectionSettings {
  readonly ringcx: {
    readonly signedIdentities: RingcxMode
    readonly minExpirySeconds: number
    readonly clockToleranceSeconds: number
    readonly extraValueMappings: readonly ExtraValueMapping[]
  }
  readonly roxchat: {
    readonly hashAlgorithm: RoxchatHashAlgorithm
    readonly priorityOrder: readonly RoxchatFieldSet[]
  }
}

export const DEFAULT_SETTINGS: InspectionSettings = {
  ringcx: {
    signedIdentities: 'require',
    minExpirySeconds: 3600,
    clockToleranceSeconds: 10,
    extraValueMappings: [],
  },
  roxchat: {
    hashAlgorithm: 'hmac-sha256',
    priorityOrder: ['providedFields', 'fields', 'opFields'],
  },
}

export type SettingsProblemCode =
  | 'settings-not-object'
  | 'settings-unknown-member'
  | 'settings-bad-value'

export interface SettingsProblem {
  /** Dotted path of the offending setting, e.g. `ringcx.minExpirySeconds`. */
  readonly path: string
  readonly code: SettingsProblemCode
  readonly message: string
}

export type SettingsResult =
  | { readonly ok: true; readonly value: InspectionSettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] }

const MAPPING_KEY_PATTERN = /^[^\s]{1,128}$/
const MAPPING_TARGET_PATTERN = /^(identity|custom):[A-Za-z0-9_]{1,64}$/
const MAX_MAPPINGS = 200
const MAX_REGEX_LENGTH = 500
/** One day: a longer tolerance would make expiry meaningless. */
const MAX_TOLERANCE_SECONDS = 86_400
/** One year. */
const MAX_MIN_EXPIRY_SECONDS = 31_536_000

/** Compiles a mapping pattern so that it must match the whole value. */
export function compileMappingRegex(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u')
}

/** Why a mapping pattern cannot be used, or null when it compiles. */
export function mappingRegexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `is longer than ${MAX_REGEX_LENGTH} characters`
  try {
    compileMappingRegex(pattern)
    return null
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`
  }
}

class ProblemList {
  readonly items: SettingsProblem[] = []
  add(path: string, message: string, code: SettingsProblemCode = 'settings-bad-value'): void {
    this.items.push({ path, code, message })
  }
}

function checkMembers(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  problems: ProblemList,
): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) {
      problems.add(`${prefix}${name}`, `"${prefix}${name}" is not a setting`, 'settings-unknown-member')
    }
  }
}

function wholeSeconds(
  value: unknown,
  path: string,
  max: number,
  fallback: number,
  problems: ProblemList,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    problems.add(path, `${path} must be a whole number of seconds from 0 to ${max}`)
    return fallback
  }
  return value
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  fallback: T,
  problems: ProblemList,
): T {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    problems.add(path, `${path} must be one of ${allowed.join(', ')}`)
    return fallback
  }
  return value as T
}

function readMappings(value: unknown, problems: ProblemList): ExtraValueMapping[] {
  const path = 'ringcx.extraValueMappings'
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    problems.add(path, `${path} must be a list of mappings`)
    return []
  }
  if (value.length > MAX_MAPPINGS) {
    problems.add(path, `${path} holds more than ${MAX_MAPPINGS} mappings`)
    return []
  }
  const mappings: ExtraValueMapping[] = []
  const seenKeys = new Set<string>()
  value.forEach((entry: unknown, index) => {
    const at = `${path}[${index}]`
    if (!isPlainObject(entry)) {
      problems.add(at, `${at} must be an object with "key" and "target"`)
      return
    }
    checkMembers(entry, ['key', 'target', 'regex'], `${at}.`, problems)
    const { key, target, regex } = entry
    let valid = true
    if (typeof key !== 'string' || !MAPPING_KEY_PATTERN.test(key)) {
      problems.add(`${at}.key`, `${at}.key must be an extra value name without spaces (or "uuid")`)
      valid = false
    } else if (seenKeys.has(key)) {
      problems.add(`${at}.key`, `${at}.key "${key}" is mapped twice`)
      valid = false
    }
    if (typeof target !== 'string' || !MAPPING_TARGET_PATTERN.test(target)) {
      problems.add(`${at}.target`, `${at}.target must be "identity:<name>" or "custom:<name>" (letters, digits, _)`)
      valid = false
    }
    if (regex !== undefined) {
      const problem = typeof regex === 'string' ? mappingRegexProblem(regex) : 'must be text'
      if (problem !== null) {
        problems.add(`${at}.regex`, `${at}.regex ${problem}`)
        valid = false
      }
    }
    if (valid) {
      seenKeys.add(key as string)
      mappings.push(regex === undefined
        ? { key: key as string, target: target as string }
        : { key: key as string, target: target as string, regex: regex as string })
    }
  })
  return mappings
}

function readPriorityOrder(value: unknown, problems: ProblemList): RoxchatFieldSet[] {
  const path = 'roxchat.priorityOrder'
  const fallback = [...DEFAULT_SETTINGS.roxchat.priorityOrder]
  if (value === undefined) return fallback
  const isPermutation =
    Array.isArray(value) &&
    value.length === ROXCHAT_FIELD_SETS.length &&
    ROXCHAT_FIELD_SETS.every((set) => value.includes(set))
  if (!isPermutation) {
    problems.add(path, `${path} must list providedFields, fields and opFields, each once, highest priority first`)
    return fallback
  }
  return value as RoxchatFieldSet[]
}

/**
 * Validates partial settings and fills in defaults over `base`.
 *
 * @example
 * const result = resolveSettings({ ringcx: { signedIdentities: 'reject' } })
 * if (result.ok) result.value.ringcx.minExpirySeconds // 3600
 */
export function resolveSettings(input: unknown, base: InspectionSettings = DEFAULT_SETTINGS): SettingsResult {
  const problems = new ProblemList()
  if (input === undefined || input === null) return { ok: true, value: base }
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: '', code: 'settings-not-object', message: 'settings must be a JSON object' }] }
  }
  checkMembers(input, ['ringcx', 'roxchat'], '', problems)

  // Only a member left out takes the defaults; `null` is a wrong value like any other.
  const ringcxIn = input['ringcx'] === undefined ? {} : input['ringcx']
  const roxchatIn = input['roxchat'] === undefined ? {} : input['roxchat']
  let ringcx = base.ringcx
  let roxchat = base.roxchat
  if (!isPlainObject(ringcxIn)) {
    problems.add('ringcx', 'ringcx must be an object')
  } else {
    checkMembers(ringcxIn, ['signedIdentities', 'minExpirySeconds', 'clockToleranceSeconds', 'extraValueMappings'], 'ringcx.', problems)
    ringcx = {
      signedIdentities: oneOf(ringcxIn['signedIdentities'], RINGCX_MODES, 'ringcx.signedIdentities', base.ringcx.signedIdentities, problems),
      minExpirySeconds: wholeSeconds(ringcxIn['minExpirySeconds'], 'ringcx.minExpirySeconds', MAX_MIN_EXPIRY_SECONDS, base.ringcx.minExpirySeconds, problems),
      clockToleranceSeconds: wholeSeconds(ringcxIn['clockToleranceSeconds'], 'ringcx.clockToleranceSeconds', MAX_TOLERANCE_SECONDS, base.ringcx.clockToleranceSeconds, problems),
      extraValueMappings: ringcxIn['extraValueMappings'] === undefined
        ? base.ringcx.extraValueMappings
        : readMappings(ringcxIn['extraValueMappings'], problems),
    }
  }
  if (!isPlainObject(roxchatIn)) {
    problems.add('roxchat', 'roxchat must be an object')
  } else {
    checkMembers(roxchatIn, ['hashAlgorithm', 'priorityOrder'], 'roxchat.', problems)
    roxchat = {
      hashAlgorithm: oneOf(roxchatIn['hashAlgorithm'], ROXCHAT_HASH_ALGORITHMS, 'roxchat.hashAlgorithm', base.roxchat.hashAlgorithm, problems),
      priorityOrder: roxchatIn['priorityOrder'] === undefined
        ? base.roxchat.priorityOrder
        : readPriorityOrder(roxchatIn['priorityOrder'], problems),
    }
  }
  if (problems.items.length > 0) return { ok: false, problems: problems.items }
  return { ok: true, value: { ringcx, roxchat } }
}
