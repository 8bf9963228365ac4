/**
 * What every inspecting channel shares: the key ring built from the store (rebuilt only when key
 * material changed), the settings, the token table and the clock.
 */
import type { Inspection } from '../common/inspection'
import { inspect } from '../core/inspect'
import { createKeyRing, type KeyRing } from '../core/key-ring'
import type { KeyStore } from './key-store'
import type { SettingsStore } from './settings-store'
import { TokenTableSource, type LoadedTokenTable } from './token-table-source'
import type { SchemeId } from '../common/schemes'

export interface Inspector {
  keyRing(): Promise<KeyRing>
  tokens(): Promise<LoadedTokenTable>
  /**
   * Inspects text with the store's keys (or the ones given), the settings and the clock; a key
   * that verified is not counted. A sample file's own `now` and `config` apply only with
   * `sampleSemantics`: a file the user opened from the Samples view or a sample QA tools signed,
   * never a payload pasted, dropped or opened in the Inspector.
   */
  inspectWithoutRecording(text: string, scheme: SchemeId | undefined, options?: InspectTextOptions, keys?: KeyRing): Promise<Inspection>
  /** Inspects text and counts the match of the key that verified it. */
  inspectText(text: string, scheme: SchemeId | undefined, options?: InspectTextOptions): Promise<Inspection>
  /** What inspections are judged with right now; a run judged with another stamp is stale. */
  configStamp(): Promise<string>
}

export interface InspectTextOptions {
  /** Judge a sample file by its own `now` and `config`. */
  readonly sampleSemantics?: boolean
}

export interface InspectorDeps {
  readonly keyStore: KeyStore
  readonly settingsStore: SettingsStore
  readonly now: () => Date
}

export function createInspector(deps: InspectorDeps): Inspector {
  const { keyStore, settingsStore } = deps
  const tokenSource = new TokenTableSource()
  let ringCache: { readonly revision: number; readonly ring: Promise<KeyRing> } | null = null

  function keyRing(): Promise<KeyRing> {
    if (ringCache === null || ringCache.revision !== keyStore.materialRevision) {
      const ring = keyStore.verifyFingerprints().then(() => createKeyRing(keyStore.ringEntries()))
      ringCache = { revision: keyStore.materialRevision, ring }
      ring.catch(() => {
        ringCache = null
      })
    }
    return ringCache.ring
  }

  function tokens(): Promise<LoadedTokenTable> {
    return tokenSource.load(settingsStore.get().tokensFile)
  }

  async function inspectWithoutRecording(text: string, scheme: SchemeId | undefined, { sampleSemantics = false }: InspectTextOptions = {}, keys?: KeyRing): Promise<Inspection> {
    const { table } = await tokens()
    return inspect(text, {
      keys: keys ?? await keyRing(),
      settings: settingsStore.get().inspection,
      now: deps.now(),
      sampleSemantics,
      ...(scheme === undefined ? {} : { scheme }),
      ...(table === undefined ? {} : { authTokens: table }),
    })
  }

  async function inspectText(text: string, scheme: SchemeId | undefined, options: InspectTextOptions = {}): Promise<Inspection> {
    const inspection = await inspectWithoutRecording(text, scheme, options)
    if (inspection.key !== null && inspection.scheme !== null) keyStore.recordMatch(inspection.scheme, inspection.key.kid, deps.now())
    return inspection
  }

  async function configStamp(): Promise<string> {
    await tokens()
    return `${keyStore.materialRevision}|${tokenSource.revision}|${JSON.stringify(settingsStore.get().inspection)}`
  }

  return { keyRing, tokens, inspectWithoutRecording, inspectText, configStamp }
}
