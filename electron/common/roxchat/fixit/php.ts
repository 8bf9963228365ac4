/** Rox.Chat in PHP: prints the provided visitor object. */
import type { FixitJsonValue } from '../../fixit/describe-kit'
import { KEY_CHECK } from '../../fixit/languages/php'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { valueLiteral } from '../../fixit/literals'
import type { RoxchatFixitDescription } from './description'

/** A PHP array of the fields (not cast to an object: it is sorted and indexed before printing). */
function fieldsArray(fields: Readonly<Record<string, string>>): string {
  const text = valueLiteral(fields as Readonly<Record<string, FixitJsonValue>>, 'php')
  return text.startsWith('(object) ') ? text.slice('(object) '.length) : text
}

export const php: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: PHP\'s own hash_hmac / hash (no library is usual for the Rox.Chat hash).'],

  text: (description, comment) => {
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
