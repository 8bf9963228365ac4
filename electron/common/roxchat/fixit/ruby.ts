/** Rox.Chat in Ruby: prints the provided visitor object. */
import { KEY_CHECK } from '../../fixit/languages/ruby'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { valueLiteral } from '../../fixit/literals'
import type { RoxchatFixitDescription } from './description'

export const ruby: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: Ruby\'s standard openssl (no library is usual for the Rox.Chat hash).'],

  text: (description, comment) => {
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
