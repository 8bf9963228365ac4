import { describe, expect, it } from 'vitest'
import { formatShort } from '../../src/time-format'

describe('formatShort', () => {
  it('writes a date and time for a table, and says never for none', () => {
    expect(formatShort('2026-06-01T09:00:00.000Z')).toMatch(/2026/)
    expect(formatShort(null)).toBe('never')
    expect(formatShort('not a date')).toBe('not a date')
  })
})
