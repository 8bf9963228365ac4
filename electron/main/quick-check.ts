/**
 * The quick check: a payload inspected with a key the user pasted for this one inspection, as
 * jwt.io checks a token with a secret typed beside it. The key is parsed into a key ring of its
 * own, used once and dropped: it is never stored, never logged and never part of the answer,
 * which says only that an unsaved key checked it (its Key ID and fingerprint, like any key view).
 * Nothing here signs: verification is read-only.
 */
import type { Inspection } from '../common/inspection'
import { vocabularyOf, type SchemeId } from '../common/schemes'
import { parseKeyFile, type KeyHint } from '../core/key-parse'
import { createKeyRing, type KeyRing } from '../core/key-ring'
import { isPlainObject, ownMember } from '../common/values'
import type { ChannelServices } from './call-service'
import { ServiceError } from './service-error'

/** The Key ID a bare secret or PEM gets when neither the user nor the token names a usable one. */
export const UNSAVED_KID = 'unsaved_key'

export interface QuickCheckDeps {
  /** Inspects `text` with these keys only, the settings and the clock; counts no key match. */
  readonly inspectWithKeys: (text: string, keys: KeyRing, scheme: SchemeId | undefined) => Promise<Inspection>
}

export type QuickCheckServices = Pick<ChannelServices, 'inspect:quick-check'>

/** A JSON key text that names its own Key IDs (a key set, or a JWK with `kid`): no Key ID is added. */
function namesOwnKid(keyText: string): boolean {
  const trimmed = keyText.trim()
  if (!trimmed.startsWith('{')) return false
  try {
    const json: unknown = JSON.parse(trimmed)
    return isPlainObject(json) && (Array.isArray(ownMember(json, 'keys')) || typeof ownMember(json, 'kid') === 'string')
  } catch {
    return false
  }
}

/** The Key ID the token's header names, when it is one the scheme allows. */
function headerKid(inspection: Inspection, scheme: SchemeId): string | undefined {
  const kid = inspection.raw.header === undefined ? undefined : ownMember(inspection.raw.header, 'kid')
  return typeof kid === 'string' && vocabularyOf(scheme)?.keys.kidPattern.test(kid) === true ? kid : undefined
}

/**
 * The pasted key as a key ring of its own. Whatever goes wrong here becomes a plain refusal: no error
 * that could quote the key text reaches a log.
 */
async function keyRingOf(keyText: string, hint: KeyHint): Promise<KeyRing> {
  let problem: string
  try {
    const parsed = await parseKeyFile(keyText, hint)
    if (parsed.ok) return await createKeyRing(parsed.keys.map((key) => ({ material: key.material, info: key.info })))
    problem = parsed.entries.find((entry) => entry.error !== undefined)?.error?.message ?? 'the pasted text is not a key'
  } catch {
    problem = 'the pasted key could not be read'
  }
  throw new ServiceError('quick-check-key-invalid', problem)
}

/**
 * The quick-check channel.
 *
 * @example
 * const quick = createQuickCheckServices({ inspectWithKeys })
 * const inspection = await quick['inspect:quick-check']({ text: token, keyText: secret })
 * inspection.checkedWithUnsavedKey // true
 */
export function createQuickCheckServices(deps: QuickCheckDeps): QuickCheckServices {
  return {
    'inspect:quick-check': async ({ text, keyText, scheme, kid }) => {
      // Without keys first: what the payload is and which Key ID its header names.
      const bare = await deps.inspectWithKeys(text, await createKeyRing([]), scheme)
      const keyScheme = scheme ?? bare.scheme
      if (keyScheme === null) throw new ServiceError('quick-check-key-invalid', 'the payload is not an identity of any scheme, so there is nothing to check the key against')
      const hint: KeyHint = namesOwnKid(keyText)
        ? { scheme: keyScheme }
        : { scheme: keyScheme, kid: kid ?? headerKid(bare, keyScheme) ?? UNSAVED_KID }
      const ring = await keyRingOf(keyText, hint)
      const inspection = await deps.inspectWithKeys(text, ring, scheme)
      return { ...inspection, checkedWithUnsavedKey: true as const }
    },
  }
}
