/** RingCX in Python: prints the compact JWT of the signed identity. */
import { KEY_CHECK } from '../../fixit/languages/python'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import type { RingcxFixitDescription } from './description'

export const python: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    description.alg === 'HS256'
      ? 'Library: PyJWT 2, the usual one (pip install pyjwt; on Debian apt install python3-jwt).'
      : 'Library: PyJWT 2, the usual one, with cryptography for RS256 (pip install "pyjwt[crypto]";',
    ...(description.alg === 'HS256' ? [] : ['on Debian apt install python3-jwt python3-cryptography).']),
  ],

  text: (description, comment) =>
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
}
