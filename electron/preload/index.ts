/**
 * The one file that calls ipcRenderer. Exposes `window.api`: one named verb per contract channel
 * and a menu subscription. Never ipcRenderer itself, never the IPC event object.
 *
 * Built as one CommonJS file: a sandboxed preload cannot load ES modules or relative chunks.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNELS, MENU_EVENTS, MENU_VIEWS, verbName, type MenuEvent, type MenuView, type VisitorInspectorApi } from '../shared/ipc-contract'

function isMenuView(value: unknown): value is MenuView {
  return (MENU_VIEWS as readonly unknown[]).includes(value)
}

const verbs = Object.fromEntries(
  CHANNELS.map((channel) => [verbName(channel), (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
)

function onMenu(listener: (event: MenuEvent, detail?: MenuView) => void): () => void {
  const unsubscribers = MENU_EVENTS.map((menuEvent) => {
    const forward = (_event: IpcRendererEvent, detail: unknown): void => {
      if (isMenuView(detail)) listener(menuEvent, detail)
      else listener(menuEvent)
    }
    ipcRenderer.on(menuEvent, forward)
    return () => ipcRenderer.removeListener(menuEvent, forward)
  })
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
}

const api = Object.freeze({ ...verbs, onMenu }) as VisitorInspectorApi

contextBridge.exposeInMainWorld('api', api)
