/**
 * Several identities in one page: every one is found in page order, a commented-out one is
 * never taken silently, the first live one is inspected and the others are reported.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { inspect, type InspectOptions } from '../../../electron/core/inspect'
import type { KeyRing } from '../../../electron/core/key-ring'
import { detectPayload } from '../../../electron/core/payload-detect'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { HS_SECRET, HS_SECRET_2, NOW, ROX_SECRET, checkOf, codes, goodClaims, manifest, ringFrom, roxchatVisitor, signToken, warningCodes } from '../core/helpers'

let ring: KeyRing
/** The live visitor's token, and a validly signed one of somebody else left in the page. */
let real: string
let other: string
/** Signed with a key the store does not hold. */
let forged: string

beforeAll(async () => {
  ring = await ringFrom(manifest(
    { scheme: 'ringcx', kid: 'hs_main', secret: HS_SECRET },
    { scheme: 'roxchat', kid: 'main', secret: ROX_SECRET },
  ))
  real = await signToken(goodClaims({ uuid: 'visitor-42' }), { key: HS_SECRET })
  other = await signToken(goodClaims({ uuid: 'someone-else' }), { key: HS_SECRET })
  forged = await signToken(goodClaims({ uuid: 'visitor-42', firstname: 'Mallory' }), { key: HS_SECRET_2 })
})

const options: () => InspectOptions = () => ({ keys: ring, settings: DEFAULT_SETTINGS, now: NOW })
const signedCall = (token: string): string => `_chatq.push(["_setSignedIdentity", "${token}"]);`
const uuidOf = (inspection: Awaited<ReturnType<typeof inspect>>): string | undefined => inspection.fields.find((field) => field.name === 'uuid')?.value

describe('a commented-out identity before the live one', () => {
  it.each([
    ['an HTML comment', (token: string) => `<!-- old: <script>${signedCall(token)}</script> -->\n<script>\n  ${signedCall('REAL')}\n</script>`],
    ['a // comment', (token: string) => `<script>\n  // ${signedCall(token)}\n  ${signedCall('REAL')}\n</script>`],
    ['a /* */ comment', (token: string) => `<script>\n  /*\n  ${signedCall(token)}\n  */ ${signedCall('REAL')}\n</script>`],
    ['a // comment in bare script', (token: string) => `// ${signedCall(token)}\n${signedCall('REAL')}`],
  ])('in %s is skipped: the live identity is inspected, and the ignored one reported', async (_label, page) => {
    for (const commented of [forged, other]) {
      const text = page(commented).replace('REAL', real)
      const inspection = await inspect(text, options())
      expect(inspection.verdict).toBe('verified')
      expect(uuidOf(inspection)).toBe('visitor-42')
      expect(warningCodes(inspection)).toEqual(['input-commented-identity'])
      expect(detectPayload(text).identities.map((identity) => identity.commented)).toEqual([true, false])
    }
  })

  it('is skipped for Rox.Chat visitors and chat URLs too', async () => {
    const visitor = JSON.stringify(roxchatVisitor({ id: '7', display_name: 'Ann' }))
    const stale = JSON.stringify(roxchatVisitor({ id: '666', display_name: 'Someone else' }))
    const rox = await inspect(`<script>/* roxchat_visitor = ${stale}; */\nroxchat_visitor = ${visitor};</script>`, options())
    expect(rox.verdict).toBe('verified')
    expect(rox.fields.find((field) => field.name === 'id')?.value).toBe('7')
    expect(warningCodes(rox)).toEqual(['input-commented-identity'])

    const url = await inspect(`<!-- <iframe src="https://chat.example.com/?jwt_identity=${other}"></iframe> -->\n<iframe src="https://chat.example.com/?jwt_identity=${real}"></iframe>`, options())
    expect(uuidOf(url)).toBe('visitor-42')
    expect(warningCodes(url)).toEqual(['input-commented-identity'])
  })
})

describe('a page whose only identity is commented out', () => {
  it.each([
    ['an HTML comment', (token: string) => `<html><!-- <script>${signedCall(token)}</script> --></html>`],
    ['a // comment', (token: string) => `<script>// ${signedCall(token)}\n</script>`],
    ['a /* */ comment left open', (token: string) => `/* ${signedCall(token)}`],
    ['a chat URL in an HTML comment', (token: string) => `<!-- https://chat.example.com/?jwt_identity=${token} -->`],
  ])('in %s is rejected, even with a valid token', async (_label, page) => {
    const inspection = await inspect(page(real), options())
    expect(inspection.verdict).toBe('rejected')
    expect(codes(inspection)).toEqual(['input-identity-commented-out'])
    expect(checkOf(inspection, 'format')).toMatchObject({ status: 'fail', code: 'input-identity-commented-out' })
    expect(inspection.scheme).toBe('ringcx')
    expect(inspection.fields).toEqual([])
    expect(inspection.key).toBeNull()
  })

  it('is rejected inside a sample file too', async () => {
    const inspection = await inspect({ payload: `<!-- roxchat_visitor = ${JSON.stringify(roxchatVisitor({ id: '7' }))}; -->` }, options())
    expect(codes(inspection)).toEqual(['input-identity-commented-out'])
    expect(inspection.scheme).toBe('roxchat')
  })
})

describe('several live identities', () => {
  it('inspects the first, in page order, and says how many there were and where', async () => {
    const text = `<script>\n${signedCall(other)}\n</script>\n<iframe src="https://chat.example.com/?jwt_identity=${real}"></iframe>\n<script>roxchat_visitor = null;</script>`
    const inspection = await inspect(text, options())
    expect(inspection.verdict).toBe('verified')
    expect(uuidOf(inspection)).toBe('someone-else')
    expect(warningCodes(inspection)).toEqual(['input-several-identities'])
    const { identities } = detectPayload(text)
    expect(identities.map(({ form, line, commented }) => ({ form, line, commented }))).toEqual([
      { form: 'signed-identity-call', line: 2, commented: false },
      { form: 'chat-url', line: 4, commented: false },
      { form: 'visitor-assignment', line: 5, commented: false },
    ])
    expect(identities.map((identity) => text.slice(identity.offset, identity.offset + 6))).toEqual(['_chatq', '?jwt_i', 'roxcha'])
  })

  it('reports both the other live ones and the commented-out ones', async () => {
    const text = `<!-- ${signedCall(forged)} -->\n<script>${signedCall(real)} ${signedCall(other)}</script>`
    const inspection = await inspect(text, options())
    expect(uuidOf(inspection)).toBe('visitor-42')
    expect(warningCodes(inspection)).toEqual(['input-several-identities', 'input-commented-identity'])
  })

  it('keeps a long list of them short', async () => {
    const text = Array.from({ length: 3000 }, () => `https://chat.example.com/?jwt_identity=${real}`).join('\n')
    const inspection = await inspect(text, options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual(['input-several-identities'])
    expect(inspection.warnings[0]?.message.length).toBeLessThan(1000)
  })
})

describe('what is not an identity', () => {
  it('a comparison with the visitor variable assigns nothing', async () => {
    const text = `<script>if (roxchat_visitor == null || webim_visitor === undefined) {}\n${signedCall(real)}</script>`
    const inspection = await inspect(text, options())
    expect(inspection.verdict).toBe('verified')
    expect(warningCodes(inspection)).toEqual([])
    expect(detectPayload(text).identities.map((identity) => identity.form)).toEqual(['signed-identity-call'])
  })
})

describe('what is not a comment', () => {
  it.each([
    ['a bare chat URL', (token: string) => `https://chat.example.com/chat?community=demo&jwt_identity=${token}`],
    ['a chat URL in a script string', (token: string) => `<script>var url = "https://chat.example.com/?jwt_identity=${token}"; // loads the chat\n</script>`],
    ['comment markers inside strings', (token: string) => `<script>var a = "// not a comment", b = '/* nor this'; ${signedCall(token)}</script>`],
    ['a division before the call', (token: string) => `var half = total / 2; ${signedCall(token)} var rest = total / 2;`],
    ['a regular expression with slashes and quotes', (token: string) => `<script>var re = /["'\\/]+/g; ${signedCall(token)}</script>`],
    ['an HTML comment closed before the call', (token: string) => `<!-- the chat -->\n<script>${signedCall(token)}</script>`],
  ])('%s leaves the identity live, without warnings', async (_label, page) => {
    const inspection = await inspect(page(real), options())
    expect(inspection.verdict).toBe('verified')
    expect(uuidOf(inspection)).toBe('visitor-42')
    expect(warningCodes(inspection)).toEqual([])
  })
})

describe('hostile page text', () => {
  it.each([
    ['unclosed script tags', '<script'.repeat(140_000)],
    ['script tags without content ends', '<script>'.repeat(120_000)],
    ['open comments', '<!--'.repeat(250_000)],
    ['slashes', '/'.repeat(1_000_000)],
    ['quotes and slashes', '"/\'/`/'.repeat(160_000)],
  ])('is scanned quickly: %s', async (_label, filler) => {
    const started = performance.now()
    const inspection = await inspect(`${filler}\n${signedCall(real)}`.slice(-1_000_000), options())
    expect(performance.now() - started).toBeLessThan(2000)
    expect(inspection.verdict === 'verified' || codes(inspection).includes('input-identity-commented-out')).toBe(true)
  })
})
