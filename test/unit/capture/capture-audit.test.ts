/**
 * The capture audit's pure parts: the key store's secrets found in every encoding and never
 * shown, client-side signing with a masked and escaped excerpt, the renewal timeline, and
 * verdicts judged at the operator's time.
 */
import { describe, expect, it } from 'vitest'
import {
  CAPTURE_LIMITS,
  CaptureAudit,
  SecretSearch,
  buildRenewalTimelines,
  evidenceExcerpt,
  findClientSigning,
  asciiLower,
  type CaptureIdentity,
  type CaptureText,
  type TimelineIdentity,
} from '../../../electron/core/capture'
import type { Inspection } from '../../../electron/common/inspection'
import { DEFAULT_SETTINGS } from '../../../electron/common/settings'
import { manifest, ringFrom } from '../core/helpers'
import { HS, ROX, hsToken, roxchatVisitor } from './session'

const at = (time: string): number => Math.floor(Date.parse(time) / 1000)
const key = (secret: string, kid = 'k1') => ({ scheme: 'roxchat' as const, kid, fingerprint: `secret:${kid}`, secret })

describe('SecretSearch', () => {
  const secret = 'rox-site-private-key>>2718'
  const bytes = Buffer.from(secret, 'utf8')
  const search = new SecretSearch([key(secret)], 8)

  it.each([
    ['text', secret],
    ['text', secret.toUpperCase()],
    ['hex', bytes.toString('hex')],
    ['hex', bytes.toString('hex').toUpperCase()],
    ['base64', bytes.toString('base64')],
    ['base64', bytes.toString('base64').replace(/=+$/, '')],
    ['base64url', bytes.toString('base64url')],
    ['base64url', `${bytes.toString('base64url')}==`],
  ])('finds the secret %s-encoded (%s) in any case, padded or not', (encoding, form) => {
    const text = `var x = 1;\nsend("${form}")`
    const found = search.find(text)
    expect(found.map((match) => match.encoding)).toContain(encoding)
    expect(found[0]?.offset).toBe(text.indexOf(form))
    expect(JSON.stringify(found)).not.toContain(secret)
  })

  it('finds a hex secret (RingCX) by the bytes it spells too', () => {
    const hex = HS.secret
    const spelled = Buffer.from(hex, 'hex')
    const ringcx = new SecretSearch([{ scheme: 'ringcx', kid: 'hs', fingerprint: 'secret:hs', secret: hex }], 8)
    expect(ringcx.find(spelled.toString('base64')).map((match) => match.encoding)).toEqual(['base64'])
    expect(ringcx.find(spelled.toString('base64url')).map((match) => match.encoding)).toContain('base64url')
    expect(ringcx.find(hex.toUpperCase()).map((match) => match.encoding)).toEqual(['text'])
  })

  it('does not search for a secret under the minimum length, and says which key', () => {
    const short = new SecretSearch([key('abc1234', 'short'), key(secret, 'long')], 8)
    expect(short.tooShort.map((entry) => entry.kid)).toEqual(['short'])
    expect(short.find('abc1234 abc1234')).toEqual([])
  })

  it('masks every appearance in any encoding, and widens an excerpt so that it cuts through none', () => {
    const text = `a=${secret}&b=${bytes.toString('hex').toUpperCase()}&c=${secret}`
    expect(search.mask(text)).toBe('a=[secret k1]&b=[secret k1]&c=[secret k1]')
    expect(search.cover(text, 5, 8)).toEqual([2, 2 + secret.length])
  })

  it('lower-cases A-Z only, keeping offsets', () => {
    expect(asciiLower('İABC')).toHaveLength(4)
    expect(asciiLower('İABC').slice(1)).toBe('abc')
  })
})

describe('findClientSigning', () => {
  const none = new SecretSearch([], 8)
  const find = (text: string, secrets = none) => findClientSigning(text, asciiLower(text), secrets, 5, 240)

  it('finds an HMAC next to roxchat_visitor, with a one-line excerpt', () => {
    const text = 'var roxchat_visitor = {fields: f};\n  roxchat_visitor.hash = CryptoJS.HmacSHA256(message, key).toString();'
    const [match, ...rest] = find(text)
    expect(rest).toEqual([])
    expect(match).toMatchObject({ scheme: 'roxchat', signal: 'hmac', offset: text.indexOf('CryptoJS'), commented: false })
    expect(match?.evidence).toBe('var roxchat_visitor = {fields: f}; roxchat_visitor.hash = CryptoJS.HmacSHA256(message, key).toString();')
  })

  it.each([
    ['sha256', 'webim_visitor.crc = sha256(values + key)', 'hash'],
    ['md5 (v1 crc)', 'webim_visitor = {id: 1, crc: hex_md5(values + key)}', 'hash'],
    ['createHmac', 'roxchat_visitor.hash = createHmac("sha256", key).update(m).digest("hex")', 'hmac'],
    ['WebCrypto', 'const k = await crypto.subtle.importKey("raw", key, {name: "HMAC"}); roxchat_visitor.hash = x', 'webcrypto'],
    ['a JWT signed with jose', 'const jwt = await new jose.SignJWT(claims).sign(key); _chatq.push(["_setSignedIdentity", jwt])', 'jwt-signing'],
    ['a JWT signed with jsrsasign', 'var t = KJUR.jws.JWS.sign("HS256", h, p, key); _chatq.push(["_setSignedIdentity", t]);', 'jwt-signing'],
  ])('finds %s', (_name, text, signal) => {
    expect(find(text).map((match) => match.signal)).toEqual([signal])
  })

  it('ignores crypto far from any identity, and identities without crypto', () => {
    expect(find(`CryptoJS.HmacSHA256(a, b);${' '.repeat(2000)}roxchat_visitor = {}`)).toEqual([])
    expect(find('roxchat_visitor = {fields: {id: "1"}, hash: "ab"}')).toEqual([])
  })

  it('counts one call matched by two patterns once', () => {
    expect(find('roxchat_visitor.hash = sha256.hmac(key, message)').map((match) => match.signal)).toEqual(['hmac'])
  })

  it('says when the call sits in a comment', () => {
    expect(find('roxchat_visitor = v; // v.hash = CryptoJS.HmacSHA256(m, k)')[0]?.commented).toBe(true)
  })

  it('finds a PEM private key in a page and shows only its first line', () => {
    const text = 'var pem = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----"'
    const [match] = find(text)
    expect(match).toMatchObject({ scheme: 'ringcx', signal: 'private-key', evidence: '-----BEGIN PRIVATE KEY-----' })
  })

  it('masks known secrets and key-like literals in the excerpt, escapes invisible characters, and cuts it', () => {
    const secret = ROX.secret
    const search = new SecretSearch([key(secret, 'rox_site')], 8)
    const text = `roxchat_visitor.hash = CryptoJS.HmacSHA256(m, "${secret}") + CryptoJS.HmacSHA256(m, 'a1b2c3d4e5f6a7b8c9') /* \u001b[31m \u202e */`
    const [first] = find(text, search)
    expect(first?.evidence).toContain('"[secret rox_site]"')
    expect(first?.evidence).toContain("'…(18 characters masked)'")
    expect(first?.evidence).toContain('\\u001B[31m \\u202E')
    expect(first?.evidence).not.toContain(secret)
    const long = `roxchat_visitor.hash = CryptoJS.HmacSHA256(${'m + '.repeat(200)}k)`
    expect(evidenceExcerpt(long, long.indexOf('CryptoJS'), search, 240).length).toBeLessThanOrEqual(240)
  })

  it('never shows part of a secret that the excerpt would cut', () => {
    const secret = ROX.secret
    const search = new SecretSearch([key(secret, 'rox_site')], 8)
    const text = `k = "${secret}"${' '.repeat(60)}; roxchat_visitor.hash = CryptoJS.HmacSHA256(m, k)`
    const evidence = find(text, search)[0]?.evidence ?? ''
    for (let start = 0; start + 6 <= secret.length; start++) expect(evidence).not.toContain(secret.slice(start, start + 6))
  })
})

function inspectionWith(claims: Record<string, unknown>, verdict: Inspection['verdict'] = 'verified'): Inspection {
  return {
    scheme: 'ringcx', verdict, errors: [], warnings: [], checks: [], key: null,
    expiry: { expiresAt: null, secondsLeft: null, status: 'none' }, fields: [], unmapped: [], rejectedFields: [],
    now: '2026-03-01T12:00:00.000Z', appliedFromSample: [], raw: { header: { alg: 'HS256' }, claims },
  }
}

describe('buildRenewalTimelines', () => {
  const sighting = (index: number, time: string, exp: string, extra: Partial<TimelineIdentity> = {}): TimelineIdentity => ({
    index, capture: 'c.har', time, commented: false, inspection: inspectionWith({ uuid: 'u-1', exp: at(exp) }), ...extra,
  })

  it('follows one visitor\'s tokens: in time, under the minimum, after expiry; the same token counted once', () => {
    const [timeline, ...others] = buildRenewalTimelines([
      sighting(0, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'),
      sighting(1, '2026-03-01T10:05:00Z', '2026-03-01T12:00:00Z'),
      sighting(2, '2026-03-01T10:30:00Z', '2026-03-01T12:30:00Z'),
      sighting(3, '2026-03-01T11:45:00Z', '2026-03-01T13:30:00Z'),
      sighting(4, '2026-03-01T14:00:00Z', '2026-03-01T14:30:00Z'),
    ], new Map([['c.har', { start: Date.parse('2026-03-01T09:00:00Z'), end: Date.parse('2026-03-01T14:10:00Z') }]]), 3600)
    expect(others).toEqual([])
    expect(timeline?.visitor).toBe('u-1')
    expect(timeline?.tokens.map((token) => [token.identity, token.seen, token.renewal, token.freshness])).toEqual([
      [0, 2, null, 'fresh'],
      [2, 1, 'in-time', 'fresh'],
      [3, 1, 'under-minimum', 'fresh'],
      [4, 1, 'after-expiry', 'under-minimum'],
    ])
    expect(timeline?.tokens[0]?.lastSeen).toBe('2026-03-01T10:05:00.000Z')
    expect(timeline?.tokens[0]?.secondsLeftWhenSet).toBe(7200)
    expect(timeline).toMatchObject({ start: '2026-03-01T09:00:00.000Z', end: '2026-03-01T14:10:00.000Z', lapsedAtEnd: true })
  })

  it('leaves out commented-out identities, identities without a time or a uuid, and other visitors apart', () => {
    const timelines = buildRenewalTimelines([
      sighting(0, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z', { commented: true }),
      { ...sighting(1, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'), time: null },
      { ...sighting(2, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'), inspection: inspectionWith({ exp: 1 }) },
      sighting(3, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'),
      { ...sighting(4, '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'), inspection: inspectionWith({ uuid: 'u-2', exp: at('2026-03-01T10:30:00Z') }) },
    ], new Map(), 3600)
    expect(timelines.map((timeline) => [timeline.visitor, timeline.tokens.map((token) => token.identity), timeline.lapsedAtEnd])).toEqual([['u-1', [3], false], ['u-2', [4], true]])
    expect(timelines[1]?.tokens[0]?.freshness).toBe('under-minimum')
  })
})

describe('CaptureAudit', () => {
  const keysFile = manifest(HS, ROX)
  const location = { capture: 'c.har', entry: 0, url: 'https://www.example.com/', part: 'response-body' as const, time: '2026-03-01T10:00:00.000Z' }

  async function run(texts: readonly CaptureText[], now: Date, limits = {}): Promise<{ identities: CaptureIdentity[]; result: ReturnType<CaptureAudit['finish']> }> {
    const identities: CaptureIdentity[] = []
    const audit = new CaptureAudit({ keys: await ringFrom(keysFile), settings: DEFAULT_SETTINGS, now, onIdentity: (identity) => void identities.push(identity), limits })
    for (const text of texts) await audit.addText(text)
    audit.captureDone('c.har')
    return { identities, result: audit.finish() }
  }

  it('judges every identity at the operator\'s time, never at the capture\'s', async () => {
    // Valid for two hours at capture time, expired at the operator's.
    const token = await hsToken({ uuid: 'u-1', exp: at('2026-03-01T12:00:00Z') })
    const text = { location, text: `_chatq.push(["_setSignedIdentity", "${token}"])`, script: true }
    const later = await run([text], new Date('2026-03-01T13:00:00Z'))
    expect(later.identities[0]?.inspection).toMatchObject({ verdict: 'rejected', now: '2026-03-01T13:00:00.000Z' })
    expect(later.identities[0]?.inspection.errors.map((error) => error.code)).toEqual(['ringcx-jwt-expired'])
    const earlier = await run([text], new Date('2026-03-01T09:00:00Z'))
    expect(earlier.identities[0]?.inspection.verdict).toBe('verified')
    expect(earlier.identities[0]?.location).toEqual({ ...location, line: 1, column: 1 })
  })

  it('reports a commented-out call as such and never inspects it as the live call', async () => {
    const token = await hsToken({ uuid: 'u-1', exp: at('2026-03-01T18:00:00Z') })
    const { identities, result } = await run([{ location, text: `<!-- _chatq.push(["_setSignedIdentity", "${token}"]) -->`, script: true }], new Date('2026-03-01T12:00:00Z'))
    expect(identities).toHaveLength(1)
    expect(identities[0]).toMatchObject({ commented: true, formName: 'a _setSignedIdentity call' })
    expect(identities[0]?.inspection).toMatchObject({ verdict: 'rejected', key: null, fields: [] })
    expect(identities[0]?.inspection.errors.map((error) => error.code)).toEqual(['input-identity-commented-out'])
    expect(result.summary).toMatchObject({ identities: 1, verified: 0, rejected: 1 })
  })

  it('reports a leaked secret by Key ID and fingerprint with its place, never the secret, and masks it in the URL', async () => {
    const visitor = roxchatVisitor({ id: '1' }, at('2026-03-02T00:00:00Z'))
    const { result } = await run([
      { location: { ...location, url: `https://x.example/?k=${ROX.secret}` }, text: `roxchat_visitor = ${visitor};\nvar k = "${Buffer.from(ROX.secret).toString('base64')}"`, script: true },
    ], new Date('2026-03-01T12:00:00Z'))
    expect(result.findings).toEqual([{
      kind: 'leaked-secret', scheme: 'roxchat', kid: ROX.kid, fingerprint: expect.stringMatching(/^secret:/),
      location: { ...location, url: `https://x.example/?k=[secret ${ROX.kid}]`, line: 2, column: 10 }, encoding: 'base64',
    }])
    expect(JSON.stringify(result)).not.toContain(ROX.secret)
  })

  it('keeps identities and findings within their limits and counts the rest as skipped', async () => {
    const token = await hsToken({ uuid: 'u-1', exp: at('2026-03-01T18:00:00Z') })
    const many = Array.from({ length: 5 }, () => `_chatq.push(["_setSignedIdentity", "${token}"]); k = "${HS.secret}";`).join('\n')
    const texts = Array.from({ length: 3 }, (_, entry) => ({ location: { ...location, entry }, text: many, script: true }))
    const { identities, result } = await run(texts, new Date('2026-03-01T12:00:00Z'), { maxIdentities: 4, maxFindings: 2 })
    expect(identities).toHaveLength(4)
    expect(result.findings).toHaveLength(2)
    // Past the limit, each text with more identities counts once; the third finding is one more.
    expect(result.summary).toMatchObject({ identities: 4, leakedSecrets: 2, skipped: 2 + 1 })
    expect(result.notices.map((notice) => notice.code)).toEqual(['identities-limit', 'findings-limit'])
  })

  it('finds jwt_identity at the start of a form body, by its & prefix', async () => {
    const token = await hsToken({ uuid: 'u-1', exp: at('2026-03-01T18:00:00Z') })
    const { identities } = await run([{ location: { ...location, part: 'request-body' }, text: `jwt_identity=${token}&x=1`, script: false, identityPrefix: '&' }], new Date('2026-03-01T12:00:00Z'))
    expect(identities.map((identity) => [identity.inspection.verdict, identity.location.column])).toEqual([['verified', 1]])
  })

  it('has limits that bound memory and output', () => {
    expect(CAPTURE_LIMITS.minSecretLength).toBe(8)
    expect(CAPTURE_LIMITS.maxEvidenceLength).toBeLessThanOrEqual(240)
  })
})
