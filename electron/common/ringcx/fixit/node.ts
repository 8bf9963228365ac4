/** RingCX in Node.js: prints the compact JWT of the signed identity. */
import { KEY_CHECK } from '../../fixit/languages/node'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import type { RingcxFixitDescription } from './description'

export const node: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    'Library: node:crypto only, so it runs on Node 16 or later with no install. The usual library is',
    'jose (npm install jose): new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT", kid }).sign(key)',
    description.alg === 'HS256'
      ? 'with key = new TextEncoder().encode(secret) gives the same token.'
      : 'with key = await importPKCS8(pem, "RS256") gives the same token.',
  ],

  text: (description, comment) => {
    const hs = description.alg === 'HS256'
    return program(
      comment,
      hs ? "import { createHmac } from 'node:crypto'" : "import { createPrivateKey, sign } from 'node:crypto'",
      '',
      `const KID = ${literal(description.kid, 'node')}`,
      `const LIFETIME_SECONDS = ${description.lifetimeSeconds}`,
      `const claims = ${valueLiteral(description.claims, 'node')}`,
      '',
      ...KEY_CHECK,
      '',
      "const base64url = (data) => Buffer.from(data).toString('base64url')",
      'const now = Math.floor(Date.now() / 1000)',
      `const header = { alg: '${description.alg}', typ: 'JWT', kid: KID }`,
      'const payload = { ...claims, iat: now, exp: now + LIFETIME_SECONDS }',
      "const input = base64url(JSON.stringify(header)) + '.' + base64url(JSON.stringify(payload))",
      hs
        ? "const signature = createHmac('sha256', Buffer.from(key, 'utf8')).update(input).digest()"
        : "const signature = sign('sha256', Buffer.from(input), createPrivateKey(key))",
      "console.log(input + '.' + base64url(signature))",
    )
  },
}
