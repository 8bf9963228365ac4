/**
 * QA tools: signs a sample in main with a stored key or an RSA private key file the user picked,
 * inspects it with the store's keys and records what it produced as its `expect`. Refused while
 * QA tools are off (agents do not need a signing oracle); no key material leaves this module.
 */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import { basename } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { Inspection } from '../common/inspection'
import type { RsaPublicJwk } from '../common/key-material'
import { MAX_KEY_FILE_BYTES } from '../common/limits'
import { vocabularyOf, type SchemeId } from '../common/schemes'
import { isPlainObject } from '../common/values'
import { fingerprintPublicJwk } from '../core/key-fingerprint'
import { expectationFrom, parseTimeSpec, readRsaPrivateKey } from '../core/sample-signing'
import type { SchemeSigner } from '../core/scheme'
import { schemeById } from '../core/schemes'
import { readBoundedTextFile } from '../io/bounded-text-file'
import type { SignSampleRequest, SignedSample } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import type { KeyStore } from './key-store'
import { ServiceError } from './service-error'
import type { SettingsStore } from './settings-store'

/** A picked private key can be used this long before it must be picked again. */
export const PICKED_KEY_MS = 30 * 60 * 1000
const MAX_PICKED_KEYS = 5

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
  /** Inspects sample text with the store's keys, the settings and the token table, by its own now and config. */
  readonly inspectSample: (text: string) => Promise<Inspection>
}

export type QaSigningServices = Pick<ChannelServices, 'qa:pick-signing-key' | 'qa:sign-sample' | 'qa:save-sample'>

interface PickedKey {
  readonly privateKey: KeyObject
  readonly createdAt: number
}

function schemeName(scheme: SchemeId): string {
  return vocabularyOf(scheme)?.name ?? scheme
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

  function signerOf(scheme: SchemeId): SchemeSigner {
    const signer = schemeById(scheme)?.signer
    if (signer === undefined) invalidInput(`${schemeName(scheme)} samples cannot be signed here`)
    return signer
  }

  function storedSigningKey(scheme: SchemeId, kid: string, signer: SchemeSigner): unknown {
    const entry = deps.keyStore.ringEntries().find(({ material }) => material.scheme === scheme && material.kid === kid)
    if (entry === undefined) {
      if (deps.keyStore.find(scheme, kid, deps.now())?.unreadable !== undefined) {
        throw new ServiceError('signing-key-unusable', `the secret of ${schemeName(scheme)} key "${kid}" cannot be decrypted: import it again`)
      }
      throw new ServiceError('key-not-found', `no ${schemeName(scheme)} key "${kid}" is stored`)
    }
    const key = signer.signingKey(entry.material)
    if (key === null) {
      throw new ServiceError('signing-key-unusable', `"${kid}" is a stored RSA key: only its public part is kept, so it cannot sign. Choose its private key file instead.`)
    }
    return key
  }

  function pickedSigningKey(handle: string, kid: string, scheme: SchemeId, signer: SchemeSigner): unknown {
    const key = picked.get(handle)
    if (key === undefined || deps.now().getTime() - key.createdAt > PICKED_KEY_MS) {
      picked.delete(handle)
      throw new ServiceError('signing-key-unusable', 'the private key file is no longer held: choose it again')
    }
    if (signer.withPrivateKey === undefined) throw new ServiceError('signing-key-unusable', `${schemeName(scheme)} samples are not signed with a private key file`)
    const made = signer.withPrivateKey(key.privateKey, kid)
    if (!made.ok) invalidInput(made.message)
    return made.key
  }

  /** The request's times, checked before any key is looked up. */
  function checkTimes(request: SignSampleRequest, now: Date): void {
    const members = vocabularyOf(request.scheme)?.signRequest ?? {}
    const values = request as unknown as Readonly<Record<string, unknown>>
    for (const [name, member] of Object.entries(members)) {
      const value = values[name]
      if (member.kind === 'time' && typeof value === 'string') timeFrom(value, name, now)
    }
  }

  return {
    'qa:pick-signing-key': async () => {
      requireQaTools()
      const path = await deps.dialogs.pickSigningKeyFile()
      if (path === null) return null
      const fileName = basename(path)
      const read = await readBoundedTextFile(path, MAX_KEY_FILE_BYTES)
      if (!read.ok) throw new ServiceError(read.reason === 'too-large' ? 'file-too-large' : 'file-unreadable', `${fileName}: ${read.message}`)
      // The Key ID is chosen when signing.
      const checked = readRsaPrivateKey(read.text)
      if (!checked.ok) throw new ServiceError('signing-key-unusable', `${fileName}: ${checked.message}`)
      const { privateKey } = checked
      const pickedAt = deps.now().getTime()
      for (const [handle, key] of picked) if (pickedAt - key.createdAt > PICKED_KEY_MS) picked.delete(handle)
      while (picked.size >= MAX_PICKED_KEYS) picked.delete(picked.keys().next().value as string)
      const handle = randomBytes(18).toString('base64url')
      picked.set(handle, { privateKey, createdAt: pickedAt })
      const jwk = createPublicKey(privateKey).export({ format: 'jwk' })
      return {
        handle,
        fileName,
        fingerprint: await fingerprintPublicJwk({ kty: 'RSA', n: jwk.n, e: jwk.e } as RsaPublicJwk),
        bits: privateKey.asymmetricKeyDetails?.modulusLength ?? 0,
      }
    },

    'qa:sign-sample': async (request): Promise<SignedSample> => {
      requireQaTools()
      const now = deps.now()
      const signer = signerOf(request.scheme)
      checkTimes(request, now)
      const handle = 'privateKeyHandle' in request ? request.privateKeyHandle : undefined
      const key = handle === undefined ? storedSigningKey(request.scheme, request.kid, signer) : pickedSigningKey(handle, request.kid, request.scheme, signer)
      const signed = await signer.sign(request, key, { now, settings: deps.settingsStore.get().inspection, time: (spec, name) => timeFrom(spec, name, now) })
      // The sample carries its own `now`, so its expectation holds long after `exp` has passed.
      const sample = { scheme: request.scheme, payload: signed.payload, ...(signed.config === undefined ? {} : { config: signed.config }), now: now.toISOString() }
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
      if (!isPlainObject(parsed) || !Object.hasOwn(parsed, 'payload')) invalidInput('only a sample file (JSON with "payload") is saved here')
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
