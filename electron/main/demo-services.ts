/**
 * The demo: the published demo keys and the example payloads shipped in resources/examples.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_INPUT_BYTES, MAX_KEY_FILE_BYTES } from '../common/limits'
import { isPlainObject } from '../common/values'
import { readBoundedTextFile } from '../io/bounded-text-file'
import type { DemoExample } from '../shared/ipc-contract'
import type { ChannelServices } from './call-service'
import type { KeyImporter } from './key-services'
import { ServiceError } from './service-error'

const DEMO_KEYS_FILE = 'demo-keys.json'

/** What each shipped example shows, for the example picker; an unknown file goes by its name. */
const EXAMPLE_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['ringcx-verified-hs256.jwt', 'RingCX token, verified (HS256)'],
  ['ringcx-verified-rs256.html', 'RingCX page snippet, verified (RS256)'],
  ['ringcx-chat-url.txt', 'RingCX chat URL with a signed token'],
  ['ringcx-unsigned.js', 'RingCX unsigned identity'],
  ['ringcx-expired.sample.json', 'RingCX token, expired'],
  ['ringcx-exp-too-soon.sample.json', 'RingCX token, expires too soon'],
  ['ringcx-bad-signature.jwt', 'RingCX token, altered after signing'],
  ['ringcx-alg-none.jwt', 'RingCX token with “alg: none”'],
  ['ringcx-unknown-kid.jwt', 'RingCX token naming an unknown Key ID'],
  ['ringcx-missing-uuid.jwt', 'RingCX token without a visitor UUID'],
  ['roxchat-verified.html', 'Rox.Chat page snippet, verified'],
  ['roxchat-merge.sample.json', 'Rox.Chat visitor merged with service and agent fields'],
  ['roxchat-wrong-hash.json', 'Rox.Chat visitor with a wrong hash'],
  ['roxchat-expired.sample.json', 'Rox.Chat visitor data, expired'],
  ['roxchat-logout.js', 'Rox.Chat logout (roxchat_visitor = null)'],
  ['webim-legacy.js', 'Legacy Webim snippet (Rox.Chat)'],
  ['webim-v1-cp1251.js', 'Legacy v1 Webim visitor, crc over cp1251 bytes (Rox.Chat)'],
  ['roxchat-client-link.txt', 'Rox.Chat client.php chat link with provided-visitor'],
  ['roxchat-mobile-visitor-ext.txt', 'Rox.Chat mobile SDK init request with visitor-ext'],
  ['ringcx-mobile-sdk.jwt', 'RingCX mobile SDK token (not a web identity)'],
  ['ringcx-docs-example-1986.jwt', 'RingCX token with the docs’ example exp (1986)'],
])

/** Descriptions shipped beside the examples (`demo-descriptions.json`, written by generate-examples), so a new vendor's examples need no edit here. */
const DESCRIPTIONS_FILE = 'demo-descriptions.json'

async function shippedDescriptions(folder: string): Promise<ReadonlyMap<string, string>> {
  const read = await readBoundedTextFile(join(folder, DESCRIPTIONS_FILE), MAX_INPUT_BYTES)
  if (!read.ok) return new Map()
  try {
    const value: unknown = JSON.parse(read.text)
    if (!isPlainObject(value)) return new Map()
    return new Map(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  } catch {
    return new Map()
  }
}

export interface DemoServicesDeps {
  /** resources/examples: demo keys and example payloads. */
  readonly examplesDir: string
  readonly importer: KeyImporter
}

export function createDemoServices(deps: DemoServicesDeps): Pick<ChannelServices, 'demo:load'> {
  async function readExamples(): Promise<DemoExample[]> {
    const listing = await readdir(deps.examplesDir, { withFileTypes: true }).catch(() => {
      throw new ServiceError('demo-unavailable', 'the examples folder could not be read')
    })
    const names = listing
      .filter((entry) => entry.isFile() && !entry.name.startsWith('demo-') && !entry.name.endsWith('.md'))
      .map((entry) => entry.name)
      .sort()
    const shipped = await shippedDescriptions(deps.examplesDir)
    const examples: DemoExample[] = []
    for (const name of names) {
      const read = await readBoundedTextFile(join(deps.examplesDir, name), MAX_INPUT_BYTES)
      if (read.ok) examples.push({ name, description: EXAMPLE_DESCRIPTIONS.get(name) ?? shipped.get(name) ?? name, text: read.text })
    }
    return examples
  }

  return {
    'demo:load': async () => {
      const read = await readBoundedTextFile(join(deps.examplesDir, DEMO_KEYS_FILE), MAX_KEY_FILE_BYTES)
      if (!read.ok) throw new ServiceError('demo-unavailable', `the demo keys could not be read: ${read.message}`)
      // The demo keys are published with the app: storing them in plain text exposes nothing.
      const keys = await deps.importer.importText(read.text, { fileName: DEMO_KEYS_FILE, replace: false, acceptUnprotected: true, demo: true })
      return { keys, examples: await readExamples() }
    },
  }
}
