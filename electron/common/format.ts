/**
 * Formatters every runtime shares.
 */

/**
 * A size for people: bytes, KiB or MiB with one decimal.
 *
 * @example
 * formatBytes(3 * 1024 * 1024) // '3.0 MiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
