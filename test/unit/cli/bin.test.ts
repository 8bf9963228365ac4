/**
 * The installed bin: built by `npm run build:cli` (what `npm ci` runs through `prepare`) into
 * out/cli and started with plain Node, no tsx. Help and --version in-process too.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE, USAGE } from '../../../electron/cli/run-cli'
import { COMMANDS, COMMAND_USAGE, SCHEME_LIST } from '../../../electron/cli/usage'
import { SCHEME_IDS } from '../../../electron/common/schemes'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '..', '..', '..')
const bin = join(root, 'out', 'cli', 'visitor-inspector.mjs')
const examples = join(root, 'resources', 'examples')
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

async function cli(...argv: string[]): Promise<Omit<CapturedRun, 'lines'>> {
  const { status, stdout, stderr } = await runCaptured(argv)
  return { status, stdout, stderr }
}

describe('help and version', () => {
  it('--version prints the version of package.json', async () => {
    expect(await cli('--version')).toEqual({ status: EXIT_OK, stdout: `${version}\n`, stderr: '' })
  })

  it('help COMMAND and COMMAND --help print that command\'s help, and run nothing', async () => {
    for (const command of COMMANDS) {
      const viaHelp = await cli('help', command)
      const viaFlag = await cli(command, '--help', '--no-such-option')
      expect(viaHelp).toEqual({ status: EXIT_OK, stdout: COMMAND_USAGE[command], stderr: '' })
      expect(viaFlag).toEqual(viaHelp)
      expect(viaHelp.stdout).toContain(`visitor-inspector ${command}`)
    }
    expect(COMMAND_USAGE.batch).toContain('--shard I/N')
    expect(COMMAND_USAGE.inspect).not.toContain('--shard')
  })

  it('refuses help for a command that does not exist, showing the name made visible', async () => {
    const result = await cli('help', 'in\u001b[2Jspect')
    expect(result.status).toBe(EXIT_USAGE)
    expect(result.stderr).toContain('in\\u001B[2Jspect')
    expect(result.stdout).toBe('')
  })

  it('a --help after "--" is an argument, not a request for help', async () => {
    const result = await cli('inspect', '--', '--help')
    expect(result.stdout).not.toBe(COMMAND_USAGE.inspect)
    expect(result.stderr).toContain('--help')
  })

  it('names the built-in schemes as the registry does', () => {
    expect(SCHEME_LIST).toBe(SCHEME_IDS.join('|'))
  })

  it('help alone shows every command', async () => {
    const result = await cli('help')
    expect(result.status).toBe(EXIT_OK)
    expect(result.stdout).toBe(USAGE)
    for (const command of COMMANDS) expect(USAGE).toContain(`visitor-inspector ${command}`)
  })
})

describe('the built bin', () => {
  let dir: string
  beforeAll(async () => {
    await run('npm', ['run', '--silent', 'build:cli'], { cwd: root })
    dir = await mkdtemp(join(tmpdir(), 'vi-bin-'))
  }, 120_000)
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is what package.json names, and starts with plain Node', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(join(root, manifest.bin['visitor-inspector'] ?? '')).toBe(bin)
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toMatch(/^#!\/usr\/bin\/env (-S )?node( --max-semi-space-size=\d+)?$/)
    const { stdout } = await run(process.execPath, [bin, '--version'], { cwd: dir })
    expect(stdout).toBe(`${version}\n`)
  })

  it('inspects with a key file as the sources do', async () => {
    const { stdout } = await run(process.execPath, [bin, 'inspect', join(examples, 'ringcx-verified-hs256.jwt'), '--key', join(examples, 'demo-keys.json'), '--json'], { cwd: dir })
    expect((JSON.parse(stdout) as { verdict: string }).verdict).toBe('verified')
  })

  it('runs a batch on worker threads from the chunk built beside it', async () => {
    const samples = join(dir, 'samples')
    await mkdir(samples)
    const token = readFileSync(join(examples, 'ringcx-verified-hs256.jwt'), 'utf8').trim()
    // More files than the batch inspects on its own thread before it starts workers.
    await Promise.all(Array.from({ length: 300 }, (_, index) => writeFile(join(samples, `s-${String(index).padStart(3, '0')}.json`), JSON.stringify({ payload: token, expect: { verdict: 'verified' } }))))
    const { stdout } = await run(process.execPath, [bin, 'batch', samples, '--key', join(examples, 'demo-keys.json'), '--json', '--threads', '2'], { cwd: dir, maxBuffer: 1 << 24 })
    const summary = (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { summary: { files: number; expectationsMet: number; errors: number } }).summary
    expect(summary).toMatchObject({ files: 300, expectationsMet: 300, errors: 0 })
    expect(existsSync(join(root, 'out', 'cli', 'batch-worker.mjs'))).toBe(true)
  })
})
