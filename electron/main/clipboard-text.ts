/**
 * What Paste and Inspect sends with its menu event. No Electron here, so the end-to-end harness
 * sends exactly what the menu would.
 */
import { MAX_IPC_TEXT_BYTES, type ClipboardText } from '../shared/ipc-contract'

/**
 * The clipboard's text, or only its size when it is over the 1 MiB the window may send back.
 *
 * @example
 * clipboardText('eyJ…') // { text: 'eyJ…' }
 */
export function clipboardText(text: string): ClipboardText {
  const bytes = Buffer.byteLength(text, 'utf8')
  return bytes > MAX_IPC_TEXT_BYTES ? { tooLarge: true, bytes } : { text }
}
