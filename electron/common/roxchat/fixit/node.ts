/** Rox.Chat in Node.js: prints the provided visitor object. */
import { KEY_CHECK } from '../../fixit/languages/node'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { valueLiteral } from '../../fixit/literals'
import type { RoxchatFixitDescription } from './description'

export const node: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: node:crypto (no library is usual for the Rox.Chat hash).'],

  text: (description, comment) => {
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
