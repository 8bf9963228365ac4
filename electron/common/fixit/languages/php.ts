/** PHP 7.4+: what every scheme's program shares. */
export const KEY_CHECK = [
  "$key = getenv('SIGNING_KEY');",
  "if ($key === false || $key === '') {",
  '    fwrite(STDERR, "SIGNING_KEY is not set\\n");',
  '    exit(1);',
  '}',
]
