/**
 * The literal escapers: printable ASCII out, the same text back in every language. Read back by
 * JavaScript in-process for many random strings, and by each real runtime for hostile and random
 * ones (one small program per language prints the UTF-8 bytes of every literal).
 */
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FIXIT_LANGUAGES, FIXIT_LANGUAGE_LABELS, type FixitLanguage } from '../../../../electron/common/fixit'
import { numberLiteral, stringLiteral, valueLiteral, wellFormed } from '../../../../electron/common/fixit/literals'
import { HOSTILE_VALUES, ORDER_NAMES, anyText } from './hostile'
import { REQUIRED_LANGUAGES, findRuntimes } from './runtimes'

const runtimes = await findRuntimes()
const PRINTABLE = /^[\x20-\x7e]*$/
const toWellFormed = (text: string): string => (text as unknown as { toWellFormed(): string }).toWellFormed()

describe('stringLiteral', () => {
  it('writes printable ASCII only, in every language, for any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const language of FIXIT_LANGUAGES) expect(stringLiteral(text, language)).toMatch(PRINTABLE)
      }),
      { numRuns: 300 },
    )
  })

  it('reads back as the same (well-formed) text in JavaScript', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(runInNewContext(stringLiteral(text, 'node'))).toBe(toWellFormed(text))
      }),
      { numRuns: 1000 },
    )
    for (const text of HOSTILE_VALUES) expect(runInNewContext(stringLiteral(text, 'node'))).toBe(toWellFormed(text))
    // A fresh VM context per run is slow on a loaded machine; the assertions are about text, not time.
  }, 30_000)

  it('escapes what would end the literal or interpolate', () => {
    expect(stringLiteral('"\\', 'python')).toBe(String.raw`"\"\\"`)
    expect(stringLiteral('${a} $b', 'php')).toBe(String.raw`"\${a} \$b"`)
    expect(stringLiteral('#{a} #@b', 'ruby')).toBe(String.raw`"\#{a} \#@b"`)
    // Java reads \uXXXX before the literal: a line break or quote must never be written that way.
    expect(stringLiteral('\n"\0\x7f', 'java')).toBe(String.raw`"\n\"\000\177"`)
    expect(stringLiteral('😀', 'go')).toBe(String.raw`"\U0001F600"`)
    expect(stringLiteral('😀', 'csharp')).toBe(String.raw`"\uD83D\uDE00"`)
    expect(stringLiteral('\u2028', 'ruby')).toBe(String.raw`"\u{2028}"`)
  })

  it('replaces lone surrogates with U+FFFD, as the core hashes them', () => {
    expect(wellFormed('a\ud800b\udc00\ud83d\ude00')).toBe('a\uFFFDb\uFFFD\ud83d\ude00')
    expect(stringLiteral('\ud800', 'python')).toBe(String.raw`"\uFFFD"`)
  })
})

describe('numberLiteral and valueLiteral', () => {
  it('keeps safe integers whole (64-bit where 32 bits do not hold them) and the rest floating', () => {
    expect(numberLiteral(42, 'java')).toBe('42')
    expect(numberLiteral(2 ** 31, 'java')).toBe('2147483648L')
    expect(numberLiteral(-(2 ** 31), 'go')).toBe('int64(-2147483648)')
    expect(numberLiteral(12345678901234567890, 'python')).toBe('12345678901234567000.0')
    expect(numberLiteral(1e21, 'ruby')).toBe('1e+21')
    expect(numberLiteral(-0, 'node')).toBe('0')
    expect(() => numberLiteral(Number.NaN, 'node')).toThrow(TypeError)
  })

  it('keeps "__proto__" an own member in JavaScript', () => {
    const value = JSON.parse('{"__proto__":"x","a":[null]}') as Record<string, string>
    const built = runInNewContext(`(${valueLiteral(value, 'node')})`) as Record<string, unknown>
    expect(Object.keys(built)).toEqual(['__proto__', 'a'])
    expect(Object.getPrototypeOf(built)).not.toBe('x')
    expect(valueLiteral([null], 'java')).toBe('list((Object) null)')
  })
})

/** A program that prints the UTF-8 bytes, in hex, of each literal, one per line. */
function hexProgram(language: FixitLanguage, values: readonly string[]): { fileName: string; text: string } {
  const literals = values.map((value) => stringLiteral(value, language))
  switch (language) {
    case 'node':
      return { fileName: 'lits.mjs', text: `for (const v of [\n${literals.join(',\n')}\n]) console.log(Buffer.from(v, 'utf8').toString('hex'))\n` }
    case 'python':
      return { fileName: 'lits.py', text: `for v in [\n${literals.join(',\n')}\n]:\n    print(v.encode("utf-8").hex())\n` }
    case 'php':
      return { fileName: 'lits.php', text: `<?php\nforeach ([\n${literals.join(',\n')}\n] as $v) {\n    echo bin2hex($v), "\\n";\n}\n` }
    case 'java':
      return {
        fileName: 'Lits.java',
        text: `public class Lits {\n    public static void main(String[] args) {\n        String[] values = {\n${literals.join(',\n')}\n        };\n        for (String v : values) System.out.println(java.util.HexFormat.of().formatHex(v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));\n    }\n}\n`,
      }
    case 'go':
      return { fileName: 'main.go', text: `package main\n\nimport (\n\t"encoding/hex"\n\t"fmt"\n)\n\nfunc main() {\n\tfor _, v := range []string{\n${literals.join(',\n')},\n\t} {\n\t\tfmt.Println(hex.EncodeToString([]byte(v)))\n\t}\n}\n` }
    case 'csharp':
      return { fileName: 'Program.cs', text: `using System;\nusing System.Text;\nforeach (var v in new string[] {\n${literals.join(',\n')}\n}) Console.WriteLine(Convert.ToHexString(Encoding.UTF8.GetBytes(v)).ToLowerInvariant());\n` }
    case 'ruby':
      return { fileName: 'lits.rb', text: `[\n${literals.join(',\n')}\n].each { |v| puts v.unpack1('H*') }\n` }
  }
}

describe.concurrent('every runtime reads the literals back', () => {
  const random = fc.sample(anyText, { numRuns: 300, seed: 20260301 })
  const values = [...HOSTILE_VALUES, ...ORDER_NAMES, ...random]
  const expected = values.map((value) => Buffer.from(toWellFormed(value), 'utf8').toString('hex'))
  for (const language of FIXIT_LANGUAGES) {
    const runtime = runtimes[language]
    const skip = runtime.found === null && !REQUIRED_LANGUAGES.includes(language)
    const label = FIXIT_LANGUAGE_LABELS[language]
    it.skipIf(skip)(
      runtime.found === null ? `${label}: ${skip ? 'skipped on this machine, because' : 'must run here, but'} ${runtime.missing}` : `${label}: ${values.length} hostile and random strings, by ${runtime.found}`,
      { timeout: 120_000 },
      async () => {
        expect(runtime.found, runtime.missing).not.toBeNull()
        const program = hexProgram(language, values)
        expect(program.text).toMatch(/^[\x20-\x7e\n\t]*$/)
        const run = await runtime.run(program.fileName, program.text, {})
        expect(run.stderr).toBe('')
        expect(run.code).toBe(0)
        expect(run.stdout.split('\n').slice(0, -1)).toEqual(expected)
      },
    )
  }
})
