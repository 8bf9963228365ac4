/**
 * Sample libraries on disk for the Samples view: sample files with `expect` that is met or not,
 * a bare token, a Rox.Chat visitor, a file over 1 MiB and a key file, signed with keys the test names.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { epochSeconds, hsToken, roxchatVisitor } from './keys'

/** The time every sample file is judged at (its own `now`). */
export const SAMPLE_NOW = new Date('2026-06-01T09:00:00.000Z')

export interface LibraryKeys {
  readonly hs: { readonly kid: string; readonly secret: string }
  readonly rox: { readonly secret: string }
}

function sample(payload: unknown, expect?: unknown): string {
  return `${JSON.stringify({ payload, now: SAMPLE_NOW.toISOString(), ...(expect === undefined ? {} : { expect }) }, null, 2)}\n`
}

/** What each file of {@link writeSampleLibrary} comes to with the keys it was signed with. */
export const LIBRARY = [
  { file: 'library/huge.json', status: 'Unreadable', verdict: 'Not inspected' },
  { file: 'library/keys.json', status: 'Skipped', verdict: 'Not inspected' },
  { file: 'library/ringcx/a-two-hours-left.sample.json', status: 'Expectation met', verdict: 'Verified · RingCX' },
  { file: 'library/ringcx/b-expired.sample.json', status: 'Expectation met', verdict: 'Rejected · RingCX' },
  { file: 'library/ringcx/c-other-secret.sample.json', status: 'Expectation failed', verdict: 'Rejected · RingCX' },
  { file: 'library/ringcx/d-bare.jwt', status: 'No expectation', verdict: 'Verified · RingCX' },
  { file: 'library/roxchat/e-visitor.sample.json', status: 'Expectation met', verdict: 'Verified · Rox.Chat' },
] as const

/** Writes the library below `dir` and returns its folder, `dir/library`. */
export async function writeSampleLibrary(dir: string, keys: LibraryKeys): Promise<string> {
  const root = join(dir, 'library')
  await mkdir(join(root, 'ringcx'), { recursive: true })
  await mkdir(join(root, 'roxchat'), { recursive: true })
  const at = epochSeconds(SAMPLE_NOW)
  const sign = (exp: number, secret = keys.hs.secret): Promise<string> => hsToken(exp, {}, secret, keys.hs.kid)
  const files: Record<string, string> = {
    'ringcx/a-two-hours-left.sample.json': sample(await sign(at + 7200), { verdict: 'verified' }),
    'ringcx/b-expired.sample.json': sample(await sign(at - 3600), { verdict: 'rejected', errors: ['ringcx-jwt-expired'] }),
    // Signed with a secret the store does not hold, yet expected to verify.
    'ringcx/c-other-secret.sample.json': sample(await sign(at + 86_400, 'abcdefabcdefabcdefabcdef'), { verdict: 'verified' }),
    'ringcx/d-bare.jwt': `${await sign(epochSeconds(new Date()) + 10 * 365 * 86_400)}\n`,
    'roxchat/e-visitor.sample.json': sample(JSON.parse(roxchatVisitor({ id: '42', display_name: 'Ann' }, at + 86_400, keys.rox.secret)), { verdict: 'verified' }),
    'huge.json': `{"payload": "${'x'.repeat(1024 * 1024)}"}\n`,
    // A key file beside the samples is passed over, and its text never reaches the window.
    'keys.json': `${JSON.stringify({ keys: [{ scheme: 'ringcx', kid: 'hs_sample', alg: 'HS256', secret: '0123456789abcdef01234567' }] })}\n`,
  }
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text)
  return root
}

/** `count` samples signed with a secret no store holds: each costs a near-miss diagnosis, so a run takes a while. */
export async function writeLongLibrary(dir: string, count: number, kid: string): Promise<string> {
  const root = join(dir, 'long')
  await mkdir(root, { recursive: true })
  const text = sample(await hsToken(epochSeconds(SAMPLE_NOW) + 86_400, {}, 'abcdefabcdefabcdefabcdef', kid), { verdict: 'rejected' })
  const names = Array.from({ length: count }, (_, index) => `s${String(index).padStart(5, '0')}.sample.json`)
  for (let start = 0; start < names.length; start += 200) {
    await Promise.all(names.slice(start, start + 200).map((name) => writeFile(join(root, name), text)))
  }
  return root
}
