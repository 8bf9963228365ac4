/**
 * The secrets the page must never receive: the demo secrets and the ones the specs own, in every
 * common encoding, whole or as any run of 12 characters (as test/main/secret-leak.test.ts does).
 */
import { readFileSync } from 'node:fs'
import { example } from './paths'
import { OWN_SECRETS } from './keys'

const WINDOW = 12

const demoKeys = JSON.parse(readFileSync(example('demo-keys.json'), 'utf8')) as { keys: { secret?: string }[] }
export const DEMO_SECRETS: readonly string[] = demoKeys.keys.flatMap((key) => (key.secret === undefined ? [] : [key.secret]))

function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const forms = [secret, secret.toUpperCase(), bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]
  if (/^[0-9a-f]+$/i.test(secret) && secret.length % 2 === 0) {
    const decoded = Buffer.from(secret, 'hex')
    forms.push(decoded.toString('base64').replace(/=+$/, ''), decoded.toString('base64url'))
  }
  return forms
}

function fragmentsOf(secrets: readonly string[]): readonly string[] {
  const fragments = new Set<string>()
  for (const form of secrets.flatMap(encodings)) {
    fragments.add(form)
    for (let start = 0; start + WINDOW <= form.length; start += 1) fragments.add(form.slice(start, start + WINDOW))
  }
  return [...fragments]
}

const FORBIDDEN = fragmentsOf([...DEMO_SECRETS, ...OWN_SECRETS])

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      yield key
      yield* stringsIn(member)
    }
  }
}

/** The secret fragments found anywhere in `value` (strings, object keys, nested). */
export function secretFragmentsIn(value: unknown): string[] {
  const found = new Set<string>()
  for (const text of stringsIn(value)) for (const fragment of FORBIDDEN) if (text.includes(fragment)) found.add(fragment)
  return [...found]
}
