/**
 * The app's settings as main stores them and the window edits them: their defaults and themes.
 */
import { DEFAULT_SETTINGS } from '../common/settings'
import type { AppSettings, Theme } from './ipc-contract'

export const THEMES: readonly Theme[] = ['system', 'light', 'dark']

export const DEFAULT_APP_SETTINGS: AppSettings = { inspection: DEFAULT_SETTINGS, qaTools: false, theme: 'system', tokensFile: null }
