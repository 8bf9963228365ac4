/**
 * Inspecting Rox.Chat payloads: a provided visitor through its checks, a logout, or an auth
 * token looked up in the token table; then the priority merge with the fields the service
 * recognised and the agent typed.
 */
import type { Diagnosis, RawView } from '../../common/inspection'
import { describeTextFault, findIllFormedText, isPlainObject, ownMember } from '../../common/values'
import { issue } from '../issue'
import { duplicateMembersOf } from '../json-source'
import { duplicateMemberWarnings } from '../source-warnings'
import type { TimeLimitAt } from '../time-limits'
import type { Sample, SchemeContext, SchemeOutcome } from '../scheme'
import type { RoxchatPayload } from './detect'
import { diagnoseRoxchatHash } from './diagnosis'
import { mergeFieldSets } from './priority-merge'
import { verifyRoxchatVisitor } from './visitor'
import { roxchatVisitorVersion, v1Fields, V1_HASH_MEMBER } from './visitor-v1'

function inspectToken(token: string, sample: Sample | null, context: SchemeContext): SchemeOutcome {
  const registered = context.authTokens?.get(token)
  const raw: RawView = { form: 'object' }
  if (registered === undefined) {
    const detail = context.authTokens === undefined || context.authTokens.size === 0 ? 'No token table is loaded.' : 'The token table has no such token.'
    return {
      errors: [issue('provided-auth-token-not-found', detail)],
      checks: [{ id: 'format', status: 'pass' }, { id: 'token', status: 'fail', code: 'provided-auth-token-not-found' }],
      raw,
    }
  }
  const fault = findIllFormedText(registered)
  if (fault !== null) {
    return {
      errors: [issue('wrong-provided-visitor-field-value', describeTextFault(fault, 'The token table\'s visitor'))],
      checks: [{ id: 'format', status: 'pass' }, { id: 'token', status: 'fail', code: 'wrong-provided-visitor-field-value' }],
      raw,
    }
  }
  const merged = mergeFieldSets({ providedFields: registered, fields: sample?.fields ?? null, opFields: sample?.opFields ?? null }, context.settings.roxchat.priorityOrder)
  return { verdict: 'verified', errors: [], checks: [{ id: 'format', status: 'pass' }, { id: 'token', status: 'pass' }], ...merged, raw }
}

export async function inspectRoxchat(payload: RoxchatPayload, context: SchemeContext): Promise<SchemeOutcome> {
  const { sample, settings } = context
  switch (payload.kind) {
    case 'roxchat-token':
      return inspectToken(payload.token, sample, context)
    case 'roxchat-logout': {
      const merged = mergeFieldSets({ fields: sample?.fields ?? null, opFields: sample?.opFields ?? null }, settings.roxchat.priorityOrder)
      return { verdict: 'logged-out', errors: [], checks: [{ id: 'format', status: 'pass' }], ...merged, raw: { form: payload.form, visitor: null } }
    }
    case 'roxchat-visitor': {
      const nowSeconds = Math.floor(context.now.getTime() / 1000)
      const result = verifyRoxchatVisitor(payload.visitor, context.keys.roxchat, settings, nowSeconds)
      const merged = mergeFieldSets(
        { providedFields: result.verifiedFields, fields: sample?.fields ?? null, opFields: sample?.opFields ?? null },
        settings.roxchat.priorityOrder,
      )
      const raw: RawView = { form: payload.form, visitor: payload.visitor, ...(result.hashedMessage === undefined ? {} : { hashedMessage: result.hashedMessage }) }
      return {
        errors: result.errors,
        warnings: [
          ...result.warnings,
          ...duplicateMemberWarnings('roxchat-duplicate-member', 'the visitor', duplicateMembersOf(payload.visitor)),
          ...(payload.plusAsSpace === true ? [issue('roxchat-link-plus-as-space')] : []),
        ],
        checks: result.checks,
        key: result.key,
        expiry: result.expiry,
        ...merged,
        rejectedFields: result.verifiedFields === null ? result.receivedFields : [],
        raw,
        ...(result.errors.length === 0 ? { verdict: 'verified' as const } : {}),
      }
    }
  }
}

/** A hash that matches no key: which usual mistake explains it. */
export async function diagnoseRoxchat(payload: RoxchatPayload, outcome: SchemeOutcome, context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  if (payload.kind !== 'roxchat-visitor') return null
  const { visitor } = payload
  const hashCheck = outcome.checks.find((check) => check.id === 'hash')
  if (hashCheck?.code !== 'wrong-provided-visitor-hash-value' || !isPlainObject(visitor)) return null
  if (roxchatVisitorVersion(visitor) === 'v1') {
    const fields = v1Fields(visitor)
    const crc = ownMember(visitor, V1_HASH_MEMBER)
    if (typeof crc !== 'string' || crc.length === 0 || !crc.isWellFormed()) return null
    if (!Object.values(fields).every((value) => typeof value === 'string')) return null
    // The usual mistakes are tried over the UTF-8 bytes: each other encoding would double the attempts.
    return diagnoseRoxchatHash({ fields: fields as Record<string, string>, hash: crc, keys: context.keys.roxchat, algorithm: 'md5', v1: true })
  }
  const fields = ownMember(visitor, 'fields')
  const expires = ownMember(visitor, 'expires')
  const hash = ownMember(visitor, 'hash')
  // An ill-formed hash is refused as such: no usual mistake explains it.
  if (typeof hash !== 'string' || hash.length === 0 || !hash.isWellFormed() || !isPlainObject(fields)) return null
  if (!Object.values(fields).every((value) => typeof value === 'string')) return null
  if (expires !== undefined && typeof expires !== 'number') return null
  return diagnoseRoxchatHash({
    fields: fields as Record<string, string>,
    hash,
    keys: context.keys.roxchat,
    algorithm: context.settings.roxchat.hashAlgorithm,
    ...(expires === undefined ? {} : { expires }),
  })
}

/** When time alone rejects a verified visitor: its `expires`. */
export function roxchatTimeLimits(raw: RawView): readonly TimeLimitAt[] {
  if (!isPlainObject(raw.visitor)) return []
  const expires = ownMember(raw.visitor, 'expires')
  if (typeof expires !== 'number' || !Number.isInteger(expires)) return []
  return [{ seconds: expires, limit: { check: 'expires', code: 'provided-visitor-expired', kind: 'expired' } }]
}
