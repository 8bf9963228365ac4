/**
 * The one file that calls ipcRenderer. Exposes `window.api`: one named verb per contract channel
 * and a menu subscription. Never ipcRenderer itself, never the IPC event object.
 *
 * Built as one CommonJS file: a sandboxed preload cannot load ES modules or relative chunks.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  CHANNELS,
  MAX_IPC_TEXT_BYTES,
  MENU_EVENTS,
  MENU_VIEWS,
  verbName,
  type ClipboardText,
  type MenuEvent,
  type MenuMessage,
  type MenuView,
  type VisitorInspectorApi,
} from '../shared/ipc-contract'

function isMenuView(value: unknown): value is MenuView {
  return (MENU_VIEWS as readonly unknown[]).includes(value)
}

function isClipboardText(value: unknown): value is ClipboardText {
  if (typeof value !== 'object' || value === null) return false
  const detail = value as Record<string, unknown>
  if (typeof detail['text'] === 'string') return true
  return detail['tooLarge'] === true && typeof detail['bytes'] === 'number' && detail['bytes'] > MAX_IPC_TEXT_BYTES
}

/** The event with the detail it must carry; null for a malformed one, which is dropped. */
function menuMessage(event: MenuEvent, detail: unknown): MenuMessage | null {
  switch (event) {
    case 'menu:open-payload':
    case 'menu:open-capture':
    case 'menu:import-keys':
      return [event]
    case 'menu:paste-inspect':
      return isClipboardText(detail) ? [event, detail] : null
    case 'menu:show-view':
      return isMenuView(detail) ? [event, detail] : null
  }
}

const verbs = Object.fromEntries(
  CHANNELS.map((channel) => [verbName(channel), (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
)

function onMenu(listener: (...message: MenuMessage) => void): () => void {
  const unsubscribers = MENU_EVENTS.map((menuEvent) => {
    const forward = (_event: IpcRendererEvent, detail: unknown): void => {
      const message = menuMessage(menuEvent, detail)
      if (message !== null) listener(...message)
    }
    ipcRenderer.on(menuEvent, forward)
    return () => ipcRenderer.removeListener(menuEvent, forward)
  })
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
}

const api = Object.freeze({ ...verbs, onMenu }) as VisitorInspectorApi

contextBridge.exposeInMainWorld('api', api)
