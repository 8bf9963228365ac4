import { describe, expect, it } from 'vitest'
import { instantWords, isUtcThere, localTimeWords, plainSpaces, relativeWords, spanWords } from '../../../electron/common/time-words'

const NBSP = '\u00a0'
const plain = (text: string): string => plainSpaces(text)

describe('spanWords', () => {
  it.each([
    [0, '0 seconds'],
    [42, '42 seconds'],
    [65, '1 minute, 5 seconds'],
    [1797, '29 minutes, 57 seconds'],
    [3600, '1 hour'],
    [3605, '1 hour'],
    [7140, '1 hour, 59 minutes'],
    [26_693 * 86_400 + 5 * 3600 + 54 * 60 + 54, '73 years, 48 days'],
    [367_178_600, '11 years, 234 days'],
  ])('writes %i seconds as "%s"', (seconds, words) => {
    expect(plain(spanWords(seconds))).toBe(words)
  })

  it('keeps each number with its unit and ignores the sign', () => {
    expect(spanWords(-7140)).toBe(`1${NBSP}hour, 59${NBSP}minutes`)
  })

  it('takes the largest and smallest unit and how many units to show', () => {
    expect(plain(spanWords(31_536_000, { largest: 'day' }))).toBe('365 days')
    expect(plain(spanWords(86_400, { largest: 'hour' }))).toBe('24 hours')
    expect(plain(spanWords(30, { smallest: 'minute' }))).toBe('0 minutes')
    expect(plain(spanWords(90_061, { units: 3 }))).toBe('1 day, 1 hour, 1 minute')
  })
})

describe('relativeWords', () => {
  it('says roughly when in one unit', () => {
    expect(plain(relativeWords(-7200))).toBe('2 hours ago')
    expect(plain(relativeWords(3 * 86_400 + 5))).toBe('in 3 days')
    expect(relativeWords(0)).toBe('now')
  })
})

describe('instantWords', () => {
  const AT = '2026-12-01T17:55:04.000Z'

  it('writes one line when local time is UTC', () => {
    expect(plain(instantWords(AT, { timeZone: 'UTC', locale: 'en-US' }))).toBe('Tue, Dec 1, 2026, 5:55 PM UTC')
    expect(isUtcThere(AT, { timeZone: 'UTC' })).toBe(true)
  })

  it('puts UTC beside local time, with its own date when that differs', () => {
    expect(plain(instantWords(AT, { timeZone: 'Europe/Berlin', locale: 'en-US' }))).toBe('Tue, Dec 1, 2026, 6:55 PM GMT+1 (5:55 PM UTC)')
    expect(plain(instantWords('2026-12-01T23:30:00Z', { timeZone: 'Europe/Berlin', locale: 'en-US' })))
      .toBe('Wed, Dec 2, 2026, 12:30 AM GMT+1 (Dec 1, 11:30 PM UTC)')
    expect(isUtcThere(AT, { timeZone: 'Europe/Berlin' })).toBe(false)
  })

  it('takes Unix seconds and Dates, and leaves text that is no time as it is', () => {
    const seconds = Date.parse(AT) / 1000
    expect(instantWords(seconds, { timeZone: 'UTC', locale: 'en-US' })).toBe(instantWords(new Date(AT), { timeZone: 'UTC', locale: 'en-US' }))
    expect(instantWords('soon')).toBe('soon')
  })

  it('writes the local time alone, with the date when it is another day', () => {
    expect(plain(localTimeWords(AT, { timeZone: 'UTC', locale: 'en-US', reference: '2026-12-01T08:00:00Z' }))).toBe('5:55 PM')
    expect(plain(localTimeWords(AT, { timeZone: 'UTC', locale: 'en-US', reference: '2026-11-30T08:00:00Z' }))).toBe('Dec 1, 5:55 PM')
  })
})
