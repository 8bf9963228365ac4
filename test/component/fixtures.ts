/**
 * Inspections, keys and settings as the main process returns them, taken from the core's
 * results for resources/examples with the demo keys.
 */
import type { Inspection, MergedField } from '../../electron/common/inspection'
import { DEFAULT_SETTINGS } from '../../electron/common/settings'
import { SCHEME_IDS, type SchemeId } from '../../electron/common/schemes'
import type {
  AppSettings,
  KeyImportReport,
  KeyStoreStatus,
  SampleRow,
  SamplesProgress,
  SignedSample,
  StoredKeyView,
  TokenTableStatus,
} from '../../electron/shared/ipc-contract'

export const NOW = '2026-06-01T09:00:00.000Z'

const field = (name: string, value: string, source: MergedField['source'], overridden: MergedField['overridden'] = []): MergedField => ({
  name, value, source, overridden,
})

/** roxchat-merge.sample.json: a verified visitor merged with service and agent fields. */
export function roxchatMerged(overrides: Partial<Inspection> = {}): Inspection {
  return {
    scheme: 'roxchat',
    verdict: 'verified',
    errors: [],
    warnings: [],
    checks: [
      { id: 'format', status: 'pass' },
      { id: 'fields', status: 'pass' },
      { id: 'expires', status: 'pass' },
      { id: 'hash', status: 'pass', kid: 'rox_demo' },
    ],
    key: { kid: 'rox_demo', fingerprint: 'secret:vopop-tmQyps44E2qUQD8A' },
    expiry: { expiresAt: '2038-01-19T03:03:20.000Z', secondsLeft: 367178600, status: 'valid' },
    fields: [
      field('id', '12345', 'providedFields'),
      field('display_name', 'John', 'providedFields', [{ source: 'opFields', value: 'John Smith' }]),
      field('phone', '+10432234376', 'providedFields', [{ source: 'fields', value: '+10432234399' }]),
      field('email', 'abc@rox.chat', 'providedFields'),
      field('comment', 'Called from the mobile app', 'fields'),
      field('info', 'Prefers e-mail', 'opFields'),
      field('high_priority', '1', 'opFields'),
    ],
    unmapped: [field('loyalty_tier', 'silver', 'providedFields')],
    rejectedFields: [],
    now: NOW,
    appliedFromSample: [],
    raw: {
      form: 'object',
      visitor: { fields: { id: '12345', display_name: 'John' }, expires: 2147483000, hash: 'e5d311f1…' },
      hashedMessage: 'Johnabc@rox.chat12345silver+104322343762147483000',
    },
    ...overrides,
  }
}

const ANN_CLAIMS = {
  uuid: 'c0ffee00-1234-4abc-9def-000000000042',
  firstname: 'Ann',
  lastname: 'Lee',
  email: 'ann.lee@example.com',
  company: 'Example Ltd',
  extra_values: { account_number: '004217', plan: 'gold', last_order: 'A-7781' },
  exp: 4102444800,
}

/** ringcx-verified-hs256.jwt with the demo settings' mappings. */
export function ringcxVerified(overrides: Partial<Inspection> = {}): Inspection {
  return {
    scheme: 'ringcx',
    verdict: 'verified',
    errors: [],
    warnings: [],
    checks: [
      { id: 'format', status: 'pass' },
      { id: 'mode', status: 'pass' },
      { id: 'kid', status: 'pass' },
      { id: 'algorithm', status: 'pass' },
      { id: 'signature', status: 'pass', kid: 'hs_demo' },
      { id: 'exp', status: 'pass' },
      { id: 'uuid', status: 'pass' },
    ],
    key: { kid: 'hs_demo', fingerprint: 'secret:EIFS-wiD0s2Ej-EKU1yqnw' },
    expiry: { expiresAt: '2100-01-01T00:00:00.000Z', secondsLeft: 2327065200, status: 'valid' },
    fields: [
      field('uuid', ANN_CLAIMS.uuid, 'identity'),
      field('firstname', 'Ann', 'identity'),
      field('lastname', 'Lee', 'identity'),
      field('email', 'ann.lee@example.com', 'identity'),
      field('company', 'Example Ltd', 'identity'),
      field('account_number', '004217', 'extra_values'),
      field('customer_id', ANN_CLAIMS.uuid, 'identity'),
    ],
    unmapped: [field('plan', 'gold', 'extra_values'), field('last_order', 'A-7781', 'extra_values')],
    rejectedFields: [],
    now: NOW,
    appliedFromSample: [],
    raw: { form: 'jwt', header: { alg: 'HS256', typ: 'JWT', kid: 'hs_demo' }, claims: ANN_CLAIMS },
    ...overrides,
  }
}

/** ringcx-bad-signature.jwt: the claims were altered after signing. */
export function ringcxBadSignature(): Inspection {
  return {
    ...ringcxVerified(),
    verdict: 'rejected',
    errors: [{
      code: 'ringcx-jwt-bad-signature',
      message: 'The JWT signature does not match the key: the token was altered or signed with another key.',
    }],
    checks: [
      { id: 'format', status: 'pass' },
      { id: 'mode', status: 'pass' },
      { id: 'kid', status: 'pass' },
      { id: 'algorithm', status: 'pass' },
      { id: 'signature', status: 'fail', code: 'ringcx-jwt-bad-signature' },
      { id: 'exp', status: 'pass' },
      { id: 'uuid', status: 'pass' },
    ],
    key: null,
    fields: [],
    unmapped: [],
    rejectedFields: [
      { name: 'uuid', value: ANN_CLAIMS.uuid, source: 'identity' },
      { name: 'firstname', value: 'Ann', source: 'identity' },
      { name: 'email', value: 'mallory@example.com', source: 'identity' },
      { name: 'account_number', value: '004217', source: 'extra_values' },
    ],
    diagnosis: [{ code: 'diagnosis-unexplained', message: 'None of the usual mistakes explains the failure: the data or the key itself differs.' }],
  }
}

/** ringcx-unsigned.js in a community that accepts unsigned identities. */
export function ringcxUnsignedAccepted(): Inspection {
  return {
    ...ringcxVerified(),
    verdict: 'accepted-unsigned',
    checks: [
      { id: 'format', status: 'pass' },
      { id: 'mode', status: 'pass' },
      { id: 'kid', status: 'skip' },
      { id: 'algorithm', status: 'skip' },
      { id: 'signature', status: 'skip' },
      { id: 'exp', status: 'skip' },
      { id: 'uuid', status: 'skip' },
    ],
    key: null,
    expiry: { expiresAt: null, secondsLeft: null, status: 'none' },
    fields: [field('uuid', ANN_CLAIMS.uuid, 'identity'), field('firstname', 'Ann', 'identity'), field('lastname', 'Lee', 'identity')],
    unmapped: [field('plan', 'gold', 'extra_values')],
    raw: { form: 'chatq-snippet', identity: { uuid: ANN_CLAIMS.uuid, firstname: 'Ann', lastname: 'Lee', extra_values: { plan: 'gold' } } },
  }
}

export const DEMO_LABEL = 'DEMO KEY: published with Visitor Inspector, never use it for a real site'

export function storedKey(overrides: Partial<StoredKeyView> = {}): StoredKeyView {
  return {
    scheme: 'ringcx',
    kid: 'hs_demo',
    alg: 'HS256',
    fingerprint: 'secret:EIFS-wiD0s2Ej-EKU1yqnw',
    label: DEMO_LABEL,
    sourceFile: 'demo-keys.json',
    addedAt: '2026-05-30T10:00:00.000Z',
    lastMatchedAt: null,
    matchCount: 0,
    removalCandidate: false,
    storage: 'os-encrypted',
    demo: true,
    ...overrides,
  }
}

export const DEMO_KEYS: readonly StoredKeyView[] = [
  storedKey(),
  storedKey({ kid: 'rsa_demo', alg: 'RS256', bits: 2048, fingerprint: 'rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q', storage: 'public-key' }),
  storedKey({ scheme: 'roxchat', kid: 'rox_demo', alg: 'secret', fingerprint: 'secret:vopop-tmQyps44E2qUQD8A' }),
]

export function keyStatus(overrides: Partial<KeyStoreStatus> = {}): KeyStoreStatus {
  return {
    protection: 'os-encrypted',
    warning: null,
    keyCount: 0,
    plainSecretCount: 0,
    unreadableCount: 0,
    flaggedCount: 0,
    quarantine: null,
    writable: true,
    problem: null,
    ...overrides,
  }
}

export function importReport(overrides: Partial<KeyImportReport> = {}): KeyImportReport {
  return {
    fileName: 'demo-keys.json',
    format: 'manifest',
    imported: true,
    entries: [
      { index: 0, scheme: 'ringcx', kid: 'hs_demo', ok: true, warnings: [], fingerprint: 'secret:EIFS-wiD0s2Ej-EKU1yqnw', alg: 'HS256' },
      { index: 1, scheme: 'ringcx', kid: 'rsa_demo', ok: true, warnings: [], fingerprint: 'rsa:YlG2CbtqtU2WMgCtcp-R22bW04_kDFtm-wW705Q-y5Q', alg: 'RS256' },
      { index: 2, scheme: 'roxchat', kid: 'rox_demo', ok: true, warnings: [], fingerprint: 'secret:vopop-tmQyps44E2qUQD8A', alg: 'secret' },
    ],
    duplicates: [],
    unprotectedSecrets: false,
    confirmToken: null,
    ...overrides,
  }
}

export const DEMO_SETTINGS: AppSettings = {
  inspection: {
    ...DEFAULT_SETTINGS,
    ringcx: {
      ...DEFAULT_SETTINGS.ringcx,
      extraValueMappings: [
        { key: 'account_number', target: 'custom:account_number', regex: '[0-9]{6}' },
        { key: 'uuid', target: 'custom:customer_id' },
      ],
    },
  },
  qaTools: false,
  theme: 'system',
  tokensFile: null,
}

export const NO_TOKEN_TABLE: TokenTableStatus = { file: null, tokenCount: null, problem: null }

export function sampleRow(overrides: Partial<SampleRow> = {}): SampleRow {
  return {
    index: 0,
    file: 'lib/ok.sample.json',
    status: 'met',
    scheme: 'ringcx',
    verdict: 'verified',
    codes: [],
    firstMismatch: null,
    likelyCause: null,
    problem: null,
    ...overrides,
  }
}

/** A library of five samples, one of each status, as main lists them. */
export const LIBRARY_ROWS: readonly SampleRow[] = [
  sampleRow({ index: 0, file: 'lib/a-met.sample.json' }),
  sampleRow({
    index: 1,
    file: 'lib/b-failed.sample.json',
    status: 'failed',
    scheme: 'roxchat',
    verdict: 'rejected',
    codes: ['provided-auth-token-not-found'],
    firstMismatch: { path: 'verdict', expected: '"verified"', actual: '"rejected"' },
  }),
  sampleRow({ index: 2, file: 'lib/c-plain.jwt', status: 'no-expectation', verdict: 'rejected', codes: ['ringcx-jwt-bad-signature'], likelyCause: 'diagnosis-kid-names-other-key' }),
  sampleRow({ index: 3, file: 'lib/d-keys.json', status: 'skipped', scheme: null, verdict: null, problem: 'a key or settings file, not a sample' }),
  sampleRow({ index: 4, file: 'lib/e-huge.txt', status: 'unreadable', scheme: null, verdict: 'rejected', codes: ['input-too-large'], problem: 'it is 2.0 MiB, over the 1.0 MiB limit' }),
]

export function samplesProgress(overrides: Partial<SamplesProgress> = {}): SamplesProgress {
  return {
    runId: 'run-1',
    done: LIBRARY_ROWS.length,
    found: LIBRARY_ROWS.length,
    counted: true,
    finished: true,
    cancelled: false,
    rows: LIBRARY_ROWS,
    summary: {
      files: 5,
      verified: 1,
      rejected: 3,
      ms: 1234,
      statuses: { met: 1, failed: 1, 'no-expectation': 1, unreadable: 1, skipped: 1 },
      schemes: { ...Object.fromEntries(SCHEME_IDS.map((id) => [id, 0])) as Record<SchemeId, number>, ringcx: 2, roxchat: 1, unknown: 2 },
    },
    stale: false,
    ...overrides,
  }
}

export function signedSample(): SignedSample {
  const inspection = ringcxVerified({ expectation: { met: true, mismatches: [] } })
  return {
    fileName: 'ringcx-hs_demo-verified.sample.json',
    text: `${JSON.stringify({ scheme: 'ringcx', payload: 'eyJhbGciOiJIUzI1NiJ9.e30.sig', now: NOW, expect: { verdict: 'verified' } }, null, 2)}\n`,
    inspection,
  }
}
