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
  /** A legacy (v1) visitor: `hash` is its `crc`, made with MD5. */
  readonly v1?: boolean
}

/**
 * The order the Android demo joins values in: it sorts whole `name==value` strings (so `a1==…`
 * comes before `a==…`), in Java's UTF-16 order, and leaves out empty values and values holding `==`.
 */
export function keyValueSortedNames(fields: Readonly<Record<string, string>>): string[] {
  return Object.keys(fields)
    .filter((name) => (fields[name] ?? '') !== '' && !(fields[name] ?? '').includes('=='))
    .map((name) => ({ name, entry: `${name}==${fields[name] ?? ''}` }))
    .sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0))
    .map(({ name }) => name)
}

/**
 * Explains a Rox.Chat hash mismatch, or says that nothing usual does.
 *
 * @example
 * diagnoseRoxchatHash({ fields, expires, hash: given.toUpperCase(), keys, algorithm: 'hmac-sha256' })
 * // [{ code: 'diagnosis-uppercase-hex', … }]
 */
export function diagnoseRoxchatHash(input: RoxchatDiagnosisInput): Diagnosis[] {
  const { fields, expires, hash, keys, algorithm, v1 = false } = input
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
        if (v1 && other === 'hmac-sha256') {
          return diagnosis('diagnosis-v1-crc-hmac', `The v1 "crc" is an HMAC-SHA256 (key "${key.kid}"), as the vendor's iOS demo makes it; v1 wants MD5 of the values and the key. Better: send a v2 visitor with that HMAC as "hash", "fields" and "expires".`)
        }
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
  const keyValueOrder = keyValueSortedNames(fields)
  if (keyValueOrder.some((name, index) => name !== sortedOrder[index]) || keyValueOrder.length !== sortedOrder.length) {
    variants.push({
      code: 'diagnosis-key-value-sorted',
      text: keyValueOrder.map((name) => fields[name]).join('') + (expires === undefined ? '' : String(expires)),
      explain: `The values were joined in the order of the sorted "name==value" strings (${keyValueOrder.join(', ')}), as the vendor's Android demo does, instead of sorted by field name alone (${sortedOrder.join(', ')}).`,
    })
  }
  if (expires === 0) {
    variants.push({ code: 'diagnosis-expires-zero-dropped', text: roxchatHashMessage(fields), explain: 'An "expires" of 0 was dropped from the hashed message (a generator that skips false-looking values); Rox.Chat appends "0". Send a real expiry instead: now plus hours.' })
  } else if (expires !== undefined) {
    variants.push({ code: 'diagnosis-expires-left-out', text: roxchatHashMessage(fields), explain: '"expires" was left out of the hashed message (helpers that never append it do this); it must be appended after the field values.' })
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

