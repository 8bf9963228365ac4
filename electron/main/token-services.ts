/**
 * The token table for identification by token: chosen in a dialog, never named by the window.
 */
import { resolve } from 'node:path'
import { readTokenTableFile } from '../io/token-table-file'
import type { TokenTableStatus } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import type { Inspector } from './inspector'
import { ServiceError } from './service-error'
import type { SettingsStore } from './settings-store'

export interface TokenServicesDeps {
  readonly settingsStore: SettingsStore
  readonly inspector: Inspector
  readonly dialogs: { pickTokenTable(): Promise<string | null> }
}

export function createTokenServices(deps: TokenServicesDeps): Pick<ChannelServices, 'tokens:status' | 'tokens:choose' | 'tokens:clear'> {
  const { settingsStore } = deps

  async function tokenStatus(): Promise<TokenTableStatus> {
    return (await deps.inspector.tokens()).status
  }

  return {
    'tokens:status': () => tokenStatus(),

    'tokens:choose': async () => {
      const path = await deps.dialogs.pickTokenTable()
      if (path === null) return null
      const read = await readTokenTableFile(path)
      if (!read.ok) throw new ServiceError('token-table-invalid', read.message)
      const saved = await settingsStore.update({ tokensFile: resolve(path) })
      if (!saved.saved) throw new ServiceError('token-table-invalid', saved.problems.map((problem) => problem.message).join('; '))
      return tokenStatus()
    },

    'tokens:clear': async () => {
      await settingsStore.update({ tokensFile: null })
      return tokenStatus()
    },
  }
}
