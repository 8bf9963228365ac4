import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect } from '../../../../electron/core/inspect'
import type { KeyRing } from '../../../../electron/core/key-ring'
import { listIdentities } from '../../../../electron/core/payload-detect'
import { decodeQueryComponent } from '../../../../electron/core/roxchat/link'
import { DEFAULT_SETTINGS } from '../../../../electron/common/settings'
import { MAX_INPUT_BYTES } from '../../../../electron/common/limits'
import { NOW, NOW_S, manifest, ringFrom, roxchatVisitor } from '../helpers'

/** A key this test owns. */
const KEY = 'link-test-key-5be1'

let ring: KeyRing
beforeAll(async () => {
  ring = await ringFrom(manifest({ scheme: 'roxchat', kid: 'site', secret: KEY }))
})

const FIELDS = { id: '314', display_name: 'John Smith', phone: '+15550100' }
const v2 = () => roxchatVisitor(FIELDS, { secret: KEY, expires: NOW_S + 7200 })
const v1 = () => {
  const message = [FIELDS.display_name, FIELDS.id, FIELDS.phone].join('')
  return { ...FIELDS, crc: createHash('md5').update(message + KEY).digest('hex') }
}
const encoded = (value: unknown) => encodeURIComponent(JSON.stringify(value))
const inspectText = (text: string) => inspect(text, { keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
const errorCodes = async (text: string) => (await inspectText(text)).errors.map((error) => error.code)

describe('client.php chat links (provided-visitor)', () => {
  it('verifies a v2 visitor passed URL-encoded in provided-visitor', async () => {
    const inspection = await inspectText(`https://chat.example.com/client.php?location=default&provided-visitor=${encoded(v2())}`)
    expect(inspection.scheme).toBe('roxchat')
    expect(inspection.verdict).toBe('verified')
    expect(inspection.raw.form).toBe('chat-link')
  })

  it('verifies a v1 visitor passed the same way', async () => {
    const inspection = await inspectText(`https://chat.example.com/client.php?provided-visitor=${encoded(v1())}&location=x`)
    expect(inspection.verdict).toBe('verified')
    expect(inspection.warnings.map((warning) => warning.code)).toContain('roxchat-v1-visitor')
  })

  it('decodes "+" as a space, as a server reads a query', async () => {
    const text = encoded(v2()).replace(/%20/g, '+')
    expect(text).toContain('John+Smith')
    expect((await inspectText(`https://c.example/client.php?provided-visitor=${text}`)).verdict).toBe('verified')
    expect(decodeQueryComponent('a+b%2Bc')).toBe('a b+c')
  })

  it('finds the link inside HTML and flags a commented-out one before the live one', async () => {
    const page = `<!-- <a href="https://c.example/client.php?provided-visitor=${encoded({ ...v2(), hash: 'old' })}">old</a> -->
<a href="https://c.example/client.php?provided-visitor=${encoded(v2())}">chat</a>`
    expect(listIdentities(page).map((identity) => [identity.form, identity.commented])).toEqual([['chat-link', true], ['chat-link', false]])
    expect((await inspectText(page)).verdict).toBe('verified')
  })
})

describe('mobile SDK init requests (visitor-ext)', () => {
  it.each([
    ['the current init path', '/l/v/m/init?event=init'],
    ['the legacy delta path (Android SDK up to 3.0.1)', '/l/v/m/delta?event=init'],
  ])('verifies the v2 visitor of %s', async (_name, path) => {
    const inspection = await inspectText(`https://demo.rox.chat${path}&platform=android&visitor-ext=${encoded(v2())}&title=Main`)
    expect(inspection.verdict).toBe('verified')
    expect(inspection.raw.form).toBe('sdk-init')
    expect(listIdentities(`GET ${path}&visitor-ext=${encoded(v2())}`)[0]?.form).toBe('sdk-init-request')
  })
})

describe('hostile URLs', () => {
  it('refuses bad percent-encoding with roxchat-link-malformed', async () => {
    expect(await errorCodes('https://c.example/client.php?provided-visitor=%7B%22id%22%3A%ZZ')).toEqual(['roxchat-link-malformed'])
    // %C3%28 is not UTF-8.
    expect(await errorCodes('https://c.example/l/v/m/init?event=init&visitor-ext=%C3%28')).toEqual(['roxchat-link-malformed'])
  })

  it('refuses an empty parameter and one that is not JSON', async () => {
    expect(await errorCodes('https://c.example/client.php?provided-visitor=&x=1')).toEqual(['roxchat-link-malformed'])
    expect(await errorCodes('https://c.example/client.php?provided-visitor=hello')).toEqual(['roxchat-link-malformed'])
    expect(await errorCodes(`https://c.example/client.php?provided-visitor=${encodeURIComponent('[1,2]')}`)).toEqual(['roxchat-visitor-malformed'])
  })

  it('refuses a parameter given twice, as one identity, whichever copy is valid', async () => {
    const url = `https://c.example/client.php?provided-visitor=${encoded(v2())}&provided-visitor=${encoded({ ...v2(), hash: 'x' })}`
    expect(listIdentities(url)).toHaveLength(1)
    expect(await errorCodes(url)).toEqual(['roxchat-link-duplicate-parameter'])
    // An encoded name is the same parameter.
    expect(await errorCodes(`${url.split('&')[0] ?? ''}&provided%2Dvisitor=1`)).toEqual(['roxchat-link-duplicate-parameter'])
  })

  it('refuses nesting deeper than the limit before parsing it', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000)
    expect(await errorCodes(`https://c.example/client.php?provided-visitor=${encodeURIComponent(`{"fields":${deep}}`)}`)).toEqual(['input-too-deep'])
  })

  it('refuses a URL over the input limit, and reads one just under it', async () => {
    expect(await errorCodes(`https://c.example/client.php?provided-visitor=${'a'.repeat(MAX_INPUT_BYTES)}`)).toEqual(['input-too-large'])
    const big = roxchatVisitor({ id: '1', info: 'x'.repeat(400_000) }, { secret: KEY, expires: NOW_S + 60 })
    expect((await inspectText(`https://c.example/client.php?provided-visitor=${encoded(big)}`)).verdict).toBe('verified')
  })

  it('keeps prototype names in the visitor as fields', async () => {
    const fields = JSON.parse('{"id":"1","__proto__":"p","constructor":"c"}') as Record<string, string>
    const inspection = await inspectText(`https://c.example/client.php?provided-visitor=${encoded(roxchatVisitor(fields, { secret: KEY }))}`)
    expect(inspection.verdict).toBe('verified')
    expect(inspection.unmapped.map((field) => field.name).sort()).toEqual(['__proto__', 'constructor'])
  })

  it('reads a URL that repeats the parameter 20,000 times as one identity', () => {
    const page = '?provided-visitor='.repeat(20_000)
    const listed = listIdentities(page, { limit: 10 })
    expect(listed).toHaveLength(1)
  })
})

describe('a literal "+" in a URL', () => {
  it('is read as a space, and warned about: a phone number sent so loses its plus', async () => {
    const visitor = roxchatVisitor({ id: '1', phone: '+15550100' }, { secret: KEY, expires: NOW_S + 7200 })
    const careless = encodeURIComponent(JSON.stringify(visitor)).replace(/%2B/g, '+')
    const inspection = await inspectText(`https://c.example/client.php?provided-visitor=${careless}`)
    expect(inspection.errors.map((error) => error.code)).toEqual(['wrong-provided-visitor-hash-value'])
    expect(inspection.warnings.map((warning) => warning.code)).toContain('roxchat-link-plus-as-space')
    const careful = await inspectText(`https://c.example/client.php?provided-visitor=${encoded(visitor)}`)
    expect(careful.warnings.map((warning) => warning.code)).not.toContain('roxchat-link-plus-as-space')
  })
})
