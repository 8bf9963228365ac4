/**
 * Keys the specs own, and the payloads they sign with them: built here, independently of the core.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto'
import { SignJWT } from 'jose'

/** RingCX secrets are 24 characters 0-9a-f. */
export const OWN_HS = { scheme: 'ringcx', kid: 'hs_e2e', secret: '5e1f0c2a9b7d3e4f60718293' } as const
export const OWN_ROX = { scheme: 'roxchat', kid: 'rox_e2e', secret: 'rox-e2e-private-key-3141' } as const
export const OWN_SECRETS: readonly string[] = [OWN_HS.secret, OWN_ROX.secret]

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
export const OWN_RSA = {
  scheme: 'ringcx',
  kid: 'rsa_e2e',
  privateKey: rsa.privateKey,
  publicPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
} as const

/** A key manifest (the format the demo keys use) holding the given keys. */
export function manifest(keys: readonly Record<string, string>[]): string {
  return `${JSON.stringify({ keys }, null, 2)}\n`
}

export const OWN_HS_MANIFEST = manifest([{ scheme: OWN_HS.scheme, kid: OWN_HS.kid, alg: 'HS256', secret: OWN_HS.secret, label: 'Website (e2e)' }])
export const OWN_ROX_MANIFEST = manifest([{ scheme: OWN_ROX.scheme, kid: OWN_ROX.kid, secret: OWN_ROX.secret, label: 'Rox.Chat (e2e)' }])
export const OWN_RSA_MANIFEST = manifest([{ scheme: OWN_RSA.scheme, kid: OWN_RSA.kid, alg: 'RS256', publicKeyPem: OWN_RSA.publicPem }])

export interface VisitorClaims {
  readonly [name: string]: unknown
}

const ANN: VisitorClaims = {
  uuid: 'e2e-visitor-0001',
  firstname: 'Ann',
  lastname: 'Lee',
  email: 'ann.lee@example.com',
  company: 'Example Ltd',
}

/** An HS256 RingCX identity token; `exp` in seconds since the epoch. */
export function hsToken(exp: number, claims: VisitorClaims = {}, secret: string = OWN_HS.secret, kid: string = OWN_HS.kid): Promise<string> {
  return new SignJWT({ ...ANN, exp, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
    .sign(new TextEncoder().encode(secret))
}

export function rsToken(exp: number, claims: VisitorClaims = {}): Promise<string> {
  return new SignJWT({ ...ANN, exp, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: OWN_RSA.kid })
    .sign(OWN_RSA.privateKey)
}

/** A Rox.Chat visitor object as JSON, hashed with HMAC-SHA256 over the values in byte order of their names. */
export function roxchatVisitor(fields: Readonly<Record<string, string>>, expires: number, secret: string = OWN_ROX.secret): string {
  const names = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  const message = names.map((name) => fields[name]).join('') + String(expires)
  const hash = createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
  return JSON.stringify({ fields, expires, hash })
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}
