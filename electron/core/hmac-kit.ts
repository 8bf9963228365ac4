/**
 * What the schemes whose visitor carries a hex HMAC-SHA256 of one identifier share (Intercom's
 * user_hash, Crisp, Chatwoot, Help Scout, tawk.to): their keys (a secret as text), the hash and
 * its constant-time comparison, own-member reading of hostile page objects, field layout, and the
 * near-miss diagnosis of a hash that matches no key. Each scheme keeps its own rules and words in
 * its room and passes them in; nothing here names a scheme.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import JSON5 from 'json5'
import type { ErrorCode, WarningCode } from '../common/codes'
import type { Check, CheckId, Diagnosis, DiagnosisCode, FieldSource, Issue, MergedField, PayloadForm, SourcedField } from '../common/inspection'
import { NO_EXPIRY } from '../common/inspection'
import type { SecretKeyMaterial } from '../common/key-material'
import { cutText, describeTextFault, displayJson, displayValue, findIllFormedText, isPlainObject, ownMember } from '../common/values'
import { constantTimeEquals } from './constant-time'
import { duplicateMembersOf } from './json-source'
import { fingerprintSource, withFingerprint } from './key-fingerprint'
import { duplicateMemberWarnings } from './source-warnings'
import { AttemptBudget, UNEXPLAINED, diagnosis } from './diagnosis-kit'
import { issue } from './issue'
import { checkAlg, fail, type KeyCandidate } from './key-candidate'
import type { KeyRingEntry } from './key-ring'
import type { SchemeKeys, SchemeOutcome } from './scheme'

// ---------------------------------------------------------------------------------------------
// Reading hostile input: main's own-member, display and Unicode helpers (common/values.ts)

/** An input object's own member, never one its prototype carries (`constructor`, a polluted `__proto__`); undefined for a non-object. */
export function own(object: unknown, name: string): unknown {
  return isPlainObject(object) ? ownMember(object, name) : undefined
}

/** True for text that is well-formed Unicode (no lone surrogate), so it hashes to one byte string. */
export function isWellFormedText(text: string): boolean {
  return text.isWellFormed()
}

/**
 * A value as the panel and the command line show it: text as it is, anything else as bounded
 * JSON (common/values.ts `displayValue`); the front doors escape what a terminal would act on.
 * `maxLength` bounds it for a message.
 */
export function shownValue(value: unknown, maxLength?: number): string {
  return maxLength === undefined ? displayValue(value) : typeof value === 'string' ? cutText(value, maxLength) : displayJson(value, { maxLength })
}

/**
 * Why the identity as received cannot be checked: a member name or text anywhere in it that is
 * not well-formed Unicode (hashed as U+FFFD's bytes but shown as something else), or null.
 */
export function textProblem(value: unknown, where: string): string | null {
  const fault = findIllFormedText(value)
  return fault === null ? null : describeTextFault(fault, where)
}

// ---------------------------------------------------------------------------------------------
// Keys

/** A secret ready for HMAC: the key object is made once, the text kept for the diagnosis. */
export interface HmacKey {
  readonly kid: string
  readonly fingerprint: string
  readonly secret: string
  readonly hmacKey: KeyObject
}

export const MAX_SECRET_CHARS = 4096

/** Why a secret cannot be an HMAC key of a scheme named `name`, or null. */
export function hmacSecretProblem(secret: string, name: string): string | null {
  if (secret.length === 0) return `an empty ${name} secret`
  if (secret.length > MAX_SECRET_CHARS) return `a ${name} secret longer than ${MAX_SECRET_CHARS} characters`
  if (!isWellFormedText(secret)) return `a ${name} secret that is not well-formed text`
  return null
}

/**
 * The key rules of a scheme whose keys are secrets as text, stored under the algorithm `secret`
 * (a manifest may also say `HS256`, what the HMAC and the JWT both are).
 */
export function hmacSchemeKeys<S extends string>(scheme: S, name: string): SchemeKeys<SecretKeyMaterial<S, 'secret'>, readonly HmacKey[]> {
  const candidate = (secret: unknown, kid: string): KeyCandidate<SecretKeyMaterial<S, 'secret'>> => {
    if (typeof secret !== 'string') fail('key-material-missing', `a ${name} key needs "secret" (the secret as text)`)
    const problem = hmacSecretProblem(secret, name)
    if (problem !== null) fail('key-secret-invalid', `the key is ${problem}`)
    return { material: { scheme, kid, alg: 'secret', secret }, warnings: [] }
  }
  return {
    fromManifestEntry({ secret, alg }, kid) {
      if (alg !== 'HS256') checkAlg(alg, 'secret')
      return candidate(secret, kid)
    },
    fromSecretText: (secret, kid) => candidate(secret, kid),
    ring: (entries) => hmacRing(entries),
    secrets: (ring) => ring,
  }
}

/**
 * A secret ready for HMAC. `fingerprint`: the known one, or a function that computes it when first
 * read (a secret's costs a slow scrypt: the command line computes only those of matching keys).
 */
export function hmacKey(kid: string, fingerprint: string | (() => string), secret: string): HmacKey {
  return withFingerprint({ kid, secret, hmacKey: createSecretKey(Buffer.from(secret, 'utf8')) }, fingerprint)
}

/** A scheme's HMAC keys, in import order, each fingerprinted when first asked (see `fingerprintSource`). */
export async function hmacRing(entries: readonly KeyRingEntry<SecretKeyMaterial>[]): Promise<readonly HmacKey[]> {
  const keys: HmacKey[] = []
  for (const entry of entries) keys.push(hmacKey(entry.material.kid, await fingerprintSource(entry), entry.material.secret))
  return keys
}

/** The HMAC-SHA256 digest of the UTF-8 message. */
export function hmacDigest(key: KeyObject | string, message: string): Buffer {
  return createHmac('sha256', typeof key === 'string' ? Buffer.from(key, 'utf8') : key).update(message, 'utf8').digest()
}

/** Lower-case hex HMAC-SHA256, the form every one of these vendors documents. */
export function hmacHex(key: KeyObject | string, message: string): string {
  return hmacDigest(key, message).toString('hex')
}

/** The key whose hex HMAC of `message` is exactly `given` (lower case), compared in constant time. */
export function matchHmacKey(keys: readonly HmacKey[], message: string, given: string): HmacKey | undefined {
  return keys.find((key) => constantTimeEquals(hmacHex(key.hmacKey, message), given))
}

// ---------------------------------------------------------------------------------------------
// Inspection

/** One member of the visitor as the page sent it, in the vendor's order. */
export interface SentField {
  readonly name: string
  readonly value: unknown
}

/** Everything an HMAC identity check needs: the scheme's words, the message and hash as sent, its keys. */
export interface HmacIdentitySpec {
  readonly form: PayloadForm
  /** The object as received, for the raw view. */
  readonly visitor: unknown
  /** The object as parsed from the page, when `visitor` is built from it: its duplicate members are known. */
  readonly parsed?: unknown
  /** Members in the vendor's order (known ones first), without the hash itself. */
  readonly sent: readonly SentField[]
  /** The fields the vendor's agent panel shows; other members are reported as not shown. */
  readonly known: readonly string[]
  /** The member whose value is signed, or null when none was sent. */
  readonly signedName: string | null
  /** The signed member's text (or the problem with it). */
  readonly message: { readonly ok: true; readonly text: string } | { readonly ok: false; readonly code: ErrorCode; readonly detail: string }
  /** The hash as sent; undefined when it was left out. */
  readonly hash: unknown
  readonly keys: readonly HmacKey[]
  readonly checks: { readonly identifier: CheckId; readonly hash: CheckId }
  readonly codes: {
    readonly noKey: ErrorCode
    readonly mismatch: ErrorCode
    /** A hash that is not text, or an object with text that is not well-formed Unicode: the page's mistake. */
    readonly malformed: ErrorCode
    /** A member name the object's text gives twice or more (what the vendor's parser keeps is not certain). */
    readonly duplicate?: WarningCode
  }
  /** The object in words for messages, e.g. "The Intercom settings". */
  readonly where?: string
  /**
   * No hash sent: the vendor still takes the visitor, unverified (a warning), or refuses it
   * (an error), e.g. Chatwoot with "Enforce User Identity Validation" on.
   */
  readonly missingHash: { readonly level: 'warning'; readonly code: WarningCode } | { readonly level: 'error'; readonly code: ErrorCode }
  readonly sources: { readonly signed: FieldSource; readonly unsigned: FieldSource }
}

function fieldList(spec: HmacIdentitySpec, verified: boolean): { fields: MergedField[]; unmapped: MergedField[] } {
  const fields: MergedField[] = []
  const unmapped: MergedField[] = []
  for (const { name, value } of spec.sent) {
    if (value === undefined) continue
    const source = verified && name === spec.signedName ? spec.sources.signed : spec.sources.unsigned
    const field: MergedField = { name, value: shownValue(value), source, overridden: [] }
    if (spec.known.includes(name)) fields.push(field)
    else unmapped.push(field)
  }
  return { fields, unmapped }
}

function sourced(spec: HmacIdentitySpec): SourcedField[] {
  return spec.sent.filter(({ value }) => value !== undefined).map(({ name, value }) => ({ name, value: shownValue(value), source: spec.sources.unsigned }))
}

/**
 * Checks an identity whose hash is the hex HMAC-SHA256 of one identifier. Verified: the
 * identifier is covered by the hash, every other member is only sent beside it (its source says
 * so). No hash: unverified or refused, as the scheme says. Never an expiry: a hash is valid
 * forever once captured.
 *
 * @example
 * inspectHmacIdentity({ …, message: { ok: true, text: 'ada@example.com' }, hash: '3f…', keys })
 */
export function inspectHmacIdentity(spec: HmacIdentitySpec): SchemeOutcome {
  const raw = { form: spec.form, visitor: spec.visitor, ...(spec.message.ok ? { hashedMessage: spec.message.text } : {}) }
  const format: Check = { id: 'format', status: 'pass' }
  const { identifier, hash: hashCheck } = spec.checks
  const where = spec.where ?? 'The visitor'
  const duplicates = spec.codes.duplicate === undefined ? [] : duplicateMemberWarnings(spec.codes.duplicate, where.replace(/^The /, 'the '), duplicateMembersOf(spec.parsed ?? spec.visitor))
  const textFault = textProblem(spec.visitor, where)
  if (textFault !== null) {
    return { errors: [issue(spec.codes.malformed, textFault)], warnings: duplicates, checks: [{ id: 'format', status: 'fail', code: spec.codes.malformed }, { id: identifier, status: 'skip' }, { id: hashCheck, status: 'skip' }], rejectedFields: sourced(spec), key: null, expiry: NO_EXPIRY, raw: { form: spec.form, visitor: spec.visitor } }
  }
  const rejected = (errors: Issue<ErrorCode>[], checks: Check[]): SchemeOutcome => ({ errors, warnings: duplicates, checks: [format, ...checks], rejectedFields: sourced(spec), key: null, expiry: NO_EXPIRY, raw })

  if (!spec.message.ok) {
    return rejected([issue(spec.message.code, spec.message.detail)], [{ id: identifier, status: 'fail', code: spec.message.code }, { id: hashCheck, status: 'skip' }])
  }
  const idPass: Check = { id: identifier, status: 'pass' }
  if (spec.hash === undefined || spec.hash === null || spec.hash === '') {
    const { missingHash } = spec
    if (missingHash.level === 'error') return rejected([issue(missingHash.code)], [idPass, { id: hashCheck, status: 'fail', code: missingHash.code }])
    const laid = fieldList(spec, false)
    return {
      verdict: 'accepted-unsigned',
      errors: [],
      warnings: [issue(missingHash.code), ...duplicates],
      checks: [format, idPass, { id: hashCheck, status: 'skip', code: missingHash.code }],
      ...laid,
      key: null,
      expiry: NO_EXPIRY,
      raw,
    }
  }
  if (typeof spec.hash !== 'string') {
    const detail = `It is ${shownValue(spec.hash, 60)}, not text.`
    return rejected([issue(spec.codes.malformed, detail)], [idPass, { id: hashCheck, status: 'fail', code: spec.codes.malformed }])
  }
  if (spec.keys.length === 0) return rejected([issue(spec.codes.noKey)], [idPass, { id: hashCheck, status: 'fail', code: spec.codes.noKey }])
  const matched = matchHmacKey(spec.keys, spec.message.text, spec.hash)
  if (matched === undefined) {
    const tried = spec.keys.length === 1 ? 'the one key' : `any of the ${spec.keys.length} keys`
    return rejected([issue(spec.codes.mismatch, `It is not the HMAC-SHA256 of "${shownValue(spec.message.text, 80)}" with ${tried} in the store.`)], [idPass, { id: hashCheck, status: 'fail', code: spec.codes.mismatch }])
  }
  return {
    verdict: 'verified',
    errors: [],
    ...(duplicates.length === 0 ? {} : { warnings: duplicates }),
    checks: [format, idPass, { id: hashCheck, status: 'pass', kid: matched.kid }],
    ...fieldList(spec, true),
    key: { kid: matched.kid, fingerprint: matched.fingerprint },
    expiry: NO_EXPIRY,
    raw,
  }
}

// ---------------------------------------------------------------------------------------------
// Near-miss diagnosis

/** The codes a scheme gives the usual misspellings of a right digest. */
export interface SpellingCodes {
  readonly uppercase: DiagnosisCode
  readonly base64: DiagnosisCode
  /** `ab-cd-…`, as .NET's BitConverter writes it. */
  readonly dashed?: DiagnosisCode
}

/** Another message (the other identifier, the lower-cased email) or other keys the website may have used. */
export interface HmacVariant {
  readonly code: DiagnosisCode
  readonly message: string
  /** The keys to try it with; the scheme's own by default (another platform's secrets, for Intercom). */
  readonly keys?: readonly HmacKey[]
  explain(kid: string): string
}

export interface HmacDiagnosisInput {
  readonly message: string
  readonly given: string
  readonly keys: readonly HmacKey[]
  readonly spelling: SpellingCodes
  readonly variants?: readonly HmacVariant[]
}

const WHITESPACE_SPELLINGS = (secret: string): string[] =>
  [`${secret}\n`, `${secret}\r\n`, ` ${secret}`, `${secret} `, secret.trim()].filter((spelled) => spelled !== secret)

/**
 * Names the usual mistake behind a hex HMAC that matches no key: the right digest spelled in upper
 * case, base64 or dashed hex; another message or another key set; the secret copied with
 * whitespace. Bounded by the attempt budget, only with keys from the store, every comparison in
 * constant time.
 *
 * @example
 * diagnoseHmac({ message: 'ada@example.com', given: hash.toUpperCase(), keys, spelling })
 * // [{ code: spelling.uppercase, … }]
 */
export function diagnoseHmac(input: HmacDiagnosisInput): Diagnosis[] {
  const { message, given, keys, spelling } = input
  const budget = new AttemptBudget()
  const lower = given.toLowerCase()
  const looksHex = /^[0-9a-fA-F]+$/.test(given)

  for (const key of keys) {
    if (!budget.take()) return [UNEXPLAINED]
    const digest = hmacDigest(key.hmacKey, message)
    const hex = digest.toString('hex')
    if (given !== lower && constantTimeEquals(hex, lower)) {
      return diagnosis(spelling.uppercase, `The hash is right but written in upper-case hex (key "${key.kid}"): the vendor compares lower-case hex, so the website must send hexdigest's lower case.`)
    }
    if (constantTimeEquals(digest.toString('base64'), given) || constantTimeEquals(digest.toString('base64url'), given)) {
      return diagnosis(spelling.base64, `The hash is right but encoded as base64 instead of hex (key "${key.kid}"): the website must send the hex digest.`)
    }
    if (spelling.dashed !== undefined && constantTimeEquals(hex.replace(/(..)(?!$)/g, '$1-'), lower)) {
      return diagnosis(spelling.dashed, `The hash is right but written as dash-separated hex (key "${key.kid}"), as .NET's BitConverter does: remove the dashes.`)
    }
  }

  for (const variant of input.variants ?? []) {
    for (const key of variant.keys ?? keys) {
      if (!budget.take()) return [UNEXPLAINED]
      const hex = hmacHex(key.hmacKey, variant.message)
      if (constantTimeEquals(hex, given) || (looksHex && constantTimeEquals(hex, lower))) return diagnosis(variant.code, variant.explain(key.kid))
    }
  }

  for (const key of keys) {
    for (const spelled of WHITESPACE_SPELLINGS(key.secret)) {
      if (!budget.take()) return [UNEXPLAINED]
      if (constantTimeEquals(hmacHex(spelled, message), lower)) {
        return diagnosis('diagnosis-key-whitespace', `The website's copy of key "${key.kid}" has surrounding whitespace or a line break: trim the secret before hashing.`)
      }
    }
  }
  return [UNEXPLAINED]
}

// ---------------------------------------------------------------------------------------------
// Page script

const STRING_LITERAL = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/
const NUMBER_LITERAL = /^-?\d+(?:\.\d+)?(?![\w$])/

/**
 * A string or number literal at `start` of page script (`"ada@example.com"`, `'x'`, `42`), read
 * without evaluating anything; null when there is none (a variable, a call).
 *
 * @example
 * scriptLiteralAt('setUser("42", {…})', 8) // { value: '42', end: 12 }
 */
export function scriptLiteralAt(text: string, start: number): { readonly value: string | number; readonly end: number } | null {
  const rest = text.slice(start, start + 100_000)
  const string = STRING_LITERAL.exec(rest)
  if (string !== null) {
    try {
      const value: unknown = JSON5.parse(string[0])
      if (typeof value === 'string') return { value, end: start + string[0].length }
    } catch {
      return null
    }
  }
  const number = NUMBER_LITERAL.exec(rest)
  return number === null ? null : { value: Number(number[0]), end: start + number[0].length }
}
