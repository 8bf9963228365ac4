/**
 * Reading JSON and JSON5 text, keeping what the parsed value cannot show.
 *
 * Nesting depth is checked by a linear scan before any parser runs, so a 12 KB text nested
 * 5,000 deep is refused instead of overflowing the stack of every later step. After parsing,
 * a second pass over the same text records:
 *
 * - member names that occur more than once in one object: JSON.parse and JSON5 keep the last,
 *   other parsers (the vendor's, say) may keep the first, so the value checked may not be the
 *   value used;
 * - the literal spelling of `exp`/`expires` numbers (`2e9` and `2000000000.0` parse to the
 *   same integer as `2000000000`).
 *
 * The pass is jsonc-parser's `visit` for JSON. No JSON5 library reports members (json5's
 * reviver runs after duplicates have collapsed, jsonc-parser stops at unquoted keys and single
 * quotes), so JSON5 text that json5 has already parsed is segmented here: strings, comments,
 * punctuation and words, with member names decoded by json5 itself.
 *
 * Findings are kept beside the parsed objects, in WeakMaps, so a check asks about the value it
 * holds (a visitor, its fields) wherever in the text that value sat.
 */
import JSON5 from 'json5'
import { visit } from 'jsonc-parser'
import { MAX_NESTING_DEPTH } from '../common/limits'
import type { ValuePath } from '../common/values'

export type JsonDialect = 'json' | 'json5'

export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly tooDeep: boolean; readonly message: string }

export interface DuplicateMember {
  /** The object that holds the name more than once, from the value asked about. */
  readonly path: ValuePath
  readonly name: string
  /** How many times the name occurs in that object. */
  readonly count: number
}

export interface SourceDuplicates {
  /** The first {@link MAX_LISTED_DUPLICATES} in text order. */
  readonly listed: readonly DuplicateMember[]
  /** All of them, listed or not. */
  readonly total: number
}

/** Duplicate names listed per value; the rest are only counted. */
export const MAX_LISTED_DUPLICATES = 20

/** Members whose number literals are kept as written. */
const LITERAL_MEMBERS: ReadonlySet<string> = new Set(['exp', 'expires'])

const NO_DUPLICATES: SourceDuplicates = Object.freeze({ listed: Object.freeze([]), total: 0 })

const duplicatesByValue = new WeakMap<object, { listed: DuplicateMember[]; total: number }>()
const literalsByHolder = new WeakMap<object, Map<string, string>>()

// ---------------------------------------------------------------------------------------------
// Depth, before parsing

const QUOTE = 0x22
const APOSTROPHE = 0x27
const BACKSLASH = 0x5c
const SLASH = 0x2f
const STAR = 0x2a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029
}

/** The index of the quote closing the string opened at `start`, or -1. */
function endOfQuoted(text: string, start: number, quote: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === BACKSLASH) index++
    else if (code === quote) return index
  }
  return -1
}

/** The index of the last character of the comment starting at `start` (a `/`), or -1. */
function endOfComment(text: string, start: number): number {
  const next = text.charCodeAt(start + 1)
  if (next === SLASH) {
    let index = start + 2
    while (index < text.length && !isLineTerminator(text.charCodeAt(index))) index++
    return index - 1
  }
  if (next === STAR) {
    const end = text.indexOf('*/', start + 2)
    return end < 0 ? -1 : end + 1
  }
  return start
}

/**
 * True when `text` opens more than `max` objects and arrays inside one another, outside
 * strings (and, for JSON5, comments). Linear and not recursive; text that is not valid in the
 * dialect gives some answer and is then refused by the parser.
 *
 * @example
 * nestingDepthExceeds('[[1]]', 'json', 1) // true
 * nestingDepthExceeds('{"a": "[[["}', 'json', 1) // false
 */
export function nestingDepthExceeds(text: string, dialect: JsonDialect, max: number = MAX_NESTING_DEPTH): boolean {
  // Opening more than `max` takes more than `max` characters.
  if (text.length <= max) return false
  const json5 = dialect === 'json5'
  let depth = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === QUOTE || (json5 && code === APOSTROPHE)) {
      index = endOfQuoted(text, index, code)
      if (index < 0) return false
    } else if (json5 && code === SLASH) {
      index = endOfComment(text, index)
      if (index < 0) return false
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > max) return true
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--
    }
  }
  return false
}

/** What one pass over JSON text tells before parsing: too deep, or how many members it names. */
type JsonSurvey =
  | { readonly tooDeep: true }
  /** `members` is null when the pass cannot vouch for the text (see {@link surveyJson}). */
  | { readonly tooDeep: false; readonly members: number | null }

const COLON = 0x3a

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
}

/** The index of the first character at or after `index` that is not JSON whitespace. */
function skipJsonSpace(text: string, index: number): number {
  while (index < text.length && isJsonSpace(text.charCodeAt(index))) index++
  return index
}

/** True when the text at `start` (after a member name's colon) is a number spelled otherwise than String(number). */
function unusualNumberAt(text: string, start: number): boolean {
  const index = skipJsonSpace(text, start)
  const first = text.charCodeAt(index)
  if (first !== 0x2d /* - */ && !(first >= 0x30 && first <= 0x39)) return false
  let end = index
  while (end < text.length) {
    const code = text.charCodeAt(end)
    if (code === 0x2c || code === CLOSE_BRACE || code === CLOSE_BRACKET || isJsonSpace(code)) break
    end++
  }
  const raw = text.slice(index, end)
  return raw !== String(Number(raw))
}

/**
 * The depth check of {@link nestingDepthExceeds} for JSON (the same answer), and in the same
 * pass the number of member names the text holds: a string followed by a colon, in valid JSON.
 * `members` is null where the pass cannot vouch that counting settles the members' findings: a
 * name spelled with an escape, or an `exp`/`expires` number spelled otherwise than plainly.
 */
function surveyJson(text: string, max: number = MAX_NESTING_DEPTH): JsonSurvey {
  let depth = 0
  let members = 0
  let vouched = true
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === QUOTE) {
      let escaped = false
      let end = index + 1
      for (; end < text.length; end++) {
        const inner = text.charCodeAt(end)
        if (inner === BACKSLASH) {
          escaped = true
          end++
        } else if (inner === QUOTE) break
      }
      if (end >= text.length) return { tooDeep: false, members: null }
      const after = skipJsonSpace(text, end + 1)
      if (text.charCodeAt(after) === COLON) {
        members++
        const length = end - index - 1
        if (escaped) vouched = false
        else if (vouched && (length === 3 || length === 7) && LITERAL_MEMBERS.has(text.slice(index + 1, end)) && unusualNumberAt(text, after + 1)) vouched = false
        index = after
      } else {
        index = end
      }
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > max) return { tooDeep: true }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--
    }
  }
  return { tooDeep: false, members: vouched ? members : null }
}

/** How many members the objects of a parsed JSON value hold, all told (its depth is already bounded). */
function parsedMembers(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0
  let count = 0
  if (Array.isArray(value)) {
    for (const item of value) count += parsedMembers(item)
    return count
  }
  for (const member of Object.values(value)) count += 1 + parsedMembers(member)
  return count
}

// ---------------------------------------------------------------------------------------------
// Members, after parsing

interface Finding {
  readonly path: ValuePath
  readonly name: string
  count: number
}

interface Findings {
  readonly duplicates: Finding[]
  /** Holder path and member name (as JSON) → literal; later text overwrites earlier, as the parsers do. */
  readonly literals: Map<string, { readonly path: ValuePath; readonly name: string; readonly raw: string }>
}

interface Frame {
  readonly isObject: boolean
  /** Object: names seen so far, with their finding once repeated. */
  readonly seen: Map<string, Finding | null> | null
  /** Object: the member being read; array: the index of the item being read. */
  key: string | number
  /** Object: the next token is a member name. */
  expectName: boolean
}

function openFrame(isObject: boolean): Frame {
  return { isObject, seen: isObject ? new Map() : null, key: isObject ? '' : 0, expectName: isObject }
}

/** The path of the container of frame `depth` (its ancestors' keys). */
function pathTo(frames: readonly Frame[], depth: number): ValuePath {
  const path: (string | number)[] = []
  for (let index = 0; index < depth; index++) path.push((frames[index] as Frame).key)
  return path
}

function noteName(findings: Findings, frame: Frame, name: string, path: () => ValuePath): void {
  frame.key = name
  const seen = frame.seen as Map<string, Finding | null>
  const earlier = seen.get(name)
  if (earlier === undefined) {
    seen.set(name, null)
  } else if (earlier === null) {
    const finding: Finding = { path: path(), name, count: 2 }
    findings.duplicates.push(finding)
    seen.set(name, finding)
  } else {
    earlier.count++
  }
}

function noteLiteral(findings: Findings, frame: Frame | undefined, raw: string, path: () => ValuePath): void {
  if (frame === undefined || !frame.isObject || typeof frame.key !== 'string' || !LITERAL_MEMBERS.has(frame.key)) return
  const holder = path()
  findings.literals.set(JSON.stringify([holder, frame.key]), { path: holder, name: frame.key, raw })
}

function scanJson(text: string): Findings {
  const findings: Findings = { duplicates: [], literals: new Map() }
  const frames: Frame[] = []
  visit(text, {
    onObjectBegin: () => {
      frames.push(openFrame(true))
    },
    onObjectProperty: (name, _offset, _length, _line, _column, pathSupplier) => {
      noteName(findings, frames[frames.length - 1] as Frame, name, pathSupplier)
    },
    onObjectEnd: () => {
      frames.pop()
    },
    onArrayBegin: () => {
      frames.push(openFrame(false))
    },
    onArrayEnd: () => {
      frames.pop()
    },
    onLiteralValue: (value: unknown, offset, length, _line, _column, pathSupplier) => {
      if (typeof value === 'number') noteLiteral(findings, frames[frames.length - 1], text.slice(offset, offset + length), () => pathSupplier().slice(0, -1))
    },
  }, { disallowComments: true, allowTrailingComma: false })
  return findings
}

const JSON5_WORD_END = /[\s{}[\]:,"'/]/g
const ASCII_SPACE = /[\t\n\v\f\r ]/

function decodeJson5Name(token: string, quoted: boolean): string {
  try {
    if (quoted) return token.includes('\\') ? (JSON5.parse(token) as string) : token.slice(1, -1)
    return token.includes('\\') ? (Object.keys(JSON5.parse(`{${token}:0}`) as object)[0] ?? token) : token
  } catch {
    return token
  }
}

/** Segments JSON5 text that json5 has parsed; invalid JSON5 is not its concern. */
function scanJson5(text: string): Findings {
  const findings: Findings = { duplicates: [], literals: new Map() }
  const frames: Frame[] = []
  const top = (): Frame | undefined => frames[frames.length - 1]
  let index = 0
  while (index < text.length) {
    const code = text.charCodeAt(index)
    const frame = top()
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      frames.push(openFrame(code === OPEN_BRACE))
      index++
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      frames.pop()
      index++
    } else if (code === 0x3a /* : */) {
      if (frame !== undefined) frame.expectName = false
      index++
    } else if (code === 0x2c /* , */) {
      if (frame !== undefined) {
        if (frame.isObject) frame.expectName = true
        else frame.key = (frame.key as number) + 1
      }
      index++
    } else if (code === QUOTE || code === APOSTROPHE) {
      const end = endOfQuoted(text, index, code)
      if (end < 0) break
      if (frame?.isObject && frame.expectName) {
        noteName(findings, frame, decodeJson5Name(text.slice(index, end + 1), true), () => pathTo(frames, frames.length - 1))
      }
      index = end + 1
    } else if (code === SLASH) {
      const end = endOfComment(text, index)
      if (end < 0) break
      index = end + 1
    } else if (code < 0x80 ? ASCII_SPACE.test(text.charAt(index)) : /\s/.test(text.charAt(index))) {
      index++
    } else {
      JSON5_WORD_END.lastIndex = index
      const end = JSON5_WORD_END.exec(text)?.index ?? text.length
      const word = text.slice(index, end)
      if (frame?.isObject && frame.expectName) {
        noteName(findings, frame, decodeJson5Name(word, false), () => pathTo(frames, frames.length - 1))
      } else if (word !== 'true' && word !== 'false' && word !== 'null') {
        noteLiteral(findings, frame, word, () => pathTo(frames, frames.length - 1))
      }
      index = Math.max(end, index + 1)
    }
  }
  return findings
}

function childOf(value: unknown, segment: string | number): unknown {
  if (Array.isArray(value)) return typeof segment === 'number' ? value[segment] : undefined
  if (typeof value !== 'object' || value === null || typeof segment !== 'string') return undefined
  return Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined
}

/** The objects along `path` from `root`, as far as they exist. */
function objectsAlong(root: object, path: ValuePath): object[] {
  const objects: object[] = [root]
  let current: unknown = root
  for (const segment of path) {
    current = childOf(current, segment)
    if (typeof current !== 'object' || current === null) break
    objects.push(current)
  }
  return objects
}

/**
 * Keeps the findings beside the objects they concern. A duplicate inside the earlier of two
 * same-named members is kept beside the later one (the one that was parsed): its path names
 * where it sits in the text, and the outer duplicate is reported too. A literal is kept for
 * the holder's path as last written, which is the member the parser kept.
 */
function attach(root: object, findings: Findings): void {
  for (const finding of findings.duplicates) {
    objectsAlong(root, finding.path).forEach((object, depth) => {
      let entry = duplicatesByValue.get(object)
      if (entry === undefined) {
        entry = { listed: [], total: 0 }
        duplicatesByValue.set(object, entry)
      }
      entry.total++
      if (entry.listed.length < MAX_LISTED_DUPLICATES) {
        entry.listed.push({ path: finding.path.slice(depth), name: finding.name, count: finding.count })
      }
    })
  }
  for (const { path, name, raw } of findings.literals.values()) {
    // Plain spellings are the common case and say nothing the value does not.
    if (raw === String(Number(raw))) continue
    const objects = objectsAlong(root, path)
    if (objects.length !== path.length + 1) continue
    const holder = objects[objects.length - 1] as object
    let literals = literalsByHolder.get(holder)
    if (literals === undefined) {
      literals = new Map()
      literalsByHolder.set(holder, literals)
    }
    literals.set(name, raw)
  }
}

function scan(text: string, dialect: JsonDialect): Findings {
  return dialect === 'json' ? scanJson(text) : scanJson5(text)
}

// ---------------------------------------------------------------------------------------------
// The public surface

/**
 * Parses JSON (JSON.parse) or JSON5 (json5) text, refusing text nested deeper than
 * {@link MAX_NESTING_DEPTH} before parsing, and keeps its members' findings beside the parsed
 * objects; `members: 'skip'` leaves them out (the batch path scans JWT segments only when an
 * inspection asks, with {@link duplicateMembersInText}).
 *
 * @example
 * readJsonText('{"a":1,"a":2}', 'json') // { ok: true, value: { a: 2 } }
 * readJsonText('['.repeat(5000), 'json') // { ok: false, tooDeep: true, … }
 */
export function readJsonText(
  text: string,
  dialect: JsonDialect,
  options: { readonly members?: 'scan' | 'skip' } = {},
): JsonTextResult {
  const survey: JsonSurvey = dialect === 'json' ? surveyJson(text) : { tooDeep: nestingDepthExceeds(text, dialect), members: null } as JsonSurvey
  if (survey.tooDeep) {
    return { ok: false, tooDeep: true, message: `it nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep.` }
  }
  let value: unknown
  try {
    value = dialect === 'json' ? JSON.parse(text) : JSON5.parse(text)
  } catch (error) {
    return { ok: false, tooDeep: false, message: (error as Error).message }
  }
  if (typeof value !== 'object' || value === null || options.members === 'skip') return { ok: true, value }
  // Every repeated name leaves one member fewer in the parsed value than in the text: when the
  // counts agree there is none, and (the survey vouching for the spellings) no literal to keep,
  // so the scan would find nothing.
  if (survey.members === null || survey.members !== parsedMembers(value)) attach(value, scan(text, dialect))
  return { ok: true, value }
}

/**
 * The member names that occur more than once in one object, anywhere inside `value`, in the
 * text `value` was read from by {@link readJsonText} (nothing for values built otherwise).
 *
 * @example
 * const read = readJsonText('{"fields":{"id":"1","id":"2"}}', 'json')
 * duplicateMembersOf(read.ok && read.value).listed // [{ path: ['fields'], name: 'id', count: 2 }]
 */
export function duplicateMembersOf(value: unknown): SourceDuplicates {
  if (typeof value !== 'object' || value === null) return NO_DUPLICATES
  return duplicatesByValue.get(value) ?? NO_DUPLICATES
}

/**
 * {@link duplicateMembersOf} without those inside the member `name` of `value` (e.g. a sample
 * file's own duplicates, without its payload's).
 */
export function duplicateMembersOutside(value: unknown, name: string): SourceDuplicates {
  const all = duplicateMembersOf(value)
  if (all.total === 0) return all
  const inner = duplicateMembersOf(childOf(value, name))
  return { listed: all.listed.filter((member) => member.path[0] !== name), total: all.total - inner.total }
}

/**
 * The number literal of member `name` of `holder` as written in its text (`'2e9'`), when
 * `name` is `exp` or `expires`, `holder` was read by {@link readJsonText} and the text spells
 * the number otherwise than `String(number)` does; undefined for plain digits.
 *
 * @example
 * const read = readJsonText('{"expires": 2e9}', 'json')
 * numberLiteralOf(read.ok && read.value, 'expires') // '2e9'
 */
export function numberLiteralOf(holder: unknown, name: string): string | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined
  return literalsByHolder.get(holder)?.get(name)
}

/**
 * The duplicate member names of text that {@link readJsonText} accepted (e.g. a JWT segment read
 * with `members: 'skip'`), with paths from its root. `parsed`, the value that text was read as,
 * lets text whose names all differ (most) be told by counting them instead of scanning it.
 *
 * @example
 * duplicateMembersInText('{"uuid":"a","uuid":"b"}', 'json').listed // [{ path: [], name: 'uuid', count: 2 }]
 */
export function duplicateMembersInText(text: string, dialect: JsonDialect, parsed?: unknown): SourceDuplicates {
  if (dialect === 'json' && parsed !== undefined) {
    // As in readJsonText: as many names in the text as members in its value means none repeats.
    const survey = surveyJson(text)
    if (!survey.tooDeep && survey.members !== null && survey.members === parsedMembers(parsed)) return NO_DUPLICATES
  }
  const { duplicates } = scan(text, dialect)
  if (duplicates.length === 0) return NO_DUPLICATES
  const listed = duplicates.slice(0, MAX_LISTED_DUPLICATES).map(({ path, name, count }) => ({ path, name, count }))
  return { listed, total: duplicates.length }
}
