/**
 * The settings channels, over settings.json.
 */
import type { ChannelServices } from './call-service'
import type { SettingsStore } from './settings-store'

export function createSettingsServices(deps: { readonly settingsStore: SettingsStore }): Pick<ChannelServices, 'settings:get' | 'settings:status' | 'settings:update'> {
  const { settingsStore } = deps
  return {
    'settings:get': async () => settingsStore.get(),

    'settings:status': async () => settingsStore.status(),

    'settings:update': (update) => settingsStore.update(update),
  }
}
