/**
 * From an inspection to the description a program is generated from: the identity's own fields,
 * with what the website got wrong put right and each such change reported as a note; never the
 * signature or hash, never a key. Each scheme describes its own (its vocabulary's `fixit` hook);
 * this dispatches through the registry.
 */
import { DEFAULT_SETTINGS, settingsSection, type InspectionSettings } from '../settings'
import { schemeName } from '../schemes'
import { FIXIT_MAX_DEPTH, TooDeep, failure } from './describe-kit'
import { fixitOf, fixitSchemeIds, type FixitDescription } from './description'
import type { DescribeFixitResult, FixitInspection } from './scheme-fixit'

export interface DescribeFixitOptions {
  /**
   * An algorithm to sign with instead of the one the settings name (`cli fixit --algorithm`);
   * used by the schemes that let one choose (Rox.Chat's hash), ignored by the others.
   */
  readonly algorithm?: string
}

/**
 * Describes the identity of an inspection for {@link generateFixitProgram}, judged by the
 * inspection settings (each scheme reads its own section: the RingCX minimum expiry, the Rox.Chat
 * hash algorithm).
 *
 * @example
 * const described = describeFixit(inspection, settings.inspection)
 * if (described.ok) generateFixitProgram(described.description, 'go')
 */
export function describeFixit(
  inspection: FixitInspection,
  settings: InspectionSettings = DEFAULT_SETTINGS,
  options: DescribeFixitOptions = {},
): DescribeFixitResult<FixitDescription> {
  const nowSeconds = Math.floor(Date.parse(inspection.now) / 1000)
  if (!Number.isFinite(nowSeconds)) return failure('fixit-no-identity', 'The inspection has no valid time.')
  if (inspection.scheme === null) return failure('fixit-no-identity', `The payload was not read as a ${fixitSchemeIds().map((id) => schemeName(id)).join(' or ')} identity, so there is nothing to sign.`)
  const fixit = fixitOf(inspection.scheme)
  if (fixit === undefined) {
    return failure('fixit-not-offered', `Visitor Inspector has no programs that sign ${schemeName(inspection.scheme)} identities, so none is shown.`)
  }
  const algorithm = options.algorithm !== undefined && fixit.algorithms?.includes(options.algorithm) === true ? options.algorithm : undefined
  try {
    const described = fixit.describe(inspection, {
      nowSeconds,
      settings: settingsSection(settings, inspection.scheme),
      ...(algorithm === undefined ? {} : { algorithm }),
    })
    return described as DescribeFixitResult<FixitDescription>
  } catch (error) {
    if (error instanceof TooDeep) return failure('fixit-too-deep', `The identity nests deeper than ${FIXIT_MAX_DEPTH} levels.`)
    throw error
  }
}
