/**
 * The RSA public-exponent rule every key must pass before it is used: with e = 1 the "signature"
 * of a message is the message itself, so anyone could mint RS256 tokens that verify.
 */

function unsigned(base64url: string): bigint {
  const hex = Buffer.from(base64url, 'base64url').toString('hex')
  return hex === '' ? 0n : BigInt(`0x${hex}`)
}

/** Small exponents are named in the message; a huge one only as huge. */
function shown(e: bigint): string {
  return e < 2n ** 64n ? String(e) : 'a number of more than 64 bits'
}

/**
 * Why an RSA public key's exponent makes it unsafe, or null when it is sound: RFC 8017 §3.1 asks
 * for an odd e with 3 ≤ e < n; 65537 is what every tool generates.
 *
 * @example
 * rsaExponentProblem({ n, e: 'AQAB' }) // null
 * rsaExponentProblem({ n, e: 'AQ' })   // 'the RSA public exponent is 1; …'
 */
export function rsaExponentProblem(jwk: { readonly n: string; readonly e: string }): string | null {
  const e = unsigned(jwk.e)
  const rule = 'an RSA public exponent must be odd, at least 3 and smaller than the modulus (65537 is the norm)'
  if (e >= unsigned(jwk.n)) return `the RSA public exponent is not smaller than the modulus; ${rule}`
  if (e < 3n) return `the RSA public exponent is ${shown(e)}: with it anyone could make tokens that verify; ${rule}`
  if (e % 2n === 0n) return `the RSA public exponent is ${shown(e)}, an even number, which no real RSA key has; ${rule}`
  return null
}
