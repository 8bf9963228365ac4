/**
 * Rox.Chat's section of the settings: the account's hash algorithm and the priority of the field sets.
 */
import { checkMembers, oneOf, type ProblemList, type SettingsSection } from '../settings-kit'
import { ownMember } from '../values'

export type RoxchatHashAlgorithm = 'hmac-sha256' | 'sha256' | 'sha512' | 'md5'
/** The three visitor field sets: the website's signed visitor, the service's, the agent's. */
export type RoxchatFieldSet = 'providedFields' | 'fields' | 'opFields'

export const ROXCHAT_HASH_ALGORITHMS: readonly RoxchatHashAlgorithm[] = ['hmac-sha256', 'sha256', 'sha512', 'md5']
export const ROXCHAT_FIELD_SETS: readonly RoxchatFieldSet[] = ['providedFields', 'fields', 'opFields']

export interface RoxchatSettings {
  readonly hashAlgorithm: RoxchatHashAlgorithm
  readonly priorityOrder: readonly RoxchatFieldSet[]
}

export const ROXCHAT_DEFAULT_SETTINGS: RoxchatSettings = {
  hashAlgorithm: 'hmac-sha256',
  priorityOrder: ['providedFields', 'fields', 'opFields'],
}

function readPriorityOrder(value: unknown, problems: ProblemList): RoxchatFieldSet[] {
  const path = 'roxchat.priorityOrder'
  const fallback = [...ROXCHAT_DEFAULT_SETTINGS.priorityOrder]
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

export const ROXCHAT_SETTINGS: SettingsSection<RoxchatSettings> = {
  defaults: ROXCHAT_DEFAULT_SETTINGS,
  read(input, base, problems) {
    checkMembers(input, ['hashAlgorithm', 'priorityOrder'], 'roxchat.', problems)
    return {
      hashAlgorithm: oneOf(ownMember(input, 'hashAlgorithm'), ROXCHAT_HASH_ALGORITHMS, 'roxchat.hashAlgorithm', base.hashAlgorithm, problems),
      priorityOrder: ownMember(input, 'priorityOrder') === undefined
        ? base.priorityOrder
        : readPriorityOrder(ownMember(input, 'priorityOrder'), problems),
    }
  },
}

export const FIELD_SET_TEXT: Readonly<Record<RoxchatFieldSet, { readonly label: string; readonly description: string }>> = {
  providedFields: { label: 'Provided by website', description: 'providedFields: the signed roxchat_visitor fields' },
  fields: { label: 'Recognised by service', description: 'fields: values the Rox.Chat service fills in' },
  opFields: { label: 'Entered by agent', description: 'opFields: values agents type in the visitor panel' },
}

export const HASH_ALGORITHM_TEXT: Readonly<Record<RoxchatHashAlgorithm, string>> = {
  'hmac-sha256': 'HMAC-SHA256',
  sha256: 'SHA-256 (key appended)',
  sha512: 'SHA-512 (key appended)',
  md5: 'MD5 (key appended, legacy)',
}
