/** Python 3: what every scheme's program shares. */
export const KEY_CHECK = [
  'key = os.environ.get("SIGNING_KEY")',
  'if not key:',
  '    sys.exit("SIGNING_KEY is not set")',
]
