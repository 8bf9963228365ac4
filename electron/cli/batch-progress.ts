/**
 * The progress line `batch` draws on standard error when that is a terminal: files done (of how
 * many, once counted), the rate, the time left and the file in hand, redrawn in place at most
 * every {@link REDRAW_MS}. The file name is made visible ({@link visibleText}) and cut to the
 * terminal's width, so no name can move the cursor, colour the screen or break the line.
 */
import { visibleText } from '../core/visible-text'

export const REDRAW_MS = 100

/** A terminal: what `process.stderr` is when `isTTY`. */
export interface ProgressTerminal {
  write(text: string): unknown
  readonly columns?: number
}

/** Carriage return, then erase to the end of the line. */
const CLEAR = '\r\u001B[K'

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  if (seconds < 60) return `${Math.round(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

export class ProgressLine {
  private total: number | null = null
  private done = 0
  private file = ''
  private drawn = false
  private lastDraw = Number.NEGATIVE_INFINITY
  private readonly started: number

  constructor(private readonly terminal: ProgressTerminal, private readonly clock: () => number) {
    this.started = clock()
  }

  /** The number of files the batch will inspect, once a counting walk knows it. */
  setTotal(total: number): void {
    this.total = total
  }

  /** One more file done; redraws when the last drawing is old enough. */
  advance(file: string): void {
    this.done++
    this.file = file
    const now = this.clock()
    if (now - this.lastDraw < REDRAW_MS) return
    this.lastDraw = now
    this.terminal.write(`${CLEAR}${this.text(now)}`)
    this.drawn = true
  }

  /** Removes the line (before other output to the same terminal, and at the end). */
  clear(): void {
    if (!this.drawn) return
    this.terminal.write(CLEAR)
    this.drawn = false
  }

  /** The line as drawn at `now`, cut to the terminal's width. */
  text(now: number = this.clock()): string {
    const seconds = Math.max(now - this.started, 1) / 1000
    const rate = this.done / seconds
    const of = this.total === null ? '' : `/${this.total}`
    const remaining = this.total === null || rate === 0 ? null : Math.max(this.total - this.done, 0) / rate
    const left = remaining === null ? '' : remaining < 1 ? ' · under 1 s left' : ` · about ${duration(remaining)} left`
    const head = `${this.done}${of} files · ${Math.round(rate)} files/s${left} · `
    // A terminal that does not say its width (0 or none) is taken as 80 columns.
    const columns = this.terminal.columns !== undefined && this.terminal.columns > 0 ? this.terminal.columns : 80
    const width = Math.max(columns - 1, head.length + 1)
    // By code points, so that a cut never leaves half a surrogate pair.
    const name = Array.from(visibleText(this.file))
    const room = width - head.length
    return head + (name.length <= room ? name.join('') : `…${name.slice(name.length - room + 1).join('')}`)
  }
}
