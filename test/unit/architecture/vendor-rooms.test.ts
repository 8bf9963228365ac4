/**
 * A vendor is a room: outside its folders (electron/common/<scheme>/, electron/core/<scheme>/)
 * and the two registries, at most four files may spell a scheme id, one of its codes
 * (`'ringcx-…'`) or its part of a ring or settings (`.roxchat`) — each named here with the reason
 * it must. A new file that branches on a scheme id or names a vendor's code fails this test.
 */
import { describe, expect, it } from 'vitest'
import { SCHEME_IDS, vocabularies } from '../../../electron/common/schemes'
import { codeOf, filesBelow, isCode } from './source-files'

const REGISTRIES = ['electron/common/schemes.ts', 'electron/core/schemes.ts']

/** The files outside the rooms and the registries that still spell a scheme id, and why. */
const SPELLERS: Readonly<Record<string, string>> = {
  'electron/cli/sign-command.ts': '`cli sign ringcx|roxchat` takes each scheme\'s own options (claims and exp; fields, expires and algorithm)',
  'src/components/SignSamplePanel.vue': 'RingCX and Rox.Chat keep their own QA sign forms; the other schemes get the generic one',
  'src/settings-draft.ts': 'the RingCX and Rox.Chat settings cards edit their sections field by field; the other schemes declare a `form`',
  'src/views/SettingsView.vue': 'the RingCX and Rox.Chat settings cards (modes, value mappings, priority order); the other schemes get the generic section',
}

function inRoom(file: string): boolean {
  return SCHEME_IDS.some((id) => file.startsWith(`electron/common/${id}/`) || file.startsWith(`electron/core/${id}/`))
}

const ids = SCHEME_IDS.join('|')
/** An id quoted (`'ringcx'`), one of its codes quoted (`'ringcx-jwt-expired'`), or its member (`.roxchat`). */
const spelling = new RegExp(`['"\`](${ids})(-[a-z0-9-]+)?['"\`]|\\.(${ids})\\b`)

describe('scheme ids outside the vendor rooms', () => {
  const sources = filesBelow('electron', 'src').filter(isCode)
  const spellers = sources.filter((file) => !inRoom(file) && !REGISTRIES.includes(file) && spelling.test(codeOf(file)))

  it('are spelled only by the files named, at most four', () => {
    expect(spellers).toEqual(Object.keys(SPELLERS).sort())
    expect(spellers.length).toBeLessThanOrEqual(4)
  })

  it('never name a vendor\'s error or warning code, whatever its spelling', () => {
    const vendorCodes = new Set<string>(vocabularies().flatMap((vocabulary) => [...vocabulary.codes.errors, ...vocabulary.codes.warnings]))
    const named = sources
      .filter((file) => !inRoom(file) && !REGISTRIES.includes(file))
      .flatMap((file) => [...codeOf(file).matchAll(/['"`]([a-z0-9]+(?:-[a-z0-9]+)+)['"`]/g)].flatMap((match) => (vendorCodes.has(match[1] as string) ? [`${file}: ${match[1]}`] : [])))
    expect(vendorCodes.size).toBeGreaterThan(50)
    expect(named).toEqual([])
  })

  it('every scheme has both rooms and is spelled there', () => {
    for (const id of SCHEME_IDS) {
      expect(sources.some((file) => file.startsWith(`electron/common/${id}/`))).toBe(true)
      expect(sources.some((file) => file.startsWith(`electron/core/${id}/`))).toBe(true)
    }
  })
})
