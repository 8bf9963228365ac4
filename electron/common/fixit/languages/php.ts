/** PHP 7.4+: hash_hmac / openssl_sign (firebase/php-jwt is the usual RingCX library). */
import type { FixitJsonValue } from '../description'
import { stringLiteral as literal, valueLiteral } from '../literals'
import { fileStem } from '../program-text'
import { program, type LanguageGenerator } from './language'

const KEY_CHECK = [
  "$key = getenv('SIGNING_KEY');",
  "if ($key === false || $key === '') {",
  '    fwrite(STDERR, "SIGNING_KEY is not set\\n");',
  '    exit(1);',
  '}',
]

/** A PHP array of the fields (not cast to an object: it is sorted and indexed before printing). */
function fieldsArray(fields: Readonly<Record<string, string>>): string {
  const text = valueLiteral(fields as Readonly<Record<string, FixitJsonValue>>, 'php')
  return text.startsWith('(object) ') ? text.slice('(object) '.length) : text
}

export const php: LanguageGenerator = {
  facts: (description) => {
    const fileName = `${fileStem(description, 'snake')}.php`
    const library = description.scheme === 'ringcx'
      ? [
          `Library: PHP's own ${description.alg === 'HS256' ? 'hash_hmac' : 'openssl_sign (the openssl extension)'} and json_encode, no Composer package.`,
          'The usual library is firebase/php-jwt (composer require firebase/php-jwt), where',
          `Firebase\\JWT\\JWT::encode($payload, $key, '${description.alg}', KID) gives the same token` +
            (description.alg === 'HS256' ? '.' : ' from the PEM text.'),
        ]
      : ['Library: PHP\'s own hash_hmac / hash (no library is usual for the Rox.Chat hash).']
    return { fileName, run: `SIGNING_KEY="$(cat signing-key.txt)" php ${fileName}`, library }
  },

  ringcx: (description, comment) => {
    const hs = description.alg === 'HS256'
    return program(
      '<?php',
      comment,
      '',
      'declare(strict_types=1);',
      '',
      `const KID = ${literal(description.kid, 'php')};`,
      `const LIFETIME_SECONDS = ${description.lifetimeSeconds};`,
      `$claims = ${valueLiteral(description.claims, 'php')};`,
      '',
      ...KEY_CHECK,
      '',
      'function base64url(string $data): string',
      '{',
      "    return rtrim(strtr(base64_encode($data), '+/', '-_'), '=');",
      '}',
      '',
      '$now = time();',
      '$claims->iat = $now;',
      '$claims->exp = $now + LIFETIME_SECONDS;',
      `$header = ['alg' => '${description.alg}', 'typ' => 'JWT', 'kid' => KID];`,
      '$flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;',
      "$input = base64url(json_encode($header, $flags)) . '.' . base64url(json_encode($claims, $flags));",
      ...(hs
        ? ["$signature = hash_hmac('sha256', $input, $key, true);"]
        : [
            '$privateKey = openssl_pkey_get_private($key);',
            'if ($privateKey === false || !openssl_sign($input, $signature, $privateKey, OPENSSL_ALGO_SHA256)) {',
            '    fwrite(STDERR, "SIGNING_KEY is not a PEM private key that can sign\\n");',
            '    exit(1);',
            '}',
          ]),
      'echo $input . \'.\' . base64url($signature) . "\\n";',
    )
  },

  roxchat: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const digest = description.algorithm === 'hmac-sha256'
      ? "hash_hmac('sha256', $message, $key)"
      : `hash('${description.algorithm}', $message . $key)`
    return program(
      '<?php',
      comment,
      '',
      'declare(strict_types=1);',
      '',
      expires && `const LIFETIME_SECONDS = ${description.lifetimeSeconds};`,
      `$fields = ${fieldsArray(description.fields)};`,
      '',
      ...KEY_CHECK,
      '',
      expires && '$expires = time() + LIFETIME_SECONDS;',
      '// The values in the byte order of the names (SORT_STRING compares bytes)' + (expires ? ', then expires.' : '.'),
      '// (A name such as "42" is an integer key in a PHP array; SORT_STRING compares it as text.)',
      '$names = array_keys($fields);',
      'sort($names, SORT_STRING);',
      "$message = '';",
      'foreach ($names as $name) {',
      '    $message .= $fields[$name];',
      '}',
      expires && '$message .= (string) $expires;',
      `$hash = ${digest};`,
      '// ASCII JSON that is safe inside <script>: <, > and & escaped.',
      '$flags = JSON_UNESCAPED_SLASHES | JSON_HEX_TAG | JSON_HEX_AMP | JSON_THROW_ON_ERROR;',
      `echo json_encode(['fields' => (object) $fields, ${expires ? "'expires' => $expires, " : ''}'hash' => $hash], $flags) . "\\n";`,
    )
  },
}
