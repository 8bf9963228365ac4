/** Rox.Chat in C#: prints the provided visitor object. */
import type { FixitJsonValue } from '../../fixit/describe-kit'
import { KEY_CHECK, USINGS } from '../../fixit/languages/csharp'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { valueLiteral } from '../../fixit/literals'
import type { RoxchatFixitDescription } from './description'

function fieldsDictionary(fields: Readonly<Record<string, string>>): string {
  const text = valueLiteral(fields as Readonly<Record<string, FixitJsonValue>>, 'csharp')
  return text.replace(/^new Dictionary<string, object\?>/, 'new Dictionary<string, string>')
}

export const csharp: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: .NET\'s own System.Security.Cryptography (no library is usual for the Rox.Chat hash); .NET 6 or later.'],

  text: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const digest = description.algorithm === 'hmac-sha256'
      ? 'HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message.ToString()))'
      : `${{ sha256: 'SHA256', sha512: 'SHA512', md5: 'MD5' }[description.algorithm]}.HashData(Encoding.UTF8.GetBytes(message.ToString() + key))`
    return program(
      comment,
      ...USINGS,
      '',
      expires && `const long LifetimeSeconds = ${description.lifetimeSeconds};`,
      `var fields = ${fieldsDictionary(description.fields)};`,
      '',
      ...KEY_CHECK,
      '',
      expires && 'var expires = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + LifetimeSeconds;',
      `// The values in the UTF-8 byte order of the names (string.CompareOrdinal would use UTF-16 order)${expires ? ', then expires.' : '.'}`,
      'var names = new List<string>(fields.Keys);',
      'names.Sort((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));',
      'var message = new StringBuilder();',
      'foreach (var name in names) message.Append(fields[name]);',
      expires && 'message.Append(expires.ToString(CultureInfo.InvariantCulture));',
      `var hash = Convert.ToHexString(${digest}).ToLowerInvariant();`,
      '// The default encoder writes ASCII with <, > and & escaped: the output is safe inside <script>.',
      `var visitor = new Dictionary<string, object?> { ["fields"] = fields, ${expires ? '["expires"] = expires, ' : ''}["hash"] = hash };`,
      'Console.WriteLine(JsonSerializer.Serialize(visitor));',
      'return 0;',
    )
  },
}
