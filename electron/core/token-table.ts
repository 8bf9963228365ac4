/**
 * Rox.Chat identification by token: the table that maps each auth token to the visitor fields
 * the website registered for it (`{"token": {"id": "…", …}}`).
 */
import { displayValue, isPlainObject, setOwnMember } from '../common/values'

export type TokenTable = ReadonlyMap<string, Readonly<Record<string, string>>>

/** Token tables can be larger than a payload, but not unbounded. */
export const MAX_TOKEN_TABLE_BYTES = 16 * 1024 * 1024

/**
 * Parses a token table; field values that are not text are shown as JSON text.
 *
 * @example
 * parseTokenTable('{"tok-1":{"id":"42"}}') // { ok: true, table: Map { 'tok-1' => { id: '42' } } }
 */
export function parseTokenTable(text: string): { ok: true; table: TokenTable } | { ok: false; message: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, message: 'the token table is not valid JSON' }
  }
  if (!isPlainObject(json)) return { ok: false, message: 'the token table must be an object of tokens to visitor fields' }
  const table = new Map<string, Readonly<Record<string, string>>>()
  for (const [token, fields] of Object.entries(json)) {
    if (!isPlainObject(fields)) return { ok: false, message: `token "${token.slice(0, 40)}" must map to an object of visitor fields` }
    const values: Record<string, string> = {}
    for (const [name, value] of Object.entries(fields)) {
      setOwnMember(values, name, displayValue(value))
    }
    table.set(token, values)
  }
  return { ok: true, table }
}
