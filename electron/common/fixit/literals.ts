/**
 * Source-code literals for untrusted values, one dialect per language.
 *
 * Every literal is printable ASCII (U+0020–U+007E) only: each other character, and each character
 * that could end the literal or start an escape or interpolation (`"`, `\`, PHP's `$`, Ruby's `#`),
 * is written as an escape the language reads as data. So a value can hold quotes, backslashes, line
 * breaks, `${…}`, `#{…}`, `<?php`, a comment end, U+2028 or NUL and still come out as the same text.
 * Lone surrogates (which UTF-8 cannot carry) become U+FFFD, as the core does when it hashes text.
 */
import type { FixitJsonValue } from './describe-kit'
import type { FixitLanguage } from './languages/language'

/** Replaces each lone surrogate with U+FFFD, as `String.prototype.toWellFormed` does. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, '0')
const utf16 = (codePoint: number): number[] =>
  codePoint <= 0xffff ? [codePoint] : [0xd800 + ((codePoint - 0x10000) >> 10), 0xdc00 + ((codePoint - 0x10000) & 0x3ff)]

/** How one dialect writes a character that is not left as it is. */
interface StringDialect {
  /** Printable ASCII characters that must be escaped, and how. */
  readonly specials: Readonly<Record<string, string>>
  readonly escape: (codePoint: number) => string
}

const NAMED: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' }
const BACKSLASH_QUOTE = { '\\': '\\\\', '"': '\\"' }

const DIALECTS: Readonly<Record<FixitLanguage, StringDialect>> = {
  // JavaScript: \uXXXX, astral characters as surrogate pairs.
  node: { specials: BACKSLASH_QUOTE, escape: (cp) => utf16(cp).map((unit) => `\\u${hex(unit, 4)}`).join('') },
  python: { specials: BACKSLASH_QUOTE, escape: (cp) => (cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`) },
  // Double-quoted PHP: "$" would interpolate; \u{…} needs PHP 7.
  php: { specials: { ...BACKSLASH_QUOTE, $: '\\$' }, escape: (cp) => `\\u{${hex(cp, 4)}}` },
  // Java turns \uXXXX into the character before it reads the literal, so \u000A or \u0022 would end
  // it: control characters are written as octal escapes, other non-ASCII as \uXXXX (harmless there).
  java: {
    specials: BACKSLASH_QUOTE,
    escape: (cp) => (cp < 0x80 ? `\\${cp.toString(8).padStart(3, '0')}` : utf16(cp).map((unit) => `\\u${hex(unit, 4)}`).join('')),
  },
  go: { specials: BACKSLASH_QUOTE, escape: (cp) => (cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`) },
  // C# reads \uXXXX inside the literal (no Java-style pre-pass); astral characters as pairs.
  csharp: { specials: BACKSLASH_QUOTE, escape: (cp) => utf16(cp).map((unit) => `\\u${hex(unit, 4)}`).join('') },
  // Double-quoted Ruby: "#" would start #{…}, #@ or #$ interpolation.
  ruby: { specials: { ...BACKSLASH_QUOTE, '#': '\\#' }, escape: (cp) => `\\u{${hex(cp, 4)}}` },
}

/**
 * A double-quoted string literal of `language` that reads back as `value` (well-formed).
 *
 * @example
 * stringLiteral('a"$b\n', 'php') // '"a\\"\\$b\\n"'
 */
export function stringLiteral(value: string, language: FixitLanguage): string {
  const dialect = DIALECTS[language]
  let out = '"'
  for (const char of wellFormed(value)) {
    const codePoint = char.codePointAt(0) ?? 0xfffd
    const special = dialect.specials[char]
    if (special !== undefined) out += special
    else if (codePoint >= 0x20 && codePoint <= 0x7e) out += char
    else out += NAMED[codePoint] ?? dialect.escape(codePoint)
  }
  return `${out}"`
}

const INT32_MAX = 2_147_483_647

/**
 * A number literal of `language` with the same value: safe integers as integers (64-bit where
 * 32 bits do not hold them), every other number as a floating-point literal.
 */
export function numberLiteral(value: number, language: FixitLanguage): string {
  if (!Number.isFinite(value)) throw new TypeError('numbers must be finite')
  const text = String(value === 0 ? 0 : value)
  if (Number.isSafeInteger(value)) {
    if (Math.abs(value) <= INT32_MAX) return text
    if (language === 'java' || language === 'csharp') return `${text}L`
    if (language === 'go') return `int64(${text})`
    return text
  }
  // An integer beyond 2^53 (String gives its digits) stays a floating-point value.
  return /^-?\d+$/.test(text) ? `${text}.0` : text
}

interface ContainerSyntax {
  readonly indent: string
  readonly nullLiteral: string
  readonly booleans: readonly [string, string]
  readonly emptyObject: string
  readonly objectOpen: string
  readonly objectClose: string
  readonly entry: (key: string, value: string) => string
  readonly emptyArray: string
  readonly arrayOpen: string
  readonly arrayClose: string
  /** Whether the last item may (Go: must) end with a comma. */
  readonly trailingComma: boolean
  /** How a key is written (JavaScript: "__proto__" must be a computed key to stay a property). */
  readonly key?: (name: string) => string
  /** An array holding only null (Java: `list(null)` would pass a null array). */
  readonly soleNull?: string
}

const SYNTAX: Readonly<Record<FixitLanguage, ContainerSyntax>> = {
  node: {
    indent: '  ', nullLiteral: 'null', booleans: ['false', 'true'],
    emptyObject: '{}', objectOpen: '{', objectClose: '}', entry: (k, v) => `${k}: ${v}`,
    emptyArray: '[]', arrayOpen: '[', arrayClose: ']', trailingComma: true,
    key: (name) => (name === '__proto__' ? `[${stringLiteral(name, 'node')}]` : stringLiteral(name, 'node')),
  },
  python: {
    indent: '    ', nullLiteral: 'None', booleans: ['False', 'True'],
    emptyObject: '{}', objectOpen: '{', objectClose: '}', entry: (k, v) => `${k}: ${v}`,
    emptyArray: '[]', arrayOpen: '[', arrayClose: ']', trailingComma: true,
  },
  // PHP arrays turn "0" keys into integers and print lists as JSON arrays: objects are cast.
  php: {
    indent: '    ', nullLiteral: 'null', booleans: ['false', 'true'],
    emptyObject: '(object) []', objectOpen: '(object) [', objectClose: ']', entry: (k, v) => `${k} => ${v}`,
    emptyArray: '[]', arrayOpen: '[', arrayClose: ']', trailingComma: true,
  },
  java: {
    indent: '    ', nullLiteral: 'null', booleans: ['false', 'true'],
    emptyObject: 'obj()', objectOpen: 'obj(', objectClose: ')', entry: (k, v) => `${k}, ${v}`,
    emptyArray: 'list()', arrayOpen: 'list(', arrayClose: ')', trailingComma: false,
    soleNull: 'list((Object) null)',
  },
  go: {
    indent: '\t', nullLiteral: 'nil', booleans: ['false', 'true'],
    emptyObject: 'map[string]any{}', objectOpen: 'map[string]any{', objectClose: '}', entry: (k, v) => `${k}: ${v}`,
    emptyArray: '[]any{}', arrayOpen: '[]any{', arrayClose: '}', trailingComma: true,
  },
  csharp: {
    indent: '    ', nullLiteral: 'null', booleans: ['false', 'true'],
    emptyObject: 'new Dictionary<string, object?>()', objectOpen: 'new Dictionary<string, object?>\n{', objectClose: '}',
    entry: (k, v) => `[${k}] = ${v}`,
    emptyArray: 'new List<object?>()', arrayOpen: 'new List<object?>\n{', arrayClose: '}', trailingComma: true,
  },
  ruby: {
    indent: '  ', nullLiteral: 'nil', booleans: ['false', 'true'],
    emptyObject: '{}', objectOpen: '{', objectClose: '}', entry: (k, v) => `${k} => ${v}`,
    emptyArray: '[]', arrayOpen: '[', arrayClose: ']', trailingComma: true,
  },
}

/** The indentation unit of a language's generated programs. */
export function indentUnit(language: FixitLanguage): string {
  return SYNTAX[language].indent
}

/**
 * A literal of `language` that builds `value`: strings, numbers, booleans and null as literals,
 * objects and arrays as the language's map and list, one member per line. Lines after the first
 * are indented from `indent`.
 */
export function valueLiteral(value: FixitJsonValue, language: FixitLanguage, indent = ''): string {
  const syntax = SYNTAX[language]
  if (value === null) return syntax.nullLiteral
  if (typeof value === 'string') return stringLiteral(value, language)
  if (typeof value === 'number') return numberLiteral(value, language)
  if (typeof value === 'boolean') return syntax.booleans[value ? 1 : 0]
  const inner = indent + syntax.indent
  // The opening may span lines (C#'s `new Dictionary…\n{`): its later lines take this indent.
  const open = (text: string): string => text.replaceAll('\n', `\n${indent}`)
  const lines = (items: readonly string[], close: string): string => {
    const separator = ','
    const body = items.map((item, index) => `${inner}${item}${index < items.length - 1 || syntax.trailingComma ? separator : ''}`)
    return `\n${body.join('\n')}\n${indent}${close}`
  }
  if (isArray(value)) {
    if (value.length === 0) return syntax.emptyArray
    if (value.length === 1 && value[0] === null && syntax.soleNull !== undefined) return syntax.soleNull
    return open(syntax.arrayOpen) + lines(value.map((item) => valueLiteral(item, language, inner)), syntax.arrayClose)
  }
  const names = Object.keys(value)
  if (names.length === 0) return syntax.emptyObject
  const keyOf = syntax.key ?? ((name: string) => stringLiteral(name, language))
  const entries = names.map((name) => syntax.entry(keyOf(name), valueLiteral(value[name] as FixitJsonValue, language, inner)))
  return open(syntax.objectOpen) + lines(entries, syntax.objectClose)
}

function isArray(value: FixitJsonValue): value is readonly FixitJsonValue[] {
  return Array.isArray(value)
}
