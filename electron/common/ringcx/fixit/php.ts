/** RingCX in PHP: prints the compact JWT of the signed identity. */
import { KEY_CHECK } from '../../fixit/languages/php'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import type { RingcxFixitDescription } from './description'

export const php: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    `Library: PHP's own ${description.alg === 'HS256' ? 'hash_hmac' : 'openssl_sign (the openssl extension)'} and json_encode, no Composer package.`,
    'The usual library is firebase/php-jwt (composer require firebase/php-jwt), where',
    `Firebase\\JWT\\JWT::encode($payload, $key, '${description.alg}', KID) gives the same token` +
      (description.alg === 'HS256' ? '.' : ' from the PEM text.'),
  ],

  text: (description, comment) => {
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
}
