/** RingCX in C#: prints the compact JWT of the signed identity. */
import { KEY_CHECK, USINGS } from '../../fixit/languages/csharp'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import type { RingcxFixitDescription } from './description'

export const csharp: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    `Library: .NET's own System.Security.Cryptography (${description.alg === 'HS256' ? 'HMACSHA256' : 'RSA'}) and System.Text.Json, no NuGet package (.NET 6 or later).`,
    'The usual library is System.IdentityModel.Tokens.Jwt / Microsoft.IdentityModel.JsonWebTokens (NuGet).',
  ],

  text: (description, comment) => {
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
}
