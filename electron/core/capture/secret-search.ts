/**
 * Finds the key store's secrets in capture text: as their own text, or their bytes in hex, base64
 * or base64url, in any letter case, padded or not. Each secret's encodings are computed once; each
 * text is lower-cased once and every encoding looked up with indexOf (a few hundred keys stay
 * quick; the text is bounded by the caller). Nothing here ever returns a secret.
 */
import type { SchemeId } from '../../common/schemes'
import { ringPart, type KeyRing } from '../key-ring'
import { schemes } from '../schemes'
import type { SecretEncoding } from '../../common/capture/capture-types'

/** A key whose secret must never appear in a page. */
export interface SecretKey {
  readonly scheme: SchemeId
  readonly kid: string
  /** May be computed when first read (a secret's fingerprint is a slow scrypt): read only for a finding. */
  readonly fingerprint: string
  readonly secret: string
}

/** A key as a finding names it: never its secret; its fingerprint read when asked for. */
function publicView(key: SecretKey): Omit<SecretKey, 'secret'> {
  return {
    scheme: key.scheme,
    kid: key.kid,
    get fingerprint(): string {
      return key.fingerprint
    },
  }
}

/** The secrets of a key ring: RingCX HS256 secrets and Rox.Chat private keys (RSA keys hold only public parts). */
export function secretKeysOf(ring: KeyRing): SecretKey[] {
  const keys: SecretKey[] = []
  for (const scheme of schemes()) {
    const part = ringPart(ring, scheme.id)
    if (part === undefined || scheme.keys.secrets === undefined) continue
    for (const key of scheme.keys.secrets(part)) {
      keys.push({ scheme: scheme.id as SchemeId, kid: key.kid, secret: key.secret, get fingerprint() { return key.fingerprint } })
    }
  }
  return keys
}

export interface SecretMatch {
  readonly key: Omit<SecretKey, 'secret'>
  readonly encoding: SecretEncoding
  /** UTF-16 offset of the first appearance in the searched text. */
  readonly offset: number
}

interface Needle {
  readonly key: number
  readonly encoding: SecretEncoding
  /** Lower-case; padding left off, so that padded and unpadded forms both contain it. */
  readonly text: string
}

/** Lower-cases A–Z only, so that offsets in the result are offsets in `text`. */
export function asciiLower(text: string): string {
  const lowered = text.toLowerCase()
  return lowered.length === text.length ? lowered : text.replace(/[A-Z]+/g, (run) => run.toLowerCase())
}

const textEncoder = new TextEncoder()

function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/=+$/, '')
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The encodings of one secret: its UTF-8 bytes, and for a hex secret (RingCX) the bytes it spells too. */
function encodingsOf(secret: string): { encoding: SecretEncoding; text: string }[] {
  const byteForms = [textEncoder.encode(secret)]
  if (/^(?:[0-9a-f]{2})+$/i.test(secret)) byteForms.push(Uint8Array.from(secret.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)))
  const forms: { encoding: SecretEncoding; text: string }[] = [{ encoding: 'text', text: secret }]
  for (const bytes of byteForms) {
    const base64 = base64Of(bytes)
    forms.push({ encoding: 'hex', text: hexOf(bytes) })
    forms.push({ encoding: 'base64', text: base64 })
    forms.push({ encoding: 'base64url', text: base64.replaceAll('+', '-').replaceAll('/', '_') })
  }
  return forms
}

/**
 * The secrets to look for, compiled once per audit.
 *
 * @example
 * const search = new SecretSearch(secretKeysOf(ring), 8)
 * search.find(responseBody) // [{ key: { scheme, kid, fingerprint }, encoding: 'base64', offset: 120 }]
 */
export class SecretSearch {
  /** Keys whose secret is shorter than the minimum: not searched for, and said so. */
  readonly tooShort: readonly Omit<SecretKey, 'secret'>[]
  readonly #keys: readonly Omit<SecretKey, 'secret'>[]
  readonly #needles: readonly Needle[]

  constructor(keys: readonly SecretKey[], minLength: number) {
    const searched: Omit<SecretKey, 'secret'>[] = []
    const tooShort: Omit<SecretKey, 'secret'>[] = []
    const needles: Needle[] = []
    for (const entry of keys) {
      const key = publicView(entry)
      const secret = entry.secret
      if (secret.length < minLength) {
        tooShort.push(key)
        continue
      }
      const index = searched.push(key) - 1
      const seen = new Set<string>()
      for (const form of encodingsOf(secret)) {
        const text = asciiLower(form.text)
        // Case-insensitively, hex of a hex secret's bytes is the secret again, and base64 without + or / is base64url.
        if (seen.has(text)) continue
        seen.add(text)
        needles.push({ key: index, encoding: form.encoding, text })
      }
    }
    this.#keys = searched
    this.tooShort = tooShort
    this.#needles = needles
  }

  get empty(): boolean {
    return this.#needles.length === 0
  }

  /** Each key's first appearance in `text`, once per encoding, in text order. */
  find(text: string, lowered: string = asciiLower(text)): SecretMatch[] {
    const matches: SecretMatch[] = []
    for (const needle of this.#needles) {
      const offset = lowered.indexOf(needle.text)
      if (offset >= 0) matches.push({ key: this.#keys[needle.key] as Omit<SecretKey, 'secret'>, encoding: needle.encoding, offset })
    }
    return matches.sort((a, b) => a.offset - b.offset)
  }

  /**
   * `[start, end)` widened so that it cuts through no appearance of a secret: an excerpt of
   * that range, once masked, shows no part of one.
   */
  cover(text: string, start: number, end: number): [number, number] {
    let from = start
    let to = end
    for (const needle of this.#needles) {
      const length = needle.text.length
      const windowStart = Math.max(0, start - length + 1)
      const lowered = asciiLower(text.slice(windowStart, Math.min(text.length, end + length - 1)))
      for (let at = lowered.indexOf(needle.text); at >= 0; at = lowered.indexOf(needle.text, at + 1)) {
        from = Math.min(from, windowStart + at)
        to = Math.max(to, windowStart + at + length)
      }
    }
    return [from, to]
  }

  /**
   * `text` with every appearance of a secret, in any of its encodings and any case, replaced by
   * `[secret <kid>]`: for URLs, parameter names and evidence that are shown.
   */
  mask(text: string): string {
    if (this.#needles.length === 0) return text
    let lowered = asciiLower(text)
    let result = text
    for (const needle of this.#needles) {
      const secret = needle.text
      let offset = lowered.indexOf(secret)
      while (offset >= 0) {
        const label = `[secret ${(this.#keys[needle.key] as Omit<SecretKey, 'secret'>).kid}]`
        result = result.slice(0, offset) + label + result.slice(offset + secret.length)
        lowered = lowered.slice(0, offset) + asciiLower(label) + lowered.slice(offset + secret.length)
        offset = lowered.indexOf(secret, offset + label.length)
      }
    }
    return result
  }
}
