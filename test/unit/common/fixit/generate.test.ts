/**
 * generateFixitProgram without running anything: what it refuses, what every program text looks
 * like, and that the module stays browser-safe.
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import {
  FIXIT_LANGUAGES,
  fixitDescriptionProblem,
  generateFixitProgram,
  generateFixitPrograms,
  type FixitDescription,
} from '../../../../electron/common/fixit'
import { hostileRingcx, hostileRoxchat } from './hostile'

const DESCRIPTIONS: readonly FixitDescription[] = [
  hostileRingcx('HS256', 'hs_main'),
  hostileRingcx('RS256', 'rsa_main'),
  hostileRoxchat('hmac-sha256', 3600),
  hostileRoxchat('md5', null),
]

describe('generateFixitProgram', () => {
  it('writes printable ASCII only (tabs for Go), ending in one line break', () => {
    for (const description of DESCRIPTIONS) {
      for (const program of generateFixitPrograms(description)) {
        expect(program.text, program.language).toMatch(/^[\x20-\x7e\n\t]*\n$/)
        expect(program.text.endsWith('\n\n')).toBe(false)
      }
    }
  })

  it('puts no value of the identity in a comment (a PHP // comment ends at "?>")', () => {
    for (const description of DESCRIPTIONS) {
      for (const program of generateFixitPrograms(description)) {
        const marker = program.language === 'python' || program.language === 'ruby' ? '#' : '//'
        const comments = program.text.split('\n').filter((line) => line.trimStart().startsWith(marker))
        for (const line of comments) {
          expect(line).not.toContain('?>')
          expect(line).not.toMatch(/visitor-|Zo|exit\(7\)/)
        }
      }
    }
  })

  it('names the library, the run command and the file, and reads the key from SIGNING_KEY', () => {
    const programs = generateFixitPrograms(DESCRIPTIONS[0] as FixitDescription)
    expect(programs.map((program) => program.language)).toEqual([...FIXIT_LANGUAGES])
    expect(programs.map((program) => program.fileName)).toEqual(['sign-identity.mjs', 'sign_identity.py', 'sign_identity.php', 'SignIdentity.java', 'main.go', 'Program.cs', 'sign_identity.rb'])
    for (const program of programs) {
      expect(program.text).toContain('SIGNING_KEY')
      expect(program.text).toContain(`Run: ${program.run}`)
      expect(program.library).toMatch(/^Library: /)
    }
    expect(programs.find((program) => program.language === 'python')?.text).toContain('import jwt  # PyJWT')
    expect(programs.find((program) => program.language === 'php')?.library).toContain('firebase/php-jwt')
    expect(programs.find((program) => program.language === 'go')?.library).toContain('golang-jwt')
    expect(programs.find((program) => program.language === 'ruby')?.library).toContain('jwt gem')
    expect(programs.find((program) => program.language === 'java')?.library).toContain('jjwt')
  })

  it('refuses a description that is not sound, and an unknown language', () => {
    const good = { scheme: 'roxchat', algorithm: 'sha256', fields: { id: '1' }, lifetimeSeconds: 60 } as const
    expect(fixitDescriptionProblem(good)).toBeNull()
    const bad: unknown[] = [
      null,
      { ...good, scheme: 'other' },
      { ...good, algorithm: 'sha1' },
      { ...good, fields: { id: 1 } },
      { ...good, lifetimeSeconds: 0 },
      { ...good, lifetimeSeconds: 1.5 },
      { scheme: 'ringcx', alg: 'HS512', kid: 'k', claims: {}, lifetimeSeconds: 60 },
      { scheme: 'ringcx', alg: 'HS256', kid: 7, claims: {}, lifetimeSeconds: 60 },
      { scheme: 'ringcx', alg: 'HS256', kid: 'k', claims: { exp: 1 }, lifetimeSeconds: 60 },
      { scheme: 'ringcx', alg: 'HS256', kid: 'k', claims: { n: Number.POSITIVE_INFINITY }, lifetimeSeconds: 60 },
      { scheme: 'ringcx', alg: 'HS256', kid: 'k', claims: { d: new Date() }, lifetimeSeconds: 60 },
      { scheme: 'ringcx', alg: 'HS256', kid: 'k', claims: {}, lifetimeSeconds: null },
    ]
    for (const description of bad) {
      expect(fixitDescriptionProblem(description), JSON.stringify(description)).not.toBeNull()
      expect(() => generateFixitProgram(description as FixitDescription, 'node')).toThrow(TypeError)
    }
    expect(() => generateFixitProgram(good, 'cobol' as never)).toThrow(TypeError)
  })

  it('refuses names that become one name once lone surrogates are repaired', () => {
    const fields = { 'a\ud800': '1', 'a\udc00': '2' }
    expect(() => generateFixitProgram({ scheme: 'roxchat', algorithm: 'md5', fields, lifetimeSeconds: null }, 'go')).toThrow(/same text/)
  })
})

describe('electron/common/fixit is browser-safe', () => {
  it('imports nothing outside electron/common', () => {
    const common = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'electron', 'common')
    const root = path.join(common, 'fixit')
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    let imports = 0
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8')
      for (const [, specifier] of text.matchAll(/^(?:import|export|\})[^'\n]*\bfrom\s+'([^']+)'/gm)) {
        imports++
        expect(specifier, file).toMatch(/^\.\.?\//)
        expect(path.resolve(root, path.dirname(file), specifier ?? '').startsWith(common), `${file} imports ${specifier}`).toBe(true)
      }
    }
    expect(imports).toBeGreaterThan(10)
  })

  it('type-checks without Node types (no Buffer, process or node:* reachable)', { timeout: 60_000 }, () => {
    const root = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'electron', 'common', 'fixit')
    const program = ts.createProgram([path.join(root, 'index.ts')], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
    })
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    expect(problems).toEqual([])
  })
})
