/** A damaged file that was moved aside at start instead of being overwritten. */
export interface QuarantineNotice {
  readonly movedTo: string
  readonly reason: string
}
