/**
 * The Rox.Chat token table named in the settings, read again only when the file changes on disk
 * (QA edits it between runs). It stays in main: the window sees only its status.
 */
import { stat } from 'node:fs/promises'
import type { TokenTable } from '../core/token-table'
import { describeFsError } from '../io/bounded-text-file'
import { readTokenTableFile } from '../io/token-table-file'
import type { TokenTableStatus } from '../shared/ipc-contract'

export interface LoadedTokenTable {
  /** Undefined when no table is configured or it cannot be read: inspections then say so per token. */
  readonly table: TokenTable | undefined
  readonly status: TokenTableStatus
}

export class TokenTableSource {
  #cache: { readonly key: string; readonly table: TokenTable | null; readonly problem: string | null } | null = null
  #revision = 0

  /** Changes whenever the table in use changes (another file, an edit, a file that became unreadable). */
  get revision(): number {
    return this.#revision
  }

  /**
   * The table of `file`, from the cache while its size and modification time stay the same.
   *
   * @example
   * const { table, status } = await source.load(settingsStore.get().tokensFile)
   */
  async load(file: string | null): Promise<LoadedTokenTable> {
    if (file === null) {
      this.#remember('none', null, null)
      return { table: undefined, status: { file: null, tokenCount: null, problem: null } }
    }
    let key: string
    try {
      const info = await stat(file)
      key = `${file}\0${info.size}\0${info.mtimeMs}`
    } catch (error) {
      this.#remember(`${file}\0unreadable`, null, `token table ${file}: ${describeFsError(error)}`)
      return this.#loaded(file)
    }
    if (this.#cache?.key !== key) {
      const read = await readTokenTableFile(file)
      this.#remember(key, read.ok ? read.table : null, read.ok ? null : read.message)
    }
    return this.#loaded(file)
  }

  #loaded(file: string): LoadedTokenTable {
    const table = this.#cache?.table ?? undefined
    return { table, status: { file, tokenCount: table?.size ?? null, problem: this.#cache?.problem ?? null } }
  }

  #remember(key: string, table: TokenTable | null, problem: string | null): void {
    if (this.#cache?.key === key) return
    this.#cache = { key, table, problem }
    this.#revision += 1
  }
}
