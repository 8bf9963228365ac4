/**
 * The forms found in the wild, fed hostile input: legacy v1 visitors, visitors in chat links and
 * mobile SDK requests, and mobile SDK tokens. Each refusal has its code; nothing reaches the
 * terminal raw; nothing touches a prototype.
 */
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../electron/core/inspect'
import { parseKeyFile } from '../../../electron/core/key-parse'
import { createKeyRing, type KeyRing } from '../../../electron/core/key-ring'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { NOW, ROX_KEY, cli, demoKeys, tempFolder } from './cli-harness'

const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const FAKE = '\u001b[2J\u001b[1;32mVERIFIED\u001b[0m\nline\u202Eevil'

let folder: { dir: string; cleanup(): Promise<void> }
let ring: KeyRing
beforeAll(async () => {
  folder = await tempFolder('vi-wild-')
  const report = await parseKeyFile(JSON.stringify({ keys: [{ scheme: 'roxchat', kid: 'rox', secret: ROX_KEY }, { scheme: 'ringcx', kid: 'hs_demo', secret: 'de305d54a75b431b8d0e11fe' }] }))
  ring = await createKeyRing(report.keys)
})
afterAll(async () => {
  await folder.cleanup()
})

const md5Crc = (fields: Record<string, string>): string => {
  const message = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map((name) => fields[name]).join('')
  return createHash('md5').update(message + ROX_KEY).digest('hex')
}
const errorCodes = async (text: string) => (await inspect(text, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })).errors.map((error) => error.code)

describe('terminal output of the new forms', () => {
  it.each([
    ['a v1 visitor with hostile names and values', () => `webim_visitor = ${JSON.stringify({ id: '1', [`n${FAKE}`]: FAKE, crc: 'bad' })};`],
    ['a chat link with a hostile visitor', () => `https://c.example/client.php?provided-visitor=${encodeURIComponent(JSON.stringify({ fields: { id: FAKE, [FAKE]: FAKE }, expires: 71481195621, hash: 'x' }))}`],
    ['a mobile SDK request that is not JSON', () => `https://c.example/x?visitor-ext=${encodeURIComponent(FAKE)}`],
  ])('%s prints no raw control', async (_name, make) => {
    const file = join(folder.dir, `${Math.random().toString(36).slice(2)}.txt`)
    await writeFile(file, make())
    const run = await cli(['inspect', file, '--key', demoKeys])
    expect(run.status).toBe(1)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stderr).not.toMatch(RAW_CONTROL)
    expect(run.stdout).not.toMatch(/^\s*VERIFIED/m)
  })

  it('a mobile SDK token with hostile claims prints no raw control', async () => {
    const token = await new SignJWT({ userId: FAKE, userName: FAKE, extra: { [FAKE]: FAKE }, installationId: FAKE })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'hs_demo' })
      .sign(new TextEncoder().encode('de305d54a75b431b8d0e11fe'))
    const file = join(folder.dir, 'mobile.jwt')
    await writeFile(file, token)
    const run = await cli(['inspect', file, '--key', demoKeys])
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('ringcx-mobile-sdk-token')
    expect(run.stdout).not.toMatch(RAW_CONTROL)
  })
})

describe('URL parsing', () => {
  it.each([
    ['a truncated escape', '%7B%22id'.concat('%2')],
    ['an escape of no hex', '%GG'],
    ['bytes that are not UTF-8', '%FF%FE'],
    ['a lone surrogate written as UTF-8 bytes', '%ED%A0%80'],
    ['an overlong encoding', '%C0%AF'],
  ])('%s → roxchat-link-malformed', async (_name, raw) => {
    expect(await errorCodes(`https://c.example/client.php?provided-visitor=${raw}`)).toEqual(['roxchat-link-malformed'])
  })

  it('a lone surrogate written as a JSON escape is refused by the field check', async () => {
    const visitor = `{"fields":{"id":"1","display_name":"\\ud800"},"hash":"x"}`
    expect(await errorCodes(`https://c.example/client.php?provided-visitor=${encodeURIComponent(visitor)}`)).toEqual(['wrong-provided-visitor-field-value'])
  })

  it('the parameter twice, once percent-encoded, once not, is refused', async () => {
    expect(await errorCodes('https://c.example/l/v/m/init?visitor-ext={}&visitor%2Dext={}')).toEqual(['roxchat-link-duplicate-parameter'])
  })

  it('a visitor nested in a visitor is malformed, not read twice', async () => {
    const inner = encodeURIComponent(`https://c.example/client.php?provided-visitor=${encodeURIComponent('{"id":"1"}')}`)
    // The outer parameter's value is a URL, not JSON.
    expect(await errorCodes(`https://c.example/client.php?provided-visitor=${inner}`)).toEqual(['roxchat-link-malformed'])
  })

  it('duplicate members inside the visitor JSON are reported as for any visitor', async () => {
    const text = `{"fields":{"id":"1","id":"2"},"hash":"x"}`
    const inspection = await inspect(`https://c.example/client.php?provided-visitor=${encodeURIComponent(text)}`, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.warnings.map((warning) => warning.code)).toContain('roxchat-duplicate-member')
  })
})

describe('v1 visitors', () => {
  it('members named after Object.prototype in page script stay fields and verify', async () => {
    const fields = JSON.parse('{"id":"1","__proto__":"p","hasOwnProperty":"h"}') as Record<string, string>
    const crc = md5Crc(fields)
    const inspection = await inspect(`webim_visitor = {id: "1", "__proto__": "p", hasOwnProperty: "h", crc: "${crc}"};`, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
    expect(inspection.verdict).toBe('verified')
    expect(({} as Record<string, unknown>)['id']).toBeUndefined()
  })

  it('an object value or an array for a field is refused as a field value, not hashed', async () => {
    expect(await errorCodes(JSON.stringify({ id: '1', info: { toString: 'x' }, crc: 'x' }))).toEqual(['wrong-provided-visitor-field-value'])
    expect(await errorCodes(JSON.stringify({ id: ['1'], crc: 'x' }))).toEqual(['wrong-provided-visitor-field-value'])
  })

  it('ten thousand fields verify', async () => {
    const fields: Record<string, string> = { id: '1' }
    for (let index = 0; index < 10_000; index++) fields[`f${index}`] = `v${index}`
    expect(await errorCodes(JSON.stringify({ ...fields, crc: md5Crc(fields) }))).toEqual([])
  })

  it('a page saved in cp1251 is not UTF-8 text: the file is refused as unreadable, not misread', async () => {
    const fields = { id: '7', display_name: 'Иван' }
    const file = join(folder.dir, 'cp1251-page.js')
    await writeFile(file, iconv.encode(`webim_visitor = ${JSON.stringify({ ...fields, crc: md5Crc(fields) })};`, 'cp1251'))
    const run = await cli(['inspect', file, '--key', demoKeys, '--json'])
    expect(run.status).not.toBe(0)
    expect(run.stdout).toContain('input-unreadable')
  })
})
