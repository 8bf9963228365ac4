/** Inputs above this size are refused before any parsing (payloads, sample files). */
export const MAX_INPUT_BYTES = 1024 * 1024
/** Key files above this size are refused before any parsing. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024
