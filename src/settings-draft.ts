/**
 * The Settings form's editable copy of the settings, and its conversion back to what
 * `resolveSettings` (here, as typed) and main (on Save) validate.
 */
import { resolveSettings, type InspectionSettings, type SettingsProblem } from '../electron/common/settings'
import type { AppSettings, Theme } from '../electron/shared/ipc-contract'
import type { RingcxMode } from '../electron/common/ringcx/settings'
import type { RoxchatFieldSet, RoxchatHashAlgorithm } from '../electron/common/roxchat/settings'

export interface MappingDraft {
  /** Stable across edits, for list keys and label ids. */
  readonly uid: number
  key: string
  targetKind: 'identity' | 'custom'
  targetName: string
  regex: string
  /** A value to try the pattern on; never saved. */
  sample: string
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

/** The same rules main applies on Save. */
export function validateDraft(draft: SettingsDraft): { readonly value: InspectionSettings | null; readonly problems: readonly SettingsProblem[] } {
  const result = resolveSettings(inspectionInput(draft))
  return result.ok ? { value: result.value, problems: [] } : { value: null, problems: result.problems }
}

/** A problem's message without its leading path, for showing next to the field it belongs to. */
export function problemText(problem: SettingsProblem): string {
  let message = problem.path !== '' && problem.message.startsWith(problem.path)
    ? problem.message.slice(problem.path.length).trim()
    : problem.message
  if (message.startsWith('is ')) message = `This value ${message}`
  // The engine's text repeats the pattern as compiled (wrapped in ^(?:…)$), which only confuses.
  message = message.replace(/Invalid regular expression: \/.*\/[a-z]*: /s, '')
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.')
}
