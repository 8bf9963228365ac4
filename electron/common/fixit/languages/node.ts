/** Node.js (ES module, node:crypto only: runs with no install): what every scheme's program shares. */
export const KEY_CHECK = [
  'const key = process.env.SIGNING_KEY',
  'if (!key) {',
  "  console.error('SIGNING_KEY is not set')",
  '  process.exit(1)',
  '}',
]
