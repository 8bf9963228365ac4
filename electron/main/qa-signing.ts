/**
 * QA tools: signs a sample in main with a stored key or an RSA private key file the user picked,
 * inspects it with the store's keys and records what it produced as its `expect`. Refused while
 * QA tools are off (agents do not need a signing oracle); no key material leaves this module.
 */
import { randomBytes, type KeyObject } from 'node:crypto'
import { basename } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { Inspection } from '../common/inspection'
import { fingerprintKey } from '../core/key-fingerprint'
import { MAX_KEY_FILE_BYTES } from '../common/limits'
import {
  expectationFrom,
  parseTimeSpec,
  rsaSigningKey,
  signingKeyFromMaterial,
  signRingcxToken,
  signRoxchatVisitor,
  verificationMaterial,
  type SigningKey,
} from '../core/sample-signing'
import { isPlainObject } from '../common/values'
import { readBoundedTextFile } from '../io/bounded-text-file'
import type { SignRingcxRequest, SignRoxchatRequest, SignedSample } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import type { KeyStore } from './key-store'
import { ServiceError } from './service-error'
import type { SettingsStore } from './settings-store'
import { RINGCX_KID_PATTERN } from '../common/ringcx/keys'
import type { SchemeId } from '../common/schemes'

/** A picked private key can be used this long before it must be picked again. */
export const PICKED_KEY_MS = 30 * 60 * 1000
const MAX_PICKED_KEYS = 5
const SCHEME_NAME: Readonly<Record<SchemeId, string>> = { ringcx: 'RingCX', roxchat: 'Rox.Chat' }

/** The dialogs signing needs; part of the services' DialogPort. */
export interface SigningDialogs {
  /** The path of an RSA private key file (PEM), or null when cancelled. */
  pickSigningKeyFile(): Promise<string | null>
  /** Where to save a sample, starting from the suggested name; null when cancelled. */
  pickSavePath(suggestedName: string): Promise<string | null>
}

export interface QaSigningDeps {
  readonly keyStore: KeyStore
  readonly settingsStore: SettingsStore
  readonly dialogs: SigningDialogs
  readonly now: () => Date
  /** Inspects sample text with the store's keys, the settings and the token table. */
  readonly inspectSample: (text: string) => Promise<Inspection>
}

export type QaSigningServices = Pick<ChannelServices, 'qa:pick-signing-key' | 'qa:sign-sample' | 'qa:save-sample'>

interface PickedKey {
  readonly privateKey: KeyObject
  readonly createdAt: number
}

function invalidInput(message: string): never {
  throw new ServiceError('signing-input-invalid', message)
}

/** `+2h` and friends as whole Unix seconds, or a refusal naming the input. */
function timeFrom(spec: string, name: string, now: Date): number {
  const seconds = parseTimeSpec(spec, now)
  if (seconds === null || !Number.isSafeInteger(seconds)) invalidInput(`${name} "${spec}" is not a time: use +2h, +30m, -5m, an ISO 8601 date or Unix seconds`)
  return seconds
}

/**
 * The signing channels over the key store and settings.
 *
 * @example
 * const qa = createQaSigningServices({ keyStore, settingsStore, dialogs, now, inspectSample })
 * await qa['qa:sign-sample']({ scheme: 'roxchat', kid: 'rox_main', fields: { id: '7' }, expires: '+2h' })
 */
export function createQaSigningServices(deps: QaSigningDeps): QaSigningServices {
  const picked = new Map<string, PickedKey>()

  function requireQaTools(): void {
    if (!deps.settingsStore.get().qaTools) throw new ServiceError('qa-tools-off', 'Signing samples is a QA tool: switch on QA tools in Settings first.')
  }

  function storedSigningKey(scheme: SchemeId, kid: string): SigningKey {
    const entry = deps.keyStore.ringEntries().find(({ material }) => material.scheme === scheme && material.kid === kid)
    if (entry === undefined) {
      if (deps.keyStore.find(scheme, kid, deps.now())?.unreadable !== undefined) {
        throw new ServiceError('signing-key-unusable', `the secret of ${SCHEME_NAME[scheme]} key "${kid}" cannot be decrypted: import it again`)
      }
      throw new ServiceError('key-not-found', `no ${SCHEME_NAME[scheme]} key "${kid}" is stored`)
    }
    const key = signingKeyFromMaterial(entry.material)
    if (key === null) {
      throw new ServiceError('signing-key-unusable', `"${kid}" is a stored RSA key: only its public part is kept, so it cannot sign. Choose its private key file instead.`)
    }
    return key
  }

  function pickedSigningKey(handle: string, kid: string): Extract<SigningKey, { scheme: 'ringcx' }> {
    const key = picked.get(handle)
    if (key === undefined || deps.now().getTime() - key.createdAt > PICKED_KEY_MS) {
      picked.delete(handle)
      throw new ServiceError('signing-key-unusable', 'the private key file is no longer held: choose it again')
    }
    if (!RINGCX_KID_PATTERN.test(kid)) invalidInput(`Key ID "${kid}" is not allowed: use a-z, 0-9 and _`)
    return { scheme: 'ringcx', kid, alg: 'RS256', privateKey: key.privateKey }
  }

  async function signRingcx(request: SignRingcxRequest, now: Date): Promise<Record<string, unknown>> {
    const exp = timeFrom(request.exp, 'exp', now)
    const key = request.privateKeyHandle === undefined ? storedSigningKey('ringcx', request.kid) : pickedSigningKey(request.privateKeyHandle, request.kid)
    if (key.scheme !== 'ringcx') throw new TypeError('a RingCX request resolved to another scheme’s key')
    return { scheme: 'ringcx', payload: await signRingcxToken(key, request.claims, exp) }
  }

  function signRoxchat(request: SignRoxchatRequest, now: Date): Record<string, unknown> {
    const expires = request.expires === undefined ? undefined : timeFrom(request.expires, 'expires', now)
    const algorithm = request.algorithm ?? deps.settingsStore.get().inspection.roxchat.hashAlgorithm
    const key = storedSigningKey('roxchat', request.kid)
    if (key.scheme !== 'roxchat') throw new TypeError('a Rox.Chat request resolved to another scheme’s key')
    // The algorithm travels with the sample, so it verifies whatever the account setting is later.
    return { scheme: 'roxchat', payload: signRoxchatVisitor(key.secret, request.fields, algorithm, expires), config: { roxchat: { hashAlgorithm: algorithm } } }
  }

  return {
    'qa:pick-signing-key': async () => {
      requireQaTools()
      const path = await deps.dialogs.pickSigningKeyFile()
      if (path === null) return null
      const fileName = basename(path)
      const read = await readBoundedTextFile(path, MAX_KEY_FILE_BYTES)
      if (!read.ok) throw new ServiceError(read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${fileName}: ${read.message}`)
      // The Key ID is chosen when signing; this one only satisfies the reader's check.
      const checked = rsaSigningKey(read.text, 'picked_key')
      if (!checked.ok || checked.key.scheme !== 'ringcx' || checked.key.alg !== 'RS256') {
        throw new ServiceError('signing-key-unusable', `${fileName}: ${checked.ok ? 'not an RSA private key' : checked.message}`)
      }
      const { privateKey } = checked.key
      const pickedAt = deps.now().getTime()
      for (const [handle, key] of picked) if (pickedAt - key.createdAt > PICKED_KEY_MS) picked.delete(handle)
      while (picked.size >= MAX_PICKED_KEYS) picked.delete(picked.keys().next().value as string)
      const handle = randomBytes(18).toString('base64url')
      picked.set(handle, { privateKey, createdAt: pickedAt })
      return {
        handle,
        fileName,
        fingerprint: await fingerprintKey(verificationMaterial(checked.key)),
        bits: privateKey.asymmetricKeyDetails?.modulusLength ?? 0,
      }
    },

    'qa:sign-sample': async (request): Promise<SignedSample> => {
      requireQaTools()
      const now = deps.now()
      const signed = request.scheme === 'ringcx' ? await signRingcx(request, now) : signRoxchat(request, now)
      // The sample carries its own `now`, so its expectation holds long after `exp` has passed.
      const sample = { ...signed, now: now.toISOString() }
      const first = await deps.inspectSample(JSON.stringify(sample))
      const text = `${JSON.stringify({ ...sample, expect: expectationFrom(first) }, null, 2)}\n`
      return { fileName: `${request.scheme}-${request.kid}-${first.verdict}.sample.json`, text, inspection: await deps.inspectSample(text) }
    },

    'qa:save-sample': async ({ text, fileName }) => {
      requireQaTools()
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = null
      }
      if (!isPlainObject(parsed) || !('payload' in parsed)) invalidInput('only a sample file (JSON with "payload") is saved here')
      const path = await deps.dialogs.pickSavePath(basename(fileName))
      if (path === null) return null
      try {
        await writeFileAtomic(path, text, { mode: 0o644 })
      } catch (error) {
        throw new ServiceError('file-unwritable', `${basename(path)} could not be saved: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      }
      return { fileName: basename(path) }
    },
  }
}
