/** Node.js (ES module, node:crypto only: runs with no install). */
import { stringLiteral as literal, valueLiteral } from '../literals'
import { fileStem } from '../program-text'
import { program, type LanguageGenerator } from './language'

const KEY_CHECK = [
  'const key = process.env.SIGNING_KEY',
  'if (!key) {',
  "  console.error('SIGNING_KEY is not set')",
  '  process.exit(1)',
  '}',
]

export const node: LanguageGenerator = {
  facts: (description) => {
    const fileName = `${fileStem(description, 'kebab')}.mjs`
    const library = description.scheme === 'ringcx'
      ? [
          'Library: node:crypto only, so it runs on Node 16 or later with no install. The usual library is',
          'jose (npm install jose): new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT", kid }).sign(key)',
          description.alg === 'HS256'
            ? 'with key = new TextEncoder().encode(secret) gives the same token.'
            : 'with key = await importPKCS8(pem, "RS256") gives the same token.',
        ]
      : ['Library: node:crypto (no library is usual for the Rox.Chat hash).']
    return { fileName, run: `SIGNING_KEY="$(cat signing-key.txt)" node ${fileName}`, library }
  },

  ringcx: (description, comment) => {
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

  roxchat: (description, comment) => {
    const hmac = description.algorithm === 'hmac-sha256'
    const expires = description.lifetimeSeconds !== null
    const digest = hmac
      ? "createHmac('sha256', Buffer.from(key, 'utf8')).update(message, 'utf8').digest('hex')"
      : `createHash('${description.algorithm}').update(message + key, 'utf8').digest('hex')`
    return program(
      comment,
      `import { ${hmac ? 'createHmac' : 'createHash'} } from 'node:crypto'`,
      '',
      expires && `const LIFETIME_SECONDS = ${description.lifetimeSeconds}`,
      `const fields = ${valueLiteral(description.fields, 'node')}`,
      '',
      ...KEY_CHECK,
      '',
      expires && 'const expires = Math.floor(Date.now() / 1000) + LIFETIME_SECONDS',
      '// The values in the UTF-8 byte order of the names (not JavaScript\'s UTF-16 order)' + (expires ? ', then expires.' : '.'),
      "const names = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')))",
      `const message = names.map((name) => fields[name]).join('')${expires ? ' + String(expires)' : ''}`,
      `const hash = ${digest}`,
      '// JSON that is safe inside <script>: <, >, &, U+2028 and U+2029 escaped.',
      `const json = JSON.stringify({ fields, ${expires ? 'expires, ' : ''}hash })`,
      "console.log(json.replace(/[<>&\\u2028\\u2029]/g, (c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')))",
    )
  },
}
