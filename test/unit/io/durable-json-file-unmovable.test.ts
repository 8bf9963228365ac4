import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { DurableJsonFile, FileSchemaError } from '../../../electron/io/durable-json-file'
import { openKeyStore } from '../../../electron/main/key-store'
import { NO_OS_ENCRYPTION } from '../../../electron/main/secret-cipher'
import { tempDir } from '../../main/helpers'

// A damaged file that cannot be moved aside (e.g. a read-only folder): rename always fails here.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    rename: vi.fn(async () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' })
    }),
  }
})

describe('a damaged file that cannot be moved aside', () => {
  it('is reported as unavailable and left untouched', async () => {
    const dir = await tempDir()
    const path = join(dir, 'state.json')
    await writeFile(path, '{"trunc')
    const loaded = await new DurableJsonFile(path).load(() => {
      throw new FileSchemaError('never reached')
    })
    expect(loaded).toEqual({ kind: 'unavailable', problem: expect.stringContaining('could not be moved aside') })
    expect(await readFile(path, 'utf8')).toBe('{"trunc')
  })

  it('makes the key store refuse every write, so the damaged file is never overwritten', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'keystore.json'), 'garbage')
    const store = await openKeyStore({ dir, cipher: NO_OS_ENCRYPTION })
    expect(store.status()).toMatchObject({ writable: false, keyCount: 0, problem: expect.stringContaining('permission denied') })
    await expect(store.removeKey('ringcx', 'k', 'rsa:x', new Date())).rejects.toMatchObject({ code: 'key-store-unavailable' })
    expect(await store.flush()).toBe(false)
    expect(await readFile(join(dir, 'keystore.json'), 'utf8')).toBe('garbage')
  })
})
