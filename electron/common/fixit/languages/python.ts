/** Python 3: PyJWT for RingCX (the usual library), hmac/hashlib for Rox.Chat. */
import { stringLiteral as literal, valueLiteral } from '../literals'
import { fileStem } from '../program-text'
import { program, type LanguageGenerator } from './language'

const KEY_CHECK = [
  'key = os.environ.get("SIGNING_KEY")',
  'if not key:',
  '    sys.exit("SIGNING_KEY is not set")',
]

export const python: LanguageGenerator = {
  facts: (description) => {
    const fileName = `${fileStem(description, 'snake')}.py`
    const library = description.scheme === 'ringcx'
      ? [
          description.alg === 'HS256'
            ? 'Library: PyJWT 2, the usual one (pip install pyjwt; on Debian apt install python3-jwt).'
            : 'Library: PyJWT 2, the usual one, with cryptography for RS256 (pip install "pyjwt[crypto]";',
          ...(description.alg === 'HS256' ? [] : ['on Debian apt install python3-jwt python3-cryptography).']),
        ]
      : ['Library: the standard hmac and hashlib modules (no library is usual for the Rox.Chat hash).']
    return { fileName, run: `SIGNING_KEY="$(cat signing-key.txt)" python3 ${fileName}`, library }
  },

  ringcx: (description, comment) =>
    program(
      comment,
      'import os',
      'import sys',
      'import time',
      '',
      'import jwt  # PyJWT',
      '',
      `KID = ${literal(description.kid, 'python')}`,
      `LIFETIME_SECONDS = ${description.lifetimeSeconds}`,
      `CLAIMS = ${valueLiteral(description.claims, 'python')}`,
      '',
      ...KEY_CHECK,
      '',
      'now = int(time.time())',
      'payload = {**CLAIMS, "iat": now, "exp": now + LIFETIME_SECONDS}',
      `token = jwt.encode(payload, key, algorithm="${description.alg}", headers={"kid": KID, "typ": "JWT"})`,
      'print(token)',
    ),

  roxchat: (description, comment) => {
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
