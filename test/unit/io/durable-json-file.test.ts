import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { describe, expect, it } from 'vitest'
import { DurableJsonFile, FileSchemaError, readDurableJson, tempFilePattern } from '../../../electron/io/durable-json-file'
import { NOW, tempDir } from '../../main/helpers'

const decodeCounter = (json: unknown): { count: number } => {
  if (typeof json !== 'object' || json === null || typeof (json as { count?: unknown }).count !== 'number') throw new FileSchemaError('no count')
  return json as { count: number }
}

describe('DurableJsonFile.save', () => {
  it('writes pretty JSON with mode 0600 and replaces the file atomically', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'state.json'))
    await file.save({ count: 1 })
    await file.save({ count: 2 })
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toEqual({ count: 2 })
    if (process.platform !== 'win32') expect((await stat(file.path)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(['state.json'])
  })

  it('creates a missing folder', async () => {
    const dir = join(await tempDir(), 'nested', 'deeper')
    const file = new DurableJsonFile(join(dir, 'state.json'))
    await file.save({ count: 3 })
    expect((await readDurableJson(file.path, decodeCounter)).kind).toBe('loaded')
  })
})

describe('temp files of a killed write', () => {
  it('matches the names write-file-atomic 7 gives its temp files', () => {
    // The library exposes its name generator for tests; a change of scheme must fail here.
    const name = (writeFileAtomic as unknown as { _getTmpname: (file: string) => string })._getTmpname('/x/keystore.json')
    expect(tempFilePattern('keystore.json').test(name.slice('/x/'.length))).toBe(true)
    expect(tempFilePattern('keystore.json').test('keystore.json.corrupt-2026-01-01T00-00-00-000Z')).toBe(false)
    expect(tempFilePattern('keystore.json').test('settings.json.123')).toBe(false)
  })

  it('removes only the temp siblings of its own file', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'keystore.json'))
    await file.save({ count: 1 })
    for (const name of ['keystore.json.12345', 'keystore.json.4294967295', 'settings.json.777', 'keystore.json.corrupt-x', 'notes.txt']) {
      await writeFile(join(dir, name), 'partial')
    }
    const removed = await file.removeStaleTempFiles()
    expect(removed.map((path) => path.slice(dir.length + 1)).sort()).toEqual(['keystore.json.12345', 'keystore.json.4294967295'])
    expect((await readdir(dir)).sort()).toEqual(['keystore.json', 'keystore.json.corrupt-x', 'notes.txt', 'settings.json.777'])
  })
})

describe('DurableJsonFile.load', () => {
  it('answers missing for a file that does not exist, without creating it', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'state.json'))
    expect(await file.load(decodeCounter)).toEqual({ kind: 'missing' })
    expect(await readdir(dir)).toEqual([])
  })

  it.each([
    ['empty', Buffer.alloc(0), 'empty'],
    ['truncated', Buffer.from('{"count": 1, "items": [1, 2'), 'not valid JSON'],
    ['garbage', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x9c, 0x00, 0xc3]), 'not UTF-8'],
    ['wrong schema', Buffer.from('{"count":"many"}'), 'no count'],
  ])('moves a %s file aside with its bytes intact', async (_name, bytes, reason) => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await writeFile(path, bytes)
    const file = new DurableJsonFile(path, { now: () => NOW })
    const loaded = await file.load(decodeCounter)
    expect(loaded).toEqual({ kind: 'quarantined', notice: { movedTo: `${path}.corrupt-2026-06-01T12-00-00-000Z`, reason: expect.stringContaining(reason) } })
    if (loaded.kind !== 'quarantined') return
    expect(await readFile(loaded.notice.movedTo)).toEqual(bytes)
    expect(await readdir(dir)).toEqual(['state.json.corrupt-2026-06-01T12-00-00-000Z'])
  })

  it('never overwrites an earlier quarantined file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    const file = new DurableJsonFile(path, { now: () => NOW })
    await writeFile(path, 'first')
    await file.load(decodeCounter)
    await writeFile(path, 'second')
    const loaded = await file.load(decodeCounter)
    expect(loaded.kind === 'quarantined' && loaded.notice.movedTo).toBe(`${path}.corrupt-2026-06-01T12-00-00-000Z-2`)
    expect(await readFile(`${path}.corrupt-2026-06-01T12-00-00-000Z`, 'utf8')).toBe('first')
  })

  it('moves aside a folder standing where the file should be', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await mkdir(path)
    const loaded = await new DurableJsonFile(path, { now: () => NOW }).load(decodeCounter)
    expect(loaded.kind).toBe('quarantined')
    expect(loaded.kind === 'quarantined' && loaded.notice.reason).toMatch(/not a regular file/)
  })

  it('lets a decoder bug surface instead of quarantining a good file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await writeFile(path, '{"count":1}')
    await expect(new DurableJsonFile(path).load(() => {
      throw new TypeError('bug')
    })).rejects.toThrow('bug')
    expect(await readFile(path, 'utf8')).toBe('{"count":1}')
  })
})
