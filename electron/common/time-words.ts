/**
 * Times for people, shared by the window, the core's messages, reports and the command line:
 * spans in years, days, hours and minutes ("1 hour, 59 minutes"), instants in local date and time
 * with UTC beside ("Tue, Dec 1, 2026, 6:55 PM GMT+1 (5:55 PM UTC)").
 *
 * Browser-safe: Intl only (DurationFormat where the runtime has it, NumberFormat and ListFormat
 * otherwise, RelativeTimeFormat for "3 hours ago"), no `node:*`. The sentences around these words
 * are English, so the words are too; dates and times follow the runtime's locale unless one is given.
 */

/** Keeps a number with its unit when a line wraps. */
const NBSP = '\u00a0'

/** The language of the words: the sentences around them are English. */
const WORDS_LOCALE = 'en'

const UNITS = [
  { unit: 'year', duration: 'years', seconds: 365 * 86_400 },
  { unit: 'day', duration: 'days', seconds: 86_400 },
  { unit: 'hour', duration: 'hours', seconds: 3600 },
  { unit: 'minute', duration: 'minutes', seconds: 60 },
  { unit: 'second', duration: 'seconds', seconds: 1 },
] as const

export type SpanUnit = (typeof UNITS)[number]['unit']
const SECOND = UNITS[UNITS.length - 1] as (typeof UNITS)[number]

export interface SpanOptions {
  /** How many units at most, largest first: 2 gives "1 hour, 59 minutes". */
  readonly units?: number
  /** The largest unit to use: 'day' writes a year as "365 days". */
  readonly largest?: SpanUnit
  /** The smallest unit to use; less than it is left out (but a span never reads as nothing). */
  readonly smallest?: SpanUnit
}

interface DurationFormatLike {
  format(duration: Readonly<Record<string, number>>): string
}
type DurationFormatConstructor = new (locale: string, options: { readonly style: 'long' }) => DurationFormatLike

const DurationFormat = (Intl as unknown as { readonly DurationFormat?: DurationFormatConstructor }).DurationFormat
const durationFormat = DurationFormat === undefined ? null : new DurationFormat(WORDS_LOCALE, { style: 'long' })
const unitFormats = new Map(UNITS.map(({ unit }) => [unit, new Intl.NumberFormat(WORDS_LOCALE, { style: 'unit', unit, unitDisplay: 'long' })]))
const unitList = new Intl.ListFormat(WORDS_LOCALE, { type: 'unit', style: 'long' })
const relativeFormat = new Intl.RelativeTimeFormat(WORDS_LOCALE, { numeric: 'auto' })

function rankOf(unit: SpanUnit): number {
  return UNITS.findIndex((entry) => entry.unit === unit)
}

/**
 * A span of time in words, its sign ignored: "1 hour, 59 minutes", "73 years, 45 days", "42 seconds".
 * Parts are cut, never rounded up: a countdown never promises more time than is left.
 *
 * @example
 * spanWords(7140) // '1\u00a0hour, 59\u00a0minutes'
 * spanWords(31_536_000, { largest: 'day' }) // '365\u00a0days'
 */
export function spanWords(totalSeconds: number, options: SpanOptions = {}): string {
  const maxUnits = Math.max(1, options.units ?? 2)
  const largest = rankOf(options.largest ?? 'year')
  const smallest = rankOf(options.smallest ?? 'second')
  let rest = Math.floor(Math.abs(totalSeconds))
  const parts: { readonly entry: (typeof UNITS)[number]; readonly amount: number }[] = []
  for (const [rank, entry] of UNITS.entries()) {
    if (rank < largest || rank > smallest) continue
    const amount = Math.floor(rest / entry.seconds)
    rest -= amount * entry.seconds
    // Units after the first non-zero one count towards the limit even when zero: "1 hour" not "1 hour, 5 seconds".
    if (parts.length > 0 || amount > 0) parts.push({ entry, amount })
    if (parts.length >= maxUnits) break
  }
  const shown = parts.filter((part) => part.amount > 0)
  // Less than the smallest unit still reads as a span: "0 minutes".
  if (shown.length === 0) return withNbsp(formatParts([{ entry: UNITS[smallest] ?? SECOND, amount: 0 }]))
  return withNbsp(formatParts(shown))
}

function formatParts(parts: readonly { readonly entry: (typeof UNITS)[number]; readonly amount: number }[]): string {
  if (durationFormat !== null) {
    return durationFormat.format(Object.fromEntries(parts.map(({ entry, amount }) => [entry.duration, amount])))
  }
  return unitList.format(parts.map(({ entry, amount }) => (unitFormats.get(entry.unit) as Intl.NumberFormat).format(amount)))
}

function withNbsp(text: string): string {
  return text.replace(/(\d) (?=\p{L})/gu, `$1${NBSP}`)
}

/**
 * Roughly how long ago or ahead, in one unit: "in 3 days", "2 hours ago", "now".
 *
 * @example
 * relativeWords(-7200) // '2 hours ago'
 */
export function relativeWords(seconds: number): string {
  const magnitude = Math.abs(seconds)
  const entry = UNITS.find((candidate) => magnitude >= candidate.seconds) ?? SECOND
  const amount = Math.trunc(seconds / entry.seconds)
  return withNbsp(relativeFormat.format(amount, entry.unit))
}

/** An instant as the functions here take it: ISO 8601 text, a Date, or Unix seconds. */
export type Instant = string | Date | number

function toDate(instant: Instant): Date | null {
  const date = typeof instant === 'number' ? new Date(instant * 1000) : new Date(instant)
  return Number.isNaN(date.getTime()) ? null : date
}

function fallbackText(instant: Instant): string {
  return typeof instant === 'string' ? instant : String(instant)
}

export interface InstantOptions {
  /** The time zone taken as local; the runtime's own when left out. */
  readonly timeZone?: string
  /** The locale of the date and time; the runtime's own when left out. */
  readonly locale?: string
}

const formats = new Map<string, Intl.DateTimeFormat>()
function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale ?? '', options])
  let format = formats.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options)
    formats.set(key, format)
  }
  return format
}

const DATE_PARTS: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }
const TIME_PARTS: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }

/** Minutes east of UTC of `timeZone` at `date` (0 for UTC). */
function offsetMinutes(date: Date, timeZone: string | undefined): number {
  const parts = dateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
    .formatToParts(date)
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0)
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'))
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
}

/** True where local time is UTC at that instant: one line says it all. */
export function isUtcThere(instant: Instant, options: InstantOptions = {}): boolean {
  const date = toDate(instant)
  return date !== null && offsetMinutes(date, options.timeZone) === 0
}

function sameDay(a: Date, b: Date, timeZone: string | undefined): boolean {
  const format = dateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
  return format.format(a) === format.format(b)
}

/**
 * An instant in local date and time with UTC beside, or once when local time is UTC:
 * "Tue, Dec 1, 2026, 6:55 PM GMT+1 (5:55 PM UTC)", "Tue, Dec 1, 2026, 5:55 PM UTC".
 * UTC names its own date when it differs from the local one.
 *
 * @example
 * instantWords('2026-12-01T17:55:04Z', { timeZone: 'UTC', locale: 'en-US' }) // 'Tue, Dec 1, 2026, 5:55 PM UTC'
 */
export function instantWords(instant: Instant, options: InstantOptions = {}): string {
  const date = toDate(instant)
  if (date === null) return fallbackText(instant)
  const { locale, timeZone } = options
  if (offsetMinutes(date, timeZone) === 0) {
    return dateTimeFormat(locale, { ...DATE_PARTS, ...TIME_PARTS, timeZone: 'UTC', timeZoneName: 'short' }).format(date)
  }
  const local = dateTimeFormat(locale, { ...DATE_PARTS, ...TIME_PARTS, timeZone, timeZoneName: 'short' }).format(date)
  const utcParts: Intl.DateTimeFormatOptions = sameDay(date, new Date(date.getTime() + offsetMinutes(date, timeZone) * 60_000), 'UTC')
    ? { ...TIME_PARTS, timeZone: 'UTC', timeZoneName: 'short' }
    : { month: 'short', day: 'numeric', ...TIME_PARTS, timeZone: 'UTC', timeZoneName: 'short' }
  return `${local} (${dateTimeFormat(locale, utcParts).format(date)})`
}

/** The local time alone ("6:55 PM"), for sentences that give the date elsewhere. */
export function localTimeWords(instant: Instant, options: InstantOptions & { readonly reference?: Instant } = {}): string {
  const date = toDate(instant)
  if (date === null) return fallbackText(instant)
  const reference = options.reference === undefined ? null : toDate(options.reference)
  const parts: Intl.DateTimeFormatOptions = reference === null || sameDay(date, reference, options.timeZone)
    ? { ...TIME_PARTS, timeZone: options.timeZone }
    : { month: 'short', day: 'numeric', ...TIME_PARTS, timeZone: options.timeZone }
  return dateTimeFormat(options.locale, parts).format(date)
}

/** The same instant in UTC alone: "Tue, Dec 1, 2026, 5:55 PM UTC". */
export function utcWords(instant: Instant, options: Pick<InstantOptions, 'locale'> = {}): string {
  const date = toDate(instant)
  if (date === null) return fallbackText(instant)
  return dateTimeFormat(options.locale, { ...DATE_PARTS, ...TIME_PARTS, timeZone: 'UTC', timeZoneName: 'short' }).format(date)
}

/** The instant in local time alone, with its zone: "Tue, Dec 1, 2026, 6:55 PM GMT+1". */
export function localWords(instant: Instant, options: InstantOptions = {}): string {
  const date = toDate(instant)
  if (date === null) return fallbackText(instant)
  return dateTimeFormat(options.locale, { ...DATE_PARTS, ...TIME_PARTS, timeZone: options.timeZone, timeZoneName: 'short' }).format(date)
}

/**
 * The same text with ordinary spaces: for terminals, JSON and reports, where no-break and narrow
 * no-break spaces (which Intl puts before "PM") only get in the way of search and copy.
 */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ')
}
