/**
 * Dates for tables: a short local date and time. Spans and instants in sentences come from
 * electron/common/time-words.ts, which the core and the command line share.
 */

const shortFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** A short local date and time for tables, or the fallback for a missing date. */
export function formatShort(iso: string | null, fallback = 'never'): string {
  if (iso === null) return fallback
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : shortFormat.format(date)
}
