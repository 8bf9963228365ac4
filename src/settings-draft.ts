/**
 * The Settings form's editable copy of the settings, and its conversion back to what
 * `resolveSettings` (here, as typed) and main (on Save) validate.
 */
import { resolveSettings, type InspectionSettings, type SettingsProblem } from '../electron/common/settings'
import type { AppSettings, Theme } from '../electron/shared/ipc-contract'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../electron/common/ringcx'
import type { RingcxMode } from '../electron/common/ringcx/settings'
import type { RoxchatFieldSet, RoxchatHashAlgorithm } from '../electron/common/roxchat/settings'
import { plainSpaces, spanWords } from '../electron/common/time-words'
import { formDraftFrom, formInput, type FormDraft } from './settings-form-draft'

export interface MappingDraft {
  /** Stable across edits, for list keys and label ids. */
  readonly uid: number
  key: string
  targetKind: 'identity' | 'custom'
  targetName: string
  regex: string
  /** A value to try the pattern on; never saved. */
  sample: string
  /** Just added and not typed in yet: its problems wait until it is, or until Save. */
  fresh?: boolean
}

export interface SettingsDraft {
  signedIdentities: RingcxMode
  /** Number fields stay text while typed, so "12a" can be shown as a problem, not lost. */
  minExpirySeconds: string
  clockToleranceSeconds: string
  mappings: MappingDraft[]
  hashAlgorithm: RoxchatHashAlgorithm
  priorityOrder: RoxchatFieldSet[]
  qaTools: boolean
  theme: Theme
  /** The sections edited from their own form description, by scheme id. */
  sections: FormDraft
}

export function draftFrom(settings: AppSettings): SettingsDraft {
  const { ringcx, roxchat } = settings.inspection
  return {
    signedIdentities: ringcx.signedIdentities,
    minExpirySeconds: String(ringcx.minExpirySeconds),
    clockToleranceSeconds: String(ringcx.clockToleranceSeconds),
    mappings: ringcx.extraValueMappings.map((mapping, index) => {
      const colon = mapping.target.indexOf(':')
      const kind = mapping.target.slice(0, colon)
      return {
        uid: index + 1,
        key: mapping.key,
        targetKind: kind === 'identity' ? 'identity' : 'custom',
        targetName: mapping.target.slice(colon + 1),
        regex: mapping.regex ?? '',
        sample: '',
      }
    }),
    hashAlgorithm: roxchat.hashAlgorithm,
    priorityOrder: [...roxchat.priorityOrder],
    qaTools: settings.qaTools,
    theme: settings.theme,
    sections: formDraftFrom(settings.inspection),
  }
}

/** Whole numbers pass as numbers; anything else stays text so validation names the problem. */
function wholeNumber(text: string): number | string {
  const trimmed = text.trim()
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed
}

/** The inspection settings as the draft spells them, unvalidated. */
export function inspectionInput(draft: SettingsDraft): unknown {
  return {
    ...formInput(draft.sections),
    ringcx: {
      signedIdentities: draft.signedIdentities,
      minExpirySeconds: wholeNumber(draft.minExpirySeconds),
      clockToleranceSeconds: wholeNumber(draft.clockToleranceSeconds),
      extraValueMappings: draft.mappings.map((row) => ({
        key: row.key.trim(),
        target: `${row.targetKind}:${row.targetName.trim()}`,
        ...(row.regex === '' ? {} : { regex: row.regex }),
      })),
    },
    roxchat: { hashAlgorithm: draft.hashAlgorithm, priorityOrder: [...draft.priorityOrder] },
  }
}

/** The number fields, with their limits in the app's own terms. */
export const SECONDS_FIELDS: Readonly<Record<string, { readonly max: number }>> = {
  'ringcx.minExpirySeconds': { max: 31_536_000 },
  'ringcx.clockToleranceSeconds': { max: 86_400 },
}

/** "up to 365 days", "up to 1 day": a limit as the form says it. */
export function secondsLimit(path: string): string {
  const field = SECONDS_FIELDS[path]
  return field === undefined ? '' : `up to ${plainSpaces(spanWords(field.max, { largest: 'day' }))}`
}

/** A number field's text judged in words, or null when it is a whole number of seconds within its limit. */
export function secondsProblem(path: string, text: string): string | null {
  const field = SECONDS_FIELDS[path]
  if (field === undefined) return null
  const trimmed = text.trim()
  if (trimmed === '') return 'Type a number of seconds.'
  if (!/^\d{1,15}$/.test(trimmed)) return 'Type a whole number of seconds, with digits only.'
  if (Number(trimmed) > field.max) return `Too long: the limit is ${secondsLimit(path).replace(/^up to /, '')} (${field.max.toLocaleString('en-US')} seconds).`
  return null
}

/** Letters a name is away from another: for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] as number
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length] as number
}

/** An identity target must be one of the scheme's attributes: "identity:frstname" is a typo, not a field. */
export function identityTargetProblem(name: string): string | null {
  const trimmed = name.trim()
  if (trimmed === '' || (RINGCX_IDENTITY_ATTRIBUTES as readonly string[]).includes(trimmed)) return null
  const near = RINGCX_IDENTITY_ATTRIBUTES.find((attribute) => distance(attribute, trimmed.toLowerCase()) <= 2)
  const guess = near === undefined ? '' : ` Did you mean “${near}”?`
  return `“${trimmed}” is not a RingCX identity attribute.${guess} Use one of ${RINGCX_IDENTITY_ATTRIBUTES.join(', ')}, or choose custom: for a field of your own.`
}

/**
 * The same rules main applies on Save, plus the form's own: number fields judged in its terms, and
 * identity targets checked against the RingCX attribute list.
 */
export function validateDraft(draft: SettingsDraft): { readonly value: InspectionSettings | null; readonly problems: readonly SettingsProblem[] } {
  const own: SettingsProblem[] = []
  for (const [path, text] of [['ringcx.minExpirySeconds', draft.minExpirySeconds], ['ringcx.clockToleranceSeconds', draft.clockToleranceSeconds]] as const) {
    const message = secondsProblem(path, text)
    if (message !== null) own.push({ path, code: 'settings-bad-value', message })
  }
  draft.mappings.forEach((row, index) => {
    const message = row.targetKind === 'identity' ? identityTargetProblem(row.targetName) : null
    if (message !== null) own.push({ path: `ringcx.extraValueMappings[${index}].target`, code: 'settings-bad-value', message })
  })
  const result = resolveSettings(inspectionInput(draft))
  const ownPaths = new Set(own.map((problem) => problem.path))
  const problems = [...own, ...(result.ok ? [] : result.problems.filter((problem) => !ownPaths.has(problem.path)))]
  return problems.length === 0 && result.ok ? { value: result.value, problems: [] } : { value: null, problems }
}

/** A problem's message without its leading path, for showing next to the field it belongs to. */
export function problemText(problem: SettingsProblem): string {
  // Main's words for a number field are the settings file's ("from 0 to 86400"); the form's are its own.
  const plainPath = problem.path.replace(/^inspection\./, '')
  if (Object.hasOwn(SECONDS_FIELDS, plainPath) && problem.message.startsWith(problem.path)) {
    return `Type a whole number of seconds, ${secondsLimit(plainPath)}.`
  }
  let message = problem.path !== '' && problem.message.startsWith(problem.path)
    ? problem.message.slice(problem.path.length).trim()
    : problem.message
  if (message.startsWith('is ')) message = `This value ${message}`
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.')
}
