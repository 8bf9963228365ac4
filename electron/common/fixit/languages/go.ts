/** Go 1.18+, standard library only: what every scheme's program shares. */
export const T = '\t'

export const KEY_CHECK = [
  `${T}key := os.Getenv("SIGNING_KEY")`,
  `${T}if key == "" {`,
  `${T}${T}fail("SIGNING_KEY is not set")`,
  `${T}}`,
]

export const FAIL = ['func fail(message string) {', `${T}fmt.Fprintln(os.Stderr, message)`, `${T}os.Exit(1)`, '}']

/** The standard `import ( … )` block, sorted as gofmt sorts it. */
export function imports(...packages: readonly string[]): string {
  return ['import (', ...[...new Set(packages)].sort().map((name) => `${T}"${name}"`), ')'].join('\n')
}
