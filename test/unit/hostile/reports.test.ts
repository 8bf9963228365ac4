/**
 * The Markdown and JUnit reports for hostile names and values, and report paths that would
 * overwrite an input, each other, or a folder.
 */
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JunitReport, MarkdownReport } from '../../../electron/cli/batch-report'
import type { BatchResult, BatchSummary } from '../../../electron/io/batch-run'
import { EXIT_REJECTED, EXIT_USAGE } from '../../../electron/cli/run-cli'
import { refusedInspection } from '../../../electron/core/inspect'
import type { Inspection } from '../../../electron/common/inspection'
import { NOW, cli, demoKeys, roxVisitor, tempFolder } from './cli-harness'

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u
const NAME = '[A-Za-z_][\\w.-]*'
const ATTRIBUTE_VALUE = '"(?:[^<&"]|&(?:lt|gt|amp|quot|apos|#\\d+|#x[0-9A-Fa-f]+);)*"'
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}=${ATTRIBUTE_VALUE})*)\\s*(/?)>`)

/**
 * A strict check of XML 1.0 well-formedness for what the JUnit report writes (a declaration,
 * elements with attributes, white space between them): every character allowed, every attribute
 * value closed and its entities known, no attribute twice, every element closed in order.
 */
function checkWellFormedXml(text: string): void {
  expect(XML_CHAR.test(text), 'only characters XML 1.0 allows').toBe(true)
  let rest = text.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/, '')
  expect(rest.length).toBeLessThan(text.length)
  const open: string[] = []
  let elements = 0
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest)
    if (space !== null) {
      rest = rest.slice(space[0].length)
      continue
    }
    // Character data (a failure's body): only inside an element, every & an entity, no "]]>".
    const characters = /^[^<]+/.exec(rest)
    if (characters !== null) {
      expect(open.length, 'text only inside an element').toBeGreaterThan(0)
      expect(characters[0], 'every & starts an entity').not.toMatch(/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/)
      expect(characters[0]).not.toContain(']]>')
      rest = rest.slice(characters[0].length)
      continue
    }
    const tag = TAG.exec(rest)
    expect(tag, `a tag at: ${rest.slice(0, 80)}`).not.toBeNull()
    const [whole, closing, name, attributes, selfClosing] = tag as RegExpExecArray
    const names = [...(attributes ?? '').matchAll(new RegExp(`\\s+(${NAME})=${ATTRIBUTE_VALUE}`, 'g'))].map((match) => match[1])
    expect(new Set(names).size, `no attribute twice in <${name}>`).toBe(names.length)
    if (closing === '/') expect(open.pop()).toBe(name)
    else {
      if (open.length === 0) elements++
      if (selfClosing !== '/') open.push(name as string)
    }
    rest = rest.slice(whole.length)
  }
  expect(open).toEqual([])
  expect(elements).toBe(1)
}

/** Cell separators of a Markdown table row that Markdown would see (not escaped). */
function cellBreaks(line: string): number {
  return [...line.matchAll(/(?<!\\)(?:\\\\)*\|/g)].length
}

const HOSTILE_TEXT = [
  ']]>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<!-- comment', '&amp; &bogus;',
  '"quoted" \'apos\'', '`code` | cell | break', '[link](javascript:alert(1))', '**bold** _em_ ~~strike~~',
  'carriage\rreturn', 'line\nbreak', 'escape \u001b[2J', 'nul \u0000 vt \u000b ff \u000c', '\uFFFE\uFFFF',
  'lone \uD800 high', 'lone \uDFFF low', 'bidi \u202E', '\u0085 \u2028',
].join(' ')

function failedResult(file: string): BatchResult {
  const inspection: Inspection = {
    ...refusedInspection('input-unreadable', 'x', NOW),
    scheme: 'roxchat',
    expectation: { met: false, mismatches: [{ path: `fields.${HOSTILE_TEXT}`, expected: HOSTILE_TEXT, actual: null }] },
  }
  return { file, status: 'failed', inspection }
}

const summary: BatchSummary = { files: 3, verified: 0, rejected: 1, expectationsMet: 0, expectationsFailed: 1, errors: 1, skipped: 1, ms: 5 }

let folder: { dir: string; cleanup(): Promise<void> }
beforeAll(async () => {
  folder = await tempFolder('vi-reports-')
})
afterAll(async () => {
  await folder.cleanup()
})

describe('JUnit XML', () => {
  it('stays well-formed for hostile names and values', async () => {
    const path = join(folder.dir, 'hostile.xml')
    const report = new JunitReport(path)
    await report.add(failedResult(`samples/${HOSTILE_TEXT}.json`))
    await report.add({ file: HOSTILE_TEXT, status: 'error', inspection: null, code: 'input-unreadable', problem: HOSTILE_TEXT })
    await report.add({ file: `${HOSTILE_TEXT}.json`, status: 'skipped', inspection: null, problem: HOSTILE_TEXT })
    await report.finish(summary)
    const bytes = await readFile(path)
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    checkWellFormedXml(text)
    expect(text.match(/<testcase /g)).toHaveLength(3)
    expect(text).not.toContain('<script')
  })

  it('stays well-formed for hostile file names through the command line', async () => {
    const samples = join(folder.dir, 'junit-samples')
    await mkdir(samples)
    await writeFile(join(samples, 'a ]]> <x> & "\u0001\u001b\r.json'), JSON.stringify({ payload: { ...roxVisitor('1'), hash: 'bad' }, expect: { verdict: HOSTILE_TEXT } }))
    await writeFile(join(samples, 'b \uFFFE.json'), Buffer.from([0xff]))
    const junit = join(folder.dir, 'cli.xml')
    const run = await cli(['batch', samples, '--key', demoKeys, '--junit', junit])
    expect(run.status).toBe(EXIT_USAGE)
    checkWellFormedXml(await readFile(junit, 'utf8'))
  })

  it('is checked strictly by this test', () => {
    expect(() => checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a b="1"><c d="<"/></a>')).toThrow()
    expect(() => checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a b="\u0001"/>')).toThrow()
    expect(() => checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a b="\uD800"/>')).toThrow()
    expect(() => checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>')).toThrow()
    expect(() => checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a b="1" b="2"/>')).toThrow()
    checkWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a b="&lt;&amp;"><c/></a>\n')
  })
})

describe('Markdown report', () => {
  it('lets no HTML, control or Markdown markup of a name or value through, one row per sample', async () => {
    const path = join(folder.dir, 'hostile.md')
    const report = new MarkdownReport(path)
    await report.add(failedResult(`samples/${HOSTILE_TEXT}.json`))
    await report.add({ file: HOSTILE_TEXT, status: 'error', inspection: null, code: 'input-unreadable', problem: HOSTILE_TEXT })
    await report.finish(summary)
    const markdown = await readFile(path, 'utf8')
    expect(markdown).not.toMatch(/[<>]/)
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E]/)
    expect(markdown).not.toMatch(/(?<!\\)`/)
    expect(markdown).not.toMatch(/(?<!\\)\[/)
    const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| file') && !line.startsWith('| files'))
    // The totals row and the two samples, each with exactly its three cells.
    expect(rows).toHaveLength(3)
    for (const row of rows.slice(1)) expect(cellBreaks(row)).toBe(4)
  })

  it('escapes a hostile sample name through the command line too', async () => {
    const samples = join(folder.dir, 'md-samples')
    await mkdir(samples)
    await writeFile(join(samples, '<b>x<i> | `y` \u001b[31m\r.json'), JSON.stringify({ payload: { ...roxVisitor('1'), hash: 'bad' } }))
    const path = join(folder.dir, 'cli.md')
    const run = await cli(['batch', samples, '--key', demoKeys, '--report', path])
    expect(run.status).toBe(EXIT_REJECTED)
    const markdown = await readFile(path, 'utf8')
    expect(markdown).not.toMatch(/<b>|<i>|[\r\u001b]/)
    const row = markdown.split('\n').find((line) => line.includes('.json'))
    expect(row !== undefined && cellBreaks(row)).toBe(4)
  })
})

describe('report paths', () => {
  let samples: string
  let sample: string
  // A copy: a regression must not overwrite the shipped demo keys.
  let keys: string
  beforeAll(async () => {
    samples = join(folder.dir, 'inputs')
    await mkdir(samples)
    sample = join(samples, 'a.json')
    await writeFile(sample, JSON.stringify(roxVisitor('1')))
    keys = join(folder.dir, 'keys.json')
    await writeFile(keys, await readFile(demoKeys))
  })

  async function refused(argv: readonly string[]): Promise<void> {
    const before = await readFile(sample, 'utf8')
    const keysBefore = await readFile(keys, 'utf8')
    const run = await cli(argv)
    expect(run.status).toBe(EXIT_USAGE)
    // Refused before the run: no line for any sample.
    expect(run.stdout).toBe('')
    expect(await readFile(sample, 'utf8')).toBe(before)
    expect(await readFile(keys, 'utf8')).toBe(keysBefore)
    expect((await readdir(samples)).filter((name) => name.includes('.body-') || name.includes('.partial-'))).toEqual([])
  }

  it('refuses a report over an input file, also through a link or ..', async () => {
    await refused(['batch', sample, '--key', keys, '--junit', sample])
    await refused(['batch', sample, '--key', keys, '--report', join(samples, '..', 'inputs', 'a.json')])
    const alias = join(folder.dir, 'alias.json')
    await symlink(sample, alias)
    await refused(['batch', sample, '--key', keys, '--junit', alias])
  })

  it('refuses a report over a key file', async () => {
    await refused(['batch', sample, '--key', keys, '--report', keys])
  })

  it('refuses the two reports at one path', async () => {
    const same = join(folder.dir, 'both.out')
    await refused(['batch', sample, '--key', keys, '--junit', same, '--report', same])
  })

  it('refuses a folder as a report path', async () => {
    await refused(['batch', sample, '--key', keys, '--junit', folder.dir])
    await refused(['batch', sample, '--key', keys, '--report', samples])
  })

  it('refuses a report the folder walk would read as a sample, and allows one it would not', async () => {
    await refused(['batch', samples, '--key', keys, '--junit', join(samples, 'junit.json')])
    const beside = join(samples, 'junit.xml')
    const run = await cli(['batch', samples, '--key', keys, '--junit', beside])
    expect(run.status).toBe(0)
    checkWellFormedXml(await readFile(beside, 'utf8'))
  })
})
