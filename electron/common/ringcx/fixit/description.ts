/**
 * What a RingCX signing program is generated from: the identity's header choices and claims,
 * free of any key or signature, and the words its opening comment says about them.
 */
import { jsonValueProblem, lifetimeProblem, isPlainRecord, type FixitJsonValue } from '../../fixit/describe-kit'
import { RINGCX_ALGORITHMS } from '../keys'

export type FixitRingcxAlg = (typeof RINGCX_ALGORITHMS)[number]

/** A RingCX signed identity: the program prints a compact JWT with header `{alg, typ: "JWT", kid}`. */
export interface RingcxFixitDescription {
  readonly scheme: 'ringcx'
  readonly alg: FixitRingcxAlg
  readonly kid: string
  /** The identity's claims without `exp` and `iat`, which the program sets from its clock. */
  readonly claims: Readonly<Record<string, FixitJsonValue>>
  /** `exp` = now + this many seconds (a positive whole number). */
  readonly lifetimeSeconds: number
}

/** sign-identity.mjs, sign_identity.py, SignIdentity.java. */
export const RINGCX_FIXIT_FILE_WORDS = ['sign', 'identity'] as const

const RESERVED_CLAIMS = ['exp', 'iat'] as const

/** Why a RingCX description cannot be generated from: the first problem, or null when it is sound. */
export function ringcxFixitProblem(description: Readonly<Record<string, unknown>>): string | null {
  if (!(RINGCX_ALGORITHMS as readonly unknown[]).includes(description['alg'])) return 'alg must be HS256 or RS256'
  if (typeof description['kid'] !== 'string') return 'kid must be text'
  const claims = description['claims']
  if (!isPlainRecord(claims)) return 'claims must be an object'
  for (const name of RESERVED_CLAIMS) if (Object.hasOwn(claims, name)) return `claims must not hold "${name}": the program sets it from its clock`
  const problem = jsonValueProblem(claims, 0)
  if (problem !== null) return `claims: ${problem}`
  return lifetimeProblem(description['lifetimeSeconds'], false)
}

/** The opening comment's lines about the token. */
export function ringcxFixitHeader(description: RingcxFixitDescription): readonly string[] {
  return [
    `Prints a RingCX Messaging signed identity: a compact JWT (${description.alg}) for the visitor below.`,
    'Put it in the page as _chatq.push(["_setSignedIdentity", "<the token>"]).',
    '',
    'The key is read from the environment variable SIGNING_KEY; keep it on the server, never in code',
    'or in the page.',
    description.alg === 'HS256'
      ? 'HS256: SIGNING_KEY is the community\'s JWT secret (24 characters 0-9a-f), used as text.'
      : 'RS256: SIGNING_KEY is the PEM private key whose public key the community holds.',
    `The token is issued now and expires in ${description.lifetimeSeconds} s. RingCX refuses a token whose exp is`,
    'less than one hour ahead when the chat receives it: sign a fresh one for each page.',
  ]
}
