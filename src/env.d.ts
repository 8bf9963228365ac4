/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// Placeholder until the typed IPC contract lands in electron/shared/.
interface Window {
  readonly api: Readonly<Record<string, never>>
}
