/**
 * The benchmark's peers count as verified only what verifies: a tampered JWT, a JWT signed with
 * another secret and a tampered visitor are left out by each, so their times are times of real checks.
 */
import { execFile } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roxchatHashMessage } from '../../../electron/core/roxchat/hash'
import { PYTHON, pyjwtMissing } from '../../bench/peer-batch'

const RINGCX_SECRET = 'peer-test-ringcx-secret-0123'
const ROXCHAT_SECRET = 'peer-test-roxchat-secret-4567'
const peers = join(import.meta.dirname, '..', '..', 'bench', 'peers')
let folder: string

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vi-peers-'))
  await mkdir(join(folder, 'part'))
  const exp = Math.floor(Date.now() / 1000) + 3600
  const sign = (secret: string, uuid: string): Promise<string> =>
    new SignJWT({ uuid, exp }).setProtectedHeader({ alg: 'HS256', kid: 'k' }).sign(new TextEncoder().encode(secret))
  const visitor = (id: string): { fields: Record<string, string>; expires: number; hash: string } => {
    const fields = { id, display_name: `Visitor ${id}` }
    return { fields, expires: exp, hash: createHmac('sha256', ROXCHAT_SECRET).update(roxchatHashMessage(fields, exp)).digest('hex') }
  }
  const good = await sign(RINGCX_SECRET, 'u1')
  const samples: Record<string, unknown> = {
    'jwt-1.json': good,
    'jwt-2.json': await sign(RINGCX_SECRET, 'u2'),
    'jwt-tampered.json': `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`,
    'jwt-other-secret.json': await sign('another-secret-entirely-000', 'u3'),
    'visitor-1.json': visitor('1'),
    'visitor-2.json': visitor('2'),
    'visitor-tampered.json': { ...visitor('3'), fields: { id: '4', display_name: 'Visitor 3' } },
  }
  await Promise.all(Object.entries(samples).map(([name, payload]) => writeFile(join(folder, 'part', name), JSON.stringify({ payload, expect: { verdict: 'verified' } }))))
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const counts = async (command: string, script: string): Promise<unknown> => {
  const { stdout } = await promisify(execFile)(command, [join(peers, script), folder, RINGCX_SECRET, ROXCHAT_SECRET])
  const { verified, total } = JSON.parse(stdout) as { verified: number; total: number }
  return { verified, total }
}

describe('the benchmark peers', () => {
  it('bare node:crypto verifies the four good samples of seven', async () => {
    expect(await counts(process.execPath, 'bare-batch.mjs')).toEqual({ verified: 4, total: 7 })
  })

  it('the bare script with jose verifies the same four', async () => {
    expect(await counts(process.execPath, 'jose-batch.mjs')).toEqual({ verified: 4, total: 7 })
  })

  const missing = pyjwtMissing()
  it.skipIf(missing !== null)(`the PyJWT script verifies the same four${missing === null ? '' : ` (skipped: ${missing})`}`, async () => {
    expect(await counts(PYTHON, 'pyjwt_batch.py')).toEqual({ verified: 4, total: 7 })
  })
})
