/** Ruby 2.7+: the standard openssl and json libraries (the jwt gem is the usual RingCX library). */
import { stringLiteral as literal, valueLiteral } from '../literals'
import { fileStem } from '../program-text'
import { program, type LanguageGenerator } from './language'

const KEY_CHECK = [
  "key = ENV['SIGNING_KEY']",
  'if key.nil? || key.empty?',
  "  warn 'SIGNING_KEY is not set'",
  '  exit 1',
  'end',
]

export const ruby: LanguageGenerator = {
  facts: (description) => {
    const fileName = `${fileStem(description, 'snake')}.rb`
    const library = description.scheme === 'ringcx'
      ? [
          `Library: Ruby's standard openssl (${description.alg === 'HS256' ? 'OpenSSL::HMAC' : 'OpenSSL::PKey'}) and json, no gem.`,
          `The usual library is the jwt gem (gem install jwt): JWT.encode(payload, ${description.alg === 'HS256' ? 'key' : 'OpenSSL::PKey.read(key)'}, '${description.alg}', { kid: KID })`,
          'gives the same token.',
        ]
      : ['Library: Ruby\'s standard openssl (no library is usual for the Rox.Chat hash).']
    return { fileName, run: `SIGNING_KEY="$(cat signing-key.txt)" ruby ${fileName}`, library }
  },

  ringcx: (description, comment) => {
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

  roxchat: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const digest = description.algorithm === 'hmac-sha256'
      ? "OpenSSL::HMAC.hexdigest('SHA256', key.b, message.b)"
      : `OpenSSL::Digest.hexdigest('${{ sha256: 'SHA256', sha512: 'SHA512', md5: 'MD5' }[description.algorithm]}', message.b + key.b)`
    return program(
      comment,
      "require 'json'",
      "require 'openssl'",
      '',
      expires && `LIFETIME_SECONDS = ${description.lifetimeSeconds}`,
      `fields = ${valueLiteral(description.fields, 'ruby')}`,
      '',
      ...KEY_CHECK,
      '',
      expires && 'expires = Time.now.to_i + LIFETIME_SECONDS',
      `# The values in the byte order of the names (Ruby compares strings byte by byte)${expires ? ', then expires.' : '.'}`,
      `message = fields.keys.sort.map { |name| fields[name] }.join${expires ? ' + expires.to_s' : ''}`,
      `digest = ${digest}`,
      '# ASCII JSON that is safe inside <script>: <, > and & escaped.',
      `json = JSON.generate({ 'fields' => fields, ${expires ? "'expires' => expires, " : ''}'hash' => digest }, ascii_only: true)`,
      "puts json.gsub(/[<>&]/) { |c| format('\\u%04x', c.ord) }",
    )
  },
}
