/** Ruby 2.7+: what every scheme's program shares. */
export const KEY_CHECK = [
  "key = ENV['SIGNING_KEY']",
  'if key.nil? || key.empty?',
  "  warn 'SIGNING_KEY is not set'",
  '  exit 1',
  'end',
]
