/**
 * Inspecting a payload the window sends, or a file the user picks.
 */
import { basename } from 'node:path'
import { MAX_INPUT_BYTES } from '../common/limits'
import { readBoundedTextFile } from '../io/bounded-text-file'
import type { ChannelServices } from './call-service'
import type { Inspector } from './inspector'
import { ServiceError } from './service-error'

export interface InspectServicesDeps {
  readonly inspector: Inspector
  readonly dialogs: { pickPayloadFile(): Promise<string | null> }
}

export function createInspectServices(deps: InspectServicesDeps): Pick<ChannelServices, 'inspect:payload' | 'inspect:open-file'> {
  const { inspector } = deps
  return {
    'inspect:payload': ({ text, scheme, recheck }) => (recheck === true ? inspector.inspectWithoutRecording(text, scheme) : inspector.inspectText(text, scheme)),

    'inspect:open-file': async () => {
      const path = await deps.dialogs.pickPayloadFile()
      if (path === null) return null
      const read = await readBoundedTextFile(path, MAX_INPUT_BYTES)
      if (!read.ok) throw new ServiceError(read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${basename(path)}: ${read.message}`)
      return { fileName: basename(path), text: read.text, inspection: await inspector.inspectText(read.text, undefined) }
    },
  }
}
