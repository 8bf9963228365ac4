import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBoundedFileSync, readBoundedTextFile, readBoundedTextFileSync } from '../../../electron/io/bounded-text-file'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vi-read-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readBoundedTextFile', () => {
  it('reads UTF-8 text up to the limit exactly, without a byte-order mark', async () => {
    await writeFile(join(dir, 'exact.txt'), `\uFEFF${'é'.repeat(4)}`)
    // 3 bytes of BOM + 8 bytes of text.
    expect(await readBoundedTextFile(join(dir, 'exact.txt'), 11)).toEqual({ ok: true, text: 'éééé' })
  })

  it('refuses a file over the limit before reading it', async () => {
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(101))
    expect(await readBoundedTextFile(join(dir, 'big.txt'), 100)).toMatchObject({ ok: false, reason: 'too-large' })
  })

  it('says a missing path, a folder and binary data in the user\'s terms', async () => {
    await mkdir(join(dir, 'folder'))
    await writeFile(join(dir, 'binary.bin'), Buffer.from([0xff, 0xfe, 0x00, 0xc3]))
    expect(await readBoundedTextFile(join(dir, 'missing.txt'), 100)).toEqual({ ok: false, reason: 'unreadable', message: 'no such file' })
    expect(await readBoundedTextFile(join(dir, 'folder'), 100)).toMatchObject({ ok: false, reason: 'unreadable' })
    expect(await readBoundedTextFile(join(dir, 'binary.bin'), 100)).toMatchObject({ ok: false, reason: 'not-text' })
  })

  it('reads an empty file as empty text', async () => {
    await writeFile(join(dir, 'empty.txt'), '')
    expect(await readBoundedTextFile(join(dir, 'empty.txt'), 100)).toEqual({ ok: true, text: '' })
  })
})

describe('readBoundedTextFileSync (the batch\'s reader)', () => {
  it('answers exactly as the asynchronous reader for every kind of file', async () => {
    await writeFile(join(dir, 'sync-exact.txt'), `\uFEFF${'é'.repeat(4)}`)
    await writeFile(join(dir, 'sync-big.txt'), 'x'.repeat(101))
    await writeFile(join(dir, 'sync-binary.bin'), Buffer.from([0xff, 0xfe, 0x00, 0xc3]))
    await writeFile(join(dir, 'sync-empty.txt'), '')
    await mkdir(join(dir, 'sync-folder'))
    execFileSync('mkfifo', [join(dir, 'sync-fifo.json')])
    await symlink(join(dir, 'sync-fifo.json'), join(dir, 'sync-link-to-fifo.json'))
    await symlink('/dev/zero', join(dir, 'sync-device.json'))
    const cases: [string, number][] = [['sync-exact.txt', 11], ['sync-exact.txt', 10], ['sync-big.txt', 100], ['sync-binary.bin', 100], ['sync-empty.txt', 100],
      ['sync-folder', 100], ['sync-fifo.json', 100], ['sync-link-to-fifo.json', 100], ['sync-device.json', 100], ['missing.txt', 100]]
    for (const [name, limit] of cases) expect(readBoundedTextFileSync(join(dir, name), limit), name).toEqual(await readBoundedTextFile(join(dir, name), limit))
    expect(readBoundedTextFileSync(join(dir, 'sync-fifo.json'), 100)).toEqual({ ok: false, reason: 'unreadable', message: 'it is a named pipe (FIFO), not a regular file' })
    expect(readBoundedTextFileSync(join(dir, 'sync-device.json'), 100)).toMatchObject({ ok: false, reason: 'unreadable', message: 'it is a device, not a regular file' })
  })

  it('reads files larger than its buffer, and one file\'s text survives the next read', async () => {
    const large = 'a'.repeat(200 * 1024)
    await writeFile(join(dir, 'sync-large.txt'), large)
    await writeFile(join(dir, 'sync-small.txt'), 'small')
    const first = readBoundedTextFileSync(join(dir, 'sync-large.txt'), 1024 * 1024)
    const second = readBoundedTextFileSync(join(dir, 'sync-small.txt'), 1024 * 1024)
    expect(first).toEqual({ ok: true, text: large })
    expect(second).toEqual({ ok: true, text: 'small' })
    // The bytes are a view of the reused buffer: the next read overwrites them (documented; decode first).
    const bytes = readBoundedFileSync(join(dir, 'sync-small.txt'), 100)
    expect(bytes.ok && bytes.bytes.toString('utf8')).toBe('small')
  })
})
