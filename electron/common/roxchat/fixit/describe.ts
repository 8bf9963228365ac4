/**
 * From a Rox.Chat inspection to its description: the visitor's fields as text; the lifetime is
 * `expires` minus the inspection's time, or none when the visitor had no `expires`; the algorithm
 * the one asked for, else the account's (settings `hashAlgorithm`).
 */
import { capLifetime, failure, isRecord, repairedNote, setOwn, shown } from '../../fixit/describe-kit'
import { wellFormed } from '../../fixit/literals'
import type { DescribeFixitResult, FixitContext, FixitInspection, FixitNote } from '../../fixit/scheme-fixit'
import { ownMember } from '../../values'
import { ROXCHAT_HASH_ALGORITHMS, type RoxchatHashAlgorithm, type RoxchatSettings } from '../settings'
import type { RoxchatFixitDescription } from './description'

export type RoxchatFixitNoteCode =
  | 'fixit-field-not-text'
  | 'fixit-field-dropped'
  | 'fixit-text-repaired'
  | 'fixit-name-collision'
  | 'fixit-id-missing'
  | 'fixit-expires-milliseconds'
  | 'fixit-expires-past'
  | 'fixit-expires-invalid'
  | 'fixit-lifetime-lowered'

/** The lifetime given to a Rox.Chat visitor whose `expires` was in the past or unusable. */
export const ROXCHAT_DEFAULT_LIFETIME_SECONDS = 3600
/** The largest `expires` Rox.Chat accepts (its Int); anything above is taken for milliseconds. */
const MAX_ROXCHAT_EXPIRES = 2_147_483_647

export function describeRoxchat(inspection: FixitInspection, context: FixitContext<RoxchatSettings>): DescribeFixitResult<RoxchatFixitDescription> {
  const visitor = ownMember(inspection.raw, 'visitor')
  if (visitor === null) return failure('fixit-logged-out', 'This is a logout (roxchat_visitor = null): there is no visitor to sign.')
  if (!isRecord(visitor) || !isRecord(visitor['fields'])) {
    return failure('fixit-no-identity', 'The payload holds no Rox.Chat visitor object with fields (identification by token signs nothing), so there is nothing to sign.')
  }
  const notes: FixitNote<RoxchatFixitNoteCode>[] = []
  const rawFields = visitor['fields']
  const fields: Record<string, string> = {}
  let repaired = false
  for (const name of Object.keys(rawFields)) {
    const raw = rawFields[name]
    let text: string
    if (typeof raw === 'string') text = raw
    else if (typeof raw === 'number' || typeof raw === 'boolean') {
      text = String(raw)
      notes.push({ code: 'fixit-field-not-text', message: `Field ${shown(name)} was a ${typeof raw}; Rox.Chat wants text, so the program sends "${text.slice(0, 40)}".` })
    } else if (raw === null || raw === undefined) {
      notes.push({ code: 'fixit-field-dropped', message: `Field ${shown(name)} was null and is left out (every Rox.Chat field is text).` })
      continue
    } else {
      text = JSON.stringify(raw) ?? ''
      notes.push({ code: 'fixit-field-not-text', message: `Field ${shown(name)} was not text; the program sends it as its JSON text.` })
    }
    const fixedName = wellFormed(name)
    const fixedText = wellFormed(text)
    if (fixedName !== name || fixedText !== text) repaired = true
    if (Object.hasOwn(fields, fixedName)) {
      notes.push({ code: 'fixit-name-collision', message: `Two field names read the same once repaired; only the first ${shown(fixedName)} is kept.` })
      continue
    }
    setOwn(fields, fixedName, fixedText)
  }
  if (repaired) notes.push(repairedNote('some fields'))
  if (typeof fields['id'] !== 'string' || fields['id'] === '') {
    notes.push({ code: 'fixit-id-missing', message: 'The visitor has no id, which Rox.Chat requires: add the visitor\'s unique id to the fields.' })
  }

  let lifetimeSeconds: number | null = null
  let expires: unknown = visitor['expires']
  if (typeof expires === 'string' && /^\d{1,15}$/.test(expires)) {
    notes.push({ code: 'fixit-expires-invalid', message: 'expires was text; Rox.Chat wants a number, which the program writes.' })
    expires = Number(expires)
  }
  if (typeof expires === 'number' && Number.isFinite(expires)) {
    let seconds = expires
    if (seconds > MAX_ROXCHAT_EXPIRES) {
      seconds = expires / 1000
      notes.push({ code: 'fixit-expires-milliseconds', message: 'expires looked like milliseconds; Rox.Chat wants seconds, which the program writes.' })
    }
    lifetimeSeconds = Math.round(seconds - context.nowSeconds)
    if (lifetimeSeconds <= 0) {
      notes.push({ code: 'fixit-expires-past', message: `expires had passed when inspected; the program sets it ${ROXCHAT_DEFAULT_LIFETIME_SECONDS} s ahead.` })
      lifetimeSeconds = ROXCHAT_DEFAULT_LIFETIME_SECONDS
    }
    lifetimeSeconds = capLifetime(lifetimeSeconds, notes)
  } else if (expires !== undefined) {
    notes.push({ code: 'fixit-expires-invalid', message: `expires was not a number of seconds; the program sets it ${ROXCHAT_DEFAULT_LIFETIME_SECONDS} s ahead.` })
    lifetimeSeconds = ROXCHAT_DEFAULT_LIFETIME_SECONDS
  }
  return { ok: true, description: { scheme: 'roxchat', algorithm: chosenAlgorithm(context), fields, lifetimeSeconds }, notes }
}

function chosenAlgorithm(context: FixitContext<RoxchatSettings>): RoxchatHashAlgorithm {
  const asked = ROXCHAT_HASH_ALGORITHMS.find((algorithm) => algorithm === context.algorithm)
  return asked ?? context.settings.hashAlgorithm
}
