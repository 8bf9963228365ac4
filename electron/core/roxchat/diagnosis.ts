/**
 * Rox.Chat near-miss diagnosis: when a hash fails, try the usual mistakes a website's developers
 * make and name the one that explains the failure. Bounded, and only ever with keys from the store.
 */
import { createSecretKey } from 'node:crypto'
import type { Diagnosis, DiagnosisCode } from '../../common/inspection'
import { constantTimeEquals } from '../constant-time'
import { AttemptBudget, UNEXPLAINED, diagnosis } from '../diagnosis-kit'
import type { RoxchatHashKey } from './keys'
import { compareUtf8, computeRoxchatDigest, computeRoxchatHash, roxchatHashMessage } from './hash'
import { ROXCHAT_HASH_ALGORITHMS, type RoxchatHashAlgorithm } from '../../common/roxchat/settings'

export interface RoxchatDiagnosisInput {
  readonly fields: Readonly<Record<string, string>>
  readonly expires?: number
  readonly hash: string
  readonly keys: readonly RoxchatHashKey[]
  readonly algorithm: RoxchatHashAlgorithm
}

/**
 * Explains a Rox.Chat hash mismatch, or says that nothing usual does.
 *
 * @example
 * diagnoseRoxchatHash({ fields, expires, hash: given.toUpperCase(), keys, algorithm: 'hmac-sha256' })
 * // [{ code: 'diagnosis-uppercase-hex', … }]
 */
export function diagnoseRoxchatHash(input: RoxchatDiagnosisInput): Diagnosis[] {
  const { fields, expires, hash, keys, algorithm } = input
  const budget = new AttemptBudget()
  const message = roxchatHashMessage(fields, expires)
  const lowerHash = hash.toLowerCase()
  const withKey = (key: RoxchatHashKey, text: string, alg: RoxchatHashAlgorithm = algorithm): string => computeRoxchatHash(text, key, alg)

  // Spelling of the right digest: upper-case hex, or base64 instead of hex.
  for (const key of keys) {
    if (!budget.take()) return [UNEXPLAINED]
    const digest = computeRoxchatDigest(message, key, algorithm)
    if (hash !== lowerHash && constantTimeEquals(digest.toString('hex'), lowerHash)) {
      return diagnosis('diagnosis-uppercase-hex', `The hash is right but written in upper-case hex (key "${key.kid}"). Rox.Chat documents lower case; this tool compares case-insensitively only here, in the diagnosis.`)
    }
    if (constantTimeEquals(digest.toString('base64'), hash) || constantTimeEquals(digest.toString('base64url'), hash)) {
      return diagnosis('diagnosis-base64-digest', `The hash is right but encoded as base64 instead of hex (key "${key.kid}").`)
    }
  }

  // Another algorithm than the account's setting, with any key.
  for (const other of ROXCHAT_HASH_ALGORITHMS.filter((alg) => alg !== algorithm)) {
    for (const key of keys) {
      if (!budget.take()) return [UNEXPLAINED]
      if (constantTimeEquals(withKey(key, message, other), lowerHash)) {
        return diagnosis('diagnosis-other-algorithm', `The hash was made with ${other} (key "${key.kid}"), but the account is set to ${algorithm}.`)
      }
    }
  }

  const variants: { code: DiagnosisCode; text: string; explain: string }[] = []
  const givenOrder = Object.keys(fields)
  const sortedOrder = [...givenOrder].sort(compareUtf8)
  if (givenOrder.some((name, index) => name !== sortedOrder[index])) {
    variants.push({
      code: 'diagnosis-unsorted-fields',
      text: givenOrder.map((name) => fields[name]).join('') + (expires === undefined ? '' : String(expires)),
      explain: `The values were joined in the order given (${givenOrder.join(', ')}) instead of sorted by field name (${sortedOrder.join(', ')}).`,
    })
  }
  if (expires !== undefined) {
    variants.push({ code: 'diagnosis-expires-left-out', text: roxchatHashMessage(fields), explain: '"expires" was left out of the hashed message; it must be appended after the field values.' })
    variants.push({ code: 'diagnosis-expires-milliseconds', text: roxchatHashMessage(fields, expires * 1000), explain: 'The hash was made with "expires" in milliseconds; Rox.Chat wants seconds.' })
    if (expires > 100_000_000_000) {
      variants.push({ code: 'diagnosis-expires-milliseconds', text: roxchatHashMessage(fields, Math.floor(expires / 1000)), explain: '"expires" was sent in milliseconds but hashed in seconds; send seconds.' })
    }
  } else {
    for (const filler of ['None', 'null', 'undefined', '0']) {
      variants.push({ code: 'diagnosis-expires-added', text: message + filler, explain: `"${filler}" was appended to the message for an "expires" the visitor object does not carry; append nothing when there is no expires.` })
    }
  }
  for (const name of sortedOrder.filter((field) => /^-?\d+(\.\d+)?$/.test(fields[field] ?? '')).slice(0, 4)) {
    const value = fields[name] as string
    const respelled = value.includes('.') ? String(Number(value)) : `${value}.0`
    if (respelled === value) continue
    variants.push({
      code: 'diagnosis-number-formatting',
      text: roxchatHashMessage({ ...fields, [name]: respelled }, expires),
      explain: `"${name}" was hashed as the number ${respelled} but sent as the text "${value}": convert it to the same text before hashing.`,
    })
  }
  for (const variant of variants) {
    for (const key of keys) {
      if (!budget.take()) return [UNEXPLAINED]
      if (constantTimeEquals(withKey(key, variant.text), lowerHash)) return diagnosis(variant.code, `${variant.explain} (key "${key.kid}")`)
    }
  }

  // The key with surrounding whitespace or a line break, as copied from a file.
  for (const key of keys) {
    for (const spelled of [`${key.secret}\n`, `${key.secret}\r\n`, ` ${key.secret}`, `${key.secret} `, key.secret.trim()]) {
      if (spelled === key.secret) continue
      if (!budget.take()) return [UNEXPLAINED]
      const variantKey = { secret: spelled, hmacKey: createSecretKey(Buffer.from(spelled, 'utf8')) }
      if (constantTimeEquals(computeRoxchatHash(message, variantKey, algorithm), lowerHash)) {
        return diagnosis('diagnosis-key-whitespace', `The website's copy of key "${key.kid}" has surrounding whitespace or a line break: trim it.`)
      }
    }
  }
  return [UNEXPLAINED]
}

