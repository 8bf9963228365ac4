/** C# (.NET 6+, top-level statements): what every scheme's program shares. */
export const USINGS = [
  '#nullable enable',
  'using System;',
  'using System.Collections.Generic;',
  'using System.Globalization;',
  'using System.Security.Cryptography;',
  'using System.Text;',
  'using System.Text.Encodings.Web;',
  'using System.Text.Json;',
]

export const KEY_CHECK = [
  'var key = Environment.GetEnvironmentVariable("SIGNING_KEY");',
  'if (string.IsNullOrEmpty(key))',
  '{',
  '    Console.Error.WriteLine("SIGNING_KEY is not set");',
  '    return 1;',
  '}',
]
