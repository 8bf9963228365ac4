/**
 * Argument checks for every channel. IPC arguments are `unknown` until they pass here: a wrong
 * shape is `ipc-bad-argument`, text over 1 MiB is `ipc-too-large`. Values (Key IDs, settings)
 * are judged later by the core; here only their form.
 */
import { isPlainObject } from '../common/values'
import { MAX_CAPTURE_UPLOAD_BYTES, MAX_IPC_TEXT_BYTES, type Channel, type ChannelArgs, type SignSampleRequest } from '../shared/ipc-contract'
import { ServiceError } from './service-error'
import type { SignRequestMember } from '../common/scheme-vocabulary'
import { isSchemeId, schemeIdList, vocabularyOf, type SchemeId } from '../common/schemes'

/** Room for a 1 MiB text plus the other members of its request. */
const MAX_ARGUMENT_BYTES = MAX_IPC_TEXT_BYTES + 64 * 1024
const MAX_NAME_LENGTH = 255
const MAX_KID_LENGTH = 128
const MAX_LABEL_LENGTH = 200
const MAX_FINGERPRINT_LENGTH = 200
const MAX_URL_LENGTH = 2048
const MAX_ARGUMENT_DEPTH = 32
const MAX_TIME_SPEC_LENGTH = 64
const CONFIRM_TOKEN = /^[A-Za-z0-9_-]{16,64}$/
/** Run ids and picked-key handles: random base64url made by main. */
const RANDOM_ID = /^[A-Za-z0-9_-]{8,64}$/

function bad(message: string): never {
  throw new ServiceError('ipc-bad-argument', message)
}

function noArgument(args: readonly unknown[]): void {
  if (args.length !== 0) bad('this request takes no argument')
}

function request(args: readonly unknown[], allowed: readonly string[]): Record<string, unknown> {
  if (args.length !== 1 || !isPlainObject(args[0])) bad('this request takes one object')
  const value = args[0]
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) bad('the argument must be a plain object')
  for (const name of Object.keys(value)) if (!allowed.includes(name)) bad(`unknown member "${name}"`)
  return value
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') bad(`${name} must be text`)
  if (Buffer.byteLength(value, 'utf8') > MAX_IPC_TEXT_BYTES) throw new ServiceError('ipc-too-large', `${name} is larger than 1 MiB`)
  return value
}

function shortText(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length > maxLength || /[\0\r\n]/.test(value)) bad(`${name} must be one line of at most ${maxLength} characters`)
  return value
}

function optional<T>(value: unknown, read: (present: unknown) => T): T | undefined {
  return value === undefined ? undefined : read(value)
}

function flag(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') bad(`${name} must be true or false`)
  return value
}

function scheme(value: unknown): SchemeId {
  if (!isSchemeId(value)) bad(`scheme must be ${schemeIdList(true)}`)
  return value
}

function randomId(value: unknown, name: string): string {
  if (typeof value !== 'string' || !RANDOM_ID.test(value)) bad(`${name} is not an id this app made`)
  return value
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) bad(`${name} must be a whole number from 0`)
  return value
}

function plainObject(value: unknown, name: string): Record<string, unknown> {
  if (!isPlainObject(value) || (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)) bad(`${name} must be an object`)
  return value
}

/** JSON values only: a Date or Map would be signed as something else than what was shown. */
function assertJson(value: unknown, name: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) bad(`${name} must be a finite number`)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJson(item, `${name}[${index}]`))
    return
  }
  for (const [key, member] of Object.entries(plainObject(value, name))) assertJson(member, `${name}.${key}`)
}

function textFields(value: unknown, name: string): Record<string, string> {
  const fields = plainObject(value, name)
  for (const [key, member] of Object.entries(fields)) {
    shortText(key, `a name in ${name}`, MAX_NAME_LENGTH)
    if (typeof member !== 'string') bad(`${name}.${key} must be text`)
  }
  return fields as Record<string, string>
}

/** One member of a sign request, in the form its scheme's vocabulary declares. */
function signMember(member: SignRequestMember, value: unknown, name: string): unknown {
  switch (member.kind) {
    case 'time':
      return shortText(value, name, MAX_TIME_SPEC_LENGTH)
    case 'handle':
      return randomId(value, name)
    case 'json-object': {
      const object = plainObject(value, name)
      assertJson(object, name)
      return object
    }
    case 'text-fields':
      return textFields(value, name)
    case 'one-of':
      if (typeof value !== 'string' || !member.values.includes(value)) bad(`${name} must be one of ${member.values.join(', ')}`)
      return value
  }
}

/** A sign request of the scheme it names, with the members that scheme's vocabulary declares. */
function signRequest(args: readonly unknown[]): SignSampleRequest {
  if (args.length !== 1 || !isPlainObject(args[0])) bad('this request takes one object')
  const named = args[0]['scheme']
  const members = isSchemeId(named) ? vocabularyOf(named)?.signRequest : undefined
  if (!isSchemeId(named) || members === undefined) bad(`scheme must be ${schemeIdList(true)}`)
  const value = request(args, ['scheme', 'kid', ...Object.keys(members)])
  const read: Record<string, unknown> = { scheme: named, kid: shortText(value['kid'], 'kid', MAX_KID_LENGTH) }
  for (const [name, member] of Object.entries(members)) {
    read[name] = member.optional === true && value[name] === undefined ? undefined : signMember(member, value[name], name)
  }
  return defined(read) as unknown as SignSampleRequest
}

/** Leaves out members that were not sent, so services see only what the renderer asked for. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T
}

/**
 * Rough size of the arguments as they crossed IPC, walked with an early exit so that a giant
 * object is refused before any reader looks at it.
 */
function exceedsSize(args: readonly unknown[]): boolean {
  let budget = MAX_ARGUMENT_BYTES
  const pending: { value: unknown; depth: number }[] = args.map((value) => ({ value, depth: 0 }))
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number }
    if (depth > MAX_ARGUMENT_DEPTH) bad('the argument is nested too deeply')
    if (typeof value === 'string') budget -= Buffer.byteLength(value, 'utf8')
    else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        budget -= key.length + 8
        pending.push({ value: member, depth: depth + 1 })
      }
    } else budget -= 8
    if (budget < 0) return true
  }
  return false
}

type ArgumentReaders = { readonly [C in Channel]: (args: readonly unknown[]) => ChannelArgs<C> }

const READERS: ArgumentReaders = {
  'app:info': noArgument,
  'app:open-external': (args) => {
    const value = request(args, ['url'])
    return { url: shortText(value['url'], 'url', MAX_URL_LENGTH) }
  },
  'inspect:payload': (args) => {
    const value = request(args, ['text', 'scheme', 'fileName', 'recheck'])
    return defined({
      text: text(value['text'], 'text'),
      scheme: optional(value['scheme'], scheme),
      fileName: optional(value['fileName'], (name) => shortText(name, 'fileName', MAX_NAME_LENGTH)),
      recheck: optional(value['recheck'], (present) => flag(present, 'recheck')),
    })
  },
  'inspect:open-file': noArgument,
  'inspect:quick-check': (args) => {
    const value = request(args, ['text', 'keyText', 'scheme', 'kid'])
    return defined({
      text: text(value['text'], 'text'),
      keyText: text(value['keyText'], 'keyText'),
      scheme: optional(value['scheme'], scheme),
      kid: optional(value['kid'], (kid) => shortText(kid, 'kid', MAX_KID_LENGTH)),
    })
  },
  'keys:list': noArgument,
  'keys:status': noArgument,
  'keys:import-text': (args) => {
    const value = request(args, ['text', 'fileName', 'scheme', 'kid', 'label', 'replace', 'acceptUnprotected'])
    return defined({
      text: text(value['text'], 'text'),
      fileName: optional(value['fileName'], (name) => shortText(name, 'fileName', MAX_NAME_LENGTH)),
      scheme: optional(value['scheme'], scheme),
      kid: optional(value['kid'], (kid) => shortText(kid, 'kid', MAX_KID_LENGTH)),
      label: optional(value['label'], (label) => shortText(label, 'label', MAX_LABEL_LENGTH)),
      replace: optional(value['replace'], (replace) => flag(replace, 'replace')),
      acceptUnprotected: optional(value['acceptUnprotected'], (accept) => flag(accept, 'acceptUnprotected')),
    })
  },
  'keys:import-files': (args) => {
    const value = request(args, ['scheme', 'kid', 'label', 'replace', 'acceptUnprotected'])
    return defined({
      scheme: optional(value['scheme'], scheme),
      kid: optional(value['kid'], (kid) => shortText(kid, 'kid', MAX_KID_LENGTH)),
      label: optional(value['label'], (label) => shortText(label, 'label', MAX_LABEL_LENGTH)),
      replace: optional(value['replace'], (replace) => flag(replace, 'replace')),
      acceptUnprotected: optional(value['acceptUnprotected'], (accept) => flag(accept, 'acceptUnprotected')),
    })
  },
  'keys:confirm-import': (args) => {
    const value = request(args, ['token', 'replace', 'acceptUnprotected'])
    const token = value['token']
    if (typeof token !== 'string' || !CONFIRM_TOKEN.test(token)) bad('token is not an import token')
    return { token, replace: flag(value['replace'], 'replace'), acceptUnprotected: flag(value['acceptUnprotected'], 'acceptUnprotected') }
  },
  'keys:import-progress': noArgument,
  'keys:remove': (args) => {
    const value = request(args, ['scheme', 'kid', 'fingerprint'])
    return {
      scheme: scheme(value['scheme']),
      kid: shortText(value['kid'], 'kid', MAX_KID_LENGTH),
      fingerprint: shortText(value['fingerprint'], 'fingerprint', MAX_FINGERPRINT_LENGTH),
    }
  },
  'settings:get': noArgument,
  'settings:status': noArgument,
  // The values are judged field by field by the settings store, which reports every problem.
  'settings:update': (args) => {
    const value = request(args, ['inspection', 'qaTools', 'theme'])
    return defined({ inspection: value['inspection'], qaTools: value['qaTools'], theme: value['theme'] })
  },
  'demo:load': noArgument,
  'samples:start': (args) => {
    const value = request(args, ['pick'])
    if (value['pick'] !== 'folder' && value['pick'] !== 'files') bad('pick must be "folder" or "files"')
    return { pick: value['pick'] }
  },
  'samples:progress': (args) => {
    const value = request(args, ['runId', 'cursor'])
    return { runId: randomId(value['runId'], 'runId'), cursor: count(value['cursor'], 'cursor') }
  },
  'samples:cancel': (args) => ({ runId: randomId(request(args, ['runId'])['runId'], 'runId') }),
  'samples:rerun': (args) => ({ runId: randomId(request(args, ['runId'])['runId'], 'runId') }),
  'samples:open': (args) => {
    const value = request(args, ['runId', 'index'])
    return { runId: randomId(value['runId'], 'runId'), index: count(value['index'], 'index') }
  },
  'tokens:status': noArgument,
  'tokens:choose': noArgument,
  'tokens:clear': noArgument,
  'qa:pick-signing-key': noArgument,
  'qa:sign-sample': signRequest,
  'qa:save-sample': (args) => {
    const value = request(args, ['text', 'fileName'])
    return { text: text(value['text'], 'text'), fileName: shortText(value['fileName'], 'fileName', MAX_NAME_LENGTH) }
  },
  'captures:open': (args) => {
    const value = request(args, ['pick'])
    if (value['pick'] !== 'folder' && value['pick'] !== 'files') bad('pick must be "folder" or "files"')
    return { pick: value['pick'] }
  },
  'captures:upload-start': (args) => {
    const value = request(args, ['fileName', 'bytes'])
    const bytes = count(value['bytes'], 'bytes')
    if (bytes > MAX_CAPTURE_UPLOAD_BYTES) throw new ServiceError('ipc-too-large', 'the capture is larger than 2 GiB')
    return { fileName: shortText(value['fileName'], 'fileName', MAX_NAME_LENGTH), bytes }
  },
  'captures:upload-chunk': (args) => {
    const value = request(args, ['uploadId', 'data'])
    return { uploadId: randomId(value['uploadId'], 'uploadId'), data: text(value['data'], 'data') }
  },
  'captures:upload-finish': (args) => ({ uploadId: randomId(request(args, ['uploadId'])['uploadId'], 'uploadId') }),
  'captures:open-identity': (args) => {
    const value = request(args, ['auditId', 'index'])
    return { auditId: randomId(value['auditId'], 'auditId'), index: count(value['index'], 'index') }
  },
}

/**
 * Checks the raw arguments of one request.
 *
 * @example
 * readChannelArguments('keys:remove', [{ scheme: 'ringcx', kid: 'k1', fingerprint: 'rsa:…' }])
 */
export function readChannelArguments<C extends Channel>(channel: C, args: readonly unknown[]): ChannelArgs<C> {
  if (exceedsSize(args)) throw new ServiceError('ipc-too-large', 'the request is larger than 1 MiB')
  return READERS[channel](args)
}
