/**
 * RingCX's section of the settings: the signed-identity mode, expiry rules and extra-value mappings.
 */
import { checkMembers, oneOf, wholeSeconds, type ProblemList, type SettingsSection } from '../settings-kit'
import { compileMappingPattern } from '../mapping-pattern'
import { isPlainObject, ownMember } from '../values'

export type RingcxMode = 'require' | 'reject'
export const RINGCX_MODES: readonly RingcxMode[] = ['require', 'reject']

export interface ExtraValueMapping {
  /** The `extra_values` key to map, or `uuid`. */
  readonly key: string
  /** `identity:<name>` or `custom:<name>`. */
  readonly target: string
  /** A pattern (RE2 syntax, run in linear time) the whole value must match for the mapping to apply. */
  readonly regex?: string
}

export interface RingcxSettings {
  readonly signedIdentities: RingcxMode
  readonly minExpirySeconds: number
  readonly clockToleranceSeconds: number
  readonly extraValueMappings: readonly ExtraValueMapping[]
}

export const RINGCX_DEFAULT_SETTINGS: RingcxSettings = {
  signedIdentities: 'require',
  minExpirySeconds: 3600,
  clockToleranceSeconds: 10,
  extraValueMappings: [],
}

const MAPPING_KEY_PATTERN = /^[^\s]{1,128}$/
const MAPPING_TARGET_PATTERN = /^(identity|custom):[A-Za-z0-9_]{1,64}$/
const MAX_MAPPINGS = 200
/** One day: a longer tolerance would make expiry meaningless. */
const MAX_TOLERANCE_SECONDS = 86_400
/** One year. */
const MAX_MIN_EXPIRY_SECONDS = 31_536_000

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
    const key = ownMember(entry, 'key')
    const target = ownMember(entry, 'target')
    const regex = ownMember(entry, 'regex')
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
      const compiled = typeof regex === 'string' ? compileMappingPattern(regex) : null
      if (compiled === null) {
        problems.add(`${at}.regex`, `${at}.regex must be text`)
        valid = false
      } else if (!compiled.ok) {
        problems.add(`${at}.regex`, `${at}.regex ${compiled.problem.message}`, compiled.problem.code)
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

export const RINGCX_SETTINGS: SettingsSection<RingcxSettings> = {
  defaults: RINGCX_DEFAULT_SETTINGS,
  read(input, base, problems) {
    checkMembers(input, ['signedIdentities', 'minExpirySeconds', 'clockToleranceSeconds', 'extraValueMappings'], 'ringcx.', problems)
    return {
      signedIdentities: oneOf(ownMember(input, 'signedIdentities'), RINGCX_MODES, 'ringcx.signedIdentities', base.signedIdentities, problems),
      minExpirySeconds: wholeSeconds(ownMember(input, 'minExpirySeconds'), 'ringcx.minExpirySeconds', MAX_MIN_EXPIRY_SECONDS, base.minExpirySeconds, problems),
      clockToleranceSeconds: wholeSeconds(ownMember(input, 'clockToleranceSeconds'), 'ringcx.clockToleranceSeconds', MAX_TOLERANCE_SECONDS, base.clockToleranceSeconds, problems),
      extraValueMappings: ownMember(input, 'extraValueMappings') === undefined
        ? base.extraValueMappings
        : readMappings(ownMember(input, 'extraValueMappings'), problems),
    }
  },
}

/** The two modes in the Settings view's words. */
export const RINGCX_MODE_TEXT: Readonly<Record<RingcxMode, { readonly label: string; readonly hint: string }>> = {
  require: { label: 'Require JWT-signed identities', hint: 'Unsigned identities are rejected.' },
  reject: { label: 'Reject JWT-signed identities', hint: 'Only unsigned identities are accepted; nobody vouches for them.' },
}
