/**
 * Crisp: the engine's room (vocabulary in common/crisp/, sources in SOURCES.md). The page pushes
 * `["set", "user:email", ["<email>", "<signature>"]]`; the signature is the lower-case hex
 * HMAC-SHA256 of the email exactly as given, with the website's verification secret.
 */
import { CRISP, type CrispKeyMaterial, type SignCrispRequest } from '../../common/crisp'
import type { Diagnosis, PayloadForm } from '../../common/inspection'
import { cutText } from '../../common/values'
import { invalidPayload, matchesOf } from '../detect-kit'
import { diagnoseHmac, hmacHex, hmacSchemeKeys, inspectHmacIdentity, isWellFormedText, own, scriptLiteralAt, type HmacIdentitySpec, type HmacKey } from '../hmac-kit'
import type { InvalidPayload, Scheme, SchemeContext, SchemeSigner, SnippetMatch } from '../scheme'

export type CrispPayload = { readonly kind: 'crisp-email'; readonly form: PayloadForm; readonly email: unknown; readonly signature: unknown }

const EMAIL_PUSH = /\$crisp\.push\(\s*\[\s*(["'])set\1\s*,\s*(["'])user:email\2\s*,\s*/g

/** `["<email>", "<signature>"]`, `["<email>"]` or `"<email>"` at `start`, and where its text ends. */
function readValue(text: string, start: number, form: PayloadForm): { readonly payload: CrispPayload | InvalidPayload; readonly end: number } {
  const bad = (why: string, end = start): { payload: InvalidPayload; end: number } => ({ payload: invalidPayload('crisp-push-malformed', why, 'crisp'), end })
  if (text[start] !== '[') {
    const single = scriptLiteralAt(text, start)
    return single === null ? bad('The email is not a text literal.') : { payload: { kind: 'crisp-email', form, email: single.value, signature: undefined }, end: single.end }
  }
  const skipSpace = (at: number): number => at + (/^\s*/.exec(text.slice(at, at + 1000))?.[0].length ?? 0)
  const email = scriptLiteralAt(text, skipSpace(start + 1))
  if (email === null) return bad('The email is not a text literal.')
  let at = skipSpace(email.end)
  let signature: unknown
  if (text[at] === ',') {
    const read = scriptLiteralAt(text, skipSpace(at + 1))
    if (read === null) return bad('The signature is not a text literal (a value computed in the page cannot be read).', at)
    signature = read.value
    at = skipSpace(read.end)
  }
  return text[at] === ']' ? { payload: { kind: 'crisp-email', form, email: email.value, signature }, end: at + 1 } : bad('The ["email", "signature"] array is not closed.', at)
}

function spec(payload: CrispPayload, keys: readonly HmacKey[]): HmacIdentitySpec {
  const { email } = payload
  const message: HmacIdentitySpec['message'] = typeof email !== 'string' || email.length === 0
    ? { ok: false, code: 'crisp-push-malformed', detail: 'The email must be non-empty text.' }
    : !isWellFormedText(email) ? { ok: false, code: 'crisp-push-malformed', detail: 'The email is not well-formed text.' } : { ok: true, text: email }
  return {
    form: payload.form,
    visitor: payload.signature === undefined ? [email] : [email, payload.signature],
    sent: [{ name: 'email', value: email }],
    known: ['email'],
    signedName: 'email',
    message,
    hash: payload.signature,
    keys,
    checks: { identifier: 'crisp-email', hash: 'crisp-signature' },
    codes: { noKey: 'crisp-no-key', mismatch: 'crisp-signature-mismatch', malformed: 'crisp-push-malformed' },
    where: 'The Crisp user:email value',
    missingHash: { level: 'warning', code: 'crisp-email-unverified' },
    sources: { signed: 'crisp-signed', unsigned: 'crisp-sent' },
  }
}

async function diagnoseCrisp(payload: CrispPayload, outcome: Parameters<NonNullable<Scheme['diagnose']>>[1], context: SchemeContext): Promise<readonly Diagnosis[] | null> {
  if (!outcome.checks.some((check) => check.code === 'crisp-signature-mismatch')) return null
  const { email, signature } = payload
  if (typeof email !== 'string' || typeof signature !== 'string') return null
  const normalised = email.trim().toLowerCase()
  return diagnoseHmac({
    message: email,
    given: signature,
    keys: context.keys.crisp,
    spelling: { uppercase: 'diagnosis-uppercase-hex', base64: 'diagnosis-base64-digest' },
    variants: normalised === email ? [] : [{
      code: 'diagnosis-normalised-email',
      message: normalised,
      explain: (kid) => `The signature is of the email lower-cased or trimmed ("${cutText(normalised, 80)}", key "${kid}"), but the page pushes it as typed: sign and push the same string. (Crisp signs the email as given; whether it normalises case is not documented.)`,
    }],
  })
}

export interface CrispSigningKey {
  readonly scheme: 'crisp'
  readonly kid: string
  readonly secret: string
}

export function crispSnippet(email: string, signature: string): string {
  return `$crisp.push(["set", "user:email", [${JSON.stringify(email)}, ${JSON.stringify(signature)}]]);`
}

const CRISP_SIGNER: SchemeSigner<SignCrispRequest, CrispSigningKey> = {
  signingKey: (material) => ({ scheme: 'crisp', kid: material.kid, secret: (material as CrispKeyMaterial).secret }),
  verificationMaterial: (key) => ({ scheme: 'crisp', kid: key.kid, alg: 'secret', secret: key.secret }),
  async sign(request, key) {
    const email = request.fields['email'] ?? ''
    return { payload: crispSnippet(email, hmacHex(key.secret, email)) }
  },
}

export interface CrispEngineTypes {
  readonly payload: CrispPayload
  readonly material: CrispKeyMaterial
  readonly ring: readonly HmacKey[]
  readonly signRequest: SignCrispRequest
  readonly signingKey: CrispSigningKey
}

export const CRISP_SCHEME: Scheme<CrispEngineTypes> = {
  id: CRISP.id,
  vocabulary: CRISP,
  detect: {
    kinds: ['crisp-email'],
    snippets: (text, limit) =>
      [...matchesOf(text, EMAIL_PUSH, limit)].map((match): SnippetMatch<CrispPayload> => {
        const start = match.index + match[0].length
        return { form: 'crisp-push', index: match.index, end: () => readValue(text, start, 'crisp-push').end, read: () => readValue(text, start, 'crisp-push').payload }
      }),
    identityForms: { 'crisp-push': 'a $crisp.push(["set", "user:email", …]) call' },
    identityMarkers: ['user:email', '$crisp'],
    object(value, form, forced) {
      if (!forced) return null
      if (Array.isArray(value)) return { kind: 'crisp-email', form, email: value[0], signature: value[1] }
      return own(value, 'email') === undefined ? invalidPayload('crisp-push-malformed', 'A Crisp identity is ["<email>", "<signature>"] or {"email", "signature"}.', 'crisp') : { kind: 'crisp-email', form, email: own(value, 'email'), signature: own(value, 'signature') }
    },
    objectPrecedence: 60,
    objectHint: 'a Crisp ["email", "signature"]',
  },
  keys: hmacSchemeKeys('crisp', 'Crisp'),
  inspect: async (payload, context) => inspectHmacIdentity(spec(payload, context.keys.crisp)),
  diagnose: diagnoseCrisp,
  signer: CRISP_SIGNER,
}
