/**
 * Dates and durations for people: local time and UTC through Intl, countdowns in words.
 */

const localFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
})

const utcFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
})

const shortFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function parse(iso: string): Date | null {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** "Fri, 1 Jan 2100, 01:00:00 CET" in the user's own time zone. */
export function formatLocal(iso: string): string {
  const date = parse(iso)
  return date === null ? iso : localFormat.format(date)
}

/** "1 Jan 2100, 00:00:00 UTC". */
export function formatUtc(iso: string): string {
  const date = parse(iso)
  return date === null ? iso : `${utcFormat.format(date)} UTC`
}

/** A short local date and time for tables, or the fallback for a missing date. */
export function formatShort(iso: string | null, fallback = 'never'): string {
  if (iso === null) return fallback
  const date = parse(iso)
  return date === null ? iso : shortFormat.format(date)
}

/**
 * A countdown to the second: "2 h 05 min 07 s", "3 d 4 h 05 min 00 s", "42 s".
 *
 * @example
 * formatCountdown(3725) // '1 h 02 min 05 s'
 */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  const pad = (value: number): string => String(value).padStart(2, '0')
  if (days > 0) return `${days.toLocaleString('en-US')} d ${hours} h ${pad(minutes)} min ${pad(rest)} s`
  if (hours > 0) return `${hours} h ${pad(minutes)} min ${pad(rest)} s`
  if (minutes > 0) return `${minutes} min ${pad(rest)} s`
  return `${rest} s`
}
