/**
 * Inspection settings: the vendor rules an admin configures, one section per scheme
 * (`{"ringcx": {…}, "roxchat": {…}}`). Pure validation with defaults; each section's rules live
 * in its scheme's folder (common/<scheme>/settings.ts).
 */
import { SCHEME_IDS, VOCABULARIES, vocabularies, type SchemeId, type SchemeTypes } from './schemes'
import { ProblemList, checkMembers, type SettingsProblem } from './settings-kit'
import { isPlainObject, ownMember } from './values'

export type { SettingsProblem, SettingsProblemCode } from './settings-kit'

/** Every scheme's section, keyed by scheme. */
export type InspectionSettings = { readonly [S in SchemeId]: SchemeTypes[S]['settings'] }

export const DEFAULT_SETTINGS: InspectionSettings = Object.fromEntries(
  SCHEME_IDS.map((id) => [id, VOCABULARIES[id].settings.defaults]),
) as unknown as InspectionSettings

export type SettingsResult =
  | { readonly ok: true; readonly value: InspectionSettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] }

/** A scheme's section of `settings`; its defaults for a scheme registered after they were made. */
export function settingsSection(settings: InspectionSettings, id: string): unknown {
  const sections: Readonly<Record<string, unknown>> = settings
  return Object.hasOwn(sections, id) ? sections[id] : vocabularies().find((vocabulary) => vocabulary.id === id)?.settings.defaults
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
  const sections = vocabularies()
  checkMembers(input, sections.map((vocabulary) => vocabulary.id), '', problems)

  const value: Record<string, unknown> = {}
  for (const vocabulary of sections) {
    const { id } = vocabulary
    // Only a member left out takes the defaults; `null` is a wrong value like any other.
    const sectionGiven = ownMember(input, id)
    const sectionIn = sectionGiven === undefined ? {} : sectionGiven
    const sectionBase = settingsSection(base, id)
    if (!isPlainObject(sectionIn)) {
      problems.add(id, `${id} must be an object`)
      value[id] = sectionBase
    } else {
      value[id] = vocabulary.settings.read(sectionIn, sectionBase, problems)
    }
  }
  if (problems.items.length > 0) return { ok: false, problems: problems.items }
  return { ok: true, value: value as unknown as InspectionSettings }
}
