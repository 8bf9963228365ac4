/** RingCX in Go: prints the compact JWT of the signed identity. */
import { FAIL, imports, KEY_CHECK, T } from '../../fixit/languages/go'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import type { RingcxFixitDescription } from './description'

export const go: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    `Library: the standard library (${description.alg === 'HS256' ? 'crypto/hmac' : 'crypto/rsa'}, encoding/json), so go run needs no module download.`,
    'The usual library is github.com/golang-jwt/jwt/v5: jwt.NewWithClaims(jwt.SigningMethod' + description.alg + ', jwt.MapClaims(payload)),',
    `token.Header["kid"] = kid, then token.SignedString(${description.alg === 'HS256' ? '[]byte(key)' : 'the *rsa.PrivateKey'}) gives the same token.`,
  ],

  text: (description, comment) => {
    const hs = description.alg === 'HS256'
    const packages = hs
      ? ['bytes', 'crypto/hmac', 'crypto/sha256', 'encoding/base64', 'encoding/json', 'fmt', 'os', 'time']
      : ['bytes', 'crypto', 'crypto/rand', 'crypto/rsa', 'crypto/sha256', 'crypto/x509', 'encoding/base64', 'encoding/json', 'encoding/pem', 'fmt', 'os', 'time']
    const sign = hs
      ? [
          `${T}mac := hmac.New(sha256.New, []byte(key))`,
          `${T}mac.Write([]byte(input))`,
          `${T}signature := mac.Sum(nil)`,
        ]
      : [
          `${T}block, _ := pem.Decode([]byte(key))`,
          `${T}if block == nil {`,
          `${T}${T}fail("SIGNING_KEY is not a PEM private key")`,
          `${T}}`,
          `${T}privateKey := parseRSAPrivateKey(block.Bytes)`,
          `${T}digest := sha256.Sum256([]byte(input))`,
          `${T}signature, err := rsa.SignPKCS1v15(rand.Reader, privateKey, crypto.SHA256, digest[:])`,
          `${T}if err != nil {`,
          `${T}${T}fail(err.Error())`,
          `${T}}`,
        ]
    const rsaParser = hs
      ? []
      : [
          '',
          '// parseRSAPrivateKey reads PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY").',
          'func parseRSAPrivateKey(der []byte) *rsa.PrivateKey {',
          `${T}if key, err := x509.ParsePKCS8PrivateKey(der); err == nil {`,
          `${T}${T}if rsaKey, ok := key.(*rsa.PrivateKey); ok {`,
          `${T}${T}${T}return rsaKey`,
          `${T}${T}}`,
          `${T}${T}fail("SIGNING_KEY is not an RSA private key")`,
          `${T}}`,
          `${T}key, err := x509.ParsePKCS1PrivateKey(der)`,
          `${T}if err != nil {`,
          `${T}${T}fail("SIGNING_KEY is not a PEM RSA private key: " + err.Error())`,
          `${T}}`,
          `${T}return key`,
          '}',
        ]
    return program(
      comment,
      'package main',
      '',
      imports(...packages),
      '',
      `const kid = ${literal(description.kid, 'go')}`,
      `const lifetimeSeconds = ${description.lifetimeSeconds}`,
      '',
      'func claims() map[string]any {',
      `${T}return ${valueLiteral(description.claims, 'go', T)}`,
      '}',
      '',
      'func main() {',
      ...KEY_CHECK,
      `${T}now := time.Now().Unix()`,
      `${T}payload := claims()`,
      `${T}payload["iat"] = now`,
      `${T}payload["exp"] = now + lifetimeSeconds`,
      `${T}header := map[string]any{"alg": "${description.alg}", "typ": "JWT", "kid": kid}`,
      `${T}input := base64url(encode(header)) + "." + base64url(encode(payload))`,
      ...sign,
      `${T}fmt.Println(input + "." + base64url(signature))`,
      '}',
      '',
      '// encode writes value as JSON (encoding/json writes map keys in sorted order).',
      'func encode(value any) []byte {',
      `${T}var out bytes.Buffer`,
      `${T}encoder := json.NewEncoder(&out)`,
      `${T}encoder.SetEscapeHTML(false)`,
      `${T}if err := encoder.Encode(value); err != nil {`,
      `${T}${T}fail(err.Error())`,
      `${T}}`,
      `${T}return bytes.TrimRight(out.Bytes(), "\\n")`,
      '}',
      '',
      'func base64url(data []byte) string {',
      `${T}return base64.RawURLEncoding.EncodeToString(data)`,
      '}',
      ...rsaParser,
      '',
      ...FAIL,
    )
  },
}
