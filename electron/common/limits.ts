/** Inputs above this size are refused before any parsing (payloads, sample files). */
export const MAX_INPUT_BYTES = 1024 * 1024
/** Key files above this size are refused before any parsing. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024
/**
 * JSON and object literals nested deeper than this are refused before they are parsed, and
 * values handed in as objects are refused beyond it too: nothing an identity carries needs
 * more, and every later step (display, the window's copy, the command line's JSON) then
 * stays far from the call-stack limit.
 */
export const MAX_NESTING_DEPTH = 64
/** Values (members and items) a scan of one input visits at most; a 1 MiB text holds fewer. */
export const MAX_VALUE_NODES = 2_000_000
/** A non-text value shown as a field value or in a message is cut after this many characters. */
export const MAX_DISPLAY_CHARS = 10_000
/** The raw view of one decoded part (claims, visitor…) is cut after this many characters. */
export const MAX_RAW_VIEW_CHARS = 200_000
/** Keys read from one key file (manifest or JWKS): each secret costs a slow fingerprint, so a set is bounded. */
export const MAX_KEYS_PER_FILE = 1000
