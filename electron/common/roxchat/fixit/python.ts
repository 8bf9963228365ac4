/** Rox.Chat in Python: prints the provided visitor object. */
import { KEY_CHECK } from '../../fixit/languages/python'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { valueLiteral } from '../../fixit/literals'
import type { RoxchatFixitDescription } from './description'

export const python: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: the standard hmac and hashlib modules (no library is usual for the Rox.Chat hash).'],

  text: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const digest = description.algorithm === 'hmac-sha256'
      ? 'hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()'
      : `hashlib.${description.algorithm}((message + key).encode("utf-8")).hexdigest()`
    return program(
      comment,
      'import hashlib',
      description.algorithm === 'hmac-sha256' && 'import hmac',
      'import json',
      'import os',
      'import sys',
      expires && 'import time',
      '',
      expires && `LIFETIME_SECONDS = ${description.lifetimeSeconds}`,
      `FIELDS = ${valueLiteral(description.fields, 'python')}`,
      '',
      ...KEY_CHECK,
      '',
      expires && 'expires = int(time.time()) + LIFETIME_SECONDS',
      '# The values in the order of the sorted names (Python sorts by code point: the UTF-8 byte order)' + (expires ? ',' : '.'),
      expires && '# then expires.',
      `message = "".join(FIELDS[name] for name in sorted(FIELDS))${expires ? ' + str(expires)' : ''}`,
      `digest = ${digest}`,
      '# ASCII JSON that is safe inside <script>: <, > and & escaped.',
      `text = json.dumps({"fields": FIELDS, ${expires ? '"expires": expires, ' : ''}"hash": digest})`,
      'print(text.replace("<", "\\\\u003c").replace(">", "\\\\u003e").replace("&", "\\\\u0026"))',
    )
  },
}
