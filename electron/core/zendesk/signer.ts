/**
 * Signing Zendesk QA samples: a loginUser snippet whose JWT (HS256, kid = the stored key's ID,
 * scope "user") carries the fields given.
 */
import { SignJWT } from 'jose'
import type { SignZendeskRequest, ZendeskKeyMaterial } from '../../common/zendesk'
import type { SchemeSigner } from '../scheme'

export interface ZendeskSigningKey {
  readonly scheme: 'zendesk'
  readonly kid: string
  readonly secret: string
}

export async function zendeskJwt(key: ZendeskSigningKey, fields: Readonly<Record<string, string>>, exp?: number): Promise<string> {
  const claims: Record<string, unknown> = { scope: 'user', ...fields }
  if (exp !== undefined) claims['exp'] = exp
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid }).sign(new TextEncoder().encode(key.secret))
}

/** The page snippet Zendesk documents. */
export function zendeskSnippet(token: string): string {
  return `zE('messenger', 'loginUser', function (callback) {\n  callback('${token}')\n})`
}

export const ZENDESK_SIGNER: SchemeSigner<SignZendeskRequest, ZendeskSigningKey> = {
  signingKey: (material) => ({ scheme: 'zendesk', kid: material.kid, secret: (material as ZendeskKeyMaterial).secret }),
  verificationMaterial: (key) => ({ scheme: 'zendesk', kid: key.kid, alg: 'secret', secret: key.secret }),
  async sign(request, key, context) {
    const exp = request.exp === undefined ? undefined : context.time(request.exp, 'exp')
    return { payload: zendeskSnippet(await zendeskJwt(key, request.fields, exp)) }
  },
}
