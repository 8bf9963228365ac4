/**
 * The services' {@link DialogPort} over Electron's native file dialogs.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { DialogPort } from './services'

const SAMPLE_FILTERS = [
  { name: 'Samples and payloads', extensions: ['json', 'json5', 'jwt', 'jws', 'token', 'txt', 'js', 'html', 'htm'] },
  { name: 'All files', extensions: ['*'] },
]

async function pick(window: BrowserWindow | null, options: OpenDialogOptions): Promise<string[] | null> {
  const result = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options)
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths
}

export function createElectronDialogs(options: { readonly window: () => BrowserWindow | null; readonly examplesDir: string }): DialogPort {
  return {
    async pickPayloadFile() {
      const paths = await pick(options.window(), {
        title: 'Open Payload',
        // The shipped examples are the first thing a new user wants to open.
        defaultPath: options.examplesDir,
        properties: ['openFile'],
        filters: [
          { name: 'Payloads and samples', extensions: ['jwt', 'txt', 'json', 'html', 'htm', 'js'] },
          { name: 'All files', extensions: ['*'] },
        ],
      })
      return paths?.[0] ?? null
    },
    pickKeyFiles() {
      return pick(options.window(), {
        title: 'Import Keys',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Key files', extensions: ['json', 'jwk', 'jwks', 'pem', 'crt', 'cer', 'key', 'pub', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      })
    },
    async pickSampleFolder() {
      const paths = await pick(options.window(), { title: 'Open a Folder of Samples', properties: ['openDirectory'] })
      return paths?.[0] ?? null
    },
    pickSampleFiles() {
      return pick(options.window(), { title: 'Open Samples', properties: ['openFile', 'multiSelections'], filters: SAMPLE_FILTERS })
    },
    pickCaptureFiles() {
      return pick(options.window(), {
        title: 'Open Captures',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Browser captures (HAR, saved pages)', extensions: ['har', 'html', 'htm'] },
          { name: 'All files', extensions: ['*'] },
        ],
      })
    },
    async pickCaptureFolder() {
      const paths = await pick(options.window(), { title: 'Open a Folder of Captures', properties: ['openDirectory'] })
      return paths?.[0] ?? null
    },
    async pickTokenTable() {
      const paths = await pick(options.window(), {
        title: 'Choose a Rox.Chat Token Table',
        properties: ['openFile'],
        filters: [{ name: 'Token tables', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }],
      })
      return paths?.[0] ?? null
    },
    async pickSigningKeyFile() {
      const paths = await pick(options.window(), {
        title: 'Choose an RSA Private Key for Signing',
        properties: ['openFile'],
        filters: [{ name: 'PEM private keys', extensions: ['pem', 'key'] }, { name: 'All files', extensions: ['*'] }],
      })
      return paths?.[0] ?? null
    },
    async pickSavePath(suggestedName) {
      const parent = options.window()
      const saveOptions: SaveDialogOptions = { title: 'Save Sample', defaultPath: suggestedName, filters: [{ name: 'Sample files', extensions: ['json'] }] }
      const result = parent === null ? await dialog.showSaveDialog(saveOptions) : await dialog.showSaveDialog(parent, saveOptions)
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath
    },
  }
}
