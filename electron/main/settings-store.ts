/**
 * settings.json: the inspection rules (what `--config` carries on the command line) plus the app's
 * own preferences. Same durable file as the key store; validated field by field by the core.
 */
import { isAbsolute, join } from 'node:path'
import { resolveSettings, type InspectionSettings, type SettingsProblem } from '../common/settings'
import { isPlainObject, ownMember } from '../common/values'
import type { AppSettings, SettingsStatus, SettingsUpdate, SettingsUpdateResult, Theme } from '../shared/ipc-contract'
import { DurableJsonFile, FileSchemaError } from '../io/durable-json-file'
import { DEFAULT_APP_SETTINGS, THEMES } from '../shared/app-settings'
import { ServiceError } from './service-error'

export const SETTINGS_FILE = 'settings.json'
const FORMAT = 'visitor-inspector/settings'
const VERSION = 1


/** A path to a file is at most this long on every platform we ship for. */
const MAX_PATH_LENGTH = 4096

/**
 * What main itself may change: the window's update plus the token table file, which only
 * `tokens:choose` sets (from a dialog) so that the window never names a path to read.
 */
export interface MainSettingsUpdate extends SettingsUpdate {
  readonly tokensFile?: unknown
}

interface SettingsFile extends AppSettings {
  readonly format: typeof FORMAT
  readonly version: typeof VERSION
}

function withPrefix(problems: readonly SettingsProblem[], prefix: string): SettingsProblem[] {
  return problems.map((problem) => ({
    ...problem,
    path: problem.path === '' ? prefix : `${prefix}.${problem.path}`,
    message: problem.path === '' ? `${prefix}: ${problem.message}` : problem.message,
  }))
}

/**
 * Checks an update against the current settings; members left out keep their value.
 *
 * @example
 * resolveSettingsUpdate(current, { theme: 'dark', inspection: { ringcx: { minExpirySeconds: 7200 } } })
 */
export function resolveSettingsUpdate(current: AppSettings, update: MainSettingsUpdate): { ok: true; value: AppSettings } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = []
  let inspection: InspectionSettings = current.inspection
  if (update.inspection !== undefined) {
    const resolved = resolveSettings(update.inspection, current.inspection)
    if (resolved.ok) inspection = resolved.value
    else problems.push(...withPrefix(resolved.problems, 'inspection'))
  }
  let qaTools = current.qaTools
  if (update.qaTools !== undefined) {
    if (typeof update.qaTools === 'boolean') qaTools = update.qaTools
    else problems.push({ path: 'qaTools', code: 'settings-bad-value', message: 'qaTools must be true or false' })
  }
  let theme = current.theme
  if (update.theme !== undefined) {
    if (typeof update.theme === 'string' && (THEMES as readonly string[]).includes(update.theme)) theme = update.theme as Theme
    else problems.push({ path: 'theme', code: 'settings-bad-value', message: `theme must be one of ${THEMES.join(', ')}` })
  }
  let tokensFile = current.tokensFile
  if (update.tokensFile !== undefined) {
    if (update.tokensFile === null || (typeof update.tokensFile === 'string' && isAbsolute(update.tokensFile) && update.tokensFile.length <= MAX_PATH_LENGTH && !update.tokensFile.includes('\0'))) {
      tokensFile = update.tokensFile
    } else {
      problems.push({ path: 'tokensFile', code: 'settings-bad-value', message: 'tokensFile must be the absolute path of a file, or null' })
    }
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { inspection, qaTools, theme, tokensFile } }
}

/** Validates settings.json; members it lacks take their defaults, wrong ones make it damaged. */
export function decodeSettingsFile(json: unknown): AppSettings {
  if (!isPlainObject(json)) throw new FileSchemaError('settings.json: not a JSON object')
  if (ownMember(json, 'format') !== FORMAT) throw new FileSchemaError('settings.json: not Visitor Inspector settings')
  const version = ownMember(json, 'version')
  if (version !== VERSION) throw new FileSchemaError(`settings.json: schema version ${JSON.stringify(version)} is not the supported version ${VERSION}`)
  for (const name of Object.keys(json)) {
    if (!['format', 'version', 'inspection', 'qaTools', 'theme', 'tokensFile'].includes(name)) throw new FileSchemaError(`settings.json: unknown member "${name}"`)
  }
  const resolved = resolveSettingsUpdate(DEFAULT_APP_SETTINGS, { inspection: ownMember(json, 'inspection'), qaTools: ownMember(json, 'qaTools'), theme: ownMember(json, 'theme'), tokensFile: ownMember(json, 'tokensFile') })
  if (!resolved.ok) throw new FileSchemaError(`settings.json: ${resolved.problems.map((problem) => problem.message).join('; ')}`)
  return resolved.value
}

export class SettingsStore {
  readonly #file: DurableJsonFile
  readonly #status: SettingsStatus
  #settings: AppSettings
  #queue: Promise<unknown> = Promise.resolve()

  /** Use {@link openSettingsStore}. */
  constructor(file: DurableJsonFile, settings: AppSettings, status: SettingsStatus) {
    this.#file = file
    this.#settings = settings
    this.#status = status
  }

  get path(): string {
    return this.#file.path
  }

  get(): AppSettings {
    return this.#settings
  }

  status(): SettingsStatus {
    return this.#status
  }

  /** Saves a valid update atomically; an invalid one changes nothing and says why, field by field. */
  update(update: MainSettingsUpdate): Promise<SettingsUpdateResult> {
    const run = this.#queue.then(async (): Promise<SettingsUpdateResult> => {
      const resolved = resolveSettingsUpdate(this.#settings, update)
      if (!resolved.ok) return { saved: false, problems: resolved.problems }
      if (!this.#status.writable) throw new ServiceError('settings-store-unavailable', this.#status.problem ?? 'settings cannot be saved')
      const file: SettingsFile = { format: FORMAT, version: VERSION, ...resolved.value }
      try {
        await this.#file.save(file)
      } catch (error) {
        throw new ServiceError('settings-store-unavailable', `the settings could not be saved: ${(error as Error).message}`)
      }
      this.#settings = resolved.value
      return { saved: true, settings: resolved.value }
    })
    this.#queue = run.catch(() => undefined)
    return run
  }
}

/**
 * Opens settings.json at start; a damaged file is moved aside and the defaults apply.
 *
 * @example
 * const settings = await openSettingsStore({ dir: app.getPath('userData') })
 */
export async function openSettingsStore(options: { readonly dir: string; readonly now?: () => Date }): Promise<SettingsStore> {
  const file = new DurableJsonFile(join(options.dir, SETTINGS_FILE), options.now === undefined ? {} : { now: options.now })
  await file.removeStaleTempFiles()
  const loaded = await file.load(decodeSettingsFile)
  return new SettingsStore(file, loaded.kind === 'loaded' ? loaded.value : DEFAULT_APP_SETTINGS, {
    quarantine: loaded.kind === 'quarantined' ? loaded.notice : null,
    writable: loaded.kind !== 'unavailable',
    problem: loaded.kind === 'unavailable' ? loaded.problem : null,
  })
}
