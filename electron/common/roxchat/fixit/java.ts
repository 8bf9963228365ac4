/** Rox.Chat in Java: prints the provided visitor object. */
import { I, JSON_HELPERS, KEY_CHECK } from '../../fixit/languages/java'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal } from '../../fixit/literals'
import { fileStem } from '../../fixit/program-text'
import { ROXCHAT_FIXIT_FILE_WORDS, type RoxchatFixitDescription } from './description'

export const java: SchemeProgram<RoxchatFixitDescription> = {
  library: () => ['Library: the JDK\'s javax.crypto.Mac / java.security.MessageDigest (no library is usual for the', 'Rox.Chat hash); Java 17 or later.'],

  text: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const hmac = description.algorithm === 'hmac-sha256'
    const digestName = { 'hmac-sha256': '', sha256: 'SHA-256', sha512: 'SHA-512', md5: 'MD5' }[description.algorithm]
    const className = fileStem(ROXCHAT_FIXIT_FILE_WORDS, 'pascal')
    const puts = Object.keys(description.fields).map(
      (name) => `${I}${I}fields.put(${literal(name, 'java')}, ${literal(description.fields[name] ?? '', 'java')});`,
    )
    return program(
      comment,
      'import java.nio.charset.StandardCharsets;',
      ...(hmac ? [] : ['import java.security.MessageDigest;']),
      'import java.util.ArrayList;',
      'import java.util.Arrays;',
      'import java.util.HexFormat;',
      'import java.util.LinkedHashMap;',
      'import java.util.List;',
      'import java.util.Map;',
      'import java.util.StringJoiner;',
      ...(hmac ? ['import javax.crypto.Mac;', 'import javax.crypto.spec.SecretKeySpec;'] : []),
      '',
      `public class ${className} {`,
      expires && `${I}static final long LIFETIME_SECONDS = ${description.lifetimeSeconds};`,
      expires && '',
      `${I}static Map<String, String> fields() {`,
      `${I}${I}Map<String, String> fields = new LinkedHashMap<>();`,
      ...puts,
      `${I}${I}return fields;`,
      `${I}}`,
      '',
      `${I}public static void main(String[] args) throws Exception {`,
      ...KEY_CHECK,
      `${I}${I}Map<String, String> fields = fields();`,
      expires && `${I}${I}long expires = System.currentTimeMillis() / 1000 + LIFETIME_SECONDS;`,
      `${I}${I}// The values in the UTF-8 byte order of the names (String.compareTo would use UTF-16 order)${expires ? ', then expires.' : '.'}`,
      `${I}${I}List<String> names = new ArrayList<>(fields.keySet());`,
      `${I}${I}names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));`,
      `${I}${I}StringBuilder message = new StringBuilder();`,
      `${I}${I}for (String name : names) message.append(fields.get(name));`,
      expires && `${I}${I}message.append(expires);`,
      ...(hmac
        ? [
            `${I}${I}Mac mac = Mac.getInstance("HmacSHA256");`,
            `${I}${I}mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));`,
            `${I}${I}String hash = HexFormat.of().formatHex(mac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8)));`,
          ]
        : [
            `${I}${I}MessageDigest digest = MessageDigest.getInstance("${digestName}");`,
            `${I}${I}String hash = HexFormat.of().formatHex(digest.digest((message + key).getBytes(StandardCharsets.UTF_8)));`,
          ]),
      `${I}${I}System.out.println(json(obj("fields", fields, ${expires ? '"expires", expires, ' : ''}"hash", hash)));`,
      `${I}}`,
      JSON_HELPERS,
      '}',
    )
  },
}
