/**
 * The batch's CI habits: --shard, --reporter github, the TTY progress line, --quiet, NO_COLOR and
 * the JUnit report's message, body and time. Hostile names and arguments included.
 */
import { createHmac } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProgressLine, REDRAW_MS } from '../../../electron/cli/batch-progress'
import { MAX_SHARDS, parseShard, shardOf } from '../../../electron/cli/batch-shard'
import { colorWanted } from '../../../electron/cli/cli-io'
import { escapeData, escapeProperty } from '../../../electron/cli/github-reporter'
import { runBatchCommand } from '../../../electron/cli/batch-command'
import { EXIT_REJECTED, EXIT_USAGE, runCli, type CliIo } from '../../../electron/cli/run-cli'

const KEY = 'e64e35642555f3ecd64ae7dbb600dca8'
let dir: string
let keyFile: string

interface Run { status: number; stdout: string; stderr: string; terminal: string }

/** Runs `batch`; with `columns`, standard error is a fake terminal of that width. */
async function batch(args: string[], options: { columns?: number; clock?: () => number } = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  let terminal = ''
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => new Date('2026-06-01T12:00:00Z'),
    color: false,
    ...(options.columns === undefined ? {} : { progress: { write: (text: string) => (terminal += text), columns: options.columns } }),
  }
  const status = options.clock === undefined ? await runCli(['batch', ...args], io) : await runBatchCommand(args, io, options.clock)
  return { status, stdout, stderr, terminal }
}

function visitor(id: string, good = true): string {
  return JSON.stringify({ fields: { id }, hash: createHmac('sha256', good ? KEY : 'other').update(id).digest('hex') })
}

async function folderOf(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(dir, name)
  await mkdir(folder, { recursive: true })
  for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), content)
  return folder
}

const filesOf = (stdout: string): string[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as { file?: string }).flatMap((line) => (line.file === undefined ? [] : [line.file]))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-batch-habits-'))
  keyFile = join(dir, 'rox.txt')
  await writeFile(keyFile, KEY)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('--shard', () => {
  it('reads I/N and refuses anything else, naming the argument made visible', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 })
    expect(parseShard('3/7')).toEqual({ index: 3, count: 7 })
    expect(parseShard(`${MAX_SHARDS}/${MAX_SHARDS}`)).toEqual({ index: MAX_SHARDS, count: MAX_SHARDS })
    const hostile = ['', '0/2', '3/2', '1/0', '01/2', '1/02', '-1/2', '+1/2', '1/2/3', ' 1/2', '1/2 ', '1/2\n', '1 / 2', '1.0/2', '1e0/2', '1/1001',
      '99999999999999999999/99999999999999999999', '１/２', '1/2\u202E', '½', 'NaN/NaN', 'Infinity/Infinity', '0x1/2', '1/']
    for (const value of hostile) expect(() => parseShard(value), JSON.stringify(value)).toThrow(/--shard .*use I\/N/)
    expect(() => parseShard('1/2\u001b[2J')).toThrow('1/2\\u001B[2J')
  })

  it('puts every file in exactly one shard, the same on every run', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`v-${index}.json`, visitor(String(index))]))
    const folder = await folderOf('shards', files)
    const whole = filesOf((await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--json'])).stdout)
    expect(whole).toHaveLength(40)
    const shards: string[][] = []
    for (const index of [1, 2, 3]) shards.push(filesOf((await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--json', '--shard', `${index}/3`])).stdout))
    expect(shards.flat().sort()).toEqual([...whole].sort())
    expect(new Set(shards.flat()).size).toBe(40)
    for (const shard of shards) expect(shard.length).toBeGreaterThan(0)
    // Again: the same files in the same shards, in walk order.
    const again = filesOf((await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--json', '--shard', '2/3'])).stdout)
    expect(again).toEqual(shards[1])
    expect(shards[1]).toEqual(whole.filter((file) => shardOf(file, 3) === 2))
  })

  it('is chosen from the path alone, with / and \\ alike', () => {
    expect(shardOf('samples/a/b.json', 5)).toBe(shardOf('samples\\a\\b.json', 5))
    for (let count = 1; count <= 9; count++) for (const path of ['a', 'b/c.json', '\n', '']) expect(shardOf(path, count)).toBeGreaterThanOrEqual(1)
  })

  it('names its shard in the JUnit suite, so merged files stay apart', async () => {
    const folder = await folderOf('shard-junit', { 'a.json': visitor('a'), 'b.json': visitor('b') })
    const junit = join(dir, 'shard.xml')
    await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--shard', '1/1', '--junit', junit])
    expect(await readFile(junit, 'utf8')).toContain('<testsuite name="samples (shard 1/1)"')
  })
})

describe('--reporter github', () => {
  it('escapes as GitHub\'s toolkit does: %, CR and LF in data; also : and , in properties', () => {
    expect(escapeData('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab:c,d')
    expect(escapeProperty('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab%3Ac%2Cd')
    // Escaped once: %0A given as text is not read back as a line break.
    expect(escapeData('%0A')).toBe('%250A')
  })

  it('writes one annotation per failed sample whose hostile name and values cannot forge a command', async () => {
    const hostile = 'x\n::warning file=forged::owned,y:z%0A\u001b[31m\u202Eevil.json'
    const folder = await folderOf('github', { [hostile]: visitor('1', false), 'good.json': visitor('2') })
    const run = await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--reporter', 'github'])
    expect(run.status).toBe(EXIT_REJECTED)
    const commands = run.stdout.split('\n').filter((line) => line.startsWith('::'))
    expect(commands).toHaveLength(1)
    const [command = ''] = commands
    expect(command).toMatch(/^::error file=[^:,]*,title=Visitor Inspector%3A sample failed::/)
    // The name's line break, ESC and bidi override are visible text; its ":" and "," are escaped.
    const file = /^::error file=([^,]*),/.exec(command)?.[1] ?? ''
    expect(file).toContain('x\\n%3A%3Awarning file=forged%3A%3Aowned%2Cy%3Az%250A\\u001B[31m\\u202Eevil.json')
    expect(command).not.toMatch(/[\u0000-\u001f\u007f\u202e]/)
    expect(command).toContain('wrong-provided-visitor-hash-value')
    expect(run.stdout.split('\n').filter((line) => line.includes('::warning') && line.startsWith('::'))).toEqual([])
  })

  it('refuses another reporter, and --json beside it', async () => {
    expect((await batch(['.', '--reporter', 'tap'])).stderr).toContain('--reporter tap: use github')
    const run = await batch(['.', '--reporter', 'github', '--json'])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('cannot be combined with --json')
  })
})

describe('the progress line', () => {
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`p-${index}.json`, visitor(String(index))]))

  it('is drawn on the terminal, with files done, rate and estimate, and removed at the end', async () => {
    const folder = await folderOf('progress', files)
    let now = 0
    // Each reading of the clock moves it on by more than the redraw interval.
    const run = await batch([folder, '--key', `roxchat:rox=${keyFile}`], { columns: 200, clock: () => (now += REDRAW_MS + 1) })
    expect(run.terminal).toMatch(/\r\u001b\[K\d+(\/5)? files · \d+ files\/s/)
    expect(run.terminal.endsWith('\r\u001b[K')).toBe(true)
    expect(run.stderr).toBe('')
    expect(run.stdout).not.toContain('\u001b')
  })

  it('is not drawn with --quiet, nor when standard error is no terminal', async () => {
    const folder = await folderOf('progress', files)
    expect((await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--quiet'], { columns: 80 })).terminal).toBe('')
    const plain = await batch([folder, '--key', `roxchat:rox=${keyFile}`])
    expect(plain.stderr).toBe('')
    expect(plain.terminal).toBe('')
  })

  it('shows a hostile file name as visible text cut to the width, never a control', () => {
    let terminal = ''
    let now = 0
    const line = new ProgressLine({ write: (text: string) => (terminal += text), columns: 100 }, () => (now += 1000))
    line.setTotal(10)
    line.advance(`samples/${'long-'.repeat(20)}\u001b]0;owned\u0007\n\r\u202E\u{1F600}.json`)
    const drawn = terminal.replace('\r\u001b[K', '')
    expect(drawn).toMatch(/^1\/10 files · \d+ files\/s · about .+ left · …/)
    expect(drawn).toContain('\\u001B]0;owned\\u0007\\n\\r\\u202E\u{1F600}.json')
    expect(drawn).not.toMatch(/[\u0000-\u001f\u007f\u202e]/)
    expect(Array.from(drawn).length).toBeLessThanOrEqual(99)
    // A cut never leaves half a surrogate pair.
    expect(drawn.isWellFormed()).toBe(true)
  })

  it('takes a terminal that gives no width as 80 columns, and says when under a second is left', () => {
    let terminal = ''
    let now = 0
    const line = new ProgressLine({ write: (text: string) => (terminal += text), columns: 0 }, () => (now += 1000))
    line.setTotal(2)
    line.advance('samples/a.json')
    expect(terminal).toBe('\r\u001b[K1/2 files · 1 files/s · about 1 s left · samples/a.json')
    expect(line.text(1_000_000)).toMatch(/^1\/2 files · 0 files\/s · about 16 min 39 s left · samples\/a\.json$/)
    line.setTotal(1)
    expect(line.text()).toContain('· under 1 s left ·')
  })

  it('redraws at most once per interval', () => {
    let writes = 0
    let now = 0
    const line = new ProgressLine({ write: () => writes++ }, () => now)
    for (let index = 0; index < 50; index++) line.advance('a.json')
    expect(writes).toBe(1)
    now += REDRAW_MS
    line.advance('b.json')
    expect(writes).toBe(2)
  })
})

describe('colour', () => {
  it('only on a terminal, and never with NO_COLOR set to a value', () => {
    expect(colorWanted(true, {})).toBe(true)
    expect(colorWanted(false, {})).toBe(false)
    expect(colorWanted(undefined, {})).toBe(false)
    expect(colorWanted(true, { NO_COLOR: '1' })).toBe(false)
    expect(colorWanted(true, { NO_COLOR: 'false' })).toBe(false)
    // no-color.org: an empty NO_COLOR does not count.
    expect(colorWanted(true, { NO_COLOR: '' })).toBe(true)
  })
})

describe('JUnit for CI systems', () => {
  it('gives a failure the plain sentence as message, codes and mismatches as body, and every case a time', async () => {
    const folder = await folderOf('junit-habits', {
      'bad.json': visitor('1', false),
      'expect.json': JSON.stringify({ payload: JSON.parse(visitor('2')) as unknown, expect: { verdict: 'rejected' } }),
      'good.json': visitor('3'),
    })
    const junit = join(dir, 'habits.xml')
    await batch([folder, '--key', `roxchat:rox=${keyFile}`, '--junit', junit])
    const xml = await readFile(junit, 'utf8')
    const cases = xml.split('\n').filter((line) => line.includes('<testcase '))
    expect(cases).toHaveLength(3)
    for (const testcase of cases) expect(testcase).toMatch(/ time="\d+\.\d{3}"/)
    const bad = cases.find((line) => line.includes('bad.json')) ?? ''
    const message = /<failure message="([^"]*)"/.exec(bad)?.[1] ?? ''
    expect(message).toMatch(/^[A-Z].*\.$/)
    expect(message).not.toContain('wrong-provided-visitor-hash-value')
    expect(xml).toMatch(/errors: wrong-provided-visitor-hash-value\n/)
    expect(xml).toContain('diagnosis: ')
    const expectCase = xml.slice(xml.indexOf('expect.json'))
    expect(expectCase).toMatch(/<failure message="The sample&apos;s expectation was not met: verdict expected &quot;rejected&quot;, got &quot;verified&quot;\."/)
    expect(expectCase).toContain('expect verdict: expected &quot;rejected&quot;, got &quot;verified&quot;')
  })
})
