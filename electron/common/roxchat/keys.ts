/**
 * Rox.Chat keys: the account's private key, a secret with no vendor ID (ours is a name).
 */
import type { SecretKeyMaterial } from '../key-material'
import type { KeyRules } from '../scheme-vocabulary'

export type RoxchatKeyMaterial = SecretKeyMaterial<'roxchat', 'secret'>

/** Rox.Chat keys have no vendor ID; ours is a name without spaces. */
export const ROXCHAT_KID_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/
export const MAX_ROXCHAT_SECRET_LENGTH = 4096

export const ROXCHAT_KEY_RULES: KeyRules = {
  kidPattern: ROXCHAT_KID_PATTERN,
  kidRule: 'letters, digits, _, . and -',
  kidHint: 'Use letters, digits, “.”, “-” and “_” (up to 128 characters), no spaces.',
  algorithms: { secret: 'secret' },
  secretProblem: (secret) => (secret.length > 0 && secret.length <= MAX_ROXCHAT_SECRET_LENGTH ? null : 'not a usable Rox.Chat private key'),
}
