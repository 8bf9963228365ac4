import { describe, expect, it } from 'vitest'
import {
  MAX_MAPPING_PATTERN_LENGTH,
  MAX_MAPPING_VALUE_LENGTH,
  compileMappingPattern,
  type MappingTestResult,
} from '../../../electron/common/mapping-pattern'

function matchWhole(source: string, value: string): MappingTestResult {
  const compiled = compileMappingPattern(source)
  if (!compiled.ok) throw new Error(`${source} was refused: ${compiled.problem.code}`)
  return compiled.pattern.matchWhole(value)
}

function refusal(source: string): string | null {
  const compiled = compileMappingPattern(source)
  return compiled.ok ? null : compiled.problem.code
}

describe('compileMappingPattern', () => {
  it('matches the whole value, never a part of it', () => {
    expect(matchWhole('\\d{3}', '123')).toBe('match')
    expect(matchWhole('\\d{3}', '1234')).toBe('no-match')
    expect(matchWhole('\\d{3}', 'x123')).toBe('no-match')
    expect(matchWhole('a|b', 'ab')).toBe('no-match')
    expect(matchWhole('a|b', 'b')).toBe('match')
    expect(matchWhole('a|ab', 'ab')).toBe('match')
  })

  it('cannot be widened by a pattern that closes the group it would be wrapped in', () => {
    expect(refusal('a)|(b')).toBe('settings-pattern-invalid')
  })

  it('matches code points, as the JavaScript u flag did', () => {
    expect(matchWhole('.', '😀')).toBe('match')
    expect(matchWhole('\\p{L}+', 'Zoë')).toBe('match')
    expect(matchWhole('\\x{00E9}', 'é')).toBe('match')
  })

  it('has no test(): a mapping pattern only answers for whole values', () => {
    const compiled = compileMappingPattern('a')
    expect(compiled.ok && 'test' in compiled.pattern).toBe(false)
  })

  it('does not test values over the bound, so they are never mapped', () => {
    expect(matchWhole('a*', 'a'.repeat(MAX_MAPPING_VALUE_LENGTH))).toBe('match')
    expect(matchWhole('a*', 'a'.repeat(MAX_MAPPING_VALUE_LENGTH + 1))).toBe('too-long')
  })

  it.each([
    ['(a)\\1', 'settings-pattern-unsupported'],
    ['(?<n>a)\\k<n>', 'settings-pattern-unsupported'],
    ['a(?=b)', 'settings-pattern-unsupported'],
    ['a(?!b)', 'settings-pattern-unsupported'],
    ['(?<=a)b', 'settings-pattern-unsupported'],
    ['(?<!a)b', 'settings-pattern-unsupported'],
    ['(?>a+)b', 'settings-pattern-unsupported'],
    ['a++', 'settings-pattern-unsupported'],
    ['\\u00e9', 'settings-pattern-unsupported'],
    ['[0-9', 'settings-pattern-invalid'],
    ['a{1001}', 'settings-pattern-invalid'],
    ['*', 'settings-pattern-invalid'],
    ['a'.repeat(MAX_MAPPING_PATTERN_LENGTH + 1), 'settings-pattern-too-large'],
    ['(?:\\pL{1000}){1}'.repeat(11), 'settings-pattern-too-large'],
  ])('refuses %s with %s', (source, code) => {
    expect(refusal(source)).toBe(code)
  })

  it('says why in words, naming what to write instead where there is something', () => {
    const backreference = compileMappingPattern('(a)\\1')
    expect(backreference.ok ? '' : backreference.problem.message).toMatch(/^uses a backreference .*linear time/)
    const escape = compileMappingPattern('\\u00e9')
    expect(escape.ok ? '' : escape.problem.message).toContain('\\x{00E9}')
  })

  it('accepts the patterns admins write', () => {
    for (const source of ['[0-9]{6}', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', 'gold|silver|bronze', '(?i)vip', '[0-9]{1,1000}', '(?<year>\\d{4})-\\d{2}']) {
      expect(refusal(source)).toBeNull()
    }
  })

  it('answers the same object for the same source (compiled once)', () => {
    expect(compileMappingPattern('[0-9]{6}')).toBe(compileMappingPattern('[0-9]{6}'))
  })
})
