import { describe, expect, it } from 'vitest'
import { displayValue, isPlainObject, ownMember, setOwnMember } from '../../../electron/common/values'

describe('isPlainObject', () => {
  it('is true for objects only, not arrays or null', () => {
    expect(isPlainObject({})).toBe(true)
    expect(isPlainObject(Object.create(null))).toBe(true)
    expect(isPlainObject([])).toBe(false)
    expect(isPlainObject(null)).toBe(false)
    expect(isPlainObject('x')).toBe(false)
    expect(isPlainObject(1)).toBe(false)
  })
})

describe('displayValue', () => {
  it('shows text as it is and everything else as JSON', () => {
    expect(displayValue('text')).toBe('text')
    expect(displayValue('')).toBe('')
    expect(displayValue(undefined)).toBe('')
    expect(displayValue(5)).toBe('5')
    expect(displayValue(true)).toBe('true')
    expect(displayValue(null)).toBe('null')
    expect(displayValue({ a: [1] })).toBe('{"a":[1]}')
  })
})

describe('ownMember', () => {
  it('reads own members only, an own __proto__ included', () => {
    expect(ownMember({ a: 1 }, 'a')).toBe(1)
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) expect(ownMember({}, name)).toBeUndefined()
    expect(ownMember(JSON.parse('{"__proto__": 7}') as object, '__proto__')).toBe(7)
    expect(ownMember(Object.create({ inherited: 1 }) as object, 'inherited')).toBeUndefined()
    expect(ownMember(Object.create(null) as object, 'a')).toBeUndefined()
  })
})

describe('setOwnMember', () => {
  it('makes any name an own, enumerable member without touching the prototype', () => {
    const target: Record<string, unknown> = {}
    setOwnMember(target, '__proto__', { polluted: true })
    setOwnMember(target, 'constructor', 'c')
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
    expect(Object.keys(target)).toEqual(['__proto__', 'constructor'])
    expect(target['polluted']).toBeUndefined()
    expect(JSON.parse(JSON.stringify(target))).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c"}'))
  })
})
