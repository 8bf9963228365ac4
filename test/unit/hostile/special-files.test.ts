/**
 * FIFOs, devices, folders and links where a file is expected: refused with input-unreadable (never
 * opened in a way that blocks), and in a batch folder each given its own line.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { readBoundedTextFile } from '../../../electron/io/bounded-text-file'
import { readPlainKeyStore } from '../../../electron/io/key-store-file'
import { STACK_TRACE, cli, demoKeys, examples, roxVisitor, runCliProcess, tempFolder } from './cli-harness'

const codes = (line: Record<string, unknown> | undefined): string[] => ((line?.['errors'] ?? []) as { code: string }[]).map((error) => error.code)
const verified = join(examples, 'ringcx-verified-hs256.jwt')

// A FIFO blocks whoever opens it for reading until a writer comes: a regression hangs, and the
// timeout fails the test.
const HANG = 15_000

let folder: { dir: string; cleanup(): Promise<void> }
let fifo: string
beforeAll(async () => {
  folder = await tempFolder('vi-special-')
  fifo = join(folder.dir, 'pipe.jwt')
  execFileSync('mkfifo', [fifo])
})
afterAll(async () => {
  await folder.cleanup()
})

describe.skipIf(process.platform === 'win32')('special files named on the command line', () => {
  it('refuses a FIFO as an input with input-unreadable and still inspects the files after it', async () => {
    const run = await cli(['inspect', fifo, verified, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.lines).toHaveLength(2)
    expect(codes(run.lines[0])).toEqual(['input-unreadable'])
    expect(run.lines[1]?.['verdict']).toBe('verified')
    expect(run.stderr).toContain('[input-unreadable]')
  }, HANG)

  it.each(['--key', '--config', '--tokens'])('refuses a FIFO as %s with a usage error naming input-unreadable', async (option) => {
    const run = await cli(['inspect', verified, ...(option === '--key' ? [] : ['--key', demoKeys]), option, fifo, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('[input-unreadable]')
  }, HANG)

  it('refuses a FIFO as a named key file (SCHEME:KID=FILE) and in sign', async () => {
    const named = await cli(['inspect', verified, '--key', `ringcx:hs_demo=${fifo}`, '--json'])
    expect(named.status).toBe(EXIT_USAGE)
    expect(named.stderr).toContain('[input-unreadable]')
    const signed = await cli(['sign', 'ringcx', '--kid', 'k1', '--key', `ringcx:k1=${fifo}`, '--claim', 'uuid=u'])
    expect(signed.status).toBe(EXIT_USAGE)
    const fields = await cli(['sign', 'roxchat', '--key', demoKeys, '--fields', fifo])
    expect(fields.status).toBe(EXIT_USAGE)
    expect(fields.stderr).toContain('[input-unreadable]')
  }, HANG)

  it('refuses a FIFO in place of keystore.json, and a FIFO given as the --keystore folder', async () => {
    const store = join(folder.dir, 'store')
    await mkdir(store)
    execFileSync('mkfifo', [join(store, 'keystore.json')])
    const run = await cli(['inspect', verified, '--keystore', store, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('[input-unreadable]')
    expect(await readPlainKeyStore(store)).toMatchObject({ kind: 'unreadable' })
    const notAFolder = await cli(['inspect', verified, '--keystore', fifo, '--json'])
    expect(notAFolder.status).toBe(EXIT_USAGE)
  }, HANG)

  it('refuses a device and a folder as inputs with input-unreadable', async () => {
    const inputs = [...(existsSync('/dev/null') ? ['/dev/null'] : []), folder.dir]
    const run = await cli(['inspect', ...inputs, verified, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.lines.map(codes)).toEqual([...inputs.map(() => ['input-unreadable']), []])
  }, HANG)

  it('reads through a link to a regular file, and refuses one to a FIFO', async () => {
    const toFile = join(folder.dir, 'to-file.jwt')
    const toFifo = join(folder.dir, 'to-fifo.jwt')
    await symlink(verified, toFile)
    await symlink(fifo, toFifo)
    const run = await cli(['inspect', toFile, toFifo, '--key', demoKeys, '--json'])
    expect(run.lines.map((line) => line['verdict'])).toEqual(['verified', 'rejected'])
    expect(codes(run.lines[1])).toEqual(['input-unreadable'])
  }, HANG)

  it('says in the reader what the path is instead of opening it', async () => {
    expect(await readBoundedTextFile(fifo, 100)).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringContaining('FIFO') })
    expect(await readBoundedTextFile(folder.dir, 100)).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringContaining('folder') })
    if (existsSync('/dev/zero')) expect(await readBoundedTextFile('/dev/zero', 100)).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringContaining('device') })
  }, HANG)

  it('ends a process given a FIFO instead of blocking', async () => {
    const run = await runCliProcess(['inspect', fifo, '--json'], { timeoutMs: HANG - 2000 })
    expect(run.signal).toBeNull()
    expect(run.status).toBe(EXIT_USAGE)
    expect(JSON.parse(run.stdout.trim()).errors[0].code).toBe('input-unreadable')
    expect(run.stderr).not.toMatch(STACK_TRACE)
  }, HANG)
})

describe.skipIf(process.platform === 'win32')('special files in a batch folder', () => {
  it('gives every FIFO, dangling or looping link its own line, follows good links once and exits 2', async () => {
    const samples = join(folder.dir, 'samples')
    await mkdir(join(samples, 'sub'), { recursive: true })
    await writeFile(join(samples, 'a-good.json'), JSON.stringify(roxVisitor('1')))
    execFileSync('mkfifo', [join(samples, 'b-pipe.json')])
    execFileSync('mkfifo', [join(samples, 'pipe-without-ending')])
    await symlink(join(samples, 'nowhere.json'), join(samples, 'c-dangling.json'))
    await symlink(join(samples, 'd-loop-2.json'), join(samples, 'd-loop-1.json'))
    await symlink(join(samples, 'd-loop-1.json'), join(samples, 'd-loop-2.json'))
    await symlink(join(samples, 'a-good.json'), join(samples, 'e-link.json'))
    await symlink(join(samples, 'b-pipe.json'), join(samples, 'f-to-pipe.json'))
    await writeFile(join(samples, 'sub', 'g-inner.json'), JSON.stringify(roxVisitor('2')))
    // A loop back to the top, and a second way into sub: each walked once.
    await symlink('..', join(samples, 'sub', 'up'))
    await symlink(join(samples, 'sub'), join(samples, 'z-sub-again'))

    const run = await cli(['batch', samples, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    const lines = run.lines.slice(0, -1)
    const byName = new Map(lines.map((line) => [String(line['file']).slice(samples.length + 1), line]))
    expect([...byName.keys()]).toEqual([
      'a-good.json', 'b-pipe.json', 'c-dangling.json', 'd-loop-1.json', 'd-loop-2.json', 'e-link.json', 'f-to-pipe.json', 'pipe-without-ending',
      join('sub', 'g-inner.json'), join('sub', 'up'), 'z-sub-again',
    ])
    for (const name of ['b-pipe.json', 'c-dangling.json', 'd-loop-1.json', 'd-loop-2.json', 'f-to-pipe.json', 'pipe-without-ending']) {
      expect(byName.get(name)).toMatchObject({ status: 'error', code: 'input-unreadable' })
    }
    expect(byName.get('e-link.json')).toMatchObject({ status: 'passed', verdict: 'verified' })
    expect(byName.get(join('sub', 'up'))?.['status']).toBe('skipped')
    expect(byName.get('z-sub-again')?.['status']).toBe('skipped')
    expect(run.lines.at(-1)?.['summary']).toMatchObject({ files: 11, verified: 3, errors: 6, skipped: 2 })
  }, HANG)

  it('passes a folder with only good samples and a link loop, since nothing went unchecked', async () => {
    const samples = join(folder.dir, 'looping')
    await mkdir(samples)
    await writeFile(join(samples, 'a.json'), JSON.stringify(roxVisitor('1')))
    await symlink('.', join(samples, 'self'))
    const run = await cli(['batch', samples, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_OK)
    expect(run.lines.at(-1)?.['summary']).toMatchObject({ files: 2, verified: 1, errors: 0, skipped: 1 })
  }, HANG)

  it('refuses a FIFO named as a batch input and goes on', async () => {
    const run = await cli(['batch', fifo, verified, '--key', demoKeys, '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.lines[0]).toMatchObject({ status: 'error', code: 'input-unreadable' })
    expect(run.lines[1]).toMatchObject({ verdict: 'verified' })
  }, HANG)
})

describe('standard input', () => {
  const token = async (): Promise<Buffer> => readFile(verified)

  it('refuses bytes that are not UTF-8 exactly as a file with the same bytes is refused', async () => {
    const bytes = Buffer.concat([Buffer.from('eyJhbGciOiJIUzI1NiJ9.'), Buffer.from([0xff, 0xfe, 0x80])])
    const file = join(folder.dir, 'not-utf8.jwt')
    await writeFile(file, bytes)
    const fromFile = await cli(['inspect', file, '--json'])
    const fromStdin = await cli(['inspect', '-', '--json'], { stdin: bytes })
    expect(codes(fromFile.lines[0])).toEqual(['input-unreadable'])
    expect(codes(fromStdin.lines[0])).toEqual(['input-unreadable'])
    expect(fromStdin.status).toBe(fromFile.status)
  })

  it('drops a byte-order mark as for a file', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await token()])
    const run = await cli(['inspect', '-', '--key', demoKeys, '--json'], { stdin: bytes })
    expect(run.lines[0]?.['verdict']).toBe('verified')
  })

  it('refuses more than 1 MiB as input-too-large', async () => {
    const run = await cli(['inspect', '-', '--json'], { stdin: Buffer.alloc(1024 * 1024 + 1, 0x61) })
    expect(codes(run.lines[0])).toEqual(['input-too-large'])
  })

  it('decodes strictly in the process too', async () => {
    const run = await runCliProcess(['inspect', '-', '--json'], { stdin: Buffer.from([0x61, 0xc3, 0x28]) })
    expect(run.status).toBe(EXIT_USAGE)
    expect(JSON.parse(run.stdout.trim()).errors[0].code).toBe('input-unreadable')
    const good = await runCliProcess(['inspect', '-', '--key', demoKeys, '--json'], { stdin: await token() })
    expect(good.status).toBe(EXIT_OK)
  }, 30_000)
})
