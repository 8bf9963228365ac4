/**
 * Every settings section the window has no editor of its own for describes its members for the
 * generic form, and each description's kind fits the member's default value.
 */
import { describe, expect, it } from 'vitest'
import { vocabularies } from '../../../electron/common/schemes'
import type { SettingsFormMember } from '../../../electron/common/settings-kit'

/** The sections the Settings view edits with editors of their own. */
const BESPOKE = ['ringcx', 'roxchat']

function fits(member: SettingsFormMember, value: unknown): boolean {
  switch (member.kind) {
    case 'boolean': return typeof value === 'boolean'
    case 'whole-seconds': return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= member.max
    case 'string-list': return Array.isArray(value) && value.length <= member.maxItems && value.every((item) => typeof item === 'string')
    case 'one-of': return typeof value === 'string' && Object.hasOwn(member.choices, value)
  }
}

describe('settings forms', () => {
  it('are declared by every section without an editor of its own, one description per member', () => {
    for (const vocabulary of vocabularies().filter((candidate) => !BESPOKE.includes(candidate.id))) {
      const form = vocabulary.settings.form as Readonly<Record<string, SettingsFormMember>> | undefined
      expect(form, vocabulary.id).toBeDefined()
      expect(Object.keys(form ?? {}).sort(), vocabulary.id).toEqual(Object.keys(vocabulary.settings.defaults as object).sort())
    }
  })

  it('describe each member by a kind its default fits, with words to show', () => {
    for (const vocabulary of vocabularies()) {
      const defaults = vocabulary.settings.defaults as Readonly<Record<string, unknown>>
      for (const [name, member] of Object.entries((vocabulary.settings.form ?? {}) as Readonly<Record<string, SettingsFormMember>>)) {
        expect(fits(member, defaults[name]), `${vocabulary.id}.${name}`).toBe(true)
        expect(member.label.length).toBeGreaterThan(0)
        expect(member.help).toMatch(/Default: .+\.$/)
      }
    }
  })
})
