/**
 * The Sign a sample form's text inputs turned into what `qa:sign-sample` takes. Problems are
 * words for the form; main checks the request again.
 */
import { isPlainObject, setOwnMember } from '../electron/common/values'
import { RINGCX_IDENTITY_ATTRIBUTES } from '../electron/common/ringcx'

export type RingcxAttribute = (typeof RINGCX_IDENTITY_ATTRIBUTES)[number]

export interface Parsed<T> {
  readonly value: T | null
  readonly problems: readonly string[]
}

/**
 * Reads `name=value` lines; blank lines are skipped, names are trimmed, values keep inner spaces.
 *
 * @example
 * parseNameValueLines('id=7\ndisplay_name=Ann Lee', 'Fields').value // { id: '7', display_name: 'Ann Lee' }
 */
export function parseNameValueLines(text: string, what: string): Parsed<Record<string, string>> {
  const values: Record<string, string> = {}
  const problems: string[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    const equals = line.indexOf('=')
    const name = equals === -1 ? '' : line.slice(0, equals).trim()
    if (name === '') {
      problems.push(`${what}, line ${index + 1}: write name=value.`)
      return
    }
    if (Object.hasOwn(values, name)) {
      problems.push(`${what}, line ${index + 1}: "${name}" is given twice.`)
      return
    }
    setOwnMember(values, name, line.slice(equals + 1).trim())
  })
  return { value: problems.length === 0 ? values : null, problems }
}

/** RingCX claims from the attribute inputs (empty ones left out) and the extra-value lines. */
export function claimsFromInputs(attributes: Readonly<Partial<Record<RingcxAttribute, string>>>, extraValues: string): Parsed<Record<string, unknown>> {
  const claims: Record<string, unknown> = {}
  for (const name of RINGCX_IDENTITY_ATTRIBUTES) {
    const value = attributes[name]?.trim() ?? ''
    if (value !== '') claims[name] = value
  }
  const extras = parseNameValueLines(extraValues, 'Extra values')
  if (extras.value === null) return { value: null, problems: extras.problems }
  if (Object.keys(extras.value).length > 0) claims['extra_values'] = extras.value
  return { value: claims, problems: [] }
}

/** Claims typed as JSON: one object. */
export function claimsFromJson(text: string): Parsed<Record<string, unknown>> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { value: null, problems: [`Claims JSON: ${(error as Error).message}.`] }
  }
  return isPlainObject(value) ? { value, problems: [] } : { value: null, problems: ['Claims JSON must be one object, like {"uuid": "…"}.'] }
}
