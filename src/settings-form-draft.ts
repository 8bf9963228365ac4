/**
 * The generic part of the Settings form: every scheme whose settings section describes a `form`
 * (and so has no editor of its own) is edited from that description. The draft keeps each member
 * as the form types it — text for lists and seconds, so a wrong value is shown, not lost — and
 * turns back into the section as the settings file spells it, for `resolveSettings` here and main
 * on Save to judge.
 */
import type { InspectionSettings } from '../electron/common/settings'
import type { SettingsFormMember } from '../electron/common/settings-kit'
import { vocabularies } from '../electron/common/schemes'
import { isPlainObject } from '../electron/common/values'

/** One scheme's section with a form, as the view lays it out. */
export interface FormSection {
  readonly id: string
  readonly name: string
  readonly members: readonly (readonly [name: string, member: SettingsFormMember])[]
  readonly defaults: Readonly<Record<string, unknown>>
}

/** The sections the view edits generically, in registry order; a section with no members shows nothing. */
export function formSections(): readonly FormSection[] {
  return vocabularies().flatMap((vocabulary) => {
    const form = vocabulary.settings.form as Readonly<Record<string, SettingsFormMember>> | undefined
    if (form === undefined || Object.keys(form).length === 0) return []
    return [{
      id: vocabulary.id,
      name: vocabulary.name,
      members: Object.entries(form),
      defaults: vocabulary.settings.defaults as Readonly<Record<string, unknown>>,
    }]
  })
}

export type FormDraft = Record<string, Record<string, string | boolean>>

function memberText(member: SettingsFormMember, value: unknown): string | boolean {
  switch (member.kind) {
    case 'boolean': return value === true
    case 'string-list': return Array.isArray(value) ? value.join('\n') : ''
    case 'whole-seconds': return typeof value === 'number' ? String(value) : ''
    case 'one-of': return typeof value === 'string' ? value : ''
  }
}

/** The generic sections of the settings as the form edits them. */
export function formDraftFrom(inspection: InspectionSettings, sections: readonly FormSection[] = formSections()): FormDraft {
  const all = inspection as unknown as Readonly<Record<string, unknown>>
  const draft: FormDraft = {}
  for (const section of sections) {
    const saved = all[section.id]
    const values = isPlainObject(saved) ? saved : section.defaults
    draft[section.id] = Object.fromEntries(section.members.map(([name, member]) => [name, memberText(member, values[name])]))
  }
  return draft
}

/** The defaults of the generic sections, as the form edits them. */
export function formDraftDefaults(sections: readonly FormSection[] = formSections()): FormDraft {
  const draft: FormDraft = {}
  for (const section of sections) {
    draft[section.id] = Object.fromEntries(section.members.map(([name, member]) => [name, memberText(member, section.defaults[name])]))
  }
  return draft
}

function memberInput(member: SettingsFormMember, typed: string | boolean | undefined): unknown {
  switch (member.kind) {
    case 'boolean': return typed === true
    case 'string-list':
      return typeof typed === 'string' ? typed.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '') : []
    case 'whole-seconds': {
      const text = typeof typed === 'string' ? typed.trim() : ''
      return /^\d{1,15}$/.test(text) ? Number(text) : text
    }
    case 'one-of': return typed
  }
}

/** The generic sections as the settings file spells them, unvalidated. */
export function formInput(draft: FormDraft, sections: readonly FormSection[] = formSections()): Record<string, Record<string, unknown>> {
  const input: Record<string, Record<string, unknown>> = {}
  for (const section of sections) {
    const typed = draft[section.id] ?? {}
    input[section.id] = Object.fromEntries(section.members.map(([name, member]) => [name, memberInput(member, typed[name])]))
  }
  return input
}
