import { describe, expect, it } from 'vitest'
import { balancedObjectAt, parseObjectLiteral } from '../../../electron/core/object-literal'

describe('balancedObjectAt', () => {
  it('returns the balanced object, skipping braces in strings and comments', () => {
    expect(balancedObjectAt('x = {a: "}"}; y', 4)).toBe('{a: "}"}')
    expect(balancedObjectAt("x = {a: '{', b: {c: `}`}} tail", 4)).toBe("{a: '{', b: {c: `}`}}")
    expect(balancedObjectAt('{a: 1, // }\n b: 2 /* } */}', 0)).toBe('{a: 1, // }\n b: 2 /* } */}')
    expect(balancedObjectAt('{a: "\\"}"}', 0)).toBe('{a: "\\"}"}')
  })

  it('returns null when the text at start is not "{" or the object is not closed', () => {
    expect(balancedObjectAt('x = {a: 1}', 0)).toBeNull()
    expect(balancedObjectAt('{a: {b: 1}', 0)).toBeNull()
    expect(balancedObjectAt('{a: "}', 0)).toBeNull()
    expect(balancedObjectAt('{a: 1 // }', 0)).toBeNull()
    expect(balancedObjectAt('{a: 1 /* }', 0)).toBeNull()
  })
})

describe('parseObjectLiteral', () => {
  it('parses unquoted keys, single quotes, comments and trailing commas', () => {
    expect(parseObjectLiteral("{a: 'x', 'b': \"y\", /* c */ d: [1, 2,],}")).toEqual({ ok: true, value: { a: 'x', b: 'y', d: [1, 2] } })
  })

  it('never evaluates script', () => {
    const result = parseObjectLiteral('{a: (globalThis.evaluated = 1)}')
    expect(result.ok).toBe(false)
    expect((globalThis as Record<string, unknown>)['evaluated']).toBeUndefined()
    expect(parseObjectLiteral('{a: b}').ok).toBe(false)
  })

  it('keeps __proto__ as an own member without touching prototypes', () => {
    const result = parseObjectLiteral('{__proto__: {polluted: 1}, id: "1"}')
    expect(result.ok).toBe(true)
    const value = result.ok ? (result.value as Record<string, unknown>) : {}
    expect(Object.keys(value)).toEqual(['__proto__', 'id'])
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
