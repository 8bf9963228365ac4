/** RingCX in Ruby: prints the compact JWT of the signed identity. */
import { KEY_CHECK } from '../../fixit/languages/ruby'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import type { RingcxFixitDescription } from './description'

export const ruby: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    `Library: Ruby's standard openssl (${description.alg === 'HS256' ? 'OpenSSL::HMAC' : 'OpenSSL::PKey'}) and json, no gem.`,
    `The usual library is the jwt gem (gem install jwt): JWT.encode(payload, ${description.alg === 'HS256' ? 'key' : 'OpenSSL::PKey.read(key)'}, '${description.alg}', { kid: KID })`,
    'gives the same token.',
  ],

  text: (description, comment) => {
    const hs = description.alg === 'HS256'
    return program(
      comment,
      "require 'json'",
      "require 'openssl'",
      '',
      `KID = ${literal(description.kid, 'ruby')}`,
      `LIFETIME_SECONDS = ${description.lifetimeSeconds}`,
      `claims = ${valueLiteral(description.claims, 'ruby')}`,
      '',
      ...KEY_CHECK,
      '',
      'def base64url(data)',
      "  [data].pack('m0').tr('+/', '-_').delete('=')",
      'end',
      '',
      'now = Time.now.to_i',
      "payload = claims.merge('iat' => now, 'exp' => now + LIFETIME_SECONDS)",
      `header = { 'alg' => '${description.alg}', 'typ' => 'JWT', 'kid' => KID }`,
      "input = base64url(JSON.generate(header)) + '.' + base64url(JSON.generate(payload))",
      hs
        ? "signature = OpenSSL::HMAC.digest('SHA256', key, input)"
        : "signature = OpenSSL::PKey.read(key).sign(OpenSSL::Digest.new('SHA256'), input)",
      "puts input + '.' + base64url(signature)",
    )
  },
}
