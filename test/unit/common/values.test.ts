import { describe, expect, it } from 'vitest'
import { displayValue, isPlainObject } from '../../../electron/common/values'

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
