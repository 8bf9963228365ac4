/**
 * A browser session the capture tests build: a site that sets a RingCX token, renews it late,
 * keeps an old call in a comment, builds a Rox.Chat visitor with an HMAC in page script (its key
 * in the page), and leaks that key again in a URL and a form body. Keys are the test's own;
 * tokens and hashes are made here with jose and node:crypto, independently of the core.
 */
import { createHmac } from 'node:crypto'
import { SignJWT } from 'jose'
import { harEntry, harText } from './har-builder'

export const HS = { scheme: 'ringcx', kid: 'hs_site', alg: 'HS256', secret: '7c1e9a0b5d3f46e2a8b4c6d0' } as const
/** Its base64 holds a "+": in a form body it is percent-encoded, found only once decoded. */
export const ROX = { scheme: 'roxchat', kid: 'rox_site', secret: 'rox-site-private-key>>2718' } as const
export const KEYS_MANIFEST = `${JSON.stringify({ keys: [HS, ROX] })}\n`

/** The operator's time: every identity is judged at it. */
export const JUDGED_AT = new Date('2026-03-01T12:00:00.000Z')
const at = (time: string): number => Math.floor(Date.parse(time) / 1000)

export function roxchatVisitor(fields: Readonly<Record<string, string>>, expires: number, secret: string = ROX.secret): string {
  const names = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  const message = names.map((name) => fields[name]).join('') + String(expires)
  const hash = createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
  return JSON.stringify({ fields, expires, hash })
}

export function hsToken(claims: Record<string, unknown>, secret: string = HS.secret, kid: string = HS.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(new TextEncoder().encode(secret))
}

export interface Session {
  readonly har: string
  /** What the audit must find, in capture order. */
  readonly tokens: { readonly first: string; readonly renewed: string; readonly old: string }
  readonly visitor: string
}

export async function buildSession(): Promise<Session> {
  // Set at 10:00 with 1 h 20 min left; renewed at 10:30, when it had only 50 min: under the minimum.
  const first = await hsToken({ uuid: 'u-1', firstname: 'Ann', iat: at('2026-03-01T10:00:00Z'), exp: at('2026-03-01T11:20:00Z') })
  const renewed = await hsToken({ uuid: 'u-1', firstname: 'Ann', iat: at('2026-03-01T10:30:00Z'), exp: at('2026-03-01T15:00:00Z') })
  const old = await hsToken({ uuid: 'u-1', firstname: 'Old', exp: at('2026-03-01T18:00:00Z') })
  const visitor = roxchatVisitor({ id: '42', display_name: 'Ann' }, at('2026-03-02T12:00:00Z'))
  const roxBase64 = Buffer.from(ROX.secret, 'utf8').toString('base64')
  const roxHex = Buffer.from(ROX.secret, 'utf8').toString('hex').toUpperCase()

  const page = `<!doctype html><html><head><title>Account</title>
<!-- the old integration: _chatq.push(["_setSignedIdentity", "${old}"]); -->
<script>
  window._chatq = window._chatq || [];
  _chatq.push(["_setSignedIdentity", "${first}"]);
</script></head><body>Hello</body></html>`
  const appJs = `(function () {
  var message = "Ann" + "42" + String(expires);
  // The visitor is signed here, in the browser: the key is in the page.
  var roxchat_visitor = ${visitor};
  roxchat_visitor.hash = CryptoJS.HmacSHA256(message, "${ROX.secret}").toString();
})();`
  const renewScript = `_chatq.push(["_setSignedIdentity", "${renewed}"]);`

  const har = harText([
    harEntry({ url: 'https://www.example.com/account', time: '2026-03-01T10:00:00.000Z', response: { mimeType: 'text/html', text: page } }),
    harEntry({ url: `https://chat.example.com/chat?locale=en&jwt_identity=${first}`, time: '2026-03-01T10:00:05.000Z' }),
    harEntry({ url: 'https://www.example.com/app.js', time: '2026-03-01T10:00:10.000+00:00', response: { mimeType: 'application/javascript', text: appJs, base64: true } }),
    harEntry({ url: 'https://www.example.com/logo.png', time: '2026-03-01T10:00:11.000Z', response: { mimeType: 'image/png', text: '\u0089PNG not really', base64: true } }),
    harEntry({
      url: 'https://www.example.com/api/settings',
      time: '2026-03-01T10:20:00.000Z',
      requestBody: { mimeType: 'application/x-www-form-urlencoded', text: `theme=dark&k=${encodeURIComponent(roxBase64)}` },
      response: { mimeType: 'application/json', text: '{"saved":true}' },
    }),
    harEntry({ url: `https://analytics.example.net/collect?sid=${roxHex}&v=1`, time: '2026-03-01T10:25:00.000Z' }),
    harEntry({ url: 'https://www.example.com/renew', time: '2026-03-01T12:30:00.000+02:00', response: { mimeType: 'text/javascript', text: renewScript, base64: true } }),
    harEntry({ url: 'https://www.example.com/bye', time: '2026-03-01T10:45:00.000Z', response: { mimeType: 'text/plain', text: 'bye' } }),
  ])
  return { har, tokens: { first, renewed, old }, visitor }
}
