/**
 * `sign ringcx|roxchat`: builds a signed sample with a key QA owns and fills its `expect` from
 * an inspection of the result, so the sample documents what it produces.
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { inspect } from '../core/inspect'
import { fingerprintKey } from '../core/key-fingerprint'
import { createKeyRing, type KeyRingEntry } from '../core/key-ring'
import { MAX_KEY_FILE_BYTES, MAX_INPUT_BYTES } from '../common/limits'
import { ROXCHAT_HASH_ALGORITHMS, type RoxchatHashAlgorithm } from '../common/roxchat/settings'
import { isPlainObject, ownMember, setOwnMember } from '../common/values'
import { rsaSigningKey, signRingcxToken, type RingcxSigningKey } from '../core/ringcx/signer'
import { signRoxchatVisitor, type RoxchatSigningKey } from '../core/roxchat/signer'
import { expectationFrom, parseTimeSpec } from '../core/sample-signing'
import { schemeById, schemes, type SigningKey } from '../core/schemes'
import { safeJson, visibleText } from '../core/visible-text'
import type { SchemeId } from '../common/schemes'
import { resolveSettings } from '../common/settings'
import { readBoundedTextFile } from '../io/bounded-text-file'
import { parseKeyArgument } from '../io/key-files'
import { EXIT_OK, UsageError, loadKeys, loadSettings, optionFileProblem, parseNow, stderrLines, type CliIo } from './cli-context'
import { SIGN_USAGE } from './usage'

/** The schemes whose `sign` takes options of its own (below); every other one signs from its sign request. */
const BESPOKE = new Set(['ringcx', 'roxchat'])

/** Sign's usage with the signable schemes' members, for its usage errors. */
const SIGN_USAGE_WITH_SCHEMES = `${SIGN_USAGE}${signableSchemes()}`

/** The other schemes' sign requests, one line each: `intercom: --form user_hash|jwt, --exp TIME`. */
function signableSchemes(): string {
  return schemes()
    .filter((scheme) => !BESPOKE.has(scheme.id) && scheme.signer !== undefined && scheme.vocabulary.signRequest !== undefined)
    .map((scheme) => {
      const members = Object.entries(scheme.vocabulary.signRequest ?? {}).filter(([, member]) => member.kind !== 'text-fields' && member.kind !== 'handle')
      const options = members.map(([name, member]) => `--${name} ${member.kind === 'one-of' ? member.values.join('|') : member.kind === 'time' ? 'TIME' : 'FILE'}`)
      return `                  ${scheme.id}${options.length === 0 ? '' : `: ${options.join(', ')}`}\n`
    })
    .join('')
}

async function readJsonObject(path: string, option: string): Promise<Record<string, unknown>> {
  const read = await readBoundedTextFile(path, MAX_INPUT_BYTES)
  if (!read.ok) throw optionFileProblem(option, path, read)
  try {
    const value: unknown = JSON.parse(read.text)
    if (isPlainObject(value)) return value
  } catch {
    // Reported below in the same words as a non-object.
  }
  throw new UsageError(`${option} ${path}: must be a JSON object`)
}

function pairs(values: readonly string[] | undefined, option: string): [string, string][] {
  return (values ?? []).map((value) => {
    const at = value.indexOf('=')
    if (at <= 0) throw new UsageError(`${option} ${value}: use NAME=VALUE`)
    return [value.slice(0, at), value.slice(at + 1)]
  })
}

/** A private key named on the command line (`--key ringcx:KID=private.pem`) can sign RS256. */
async function privateKeyFromArguments(keyValues: readonly string[], kid: string): Promise<SigningKey | null> {
  for (const value of keyValues) {
    const argument = parseKeyArgument(value)
    if (argument.hint.scheme !== 'ringcx' || argument.hint.kid !== kid) continue
    const read = await readBoundedTextFile(argument.path, MAX_KEY_FILE_BYTES)
    if (!read.ok || !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(read.text)) continue
    const key = rsaSigningKey(read.text, kid)
    if (!key.ok) throw new UsageError(`--key ${argument.path}: ${key.message}`)
    return key.key
  }
  return null
}

function signerOf(scheme: SchemeId): NonNullable<NonNullable<ReturnType<typeof schemeById>>['signer']> {
  const signer = schemeById(scheme)?.signer
  if (signer === undefined) throw new UsageError(`${scheme} samples cannot be signed`)
  return signer
}

function pickKey(entries: readonly KeyRingEntry[], scheme: SchemeId, kid: string | undefined): SigningKey {
  const candidates = entries.filter((entry) => entry.material.scheme === scheme && (kid === undefined || entry.material.kid === kid))
  if (candidates.length === 0) throw new UsageError(`no ${scheme} key${kid === undefined ? '' : ` "${kid}"`} among the keys given`)
  if (candidates.length > 1) throw new UsageError(`several ${scheme} keys were given: choose one with --kid`)
  const key = signerOf(scheme).signingKey((candidates[0] as KeyRingEntry).material) as SigningKey | null
  if (key === null) throw new UsageError(`key "${kid ?? ''}" is an RSA public key, which cannot sign: give its private key with --key ringcx:${kid ?? 'KID'}=private.pem`)
  return key
}

function withHashAlgorithm(rawConfig: unknown, hashAlgorithm: RoxchatHashAlgorithm): Record<string, unknown> {
  const config = isPlainObject(rawConfig) ? rawConfig : {}
  const given = ownMember(config, 'roxchat')
  const roxchat = isPlainObject(given) ? given : {}
  return { ...config, roxchat: { ...roxchat, hashAlgorithm } }
}

/** The options every `sign SCHEME` takes: which key, settings and time, and where the sample goes. */
const SIGN_OPTIONS = {
  key: { type: 'string', multiple: true },
  keystore: { type: 'string' },
  kid: { type: 'string' },
  config: { type: 'string' },
  now: { type: 'string' },
  out: { type: 'string' },
} as const

/**
 * `sign SCHEME` for a scheme with a signer and a declared sign request: `--field`/`--fields` fill
 * its text fields, `--NAME VALUE` each other member (a time, one of its values, a JSON file).
 */
async function runDeclaredSign(scheme: SchemeId, rest: readonly string[], io: CliIo): Promise<number> {
  const engine = schemeById(scheme)
  const members = engine?.vocabulary.signRequest
  const signer = engine?.signer
  if (engine === undefined || members === undefined || signer === undefined) throw new UsageError([`${scheme} samples cannot be signed`, ...SIGN_USAGE_WITH_SCHEMES.trimEnd().split('\n')])
  const declared = Object.entries(members).filter(([, member]) => member.kind !== 'text-fields' && member.kind !== 'handle')
  const { values } = parseArgs({
    args: rest,
    allowPositionals: false,
    strict: true,
    options: {
      ...SIGN_OPTIONS,
      fields: { type: 'string' },
      field: { type: 'string', multiple: true },
      ...Object.fromEntries(declared.filter(([name]) => !Object.hasOwn(SIGN_OPTIONS, name) && name !== 'fields' && name !== 'field').map(([name]) => [name, { type: 'string' as const }])),
    },
  })
  const options = values as Readonly<Record<string, string | string[] | undefined>>
  const now = values.now === undefined ? io.now() : parseNow(values.now)
  const { settings, raw: rawConfig } = await loadSettings(values.config)
  const key = pickKey(await loadKeys(values.key ?? [], values.keystore, stderrLines(io)), scheme, values.kid)
  const request: Record<string, unknown> = { scheme, kid: signer.verificationMaterial(key).kid }
  for (const [name, member] of Object.entries(members)) {
    if (member.kind === 'text-fields') {
      const fields: Record<string, string> = {}
      if (values.fields !== undefined) {
        for (const [field, value] of Object.entries(await readJsonObject(values.fields, '--fields'))) {
          if (typeof value !== 'string') throw new UsageError(`--fields: "${field}" must be text`)
          fields[field] = value
        }
      }
      for (const [field, value] of pairs(values.field, '--field')) fields[field] = value
      request[name] = fields
      continue
    }
    const given = options[name]
    if (typeof given !== 'string') {
      if (member.optional !== true && member.kind !== 'handle') throw new UsageError(`sign ${scheme} needs --${name}`)
      continue
    }
    if (member.kind === 'one-of' && !member.values.includes(given)) throw new UsageError(`--${name} ${given}: use ${member.values.join(', ')}`)
    if (member.kind === 'time' && parseTimeSpec(given, now) === null) throw new UsageError(`--${name} ${given}: use +2h, +30m, ISO 8601 or Unix seconds`)
    request[name] = member.kind === 'json-object' ? await readJsonObject(given, `--${name}`) : given
  }
  const signed = await signer.sign(request, key, {
    now,
    settings,
    time: (spec, name) => {
      const seconds = parseTimeSpec(spec, now)
      if (seconds === null) throw new UsageError(`--${name} ${spec}: use +2h, +30m, ISO 8601 or Unix seconds`)
      return seconds
    },
  })
  const material = signer.verificationMaterial(key)
  const keys = await createKeyRing([{ material, info: { scheme: material.scheme, kid: material.kid, alg: material.alg, fingerprint: await fingerprintKey(material) } }])
  const config = signed.config === undefined ? rawConfig : { ...(isPlainObject(rawConfig) ? rawConfig : {}), ...(signed.config as Record<string, unknown>) }
  const resolved = signed.config === undefined ? null : resolveSettings(signed.config, settings)
  if (resolved !== null && !resolved.ok) throw new UsageError(`the signed sample's settings are not valid: ${resolved.problems.map((problem) => problem.message).join('; ')}`)
  const inspection = await inspect(signed.payload, { keys, settings: resolved === null ? settings : resolved.value, now, scheme })
  return writeSample({ payload: signed.payload, scheme, now: now.toISOString(), ...(config === undefined ? {} : { config }), expect: expectationFrom(inspection) }, inspection, scheme, { out: values.out, keystore: values.keystore }, io)
}

/** Writes a signed sample as `sign ringcx` and `sign roxchat` do: safe JSON, the same note and summary. */
async function writeSample(sample: Record<string, unknown>, inspection: Awaited<ReturnType<typeof inspect>>, scheme: string, where: { readonly out: string | undefined; readonly keystore: string | undefined }, io: CliIo): Promise<number> {
  const { out } = where
  const text = `${safeJson(sample, 2)}\n`
  if (where.keystore === undefined && inspection.verdict === 'verified') {
    io.stderr.write('note: expect says "verified" because the key given by --key verified it; where that key is not in the key store (the app, batch --keystore), the sample fails its expectation: import the key there too\n')
  }
  if (out === undefined) io.stdout.write(text)
  else {
    await writeFile(out, text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--out ${out}: ${error.code === 'EEXIST' ? 'the file exists already; choose another name' : 'could not be written'}`)
    })
    io.stderr.write(`signed ${scheme} sample written to ${visibleText(out)} (${inspection.verdict}${inspection.errors.length > 0 ? `: ${inspection.errors.map((error) => error.code).join(', ')}` : ''})\n`)
  }
  return EXIT_OK
}

export async function runSignCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [scheme, ...rest] = args
  if (scheme !== undefined && !BESPOKE.has(scheme) && schemeById(scheme)?.signer !== undefined) return runDeclaredSign(scheme as SchemeId, rest, io)
  if (scheme !== 'ringcx' && scheme !== 'roxchat') {
    const signable = ['ringcx', 'roxchat', ...schemes().filter((candidate) => !BESPOKE.has(candidate.id) && candidate.signer !== undefined).map((candidate) => candidate.id)]
    throw new UsageError([`sign needs a scheme: ${signable.join(', ')}`, ...SIGN_USAGE_WITH_SCHEMES.trimEnd().split('\n')])
  }
  const { values } = parseArgs({
    args: rest,
    allowPositionals: false,
    strict: true,
    options: {
      ...SIGN_OPTIONS,
      claims: { type: 'string' },
      claim: { type: 'string', multiple: true },
      extra: { type: 'string', multiple: true },
      exp: { type: 'string' },
      fields: { type: 'string' },
      field: { type: 'string', multiple: true },
      expires: { type: 'string' },
      algorithm: { type: 'string' },
    },
  })
  const now = values.now === undefined ? io.now() : parseNow(values.now)
  const { settings, raw: rawConfig } = await loadSettings(values.config)
  const keyValues = values.key ?? []

  let key: SigningKey
  let payload: unknown
  if (scheme === 'ringcx') {
    if (values.kid === undefined) throw new UsageError('sign ringcx needs --kid')
    key = (await privateKeyFromArguments(keyValues, values.kid)) ?? pickKey(await loadKeys(keyValues, values.keystore, stderrLines(io)), 'ringcx', values.kid)
    const claims: Record<string, unknown> = values.claims === undefined ? {} : await readJsonObject(values.claims, '--claims')
    for (const [name, value] of pairs(values.claim, '--claim')) setOwnMember(claims, name, value)
    const extras = pairs(values.extra, '--extra')
    if (extras.length > 0) {
      const existing = ownMember(claims, 'extra_values')
      setOwnMember(claims, 'extra_values', { ...(isPlainObject(existing) ? existing : {}), ...Object.fromEntries(extras) })
    }
    const exp = parseTimeSpec(values.exp ?? '+2h', now)
    if (exp === null) throw new UsageError(`--exp ${values.exp ?? ''}: use +2h, +30m, ISO 8601 or Unix seconds`)
    payload = await signRingcxToken(key as RingcxSigningKey, claims, exp)
  } else {
    key = pickKey(await loadKeys(keyValues, values.keystore, stderrLines(io)), 'roxchat', values.kid)
    const fields: Record<string, string> = {}
    if (values.fields !== undefined) {
      for (const [name, value] of Object.entries(await readJsonObject(values.fields, '--fields'))) {
        if (typeof value !== 'string') throw new UsageError(`--fields: "${name}" must be text (Rox.Chat field values are strings)`)
        setOwnMember(fields, name, value)
      }
    }
    for (const [name, value] of pairs(values.field, '--field')) setOwnMember(fields, name, value)
    const algorithm = (values.algorithm ?? settings.roxchat.hashAlgorithm) as RoxchatHashAlgorithm
    if (!ROXCHAT_HASH_ALGORITHMS.includes(algorithm)) throw new UsageError(`--algorithm ${algorithm}: use ${ROXCHAT_HASH_ALGORITHMS.join(', ')}`)
    let expires: number | undefined
    if (values.expires !== 'none') {
      const parsed = parseTimeSpec(values.expires ?? '+2h', now)
      if (parsed === null) throw new UsageError(`--expires ${values.expires ?? ''}: use +2h, ISO 8601, Unix seconds or none`)
      expires = parsed
    }
    payload = signRoxchatVisitor((key as RoxchatSigningKey).secret, fields, algorithm, expires)
  }

  const material = signerOf(scheme).verificationMaterial(key)
  const keys = await createKeyRing([{ material, info: { scheme: material.scheme, kid: material.kid, alg: material.alg, fingerprint: await fingerprintKey(material) } }])
  const sampleSettings = scheme === 'roxchat' && values.algorithm !== undefined
    ? { ...settings, roxchat: { ...settings.roxchat, hashAlgorithm: values.algorithm as RoxchatHashAlgorithm } }
    : settings
  const inspection = await inspect(payload, { keys, settings: sampleSettings, now, scheme })
  // The sample carries the settings it was signed under, so it replays the same anywhere.
  const config = sampleSettings === settings ? rawConfig : withHashAlgorithm(rawConfig, sampleSettings.roxchat.hashAlgorithm)
  const sample = {
    payload,
    scheme,
    now: now.toISOString(),
    ...(config === undefined ? {} : { config }),
    expect: expectationFrom(inspection),
  }
  const text = `${safeJson(sample, 2)}\n`
  // Its expect was judged with the signing key alone: a key store without it (the app's, or batch
  // --keystore) judges it rejected, and the sample then fails its own expectation. Say so.
  if (values.keystore === undefined && inspection.verdict === 'verified') {
    io.stderr.write('note: expect says "verified" because the key given by --key verified it; where that key is not in the key store (the app, batch --keystore), the sample fails its expectation: import the key there too\n')
  }
  if (values.out === undefined) io.stdout.write(text)
  else {
    await writeFile(values.out, text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--out ${values.out ?? ''}: ${error.code === 'EEXIST' ? 'the file exists already; choose another name' : 'could not be written'}`)
    })
    io.stderr.write(`signed ${scheme} sample written to ${visibleText(values.out)} (${inspection.verdict}${inspection.errors.length > 0 ? `: ${inspection.errors.map((error) => error.code).join(', ')}` : ''})\n`)
  }
  return EXIT_OK
}

