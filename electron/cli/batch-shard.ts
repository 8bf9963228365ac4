/**
 * `batch --shard I/N`: one of N parts of a batch, for CI matrices (as Playwright's and Jest's
 * `--shard`). A file's shard comes from a hash of its path as the walk names it, so every file is
 * in exactly one shard, the same one on every run and machine given the same arguments, and a
 * file added to the samples moves no other file to another shard.
 */
import { createHash } from 'node:crypto'
import { UsageError } from './cli-io'

/** More shards than any CI matrix runs; bounds the number read from the argument. */
export const MAX_SHARDS = 1000

export interface Shard {
  /** From 1 to `count`. */
  readonly index: number
  readonly count: number
}

/**
 * Reads `I/N` (decimal, no sign, no leading zero, 1 ≤ I ≤ N ≤ {@link MAX_SHARDS}).
 *
 * @example
 * parseShard('2/3') // { index: 2, count: 3 }
 */
export function parseShard(value: string): Shard {
  const match = /^([1-9]\d{0,3})\/([1-9]\d{0,3})$/.exec(value)
  const problem = `--shard ${value}: use I/N with whole numbers 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, such as --shard 1/3`
  if (match === null) throw new UsageError(problem)
  const index = Number(match[1])
  const count = Number(match[2])
  if (index > count || count > MAX_SHARDS) throw new UsageError(problem)
  return { index, count }
}

/**
 * The shard (1 to `count`) of a path: the first four bytes of its SHA-256, modulo `count`.
 * Separators are compared as `/`, so a Windows runner agrees with a Linux one.
 */
export function shardOf(path: string, count: number): number {
  const digest = createHash('sha256').update(path.replaceAll('\\', '/'), 'utf8').digest()
  return (digest.readUInt32BE(0) % count) + 1
}

export function inShard(path: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(path, shard.count) === shard.index
}
