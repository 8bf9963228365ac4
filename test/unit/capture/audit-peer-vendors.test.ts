/**
 * `cli audit` over a HAR file and a saved page holding identities of the six peer vendors
 * (Intercom, Zendesk, Crisp, Chatwoot, Help Scout, tawk.to), signed here with fresh secrets by
 * node:crypto, independently of the core; one vendor's secret also leaks in a response body.
 * Every identity is listed with its scheme and where it was found, the leak is reported by Key ID
 * and place, and no secret is ever printed.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_REJECTED } from '../../../electron/cli/run-cli'
import { harEntry, harText } from './har-builder'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const fresh = (): string => randomBytes(24).toString('hex')
const KEYS = {
  intercom: { scheme: 'intercom', kid: 'web', secret: fresh() },
  zendesk: { scheme: 'zendesk', kid: 'app_audit', secret: fresh() },
  crisp: { scheme: 'crisp', kid: 'site_audit', secret: fresh() },
  chatwoot: { scheme: 'chatwoot', kid: 'inbox_audit', secret: fresh() },
  helpscout: { scheme: 'helpscout', kid: 'beacon_audit', secret: fresh() },
  tawkto: { scheme: 'tawkto', kid: 'property_audit', secret: fresh() },
} as const

const hex = (secret: string, message: string): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')

function zendeskJwt(claims: Record<string, unknown>): string {
  const input = `${b64url({ alg: 'HS256', typ: 'JWT', kid: KEYS.zendesk.kid })}.${b64url(claims)}`
  return `${input}.${createHmac('sha256', Buffer.from(KEYS.zendesk.secret, 'utf8')).update(input).digest('base64url')}`
}

const JUDGED_AT = new Date('2026-03-01T12:00:00.000Z')
const nowSeconds = Math.floor(JUDGED_AT.getTime() / 1000)

/** The HAR's page: Intercom, Zendesk and Crisp; then a config response that leaks Crisp's secret. */
const HAR_PAGE = `<!doctype html><html><body><script>
  window.intercomSettings = ${JSON.stringify({ app_id: 'abc123', user_id: 'u-1', email: 'ada@example.com', user_hash: hex(KEYS.intercom.secret, 'u-1') })};
</script>
<script>
  zE("messenger", "loginUser", function (callback) {
    callback("${zendeskJwt({ scope: 'user', external_id: 'cust-1', name: 'Ada', email: 'ada@example.com', exp: nowSeconds + 3600 })}");
  });
</script>
<script>window.$crisp=[];$crisp.push(["set", "user:email", ["ada@example.com", "${hex(KEYS.crisp.secret, 'ada@example.com')}"]]);</script>
</body></html>`

const LEAK = JSON.stringify({ chat: { provider: 'crisp', websiteId: 'w-1', identitySecret: KEYS.crisp.secret } })

/** The saved page: Chatwoot, Help Scout and tawk.to. */
const SAVED_PAGE = `<html><body>
<script>
window.addEventListener('chatwoot:ready', function () {
  window.$chatwoot.setUser("user-7", ${JSON.stringify({ name: 'Ada', email: 'ada@example.com', identifier_hash: hex(KEYS.chatwoot.secret, 'user-7') })});
});
</script>
<script>window.Beacon('init', 'beacon-id');
Beacon("identify", ${JSON.stringify({ name: 'Ada', email: 'ada@example.com', signature: hex(KEYS.helpscout.secret, 'ada@example.com') })});</script>
<script type="text/javascript">
var Tawk_API = Tawk_API || {}, Tawk_LoadStart = new Date();
Tawk_API.visitor = ${JSON.stringify({ name: 'Ada', email: 'ada@example.com', hash: hex(KEYS.tawkto.secret, 'ada@example.com') })};
</script>
</body></html>`

// The wall clock is never used when --now is given; a clock far away shows it.
const cli = (argv: readonly string[]): Promise<CapturedRun> => runCaptured(argv, { now: new Date('2030-01-01T00:00:00Z') })

/** Each secret, whole or any run of 10 of its characters: none may be printed. */
function expectNoSecret(run: CapturedRun): void {
  const printed = `${run.stdout}\n${run.stderr}`.toLowerCase()
  const fragments = Object.values(KEYS).flatMap(({ secret }) => {
    const forms = [secret, Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '')]
    return forms.flatMap((form) => Array.from({ length: form.length - 9 }, (_, start) => form.slice(start, start + 10).toLowerCase()))
  })
  expect(fragments.filter((fragment) => printed.includes(fragment))).toEqual([])
}

let dir: string
let harPath: string
let pagePath: string
let keysPath: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-audit-peers-'))
  harPath = join(dir, 'peers.har')
  pagePath = join(dir, 'support.html')
  keysPath = join(dir, 'keys.json')
  await writeFile(harPath, harText([
    harEntry({ url: 'https://shop.example.com/account', time: '2026-03-01T11:00:00.000Z', response: { mimeType: 'text/html', text: HAR_PAGE } }),
    harEntry({ url: 'https://shop.example.com/api/chat-config', time: '2026-03-01T11:00:01.000Z', response: { mimeType: 'application/json', text: LEAK } }),
  ]))
  await writeFile(pagePath, SAVED_PAGE)
  await writeFile(keysPath, `${JSON.stringify({ keys: Object.values(KEYS) })}\n`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const NOW = ['--now', JUDGED_AT.toISOString()]
const lines = (text: string): Record<string, unknown>[] => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)

describe('cli audit over the peer vendors\' identities', () => {
  it('lists every identity with its scheme, verdict and place, and reports the leaked secret by Key ID', async () => {
    const run = await cli(['audit', harPath, pagePath, '--key', keysPath, ...NOW, '--json'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(EXIT_REJECTED)
    const output = lines(run.stdout)
    const identities = output.filter((line) => 'verdict' in line)
    expect(identities.map((line) => {
      const location = line['location'] as { capture: string; entry: number | null; part: string }
      return [line['scheme'], line['verdict'], location.capture, location.entry]
    })).toEqual([
      ['intercom', 'verified', harPath, 0],
      ['zendesk', 'verified', harPath, 0],
      ['crisp', 'verified', harPath, 0],
      ['chatwoot', 'verified', pagePath, null],
      ['helpscout', 'verified', pagePath, null],
      ['tawkto', 'verified', pagePath, null],
    ])
    for (const line of identities) expect(line['location']).toMatchObject({ line: expect.any(Number), column: expect.any(Number) })

    const leaks = output.filter((line) => line['kind'] === 'leaked-secret')
    expect(leaks).toEqual([expect.objectContaining({
      scheme: 'crisp',
      kid: KEYS.crisp.kid,
      encoding: 'text',
      location: expect.objectContaining({ capture: harPath, entry: 1, url: 'https://shop.example.com/api/chat-config' }),
    })])
    expectNoSecret(run)
  })

  it('says the same in text, naming each vendor and the leak, never the secret', async () => {
    const run = await cli(['audit', harPath, pagePath, '--key', keysPath, ...NOW])
    expect(run.status).toBe(EXIT_REJECTED)
    for (const name of ['Intercom', 'Zendesk', 'Crisp', 'Chatwoot', 'Help Scout', 'tawk.to']) expect(run.stdout).toContain(name)
    expect(run.stdout).toContain(KEYS.crisp.kid)
    expectNoSecret(run)
  })

  it('finds no leak and rejects nothing when the secret is not in the capture', async () => {
    const run = await cli(['audit', pagePath, '--key', keysPath, ...NOW, '--json'])
    expect(run.status).toBe(EXIT_OK)
    const output = lines(run.stdout)
    expect(output.filter((line) => 'verdict' in line).map((line) => line['verdict'])).toEqual(['verified', 'verified', 'verified'])
    expect(output.filter((line) => 'kind' in line)).toEqual([])
    expectNoSecret(run)
  })
})
