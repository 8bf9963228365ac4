/** Go 1.18+, standard library only (`go run main.go`, no module to fetch). */
import type { FixitJsonValue } from '../description'
import { stringLiteral as literal, valueLiteral } from '../literals'
import { program, type LanguageGenerator } from './language'

const T = '\t'

const KEY_CHECK = [
  `${T}key := os.Getenv("SIGNING_KEY")`,
  `${T}if key == "" {`,
  `${T}${T}fail("SIGNING_KEY is not set")`,
  `${T}}`,
]

const FAIL = ['func fail(message string) {', `${T}fmt.Fprintln(os.Stderr, message)`, `${T}os.Exit(1)`, '}']

/** The standard `import ( … )` block, sorted as gofmt sorts it. */
function imports(...packages: readonly string[]): string {
  return ['import (', ...[...new Set(packages)].sort().map((name) => `${T}"${name}"`), ')'].join('\n')
}

/** The fields as a `map[string]string` literal. */
function fieldsMap(fields: Readonly<Record<string, string>>): string {
  const text = valueLiteral(fields as Readonly<Record<string, FixitJsonValue>>, 'go', T)
  return text.replace(/^map\[string\]any\{/, 'map[string]string{')
}

export const go: LanguageGenerator = {
  facts: (description) => {
    const library = description.scheme === 'ringcx'
      ? [
          `Library: the standard library (${description.alg === 'HS256' ? 'crypto/hmac' : 'crypto/rsa'}, encoding/json), so go run needs no module download.`,
          'The usual library is github.com/golang-jwt/jwt/v5: jwt.NewWithClaims(jwt.SigningMethod' + description.alg + ', jwt.MapClaims(payload)),',
          `token.Header["kid"] = kid, then token.SignedString(${description.alg === 'HS256' ? '[]byte(key)' : 'the *rsa.PrivateKey'}) gives the same token.`,
        ]
      : ['Library: the standard library crypto packages (no library is usual for the Rox.Chat hash).']
    return { fileName: 'main.go', run: 'SIGNING_KEY="$(cat signing-key.txt)" go run main.go', library }
  },

  ringcx: (description, comment) => {
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

  roxchat: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const hmacAlgorithm = description.algorithm === 'hmac-sha256'
    const hashPackage = { 'hmac-sha256': 'crypto/sha256', sha256: 'crypto/sha256', sha512: 'crypto/sha512', md5: 'crypto/md5' }[description.algorithm]
    const packages = ['encoding/hex', 'encoding/json', 'fmt', 'os', 'sort', 'strings', hashPackage, ...(hmacAlgorithm ? ['crypto/hmac'] : []), ...(expires ? ['strconv', 'time'] : [])]
    const digest = hmacAlgorithm
      ? [
          `${T}mac := hmac.New(sha256.New, []byte(key))`,
          `${T}mac.Write([]byte(message.String()))`,
          `${T}hash := hex.EncodeToString(mac.Sum(nil))`,
        ]
      : [
          `${T}sum := ${{ sha256: 'sha256.Sum256', sha512: 'sha512.Sum512', md5: 'md5.Sum' }[description.algorithm]}([]byte(message.String() + key))`,
          `${T}hash := hex.EncodeToString(sum[:])`,
        ]
    return program(
      comment,
      'package main',
      '',
      imports(...packages),
      '',
      expires && `const lifetimeSeconds = ${description.lifetimeSeconds}`,
      expires && '',
      'func visitorFields() map[string]string {',
      `${T}return ${fieldsMap(description.fields)}`,
      '}',
      '',
      'func main() {',
      ...KEY_CHECK,
      `${T}fields := visitorFields()`,
      expires && `${T}expires := time.Now().Unix() + lifetimeSeconds`,
      `${T}// The values in the byte order of the names (Go compares strings byte by byte: UTF-8 order)${expires ? ', then expires.' : '.'}`,
      `${T}names := make([]string, 0, len(fields))`,
      `${T}for name := range fields {`,
      `${T}${T}names = append(names, name)`,
      `${T}}`,
      `${T}sort.Strings(names)`,
      `${T}var message strings.Builder`,
      `${T}for _, name := range names {`,
      `${T}${T}message.WriteString(fields[name])`,
      `${T}}`,
      expires && `${T}message.WriteString(strconv.FormatInt(expires, 10))`,
      ...digest,
      `${T}// encoding/json escapes <, > and & (and U+2028, U+2029): the output is safe inside <script>.`,
      `${T}out, err := json.Marshal(map[string]any{"fields": fields, ${expires ? '"expires": expires, ' : ''}"hash": hash})`,
      `${T}if err != nil {`,
      `${T}${T}fail(err.Error())`,
      `${T}}`,
      `${T}fmt.Println(string(out))`,
      '}',
      '',
      ...FAIL,
    )
  },
}
