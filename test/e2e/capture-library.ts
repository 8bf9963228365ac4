/**
 * A browser capture for the Captures view, signed with keys the spec names: a token set at 10:00
 * and renewed late at 10:30, an old call in a comment, and a Rox.Chat visitor hashed in page
 * script with its key, which leaks again in an analytics URL.
 */
import { harEntry, harText } from '../unit/capture/har-builder'
import { epochSeconds, hsToken, roxchatVisitor } from './keys'

/** The time the captured session is judged at. */
export const CAPTURE_JUDGED_AT = new Date('2026-03-01T12:00:00.000Z')

export interface CaptureKeys {
  readonly hs: { readonly kid: string; readonly secret: string }
  readonly rox: { readonly secret: string }
}

const at = (time: string): number => epochSeconds(new Date(time))

export async function sessionHar(keys: CaptureKeys): Promise<string> {
  const sign = (exp: string, claims: Record<string, unknown> = {}): Promise<string> => hsToken(at(exp), claims, keys.hs.secret, keys.hs.kid)
  const first = await sign('2026-03-01T11:20:00Z', { iat: at('2026-03-01T10:00:00Z') })
  const renewed = await sign('2026-03-01T15:00:00Z', { iat: at('2026-03-01T10:30:00Z') })
  const old = await sign('2026-03-01T18:00:00Z', { firstname: 'Old' })
  const visitor = roxchatVisitor({ id: '42', display_name: 'Ann' }, at('2026-03-02T12:00:00Z'), keys.rox.secret)
  return harText([
    harEntry({
      url: 'https://www.example.com/account',
      time: '2026-03-01T10:00:00.000Z',
      response: { mimeType: 'text/html', text: `<!-- _chatq.push(["_setSignedIdentity", "${old}"]); -->\n<script>_chatq.push(["_setSignedIdentity", "${first}"]);</script>` },
    }),
    harEntry({
      url: 'https://www.example.com/app.js',
      time: '2026-03-01T10:00:10.000Z',
      response: {
        mimeType: 'application/javascript',
        base64: true,
        text: `var roxchat_visitor = ${visitor};\nroxchat_visitor.hash = CryptoJS.HmacSHA256(message, "${keys.rox.secret}").toString();`,
      },
    }),
    harEntry({ url: `https://analytics.example.net/c?sid=${Buffer.from(keys.rox.secret).toString('hex')}`, time: '2026-03-01T10:20:00.000Z' }),
    harEntry({ url: 'https://www.example.com/renew', time: '2026-03-01T10:30:00.000Z', response: { mimeType: 'text/javascript', text: `_chatq.push(["_setSignedIdentity", "${renewed}"]);` } }),
  ])
}
