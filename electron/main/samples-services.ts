/**
 * The Samples view: one run at a time over the folders or files the user picked, its progress
 * page by page, and a sample read again for the Inspector.
 */
import { randomBytes } from 'node:crypto'
import { basename, resolve } from 'node:path'
import { MAX_INPUT_BYTES } from '../common/limits'
import { isKeyOrSettingsFile } from '../core/payload-detect'
import type { BatchContext } from '../io/batch-run'
import { readBoundedTextFile } from '../io/bounded-text-file'
import type { SamplesRunStarted } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import type { Inspector } from './inspector'
import { SamplesRun } from './samples-run'
import { ServiceError } from './service-error'
import type { SettingsStore } from './settings-store'

export interface SamplesServicesDeps {
  readonly inspector: Inspector
  readonly settingsStore: SettingsStore
  readonly now: () => Date
  readonly dialogs: {
    pickSampleFolder(): Promise<string | null>
    pickSampleFiles(): Promise<readonly string[] | null>
  }
  /** Files a Samples run inspects at once; the batch runner's default when left out. */
  readonly samplesWindow?: number
}

export function createSamplesServices(
  deps: SamplesServicesDeps,
): Pick<ChannelServices, 'samples:start' | 'samples:progress' | 'samples:cancel' | 'samples:rerun' | 'samples:open'> {
  const { inspector } = deps
  let samplesRun: SamplesRun | null = null

  /**
   * Starts a Samples run, replacing the last one. Sample libraries are not live traffic, so a
   * run does not count key matches (that would hide keys no website uses any more).
   */
  async function startSamplesRun(roots: readonly string[]): Promise<SamplesRunStarted> {
    samplesRun?.cancel()
    const stamp = await inspector.configStamp()
    const { table } = await inspector.tokens()
    const context: BatchContext = {
      keys: await inspector.keyRing(),
      settings: deps.settingsStore.get().inspection,
      clock: deps.now,
      ...(table === undefined ? {} : { authTokens: table }),
    }
    // Another start may have won while this one waited: one run at a time, the newest.
    samplesRun?.cancel()
    const run = new SamplesRun({
      id: randomBytes(12).toString('base64url'),
      roots,
      context,
      stamp,
      ...(deps.samplesWindow === undefined ? {} : { window: deps.samplesWindow }),
    })
    samplesRun = run
    return { runId: run.id, roots: roots.map((root) => basename(root)) }
  }

  function samplesRunOf(runId: string): SamplesRun {
    if (samplesRun === null || samplesRun.id !== runId) throw new ServiceError('samples-run-not-found', 'this sample run was replaced by a newer one: open the samples again')
    return samplesRun
  }

  return {
    'samples:start': async ({ pick }) => {
      let picked: readonly string[] | null
      if (pick === 'folder') {
        const folder = await deps.dialogs.pickSampleFolder()
        picked = folder === null ? null : [folder]
      } else {
        picked = await deps.dialogs.pickSampleFiles()
      }
      if (picked === null || picked.length === 0) return null
      return startSamplesRun(picked.map((path) => resolve(path)))
    },

    'samples:progress': async ({ runId, cursor }) => {
      const run = samplesRunOf(runId)
      return run.progress(cursor, (await inspector.configStamp()) !== run.stamp)
    },

    'samples:cancel': async ({ runId }) => ({ cancelled: samplesRunOf(runId).cancel() }),

    'samples:rerun': async ({ runId }) => startSamplesRun(samplesRunOf(runId).roots),

    'samples:open': async ({ runId, index }) => {
      const sample = samplesRunOf(runId).sampleAt(index)
      if (sample === null) throw new ServiceError('samples-run-not-found', `the run has no sample number ${index + 1} yet`)
      const fileName = basename(sample.path)
      const notOpenable = new ServiceError('sample-not-openable', `${fileName} is a key or settings file, not a sample: it is not shown`)
      if (sample.status === 'skipped') throw notOpenable
      const read = await readBoundedTextFile(sample.path, MAX_INPUT_BYTES)
      if (!read.ok) throw new ServiceError(read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${fileName}: ${read.message}`)
      // The file may have changed since the run: check again that it holds no key.
      if (isKeyOrSettingsFile(read.text)) throw notOpenable
      // Opened from the Samples view: judged as the run judges it, by the sample's own now and config.
      return { fileName, text: read.text, inspection: await inspector.inspectText(read.text, undefined, { sampleSemantics: true }) }
    },
  }
}
