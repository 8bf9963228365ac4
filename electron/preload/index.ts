import { contextBridge } from 'electron'

// Built as one CommonJS file: a sandboxed preload cannot load ES modules or relative chunks.
// Named verbs are added here once the IPC contract exists; never expose ipcRenderer itself.
const api = Object.freeze({})

contextBridge.exposeInMainWorld('api', api)
