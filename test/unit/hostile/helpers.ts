/**
 * Fixtures for the hostile-input tests: JWTs signed over JSON text written by hand (duplicate
 * members, number spellings and nesting that JSON.stringify never produces), with the keys the
 * tests own, and deeply nested text built without recursion.
 */
import { createHmac } from 'node:crypto'
import { HS_SECRET, NOW_S } from '../core/helpers'

/** An HS256 compact JWS over the exact header and claims texts, signed with node:crypto. */
export function hs256OverText(headerText: string, claimsText: string, secret: string = HS_SECRET): string {
  const input = `${Buffer.from(headerText, 'utf8').toString('base64url')}.${Buffer.from(claimsText, 'utf8').toString('base64url')}`
  return `${input}.${createHmac('sha256', Buffer.from(secret, 'ascii')).update(input, 'ascii').digest('base64url')}`
}

/** The header every hand-written token uses: the tests' HS256 key. */
export const HEADER_TEXT = '{"alg":"HS256","typ":"JWT","kid":"hs_main"}'

/** `depth` arrays inside one another around `inner`, e.g. `[[[0]]]`. */
export function nestedArrays(depth: number, inner = '0'): string {
  return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
}

/** Claims text that verifies (uuid, exp two hours ahead) with `extra` members written as given. */
export function claimsText(extra = ''): string {
  return `{"uuid":"visitor-42","exp":${NOW_S + 7200}${extra === '' ? '' : `,${extra}`}}`
}
