/**
 * Signing Intercom QA samples with a stored secret: a `window.intercomSettings` snippet with
 * user_hash, or with a Messenger security JWT. The key's platform travels in the sample's settings.
 */
import { SignJWT } from 'jose'
import { intercomPlatformOf, type IntercomKeyMaterial, type SignIntercomRequest } from '../../common/intercom'
import { hmacHex } from '../hmac-kit'
import type { SchemeSigner } from '../scheme'

export interface IntercomSigningKey {
  readonly scheme: 'intercom'
  readonly kid: string
  readonly secret: string
}

/** The demo workspace id samples carry. */
const SAMPLE_APP_ID = 'demo_app'

/** user_hash: HMAC-SHA256 of user_id, or of email when there is no user_id, in lower-case hex. */
export function intercomUserHash(secret: string, fields: Readonly<Record<string, string>>): string {
  const userId = fields['user_id']
  return hmacHex(secret, userId !== undefined && userId.length > 0 ? userId : (fields['email'] ?? ''))
}

/** A Messenger security JWT (HS256) over the user's attributes. */
export async function intercomJwt(secret: string, fields: Readonly<Record<string, string>>, exp?: number): Promise<string> {
  const claims: Record<string, unknown> = { ...fields }
  if (exp !== undefined) claims['exp'] = exp
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret))
}

/** The page snippet a website writes: `window.intercomSettings = {…};`. */
export function intercomSnippet(settings: Readonly<Record<string, unknown>>): string {
  return `window.intercomSettings = ${JSON.stringify({ app_id: SAMPLE_APP_ID, ...settings })};`
}

export const INTERCOM_SIGNER: SchemeSigner<SignIntercomRequest, IntercomSigningKey> = {
  signingKey: (material) => ({ scheme: 'intercom', kid: material.kid, secret: (material as IntercomKeyMaterial).secret }),
  verificationMaterial: (key) => ({ scheme: 'intercom', kid: key.kid, alg: 'secret', secret: key.secret }),
  async sign(request, key, context) {
    const config = { intercom: { platform: intercomPlatformOf(key.kid) ?? 'web' } }
    if (request.form === 'jwt') {
      const exp = request.exp === undefined ? undefined : context.time(request.exp, 'exp')
      return { payload: intercomSnippet({ intercom_user_jwt: await intercomJwt(key.secret, request.fields, exp) }), config }
    }
    return { payload: intercomSnippet({ ...request.fields, user_hash: intercomUserHash(key.secret, request.fields) }), config }
  },
}
