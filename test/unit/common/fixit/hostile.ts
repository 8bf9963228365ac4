/**
 * Values an attacker could put in a payload, aimed at each language's string syntax, and the
 * descriptions that carry them into every generated program.
 */
import fc from 'fast-check'
import type { FixitJsonValue } from '../../../../electron/common/fixit'
import type { FixitRingcxAlg, RingcxFixitDescription } from '../../../../electron/common/ringcx/fixit'
import type { RoxchatFixitDescription } from '../../../../electron/common/roxchat/fixit'
import type { RoxchatHashAlgorithm } from '../../../../electron/common/roxchat/settings'

export const HOSTILE_VALUES: readonly string[] = [
  '"', "'", '\\', '\\\\"', '"; process.exit(7); "', "'); exit(7); ('", '"); System.exit(7); //',
  '${process.exit(7)}', '`${process.exit(7)}`', '#{exit 7}', '#@x #$y', '$x {$y} ${z} $$',
  '<?php exit(7); ?>', '?>', '*/ System.exit(7); /*', '// \n System.exit(7);',
  '\\u0022); System.exit(7); //', '\\u000a', '\\U0001F600', '\\N{LATIN SMALL LETTER A}', '\\x41', '\\0', '\\',
  'line\nbreak', 'cr\rlf\r\n', 'tab\there', '\u2028\u2029', '\u0085', '\0', 'nul\0inside', '\x7f', '\x1b[31m', '\ufeff',
  '\ud800', 'lone \udc00 low', 'pair \ud83d\ude00 ok', '😀', '\uE000', '\uFFFF', '\u{10FFFF}',
  '%s %d {0} %n', '"""', "'''", '`', '</script><script>alert(1)</script>', '&amp; <b>', '}}; {{',
  '', ' ', 'é', 'a'.repeat(300),
]

/** Names whose sort orders differ: UTF-8 bytes put U+E000 before U+1F600; UTF-16 units do not. */
export const ORDER_NAMES: readonly string[] = ['a', 'B', 'b', 'é', 'e\u0301', '\uE000', '😀', '\uFFFD', '123', '42', '', '__proto__', 'constructor', 'toString', 'id_', 'Id']

/** A JSON text → value, so "__proto__" is an own member as it is in a parsed payload. */
function parsed<T>(value: Record<string, unknown>): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function hostileMap(prefix: string): Record<string, string> {
  const map: Record<string, string> = {}
  HOSTILE_VALUES.forEach((value, index) => (map[`${prefix}${String(index).padStart(2, '0')}`] = value))
  return map
}

/** Keys built from hostile text too (without a lone surrogate that would become an existing name). */
const HOSTILE_NAMES = HOSTILE_VALUES.filter((value) => !/^[\ud800-\udfff]$/.test(value) && value !== '\\' && value !== '')

export function hostileRingcx(alg: FixitRingcxAlg, kid: string, lifetimeSeconds = 3900): RingcxFixitDescription {
  // Integer-like names: PHP arrays turn them into integer keys, and a list of them into a JSON array.
  const extra: Record<string, unknown> = { plan: 'gold', 0: 'zero', 1: 'one', 7: 'seven', ...hostileMap('v') }
  HOSTILE_NAMES.forEach((name, index) => (extra[`k${index}:${name}`] = name))
  const claims = parsed<Record<string, FixitJsonValue>>({
    uuid: 'visitor-"42"\n${uuid}#{uuid}',
    firstname: 'Zoë "the <b>" \\ O\'Brien',
    lastname: '\ud800 broken',
    email: 'a@example.com',
    extra_values: extra,
    numbers: [0, 1, -1, 1.5, 0.1, 1e21, 2 ** 53 - 1, -(2 ** 31), 2 ** 31, 2 ** 31 - 1, 12345678901234567890, 5e-324, 1.7976931348623157e308],
    flags: [true, false, null],
    alone: [null],
    nested: { a: { b: { c: [[], {}, [[null]], 'deep "'] } } },
    empty: {},
    list_like: { 0: 'a', 1: 'b' },
    '': 'empty name',
  })
  // Added after parsing: a literal "__proto__" member would set the prototype instead.
  Object.defineProperty(claims, '__proto__', { value: 'own member', enumerable: true, writable: true, configurable: true })
  return { scheme: 'ringcx', alg, kid, claims, lifetimeSeconds }
}

export function hostileRoxchat(algorithm: RoxchatHashAlgorithm, lifetimeSeconds: number | null): RoxchatFixitDescription {
  const fields: Record<string, string> = { id: 'visitor-"42"\n${id}#{id}', display_name: 'Zoë </script>', ...hostileMap('f') }
  ORDER_NAMES.forEach((name, index) => (fields[name] = `order-${index}`))
  HOSTILE_NAMES.forEach((name, index) => (fields[`n${index}:${name}`] = `named-${index}`))
  const parsedFields = parsed<Record<string, string>>(fields)
  Object.defineProperty(parsedFields, '__proto__', { value: 'own member', enumerable: true, writable: true, configurable: true })
  return { scheme: 'roxchat', algorithm, fields: parsedFields, lifetimeSeconds }
}

/** `value` with every lone surrogate replaced, by the runtime's own String.prototype.toWellFormed. */
export function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return (value as unknown as { toWellFormed(): string }).toWellFormed()
  if (Array.isArray(value)) return value.map(wellFormedDeep)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [name, item] of Object.entries(value)) {
      Object.defineProperty(out, wellFormedDeep(name) as string, { value: wellFormedDeep(item), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}

/** Any text, lone surrogates included (fast-check's "binary" unit yields only whole code points). */
export const anyText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''))
