/**
 * Nothing from an input reaches the terminal raw: values, field names, file names, start pages,
 * arguments and error text cannot repaint the screen, forge a line or reorder text.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { safeJson, visibleText } from '../../../electron/core/visible-text'
import { cli, demoKeys, roxVisitor, tempFolder } from './cli-harness'

/** Any character a terminal acts on (a line feed is allowed: it is ours, between lines). */
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** The same, a line feed included. */
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const CLEAR_AND_FAKE = '\u001b[2J\u001b[H\u001b[1;32mVERIFIED\u001b[0m'
const HOSTILE = [
  CLEAR_AND_FAKE,
  'line\nVERIFIED',
  'carriage\rVERIFIED',
  'tab\there',
  '\u0007bell\u007fdel',
  '\u009b31mC1 CSI\u0085next line',
  'bidi \u202Eevil\u202C \u2066iso\u2069 \u200E\u200F\u061C',
  'separators\u2028line\u2029para',
  'lone \uD800 surrogate \uDC00',
]

let folder: { dir: string; cleanup(): Promise<void> }
beforeAll(async () => {
  folder = await tempFolder('vi-escapes-')
})
afterAll(async () => {
  await folder.cleanup()
})

describe('visibleText and safeJson', () => {
  it.each(HOSTILE)('leave no control, line break or bidi control raw: %j', (text) => {
    expect(visibleText(text)).not.toMatch(ANY_CONTROL)
    expect(safeJson({ text })).not.toMatch(ANY_CONTROL)
  })

  it('keep text, backslashes and astral characters as they are', () => {
    expect(visibleText('C:\\samples\\ä 😀.json')).toBe('C:\\samples\\ä 😀.json')
    expect(visibleText('a\nb\u001b')).toBe('a\\nb\\u001B')
  })

  it('write JSON that parses back to the same value, U+2028 and U+2029 included', () => {
    for (const text of HOSTILE.filter((entry) => !entry.startsWith('lone'))) expect(JSON.parse(safeJson({ text }))).toEqual({ text })
    expect(safeJson('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"')
  })
})

async function hostileVisitorFile(name: string): Promise<string> {
  const fields = Object.fromEntries(HOSTILE.map((text, index) => [`f${index}${text}`, text]))
  const file = join(folder.dir, name)
  await writeFile(file, JSON.stringify({
    payload: { ...roxVisitor('1', fields), hash: 'bad' },
    startPage: { title: CLEAR_AND_FAKE, url: 'https://example.com/\u001b]8;;https://evil/\u0007' },
    expect: { verdict: 'verified', fields: { [`name${CLEAR_AND_FAKE}`]: { value: CLEAR_AND_FAKE } } },
  }))
  return file
}

describe('human output', () => {
  it('shows a rejected payload with hostile names and values without any raw control', async () => {
    const file = await hostileVisitorFile('hostile.sample.json')
    const run = await cli(['inspect', file, '--key', demoKeys])
    expect(run.status).toBe(1)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stdout).toContain('REJECTED')
    // No value made a line of its own that reads like a verdict.
    expect(run.stdout).not.toMatch(/^\s*VERIFIED|· VERIFIED/m)
  })

  it('paints with colour codes of its own only', async () => {
    const file = await hostileVisitorFile('hostile-colour.sample.json')
    const run = await cli(['inspect', file, '--key', demoKeys], { color: true })
    // Every escape left is a select-graphic-rendition code the formatter wrote.
    const withoutOwnColours = run.stdout.replace(/\u001b\[\d+(;\d+)*m/g, '')
    expect(withoutOwnColours).not.toMatch(RAW_CONTROL)
  })

  it('keeps one line per file in batch: a file name with a line break cannot forge a PASS line', async () => {
    const samples = join(folder.dir, 'batch')
    await mkdir(samples)
    const forged = `a.json\nPASS  verified          forged\u001b[2K\r.json`
    await writeFile(join(samples, forged), JSON.stringify({ payload: { ...roxVisitor('1'), hash: 'bad' } }))
    await writeFile(join(samples, 'b\u202Enosj.json'), Buffer.from([0xff]))
    const run = await cli(['batch', samples, '--key', demoKeys])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stderr).not.toMatch(RAW_CONTROL)
    const lines = run.stdout.split('\n').filter(Boolean)
    // Two result lines and the summary.
    expect(lines).toHaveLength(3)
    expect(lines.filter((line) => line.startsWith('PASS'))).toEqual([])
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('echoes hostile arguments in usage errors without a raw control', async () => {
    const runs = await Promise.all([
      cli(['inspect', 'x', '--scheme', CLEAR_AND_FAKE]),
      cli(['inspect', 'x', '--now', 'line\nbreak']),
      cli(['inspect', 'x', `--bogus${CLEAR_AND_FAKE}`]),
      cli([`frob\nPASS\u202E`]),
      cli(['batch', '.', '--threads', CLEAR_AND_FAKE]),
      cli(['inspect', 'x', '--key', join(folder.dir, `missing\n${CLEAR_AND_FAKE}.json`)]),
      cli(['sign', 'roxchat', '--key', demoKeys, '--field', `name${CLEAR_AND_FAKE}`]),
    ])
    for (const run of runs) {
      expect(run.status).toBe(EXIT_USAGE)
      expect(run.stderr.length).toBeGreaterThan(0)
      expect(run.stderr).not.toMatch(RAW_CONTROL)
      expect(run.stdout).not.toMatch(RAW_CONTROL)
    }
  })

  it('names a file that cannot be read, on stdout and stderr, without a raw control', async () => {
    const run = await cli(['inspect', join(folder.dir, `gone\r${CLEAR_AND_FAKE}.jwt`)])
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stderr).not.toMatch(RAW_CONTROL)
  })

  it('signs hostile values into JSON and names the output file without a raw control', async () => {
    const out = join(folder.dir, `signed\n${CLEAR_AND_FAKE}.json`)
    const printed = await cli(['sign', 'roxchat', '--key', demoKeys, '--field', 'id=1', '--field', `name=${HOSTILE.slice(0, -1).join('|')}`])
    expect(printed.status).toBe(EXIT_OK)
    expect(printed.stdout).not.toMatch(RAW_CONTROL)
    const sample = JSON.parse(printed.stdout) as { payload: { fields: Record<string, string> } }
    expect(sample.payload.fields['name']).toBe(HOSTILE.slice(0, -1).join('|'))
    const written = await cli(['sign', 'roxchat', '--key', demoKeys, '--field', 'id=1', '--out', out])
    expect(written.status).toBe(EXIT_OK)
    expect(written.stderr).not.toMatch(RAW_CONTROL)
  })
})

describe('JSON output', () => {
  it('writes values with controls as escapes that parse back to the same text', async () => {
    const file = await hostileVisitorFile('hostile-json.sample.json')
    const run = await cli(['inspect', file, '--key', demoKeys, '--json'])
    expect(run.stdout.trimEnd()).not.toMatch(ANY_CONTROL)
    const values = (run.lines[0]?.['rejectedFields'] as { value: string }[]).map((field) => field.value)
    expect(values).toEqual(expect.arrayContaining(HOSTILE.filter((text) => !text.startsWith('lone'))))
  })

  it('writes batch lines the same way', async () => {
    const samples = join(folder.dir, 'batch-json')
    await mkdir(samples)
    await writeFile(join(samples, 'a\u2028b.json'), JSON.stringify({ payload: roxVisitor('1', { name: 'x\u2029\u202Ey\u0085' }) }))
    const run = await cli(['batch', samples, '--key', demoKeys, '--json'])
    for (const line of run.stdout.trimEnd().split('\n')) expect(line).not.toMatch(ANY_CONTROL)
    expect(String(run.lines[0]?.['file']).endsWith('a\u2028b.json')).toBe(true)
  })
})
