/**
 * The services' {@link DialogPort} over Electron's native file dialogs.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { DialogPort } from './services'

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
  }
}
