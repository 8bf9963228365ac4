/**
 * `cli audit CAPTURE...` over HAR files and saved pages the tests build: every identity with where
 * it was found, judged at the operator's time; the leaked key in three encodings and the
 * client-side HMAC reported without the key; the JSON lines contract; exit statuses.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, USAGE } from '../../../electron/cli/run-cli'
import { harEntry, harText } from './har-builder'
import { HS, JUDGED_AT, KEYS_MANIFEST, ROX, buildSession, hsToken, roxchatVisitor, type Session } from './session'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

// The wall clock is never used when --now is given; a clock far away shows it.
const cli = (argv: readonly string[]): Promise<CapturedRun> => runCaptured(argv, { now: new Date('2030-01-01T00:00:00Z') })

const lines = (text: string): Record<string, unknown>[] => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
const at = (time: string): number => Math.floor(Date.parse(time) / 1000)

/** Every form of the secrets, whole or as a run of 10 characters: none may be printed. */
function secretFragments(): string[] {
  const fragments = new Set<string>()
  for (const secret of [HS.secret, ROX.secret]) {
    const bytes = Buffer.from(secret, 'utf8')
    for (const form of [secret, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]) {
      for (let start = 0; start + 10 <= form.length; start++) fragments.add(form.slice(start, start + 10).toLowerCase())
    }
  }
  return [...fragments]
}

function expectNoSecret(run: CapturedRun): void {
  const printed = `${run.stdout}\n${run.stderr}`.toLowerCase()
  expect(secretFragments().filter((fragment) => printed.includes(fragment))).toEqual([])
}

let dir: string
let session: Session
let harPath: string
let keysPath: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-audit-'))
  session = await buildSession()
  harPath = join(dir, 'session.har')
  keysPath = join(dir, 'keys.json')
  await writeFile(harPath, session.har)
  await writeFile(keysPath, KEYS_MANIFEST)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const NOW = ['--now', JUDGED_AT.toISOString()]

describe('cli audit --json', () => {
  it('prints one line per identity, then one per finding, then the summary', async () => {
    const run = await cli(['audit', harPath, '--key', keysPath, ...NOW, '--json'])
    expect(run.status).toBe(EXIT_REJECTED)
    const output = lines(run.stdout)
    const identities = output.filter((line) => 'verdict' in line)
    const findings = output.filter((line) => 'kind' in line)
    expect(output).toEqual([...identities, ...findings, output.at(-1)])
    expect(output.at(-1)).toEqual({ summary: { captures: 1, identities: 5, verified: 2, rejected: 3, leakedSecrets: 3, clientSideSigning: 1, skipped: 1 } })

    // Each identity is the inspection as `inspect --json` prints it, plus where it was found.
    expect(identities.map((line) => [line['scheme'], line['verdict'], (line['location'] as Record<string, unknown>)['entry'], (line['location'] as Record<string, unknown>)['part']])).toEqual([
      ['ringcx', 'rejected', 0, 'response-body'],
      ['ringcx', 'rejected', 0, 'response-body'],
      ['ringcx', 'rejected', 1, 'request-url'],
      ['roxchat', 'verified', 2, 'response-body'],
      ['ringcx', 'verified', 6, 'response-body'],
    ])
    for (const line of identities) {
      expect(Object.keys(line)).toEqual(['file', 'scheme', 'verdict', 'errors', 'warnings', 'checks', 'key', 'expiry', 'fields', 'unmapped', 'rejectedFields', 'now', 'appliedFromSample', 'location'])
      expect(line['now']).toBe(JUDGED_AT.toISOString())
    }
    expect(identities[0]).toMatchObject({ file: harPath, errors: [{ code: 'input-identity-commented-out' }], location: { capture: harPath, entry: 0, url: 'https://www.example.com/account', part: 'response-body', time: '2026-03-01T10:00:00.000Z', line: 2, column: 27 } })
    expect(identities[1]).toMatchObject({ errors: [{ code: 'ringcx-jwt-expired' }], key: { kid: HS.kid } })
    expect(identities[2]).toMatchObject({ location: { url: `https://chat.example.com/chat?locale=en&jwt_identity=${session.tokens.first}`, time: '2026-03-01T10:00:05.000Z' } })
    // The capture's own time zone is read; the time shown is UTC.
    expect(identities[4]).toMatchObject({ location: { time: '2026-03-01T10:30:00.000Z' }, fields: [{ name: 'uuid', value: 'u-1' }, { name: 'firstname', value: 'Ann' }] })

    expect(findings).toEqual([
      { kind: 'leaked-secret', scheme: 'roxchat', kid: ROX.kid, fingerprint: expect.stringMatching(/^secret:/), encoding: 'text', location: expect.objectContaining({ entry: 2, part: 'response-body', line: 5 }) },
      { kind: 'client-side-signing', scheme: 'roxchat', signal: 'hmac', commented: false, evidence: expect.stringContaining(`CryptoJS.HmacSHA256(message, "[secret ${ROX.kid}]")`), location: expect.objectContaining({ entry: 2, part: 'response-body', url: 'https://www.example.com/app.js' }) },
      { kind: 'leaked-secret', scheme: 'roxchat', kid: ROX.kid, fingerprint: expect.stringMatching(/^secret:/), encoding: 'base64', location: expect.objectContaining({ entry: 4, part: 'request-body', parameter: 'k' }) },
      { kind: 'leaked-secret', scheme: 'roxchat', kid: ROX.kid, fingerprint: expect.stringMatching(/^secret:/), encoding: 'hex', location: expect.objectContaining({ entry: 5, part: 'request-url', url: `https://analytics.example.net/collect?sid=[secret ${ROX.kid}]&v=1` }) },
    ])
    expect(run.stderr).toBe(`note: ${harPath}: 1 binary body (images, fonts, media) was not searched.\n`)
    expectNoSecret(run)
  })

  it('judges at the clock without --now, never at the capture\'s time', async () => {
    const run = await cli(['audit', harPath, '--key', keysPath, '--json'])
    const identities = lines(run.stdout).filter((line) => 'verdict' in line)
    expect(identities.map((line) => line['now'])).toEqual(Array(5).fill('2030-01-01T00:00:00.000Z'))
    expect(identities.map((line) => line['verdict'])).toEqual(Array(5).fill('rejected'))
  })

  it('exits 0 when every identity verifies and nothing leaked', async () => {
    const token = await hsToken({ uuid: 'u-9', exp: at('2026-03-01T18:00:00Z') })
    const clean = join(dir, 'clean.har')
    await writeFile(clean, harText([harEntry({ url: `https://chat.example.com/?jwt_identity=${token}`, time: '2026-03-01T10:00:00Z' })]))
    const run = await cli(['audit', clean, '--key', keysPath, ...NOW, '--json'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(EXIT_OK)
    expect(lines(run.stdout).at(-1)).toEqual({ summary: { captures: 1, identities: 1, verified: 1, rejected: 0, leakedSecrets: 0, clientSideSigning: 0, skipped: 0 } })
  })
})

describe('cli audit', () => {
  it('prints each identity with where it was found, then the findings, the renewal timeline and the summary', async () => {
    const run = await cli(['audit', harPath, '--key', keysPath, ...NOW])
    expect(run.status).toBe(EXIT_REJECTED)
    expect(run.stdout).toContain(`#1 a _setSignedIdentity call (commented out)\n  url: https://www.example.com/account\n`)
    expect(run.stdout).toContain(`${harPath}, entry 0, response body, line 5, column 3\n  RingCX · REJECTED`)
    expect(run.stdout).toContain(`LEAKED SECRET roxchat key ${ROX.kid} (secret:`)
    expect(run.stdout).toContain('CLIENT-SIDE SIGNING roxchat identity built in page script (hmac)')
    expect(run.stdout).toContain('Renewal of RingCX visitor u-1')
    expect(run.stdout).toContain('2026-03-01T10:30:00.000Z  #5  4 hours, 30 minutes left (fresh) · renewed only after the previous token had fallen under the minimum')
    expect(run.stdout.trim().split('\n').at(-1)).toBe('AUDIT FAILED: 1 capture, 5 identities (2 verified, 3 rejected), 3 leaked secrets, 1 client-side signing, 1 skipped (see the notes)')
    expectNoSecret(run)
  })

  it('reads saved pages and folders of captures, in name order, hidden files left out', async () => {
    const folder = join(dir, 'captures')
    await mkdir(join(folder, 'sub'), { recursive: true })
    await mkdir(join(folder, '.hidden'), { recursive: true })
    const visitor = roxchatVisitor({ id: '7' }, at('2026-03-02T00:00:00Z'))
    await writeFile(join(folder, 'b-page.html'), `<html><script>\n  // roxchat_visitor = {fields: {id: "old"}, hash: "00"};\n  roxchat_visitor = ${visitor};\n</script></html>`)
    await writeFile(join(folder, 'a-session.har'), session.har)
    await writeFile(join(folder, 'notes.txt'), 'roxchat_visitor = {}')
    await writeFile(join(folder, 'sub', 'c-page.htm'), `\uFEFF<script>_chatq.push(["_setIdentity", {uuid: "u-2"}])</script>`)
    await writeFile(join(folder, '.hidden', 'd.html'), 'roxchat_visitor = {}')
    const run = await cli(['audit', folder, '--key', keysPath, ...NOW, '--json'])
    const identities = lines(run.stdout).filter((line) => 'verdict' in line)
    expect(identities.map((line) => [(line['location'] as Record<string, unknown>)['capture'], line['verdict'], (line['errors'] as { code: string }[]).map((error) => error.code)]).slice(5)).toEqual([
      [join(folder, 'b-page.html'), 'rejected', ['input-identity-commented-out']],
      [join(folder, 'b-page.html'), 'verified', []],
      [join(folder, 'sub', 'c-page.htm'), 'rejected', ['ringcx-unsigned-identity-rejected']],
    ])
    expect(identities[6]).toMatchObject({ location: { capture: join(folder, 'b-page.html'), entry: null, url: null, part: 'page', time: null, line: 3, column: 3 } })
    expect(lines(run.stdout).at(-1)).toMatchObject({ summary: { captures: 3, identities: 8 } })
  })

  it('says what it skipped: a body over the limit is not searched, and the summary counts it', async () => {
    const large = join(dir, 'large.har')
    await writeFile(large, harText([harEntry({ url: 'https://www.example.com/bundle.js', time: '2026-03-01T10:00:00Z', response: { mimeType: 'application/javascript', text: `${'x'.repeat(12 * 1024 * 1024)}roxchat_visitor = {}` } })]))
    const run = await cli(['audit', large, ...NOW, '--json'])
    expect(run.stderr).toBe(`note: ${large}: entry 0 response body (12.0 MiB) was not searched: over the 8.0 MiB limit.\n`)
    expect(lines(run.stdout)).toEqual([{ summary: { captures: 1, identities: 0, verified: 0, rejected: 0, leakedSecrets: 0, clientSideSigning: 0, skipped: 1 } }])
    expect(run.status).toBe(EXIT_OK)
  })

  it('exits 2 with one line on stderr for each capture it cannot read, and still audits the others', async () => {
    const notHar = join(dir, 'not-a-har.har')
    const truncated = join(dir, 'truncated.har')
    await writeFile(notHar, '{"log": {"version": "1.2"}}')
    await writeFile(truncated, session.har.slice(0, session.har.indexOf('"https://www.example.com/renew"')))
    const fifo = join(dir, 'pipe.har')
    execFileSync('mkfifo', [fifo])
    const run = await cli(['audit', join(dir, 'missing.har'), notHar, fifo, truncated, '--key', keysPath, ...NOW, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr.trim().split('\n').filter((line) => !line.startsWith('note:'))).toEqual([
      `${join(dir, 'missing.har')}: no such file`,
      `${notHar}: this is JSON but not a HAR file: it has no log.entries`,
      `${fifo}: it is not a regular file`,
      expect.stringMatching(new RegExp(`^${truncated.replaceAll('.', '\\.')}: not valid JSON at byte \\d+: the file ends before the HAR is complete; the 6 entries before it were searched$`)),
    ])
    expect(lines(run.stdout).filter((line) => 'verdict' in line)).toHaveLength(4)
  })

  it('shows what came from the capture as visible escapes: no URL can repaint the terminal', async () => {
    const token = await hsToken({ uuid: 'u-9', exp: at('2026-03-01T18:00:00Z') })
    const hostile = join(dir, 'hostile.har')
    await writeFile(hostile, harText([harEntry({ url: `https://x.example/\u001b[2J\u202e?jwt_identity=${token}`, time: '2026-03-01T10:00:00Z' })]))
    for (const json of [true, false]) {
      const run = await cli(['audit', hostile, '--key', keysPath, ...NOW, ...(json ? ['--json'] : [])])
      expect(run.stdout).not.toMatch(/[\u001b\u202e]/)
      // The location shows the URL escaped; JSON then writes that text's backslash as "\\".
      expect(run.stdout).toContain(json ? 'https://x.example/\\\\u001B[2J\\\\u202E' : 'https://x.example/\\u001B[2J\\u202E')
    }
  })

  it('is a usage error without a capture, and is listed in the help', async () => {
    const run = await cli(['audit', '--key', keysPath])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('audit needs at least one CAPTURE')
    expect(USAGE).toContain('visitor-inspector audit CAPTURE... [--key FILE]... [--keystore DIR] [--config FILE] [--now TIME] [--json]')
  })
})
