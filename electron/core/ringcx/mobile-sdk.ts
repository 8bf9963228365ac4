/**
 * Tokens of the vendor's mobile messaging SDK (Engage Digital Messaging for Android and iOS). They
 * are JWTs too, but with other claim names (`userId`, `userName`, `extra`, `installationId`,
 * `apiKey` or `token`), no `exp` and no `uuid`. Token mode signs with the secret text and names a
 * `kid`; the legacy `apiSecret` mode signs with the hex-decoded secret, has no `kid`, and derives
 * `apiKey` = lower-case hex SHA-256 of those bytes. The SDK writes HS256 (it also has an HS512 path).
 *
 * Such a token is rejected as a web identity by the usual checks; this says what it is, what a
 * web identity needs instead, and whether a key of the store signed it.
 */
import { createHash } from 'node:crypto'
import { compactVerify } from 'jose'
import { displayJson, ownMember } from '../../common/values'
import { AttemptBudget } from '../diagnosis-kit'
import { constantTimeEquals } from '../constant-time'
import type { KeyRing } from '../key-ring'

/** The claims only the mobile SDK writes. */
export const MOBILE_SDK_CLAIMS = ['userId', 'userName', 'extra', 'installationId', 'apiKey', 'token'] as const

/** Mobile claim → web identity attribute, where the web has one under another name. */
export const MOBILE_TO_WEB: Readonly<Record<string, string>> = { userId: 'uuid', extra: 'extra_values' }

/**
 * A mobile SDK token: no `uuid`, and `installationId` (which the SDK always writes) or at least two
 * of its other claims.
 *
 * @example
 * isMobileSdkClaims({ userId: '42', installationId: 'a1', apiKey: '…' }) // true
 */
export function isMobileSdkClaims(claims: Readonly<Record<string, unknown>>): boolean {
  if (Object.hasOwn(claims, 'uuid')) return false
  if (Object.hasOwn(claims, 'installationId')) return true
  return MOBILE_SDK_CLAIMS.filter((name) => Object.hasOwn(claims, name)).length >= 2
}

/** Which store key signed the token, and how (the SDK's two modes); null when none did. */
async function signedBy(token: string, alg: string, ring: KeyRing): Promise<string | null> {
  if (alg !== 'HS256' && alg !== 'HS512') return null
  const budget = new AttemptBudget()
  for (const key of ring.ringcx.values()) {
    if (key.secret === undefined) continue
    const spellings: [Uint8Array, string][] = [
      [Buffer.from(key.secret, 'utf8'), 'token mode: the secret as text'],
      [Buffer.from(key.secret, 'hex'), 'legacy apiSecret mode: the secret hex-decoded'],
    ]
    for (const [bytes, mode] of spellings) {
      if (!budget.take()) return null
      try {
        await compactVerify(token, bytes, { algorithms: [alg] })
        return `It is signed with key "${key.kid}" (${alg}, ${mode}).`
      } catch {
        // Not this key or not this mode.
      }
    }
  }
  return 'No key in the store verifies its signature.'
}

/** The legacy apiKey derived from a store key, if one gives it. */
function apiKeyFrom(claims: Readonly<Record<string, unknown>>, ring: KeyRing): string | null {
  const apiKey = ownMember(claims, 'apiKey')
  if (typeof apiKey !== 'string') return null
  for (const key of ring.ringcx.values()) {
    if (key.secret === undefined) continue
    const derived = createHash('sha256').update(Buffer.from(key.secret, 'hex')).digest('hex')
    if (constantTimeEquals(derived, apiKey.toLowerCase())) return `Its "apiKey" is the SHA-256 of key "${key.kid}" hex-decoded, as the legacy mode derives it.`
  }
  return null
}

/**
 * The words for a mobile SDK token: what it is, which web claims it lacks, how the names map, and
 * which stored key (if any) signed it.
 */
export async function describeMobileSdkToken(
  token: string,
  header: Readonly<Record<string, unknown>>,
  claims: Readonly<Record<string, unknown>>,
  ring: KeyRing,
): Promise<string> {
  const present = MOBILE_SDK_CLAIMS.filter((name) => Object.hasOwn(claims, name))
  const lacking = ['uuid', 'exp'].filter((name) => !Object.hasOwn(claims, name))
  if (!Object.hasOwn(header, 'kid')) lacking.push('kid (header)')
  const mapping = Object.entries(MOBILE_TO_WEB).map(([mobile, web]) => `${mobile} → ${web}`).join(', ')
  const alg = ownMember(header, 'alg')
  const signer = typeof alg === 'string' ? await signedBy(token, alg, ring) : null
  return [
    `A mobile SDK token (claims ${present.map((name) => displayJson(name)).join(', ')}), not a web identity.`,
    lacking.length > 0 ? `It lacks what a web identity needs: ${lacking.join(', ')}.` : '',
    `Names map as ${mapping}.`,
    signer ?? '',
    apiKeyFrom(claims, ring) ?? '',
  ].filter((part) => part !== '').join(' ')
}
