/** Rox.Chat in Go: prints the provided visitor object. */
import type { FixitJsonValue } from '../../fixit/describe-kit'
import { FAIL, imports, KEY_CHECK, T } from '../../fixit/languages/go'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { valueLiteral } from '../../fixit/literals'
import type { RoxchatFixitDescription } from './description'

/** The fields as a `map[string]string` literal. */
function fieldsMap(fields: Readonly<Record<string, string>>): string {
  const text = valueLiteral(fields as Readonly<Record<string, FixitJsonValue>>, 'go', T)
  return text.replace(/^map\[string\]any\{/, 'map[string]string{')
}

export const go: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: the standard library crypto packages (no library is usual for the Rox.Chat hash).'],

  text: (description, comment) => {
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
