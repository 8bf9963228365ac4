/**
 * One request in, one result envelope out: argument checks, the service call and the mapping of
 * failures to stable codes. The IPC handlers and the end-to-end harness both go through here.
 */
import type { Channel, ChannelArgs, ChannelResult, Result } from '../shared/ipc-contract'
import { readChannelArguments } from './channel-arguments'
import { ServiceError } from './service-error'

/** One plain function per channel. */
export type ChannelServices = { readonly [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelResult<C>> }

export type Failure = Extract<Result<never>, { ok: false }>

/** A failure as it crosses IPC: a {@link ServiceError} keeps its code; anything else is `ipc-internal`. */
export function toFailure(error: unknown): Failure {
  if (error instanceof ServiceError) return { ok: false, code: error.code, message: error.message }
  return { ok: false, code: 'ipc-internal', message: 'Something went wrong in the app; the request was not completed.' }
}

/**
 * Validates `rawArgs` for `channel`, calls its service and wraps the outcome.
 *
 * @example
 * const result = await callService(services, 'keys:list', [])
 * if (result.ok) result.value.length
 */
export async function callService<C extends Channel>(
  services: ChannelServices,
  channel: C,
  rawArgs: readonly unknown[],
  onInternalError: (channel: Channel, error: unknown) => void = () => undefined,
): Promise<Result<ChannelResult<C>>> {
  try {
    const args = readChannelArguments(channel, rawArgs)
    const service = services[channel] as (args: ChannelArgs<C>) => Promise<ChannelResult<C>>
    return { ok: true, value: await service(args) }
  } catch (error) {
    if (!(error instanceof ServiceError)) onInternalError(channel, error)
    return toFailure(error)
  }
}
