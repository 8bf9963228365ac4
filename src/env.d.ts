/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

interface Window {
  /** Set by the preload script; absent when the page runs outside the app. Use src/bridge.ts. */
  readonly api?: import('../electron/shared/ipc-contract').VisitorInspectorApi
}
