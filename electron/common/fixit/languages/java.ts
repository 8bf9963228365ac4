/** Java 17, one source file (`java SignIdentity.java`): the JDK's Mac, Signature and MessageDigest. */
import { indentUnit, stringLiteral as literal, valueLiteral } from '../literals'
import { fileStem } from '../program-text'
import { program, type LanguageGenerator } from './language'

const I = indentUnit('java')

const KEY_CHECK = [
  `${I}${I}String key = System.getenv("SIGNING_KEY");`,
  `${I}${I}if (key == null || key.isEmpty()) {`,
  `${I}${I}${I}System.err.println("SIGNING_KEY is not set");`,
  `${I}${I}${I}System.exit(1);`,
  `${I}${I}}`,
]

/**
 * The program's own JSON writer (the JDK has none): maps, lists, text, whole numbers, doubles,
 * booleans and null. It writes ASCII only, with <, > and & escaped, so the output is safe in a page.
 */
const JSON_HELPERS = String.raw`
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    static String json(Object value) {
        if (value == null) return "null";
        if (value instanceof String text) return quote(text);
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof Double) return value.toString();
        if (value instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(",", "{", "}");
            for (Map.Entry<?, ?> entry : map.entrySet()) out.add(quote((String) entry.getKey()) + ":" + json(entry.getValue()));
            return out.toString();
        }
        if (value instanceof List<?> items) {
            StringJoiner out = new StringJoiner(",", "[", "]");
            for (Object item : items) out.add(json(item));
            return out.toString();
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&') out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }`

const BASE64URL = `${I}static String base64url(byte[] data) {
${I}${I}return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
${I}}`

export const java: LanguageGenerator = {
  facts: (description) => {
    const fileName = `${fileStem(description, 'pascal')}.java`
    const library = description.scheme === 'ringcx'
      ? [
          `Library: the JDK's ${description.alg === 'HS256' ? 'javax.crypto.Mac' : 'java.security.Signature'}, no dependencies (Java 17 or later).`,
          'The usual library is jjwt (io.jsonwebtoken): Jwts.builder().header().keyId(KID).and()',
          '.claims(payload).signWith(key).compact()' +
            (description.alg === 'HS256'
              ? '; but its Keys.hmacShaKeyFor refuses HMAC keys shorter than 256 bits, and a 24-character RingCX secret is 192 bits.'
              : ' with the RSA PrivateKey read as below.'),
        ]
      : ['Library: the JDK\'s javax.crypto.Mac / java.security.MessageDigest (no library is usual for the', 'Rox.Chat hash); Java 17 or later.']
    return { fileName, run: `SIGNING_KEY="$(cat signing-key.txt)" java ${fileName}`, library }
  },

  ringcx: (description, comment) => {
    const hs = description.alg === 'HS256'
    const className = fileStem(description, 'pascal')
    const sign = hs
      ? [
          `${I}${I}Mac mac = Mac.getInstance("HmacSHA256");`,
          `${I}${I}mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));`,
          `${I}${I}byte[] signature = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));`,
        ]
      : [
          `${I}${I}if (!key.contains("-----BEGIN PRIVATE KEY-----")) {`,
          `${I}${I}${I}System.err.println("SIGNING_KEY must be a PKCS#8 PEM private key (BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");`,
          `${I}${I}${I}System.exit(1);`,
          `${I}${I}}`,
          `${I}${I}String base64 = key.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\\\s", "");`,
          `${I}${I}PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));`,
          `${I}${I}Signature signer = Signature.getInstance("SHA256withRSA");`,
          `${I}${I}signer.initSign(privateKey);`,
          `${I}${I}signer.update(input.getBytes(StandardCharsets.US_ASCII));`,
          `${I}${I}byte[] signature = signer.sign();`,
        ]
    return program(
      comment,
      'import java.nio.charset.StandardCharsets;',
      ...(hs ? [] : ['import java.security.KeyFactory;', 'import java.security.PrivateKey;', 'import java.security.Signature;', 'import java.security.spec.PKCS8EncodedKeySpec;']),
      'import java.util.ArrayList;',
      'import java.util.Arrays;',
      'import java.util.Base64;',
      'import java.util.LinkedHashMap;',
      'import java.util.List;',
      'import java.util.Map;',
      'import java.util.StringJoiner;',
      ...(hs ? ['import javax.crypto.Mac;', 'import javax.crypto.spec.SecretKeySpec;'] : []),
      '',
      `public class ${className} {`,
      `${I}static final String KID = ${literal(description.kid, 'java')};`,
      `${I}static final long LIFETIME_SECONDS = ${description.lifetimeSeconds};`,
      '',
      `${I}static Map<String, Object> claims() {`,
      `${I}${I}return ${valueLiteral(description.claims, 'java', I + I)};`,
      `${I}}`,
      '',
      `${I}public static void main(String[] args) throws Exception {`,
      ...KEY_CHECK,
      `${I}${I}long now = System.currentTimeMillis() / 1000;`,
      `${I}${I}Map<String, Object> payload = claims();`,
      `${I}${I}payload.put("iat", now);`,
      `${I}${I}payload.put("exp", now + LIFETIME_SECONDS);`,
      `${I}${I}Map<String, Object> header = obj("alg", "${description.alg}", "typ", "JWT", "kid", KID);`,
      `${I}${I}String input = base64url(json(header).getBytes(StandardCharsets.UTF_8)) + "." + base64url(json(payload).getBytes(StandardCharsets.UTF_8));`,
      ...sign,
      `${I}${I}System.out.println(input + "." + base64url(signature));`,
      `${I}}`,
      '',
      BASE64URL,
      JSON_HELPERS,
      '}',
    )
  },

  roxchat: (description, comment) => {
    const expires = description.lifetimeSeconds !== null
    const hmac = description.algorithm === 'hmac-sha256'
    const digestName = { 'hmac-sha256': '', sha256: 'SHA-256', sha512: 'SHA-512', md5: 'MD5' }[description.algorithm]
    const className = fileStem(description, 'pascal')
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
