/**
 * A vendor is a room: outside its folders (electron/common/<scheme>/, electron/core/<scheme>/)
 * and the two registries, at most four files may spell a scheme id — each named here with the
 * reason it must. A new file that branches on a scheme id fails this test.
 */
import { describe, expect, it } from 'vitest'
import { SCHEME_IDS } from '../../../electron/common/schemes'
import { codeOf, filesBelow, isCode } from './source-files'

const REGISTRIES = ['electron/common/schemes.ts', 'electron/core/schemes.ts']

/** The files outside the rooms and the registries that still spell a scheme id, and why. */
const SPELLERS: Readonly<Record<string, string>> = {
  'electron/cli/sign-command.ts': '`cli sign ringcx|roxchat` takes each scheme\'s own options (claims and exp; fields, expires and algorithm)',
  'src/components/SignSamplePanel.vue': 'RingCX and Rox.Chat keep their own QA sign forms; the other schemes get the generic one',
}

function inRoom(file: string): boolean {
  return SCHEME_IDS.some((id) => file.startsWith(`electron/common/${id}/`) || file.startsWith(`electron/core/${id}/`))
}

const spelling = new RegExp(`['"\`](${SCHEME_IDS.join('|')})['"\`]`)

describe('scheme ids outside the vendor rooms', () => {
  const sources = filesBelow('electron', 'src').filter(isCode)
  const spellers = sources.filter((file) => !inRoom(file) && !REGISTRIES.includes(file) && spelling.test(codeOf(file)))

  it('are spelled only by the files named, at most four', () => {
    expect(spellers).toEqual(Object.keys(SPELLERS).sort())
    expect(spellers.length).toBeLessThanOrEqual(4)
  })

  it('every scheme has both rooms and is spelled there', () => {
    for (const id of SCHEME_IDS) {
      expect(sources.some((file) => file.startsWith(`electron/common/${id}/`))).toBe(true)
      expect(sources.some((file) => file.startsWith(`electron/core/${id}/`))).toBe(true)
    }
  })
})
