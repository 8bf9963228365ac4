import type { IpcErrorCode } from '../shared/ipc-contract'

/**
 * A request that cannot be served, with the stable code the renderer switches on.
 * Anything else a service throws is a bug and crosses IPC as `ipc-internal`.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}
