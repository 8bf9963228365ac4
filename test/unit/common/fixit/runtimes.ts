/**
 * The language runtimes on this machine, found once, and a bounded way to run a generated program
 * with SIGNING_KEY in its environment (never on its command line).
 */
import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import type { FixitLanguage } from '../../../../electron/common/fixit'

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface Runtime {
  readonly language: FixitLanguage
  /** What runs the programs, e.g. "/usr/bin/python3 with PyJWT", or null when absent. */
  readonly found: string | null
  /** Why it is absent (for the skip message). */
  readonly missing: string
  /** Writes the program into a fresh folder and runs it there. */
  readonly run: (fileName: string, text: string, env: Readonly<Record<string, string>>) => Promise<RunResult>
}

/** The first executable called `name` on PATH. */
export function which(name: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue
    const candidate = path.join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return null
}

function exec(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
        resolve({ code, stdout, stderr: error !== null && code === null ? `${stderr}\n${error.message}` : stderr })
      },
    )
  })
}

/** At most this many programs run at once (compilers are heavy on two cores). */
const LIMIT = Math.max(2, availableParallelism())
let running = 0
const waiting: (() => void)[] = []
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= LIMIT) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await task()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/** The environment a program runs in: this one without any SIGNING_KEY, plus `extra`. */
function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env['SIGNING_KEY']
  return { ...env, ...extra }
}

function runtime(
  language: FixitLanguage,
  found: string | null,
  missing: string,
  command: (dir: string, fileName: string) => { file: string; args: string[]; env?: Record<string, string>; setup?: () => Promise<void> },
): Runtime {
  return {
    language,
    found,
    missing,
    run: (fileName, text, env) =>
      limited(async () => {
        const dir = await mkdtemp(path.join(tmpdir(), `vi-fixit-${language}-`))
        try {
          await writeFile(path.join(dir, fileName), text)
          const { file, args, env: own, setup } = command(dir, fileName)
          await setup?.()
          return await exec(file, args, { cwd: dir, env: childEnv({ ...own, ...env }) })
        } finally {
          await rm(dir, { recursive: true, force: true })
        }
      }),
  }
}

async function works(file: string | null, args: readonly string[]): Promise<boolean> {
  if (file === null) return false
  const result = await exec(file, args, { timeoutMs: 30_000 })
  return result.code === 0
}

/** Python: Debian's /usr/bin/python3 carries python3-jwt; a pyenv python3 on PATH usually does not. */
async function findPython(): Promise<{ file: string | null; missing: string }> {
  const candidates = ['/usr/bin/python3', which('python3')].filter((file): file is string => file !== null && existsSync(file))
  for (const file of [...new Set(candidates)]) {
    if (await works(file, ['-c', 'import jwt, cryptography'])) return { file, missing: '' }
  }
  return { file: null, missing: 'no python3 with PyJWT and cryptography (Debian: apt-get install python3-jwt python3-cryptography)' }
}

export async function findRuntimes(): Promise<Readonly<Record<FixitLanguage, Runtime>>> {
  const [python, php, ruby, java, go, dotnet] = await Promise.all([
    findPython(),
    (async () => {
      const file = which('php')
      return (await works(file, ['-r', 'exit(function_exists("openssl_sign") && function_exists("json_encode") ? 0 : 1);'])) ? file : null
    })(),
    (async () => {
      const file = which('ruby')
      return (await works(file, ['-e', 'require "openssl"; require "json"'])) ? file : null
    })(),
    // The source launcher (java File.java) needs a JDK, not only a JRE.
    (async () => (which('javac') !== null && (await works(which('java'), ['-version'])) ? which('java') : null))(),
    (async () => {
      const file = which('go')
      return (await works(file, ['version'])) ? file : null
    })(),
    (async () => {
      const file = which('dotnet')
      return (await works(file, ['--version'])) ? file : null
    })(),
  ])
  const goCache = process.env['GOCACHE'] ?? path.join(tmpdir(), 'visitor-inspector-go-build')
  return {
    node: runtime('node', process.execPath, '', (_dir, fileName) => ({ file: process.execPath, args: [fileName] })),
    python: runtime('python', python.file === null ? null : `${python.file} with PyJWT`, python.missing, (_dir, fileName) => ({
      file: python.file ?? 'python3',
      args: [fileName],
      env: { PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
    })),
    php: runtime('php', php, 'php is not on PATH (Debian: apt-get install php-cli)', (_dir, fileName) => ({ file: php ?? 'php', args: [fileName] })),
    java: runtime('java', java === null ? null : `${java} (source launcher)`, 'no JDK (java and javac) on PATH (Debian: apt-get install default-jdk-headless)', (_dir, fileName) => ({
      file: java ?? 'java',
      args: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto', fileName],
    })),
    go: runtime('go', go, 'go is not on PATH (Debian: apt-get install golang-go)', (_dir, fileName) => ({
      file: go ?? 'go',
      args: ['run', fileName],
      env: { GOCACHE: goCache, GOTOOLCHAIN: 'local' },
    })),
    csharp: runtime('csharp', dotnet, 'dotnet is not on PATH (no Debian package; Microsoft ships the .NET SDK)', (dir) => ({
      file: dotnet ?? 'dotnet',
      args: ['run', '--project', dir],
      env: { DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' },
      setup: () =>
        writeFile(
          path.join(dir, 'signer.csproj'),
          '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType>' +
            '<TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework>' +
            '<Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings></PropertyGroup></Project>\n',
        ),
    })),
    ruby: runtime('ruby', ruby, 'ruby is not on PATH (Debian: apt-get install ruby)', (_dir, fileName) => ({ file: ruby ?? 'ruby', args: [fileName] })),
  }
}

/** Node and Python must run the programs everywhere the tests run; the rest where present. */
export const REQUIRED_LANGUAGES: readonly FixitLanguage[] = ['node', 'python']
