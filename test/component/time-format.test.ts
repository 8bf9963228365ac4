import { describe, expect, it } from 'vitest'
import { formatCountdown } from '../../src/time-format'

const NBSP = '\u00a0'

describe('formatCountdown', () => {
  it('keeps every number with its unit, so a wrapped line never starts with a unit', () => {
    const text = formatCountdown(26_876 * 86_400 + 15 * 3600)
    expect(text).toBe(`26,876${NBSP}d 15${NBSP}h 00${NBSP}min${NBSP}00${NBSP}s`)
    expect(text).not.toMatch(/\d (d|h|min|s)\b/)
  })

  it('keeps minutes and seconds together; lines may break only before hours and minutes', () => {
    expect(formatCountdown(3725)).toBe(`1${NBSP}h 02${NBSP}min${NBSP}05${NBSP}s`)
    expect(formatCountdown(65)).toBe(`1${NBSP}min${NBSP}05${NBSP}s`)
    expect(formatCountdown(-42)).toBe(`42${NBSP}s`)
  })
})
