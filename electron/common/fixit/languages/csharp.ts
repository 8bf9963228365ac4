/** C# (.NET 6+, top-level statements): System.Security.Cryptography and System.Text.Json. */
import type { FixitJsonValue } from '../description'
import { stringLiteral as literal, valueLiteral } from '../literals'
import { program, type LanguageGenerator } from './language'

const USINGS = [
  '#nullable enable',
  'using System;',
  'using System.Collections.Generic;',
  'using System.Globalization;',
  'using System.Security.Cryptography;',
  'using System.Text;',
  'using System.Text.Encodings.Web;',
  'using System.Text.Json;',
]

const KEY_CHECK = [
  'var key = Environment.GetEnvironmentVariable("SIGNING_KEY");',
  'if (string.IsNullOrEmpty(key))',
  '{',
  '    Console.Error.WriteLine("SIGNING_KEY is not set");',
  '    return 1;',
  '}',
]

function fieldsDictionary(fields: Readonly<Record<string, string>>): string {
  const text = valueLiteral(fields as Readonly<Record<string, FixitJsonValue>>, 'csharp')
  return text.replace(/^new Dictionary<string, object\?>/, 'new Dictionary<string, string>')
}

export const csharp: LanguageGenerator = {
  facts: (description) => {
    const library = description.scheme === 'ringcx'
      ? [
          `Library: .NET's own System.Security.Cryptography (${description.alg === 'HS256' ? 'HMACSHA256' : 'RSA'}) and System.Text.Json, no NuGet package (.NET 6 or later).`,
          'The usual library is System.IdentityModel.Tokens.Jwt / Microsoft.IdentityModel.JsonWebTokens (NuGet).',
        ]
      : ['Library: .NET\'s own System.Security.Cryptography (no library is usual for the Rox.Chat hash); .NET 6 or later.']
    return {
      fileName: 'Program.cs',
      run: 'dotnet new console -o signer && cp Program.cs signer/ && SIGNING_KEY="$(cat signing-key.txt)" dotnet run --project signer',
      library,
    }
  },

  ringcx: (description, comment) => {
    const hs = description.alg === 'HS256'
    return program(
      comment,
      ...USINGS,
      '',
      `const string Kid = ${literal(description.kid, 'csharp')};`,
      `const long LifetimeSeconds = ${description.lifetimeSeconds};`,
      `var claims = ${valueLiteral(description.claims, 'csharp')};`,
      '',
      ...KEY_CHECK,
      '',
      'var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();',
      'claims["iat"] = now;',
      'claims["exp"] = now + LifetimeSeconds;',
      `var header = new Dictionary<string, object?> { ["alg"] = "${description.alg}", ["typ"] = "JWT", ["kid"] = Kid };`,
      'var input = Base64Url(Json(header)) + "." + Base64Url(Json(claims));',
      ...(hs
        ? ['var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(input));']
        : [
            'using var rsa = RSA.Create();',
            'rsa.ImportFromPem(key);',
            'var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);',
          ]),
      'Console.WriteLine(input + "." + Base64Url(signature));',
      'return 0;',
      '',
      'static byte[] Json(object value) =>',
      '    JsonSerializer.SerializeToUtf8Bytes(value, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });',
      '',
      'static string Base64Url(byte[] data) =>',
      "    Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');",
    )
  },

  roxchat: (description, comment) => {
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
