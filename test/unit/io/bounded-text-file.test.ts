import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBoundedTextFile } from '../../../electron/io/bounded-text-file'

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
