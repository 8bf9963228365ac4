/**
 * Loads key files named on a command line (or picked in a dialog) into validated keys.
 */
import { basename } from 'node:path'
import { MAX_KEY_FILE_BYTES } from '../common/limits'
import { readKeyFile, type KeyFileReading, type KeyHint } from '../core/key-parse'
import { readBoundedTextFile } from './bounded-text-file'
import { isSchemeId } from '../common/schemes'

export interface KeyArgument {
  readonly path: string
  readonly hint: KeyHint
}

/** `SCHEME:KID=FILE`; a prefix that names no scheme is part of a path. */
const NAMED_KEY_ARGUMENT = /^([^:=]+):([^=]+)=(.+)$/s

/**
 * Reads `--key FILE` or `--key SCHEME:KID=FILE`.
 *
 * @example
 * parseKeyArgument('ringcx:rsa_2026=pub.pem') // { path: 'pub.pem', hint: { scheme: 'ringcx', kid: 'rsa_2026' } }
 */
export function parseKeyArgument(value: string): KeyArgument {
  const named = NAMED_KEY_ARGUMENT.exec(value)
  if (named === null || !isSchemeId(named[1])) return { path: value, hint: {} }
  return { path: named[3] as string, hint: { scheme: named[1], kid: named[2] as string } }
}

export type LoadedKeyFile =
  | { readonly ok: true; readonly fileName: string; readonly report: KeyFileReading }
  /** `code`: why the file itself could not be read. */
  | { readonly ok: false; readonly fileName: string; readonly message: string; readonly code: 'input-unreadable' | 'input-too-large' }

/**
 * Reads and validates one key file; the report says per key what was wrong or suspicious.
 * No fingerprint is computed: the key ring computes one for a key that matches.
 */
export async function loadKeyFile(argument: KeyArgument): Promise<LoadedKeyFile> {
  const fileName = basename(argument.path)
  const read = await readBoundedTextFile(argument.path, MAX_KEY_FILE_BYTES)
  if (!read.ok) return { ok: false, fileName, message: `key file ${argument.path}: ${read.message}`, code: read.reason === 'too-large' ? 'input-too-large' : 'input-unreadable' }
  return { ok: true, fileName, report: readKeyFile(read.text, argument.hint) }
}
