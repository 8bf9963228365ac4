/**
 * Dates and durations for people: local time and UTC through Intl, countdowns in words.
 */

/** Keeps a number with its unit, and the parts of a duration together, when a line wraps. */
const NBSP = '\u00a0'

/** The same locale and fields for local time and UTC: side by side, only the zone differs. */
const DATE_TIME_FIELDS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
}

const localFormat = new Intl.DateTimeFormat(undefined, DATE_TIME_FIELDS)
const utcFormat = new Intl.DateTimeFormat(undefined, { ...DATE_TIME_FIELDS, timeZone: 'UTC' })

const shortFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function parse(iso: string): Date | null {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** "Fri, Jan 1, 2100, 01:00:00 AM GMT+1" in the user's own locale and time zone. */
export function formatLocal(iso: string): string {
  const date = parse(iso)
  return date === null ? iso : localFormat.format(date)
}

/** The same as {@link formatLocal} in UTC: "Fri, Jan 1, 2100, 12:00:00 AM UTC". */
export function formatUtc(iso: string): string {
  const date = parse(iso)
  return date === null ? iso : utcFormat.format(date)
}

/** A short local date and time for tables, or the fallback for a missing date. */
export function formatShort(iso: string | null, fallback = 'never'): string {
  if (iso === null) return fallback
  const date = parse(iso)
  return date === null ? iso : shortFormat.format(date)
}

/**
 * A countdown to the second: "2 h 05 min 07 s", "3 d 4 h 05 min 00 s", "42 s". A number never
 * parts from its unit (no-break spaces); a line may wrap only between days, hours and the rest.
 *
 * @example
 * formatCountdown(3725) // '1\u00a0h 02\u00a0min\u00a005\u00a0s'
 */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  const pad = (value: number): string => String(value).padStart(2, '0')
  const part = (value: number | string, unit: string): string => `${value}${NBSP}${unit}`
  const minutesAndSeconds = `${part(pad(minutes), 'min')}${NBSP}${part(pad(rest), 's')}`
  if (days > 0) return `${part(days.toLocaleString('en-US'), 'd')} ${part(hours, 'h')} ${minutesAndSeconds}`
  if (hours > 0) return `${part(hours, 'h')} ${minutesAndSeconds}`
  if (minutes > 0) return `${part(minutes, 'min')}${NBSP}${part(pad(rest), 's')}`
  return part(rest, 's')
}
