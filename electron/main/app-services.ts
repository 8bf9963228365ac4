/**
 * The app's own channels: what it is, and the one way out to the user's browser.
 */
import type { AppInfo } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import { ServiceError } from './service-error'

export interface AppServicesDeps {
  /** Opens an https: URL in the user's browser (shell.openExternal in the app). */
  readonly openExternal: (url: string) => Promise<void>
  readonly appInfo: AppInfo
}

/** Only https: links leave the app, and never with credentials in them. */
export function allowedExternalUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}

export function createAppServices(deps: AppServicesDeps): Pick<ChannelServices, 'app:info' | 'app:open-external'> {
  return {
    'app:info': async () => deps.appInfo,

    'app:open-external': async ({ url }) => {
      const allowed = allowedExternalUrl(url)
      if (allowed === null) throw new ServiceError('url-not-allowed', 'only https: links can be opened')
      await deps.openExternal(allowed)
      return { opened: true }
    },
  }
}
