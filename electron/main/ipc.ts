/**
 * The one file that calls ipcMain: a typed handler per contract channel, each refusing requests
 * that do not come from the top frame of our own window at our own origin.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNELS, type Channel, type ChannelResult, type Result } from '../shared/ipc-contract'
import { callService, type ChannelServices } from './call-service'

export interface SenderPolicy {
  /** Origins the renderer is served from: app://renderer, plus the dev server's in development. */
  readonly allowedOrigins: ReadonlySet<string>
  /** True for the web contents of a window this app created. */
  readonly isAppWebContents: (webContentsId: number) => boolean
}

const BAD_SENDER = { ok: false, code: 'ipc-bad-sender', message: 'The request did not come from the app window and was refused.' } as const

/** `app://renderer/index.html` → `app://renderer`. Node's URL gives custom schemes an opaque origin. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}

/**
 * The sender must be the main frame (no iframe) of one of our windows, showing a page of our own
 * origin; a frame that navigated away or was destroyed has no senderFrame and is refused too.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, policy: SenderPolicy): boolean {
  let frame: IpcMainInvokeEvent['senderFrame']
  try {
    frame = event.senderFrame
  } catch {
    return false
  }
  if (frame === null || frame.parent !== null) return false
  if (!policy.isAppWebContents(event.sender.id)) return false
  const origin = originOf(frame.url)
  return origin !== null && policy.allowedOrigins.has(origin)
}

function handle<C extends Channel>(
  channel: C,
  services: ChannelServices,
  policy: SenderPolicy,
  onInternalError: (channel: Channel, error: unknown) => void,
): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Result<ChannelResult<C>>> => {
    if (!isTrustedSender(event, policy)) return BAD_SENDER
    return callService(services, channel, args, onInternalError)
  })
}

/**
 * Registers a handler for every channel of the contract.
 *
 * @example
 * registerIpcHandlers(services, { allowedOrigins: new Set([APP_ORIGIN]), isAppWebContents: (id) => id === win.webContents.id })
 */
export function registerIpcHandlers(
  services: ChannelServices,
  policy: SenderPolicy,
  onInternalError: (channel: Channel, error: unknown) => void = () => undefined,
): void {
  for (const channel of CHANNELS) handle(channel, services, policy, onInternalError)
}
