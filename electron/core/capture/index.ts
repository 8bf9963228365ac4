/**
 * The capture audit's one entry: what the command line's `audit` and the app's Captures view use.
 */
export * from '../../common/capture/capture-types'
export { CaptureAudit, lineColumn, type CaptureAuditOptions, type CaptureAuditResult, type CaptureText } from './capture-audit'
export { SIGNING_PROXIMITY, identityMarkers, evidenceExcerpt, findClientSigning, type SigningMatch } from './client-signing'
export { buildRenewalTimelines, type CaptureSpan, type TimelineIdentity } from './renewal-timeline'
export { SecretSearch, asciiLower, secretKeysOf, type SecretKey, type SecretMatch } from './secret-search'
export { cutText, isWellFormedText, visibleText } from './visible-text'
