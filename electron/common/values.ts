/**
 * Small value helpers shared by the checks: bounded display of values, and the one scan for
 * text that is not well-formed Unicode. Browser-safe (the renderer shows values with them).
 *
 * Nothing here recurses deeper than {@link MAX_NESTING_DEPTH} or throws on a hostile value:
 * every input value passes through these helpers.
 */
import { MAX_DISPLAY_CHARS, MAX_NESTING_DEPTH, MAX_VALUE_NODES } from './limits'

declare global {
  interface String {
    /** ES2024 (Node 20, Chromium); the ES2023 library this project compiles against lacks it. */
    isWellFormed(): boolean
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An input object's own member `name`, or undefined: never one its prototype carries. Claims,
 * extra values, visitors, samples, settings and key files are read through this, so that
 * `constructor`, `toString` or a polluted `Object.prototype` cannot stand in for what the input
 * left out. An own member named `__proto__` (as JSON.parse makes one) is read like any other.
 *
 * @example
 * ownMember({}, 'constructor') // undefined
 * ownMember(JSON.parse('{"__proto__": 1}'), '__proto__') // 1
 */
export function ownMember(object: object, name: string): unknown {
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined
}

/**
 * Sets an own, enumerable member on a result built from input names. Unlike `target[name] = …`,
 * a name such as `__proto__` becomes a member, not the object's prototype.
 *
 * @example
 * const fields: Record<string, string> = {}
 * setOwnMember(fields, '__proto__', 'x') // Object.keys(fields) → ['__proto__']
 */
export function setOwnMember(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
}

/** Member names and array indices from a value's root down to one of its parts. */
export type ValuePath = readonly (string | number)[]

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const MAX_PATH_NAME_CHARS = 60

/**
 * A path as a reader writes it: `fields.id`, `extra_values["a b"]`, `items[2]`; names are
 * cut at 60 characters and escaped as JSON, so the text is always well-formed.
 *
 * @example
 * formatValuePath(['fields', 'na\ud800me']) // 'fields["na\\ud800me"]'
 */
export function formatValuePath(path: ValuePath): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (IDENTIFIER.test(segment) && segment.length <= MAX_PATH_NAME_CHARS) text += text === '' ? segment : `.${segment}`
    else text += `[${JSON.stringify(cutText(segment, MAX_PATH_NAME_CHARS))}]`
  }
  return text
}

/** `text` cut to at most `max` characters (an ellipsis included), never inside a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

export interface DisplayOptions {
  /** Characters at most, an ending ellipsis included (default {@link MAX_DISPLAY_CHARS}). */
  readonly maxLength?: number
  /** Spaces per level, as JSON.stringify's third argument; compact when left out. */
  readonly indent?: number
  /** Containers deeper than this are shown as `[…]` or `{…}` (default {@link MAX_NESTING_DEPTH}). */
  readonly maxDepth?: number
}

interface Writer {
  readonly parts: string[]
  length: number
  readonly max: number
  readonly indent: string
  readonly maxDepth: number
}

function emit(writer: Writer, text: string): boolean {
  writer.parts.push(text)
  writer.length += text.length
  return writer.length <= writer.max
}

/** JSON.stringify's reading of a member or item: what it skips in objects and writes as null in arrays. */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

function scalarText(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'bigint':
      return String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString())
      return null
    default:
      return 'null'
  }
}

/** Writes one value; false once the text is longer than the writer allows. */
function writeValue(writer: Writer, value: unknown, depth: number): boolean {
  const scalar = scalarText(value)
  if (scalar !== null) return emit(writer, scalar)
  const isArray = Array.isArray(value)
  const [open, close] = isArray ? ['[', ']'] : ['{', '}']
  if (depth >= writer.maxDepth) return emit(writer, `${open}…${close}`)
  const inner = writer.indent === '' ? '' : `\n${writer.indent.repeat(depth + 1)}`
  const outer = writer.indent === '' ? '' : `\n${writer.indent.repeat(depth)}`
  const colon = writer.indent === '' ? ':' : ': '
  let first = true
  if (!emit(writer, open)) return false
  if (isArray) {
    const items = value as readonly unknown[]
    for (let index = 0; index < items.length; index++) {
      const item = items[index]
      if (!emit(writer, first ? inner : `,${inner}`)) return false
      first = false
      if (!(isSkipped(item) ? emit(writer, 'null') : writeValue(writer, item, depth + 1))) return false
    }
  } else {
    const object = value as Record<string, unknown>
    for (const name of Object.keys(object)) {
      const item = object[name]
      if (isSkipped(item)) continue
      if (!emit(writer, `${first ? inner : `,${inner}`}${JSON.stringify(name)}${colon}`)) return false
      first = false
      if (!writeValue(writer, item, depth + 1)) return false
    }
  }
  return emit(writer, first ? close : `${outer}${close}`)
}

/**
 * Any value as JSON text for display, bounded: at most `maxLength` characters (cut with an
 * ellipsis), containers below `maxDepth` shown as `[…]`/`{…}`, lone surrogates escaped as
 * JSON.stringify does, and never a throw (cycles end at the depth bound; a value that cannot
 * be read ends the text). Strings are quoted: use {@link displayValue} for field values.
 *
 * @example
 * displayJson({ a: [1, 'x'] }) // '{"a":[1,"x"]}'
 * displayJson('a'.repeat(50), { maxLength: 10 }) // '"aaaaaaaa…'
 */
export function displayJson(value: unknown, options: DisplayOptions = {}): string {
  if (isSkipped(value)) return ''
  const writer: Writer = {
    parts: [],
    length: 0,
    max: Math.max(1, options.maxLength ?? MAX_DISPLAY_CHARS),
    indent: ' '.repeat(Math.min(10, Math.max(0, options.indent ?? 0))),
    maxDepth: Math.max(0, options.maxDepth ?? MAX_NESTING_DEPTH),
  }
  let complete: boolean
  try {
    complete = writeValue(writer, value, 0)
  } catch {
    // A getter or proxy that throws: show what was written.
    complete = false
  }
  const text = writer.parts.join('')
  return complete ? text : cutText(text.length > writer.max ? text : `${text}…`, writer.max)
}

/**
 * A field value as text for display: strings as they are, anything else as bounded JSON
 * ({@link displayJson}).
 *
 * @example
 * displayValue('Ann') // 'Ann'
 * displayValue({ plan: 'gold' }) // '{"plan":"gold"}'
 */
export function displayValue(value: unknown, maxLength: number = MAX_DISPLAY_CHARS): string {
  if (typeof value === 'string') return value
  return displayJson(value, { maxLength })
}

/** Where a scan found text that is not well-formed Unicode. */
export interface TextFault {
  readonly path: ValuePath
  /**
   * `name`: the member name at the end of `path`; `value`: the text value at `path`;
   * `unchecked`: the value there is nested or wide beyond the scan's bounds, so it was not
   * checked (and must not be trusted either).
   */
  readonly in: 'name' | 'value' | 'unchecked'
}

interface Budget {
  left: number
}

function prefixed(segment: string | number, fault: TextFault): TextFault {
  return { path: [segment, ...fault.path], in: fault.in }
}

function scanContainer(container: object, depth: number, budget: Budget): TextFault | null {
  if (depth > MAX_NESTING_DEPTH) return { path: [], in: 'unchecked' }
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length; index++) {
      if (--budget.left < 0) return { path: [index], in: 'unchecked' }
      const item: unknown = container[index]
      if (typeof item === 'string') {
        if (!item.isWellFormed()) return { path: [index], in: 'value' }
      } else if (typeof item === 'object' && item !== null) {
        const fault = scanContainer(item, depth + 1, budget)
        if (fault !== null) return prefixed(index, fault)
      }
    }
    return null
  }
  const object = container as Record<string, unknown>
  for (const name in object) {
    if (!Object.hasOwn(object, name)) continue
    if (--budget.left < 0) return { path: [name], in: 'unchecked' }
    if (!name.isWellFormed()) return { path: [name], in: 'name' }
    const item = object[name]
    if (typeof item === 'string') {
      if (!item.isWellFormed()) return { path: [name], in: 'value' }
    } else if (typeof item === 'object' && item !== null) {
      const fault = scanContainer(item, depth + 1, budget)
      if (fault !== null) return prefixed(name, fault)
    }
  }
  return null
}

/**
 * The first member name or text value anywhere in `value` that is not well-formed Unicode
 * (a lone surrogate, such as the JSON escape `"\ud800"` decodes to): such text is hashed as
 * U+FFFD's bytes but shown as something else, so no scheme may accept it. Bounded: at most
 * {@link MAX_NESTING_DEPTH} levels and {@link MAX_VALUE_NODES} members and items, beyond
 * which the fault is `unchecked`; no allocation when everything is well formed.
 *
 * @example
 * findIllFormedText({ fields: { id: '\ud800' } }) // { path: ['fields', 'id'], in: 'value' }
 * findIllFormedText({ fields: { id: '1' } }) // null
 */
export function findIllFormedText(value: unknown): TextFault | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : { path: [], in: 'value' }
  if (typeof value !== 'object' || value === null) return null
  return scanContainer(value, 1, { left: MAX_VALUE_NODES })
}

/**
 * One sentence saying what {@link findIllFormedText} found, naming `where` (e.g. "The JWT claims").
 *
 * @example
 * describeTextFault({ path: ['fields', 'id'], in: 'value' }, 'The visitor')
 * // 'The visitor holds text that is not well-formed Unicode (a lone surrogate) at fields.id.'
 */
export function describeTextFault(fault: TextFault, where: string): string {
  const at = fault.path.length === 0 ? '' : ` at ${formatValuePath(fault.path)}`
  switch (fault.in) {
    case 'name':
      return `${where} has a member name that is not well-formed Unicode (a lone surrogate)${at}.`
    case 'value':
      return `${where} holds text that is not well-formed Unicode (a lone surrogate)${at}.`
    case 'unchecked':
      return `${where} is nested or wide beyond what is checked${at}.`
  }
}

/**
 * Whether a value handed in as an object (not text) stays within the bounds text is held to:
 * at most {@link MAX_NESTING_DEPTH} levels and {@link MAX_VALUE_NODES} members and items.
 * Depth-limited, so cycles end at the bound.
 *
 * @example
 * valueBoundProblem({ a: [1] }) // null
 */
export function valueBoundProblem(value: unknown): 'too-deep' | 'too-large' | null {
  if (typeof value !== 'object' || value === null) return null
  const budget: Budget = { left: MAX_VALUE_NODES }
  const walk = (container: object, depth: number): 'too-deep' | 'too-large' | null => {
    if (depth > MAX_NESTING_DEPTH) return 'too-deep'
    const visitItem = (item: unknown): 'too-deep' | 'too-large' | null => {
      if (--budget.left < 0) return 'too-large'
      return typeof item === 'object' && item !== null ? walk(item, depth + 1) : null
    }
    if (Array.isArray(container)) {
      for (let index = 0; index < container.length; index++) {
        const problem = visitItem(container[index])
        if (problem !== null) return problem
      }
      return null
    }
    const object = container as Record<string, unknown>
    for (const name in object) {
      if (!Object.hasOwn(object, name)) continue
      const problem = visitItem(object[name])
      if (problem !== null) return problem
    }
    return null
  }
  return walk(value, 1)
}
