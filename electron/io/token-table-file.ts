import { MAX_TOKEN_TABLE_BYTES, parseTokenTable, type TokenTable } from '../core/token-table'
import { readBoundedTextFile } from './bounded-text-file'

/**
 * Reads and parses a token table file, with a message in the user's terms when it cannot; `code`
 * says when the file itself could not be read (rather than read and found invalid).
 */
export async function readTokenTableFile(path: string): Promise<{ ok: true; table: TokenTable } | { ok: false; message: string; code?: 'input-unreadable' | 'input-too-large' }> {
  const read = await readBoundedTextFile(path, MAX_TOKEN_TABLE_BYTES)
  if (!read.ok) return { ok: false, message: `token table ${path}: ${read.message}`, code: read.reason === 'too-large' ? 'input-too-large' : 'input-unreadable' }
  const parsed = parseTokenTable(read.text)
  return parsed.ok ? parsed : { ok: false, message: `token table ${path}: ${parsed.message}` }
}
