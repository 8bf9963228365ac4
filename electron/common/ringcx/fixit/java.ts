/** RingCX in Java: prints the compact JWT of the signed identity. */
import { I, JSON_HELPERS, KEY_CHECK } from '../../fixit/languages/java'
import { program, type SchemeProgram } from '../../fixit/languages/language'
import { stringLiteral as literal, valueLiteral } from '../../fixit/literals'
import { fileStem } from '../../fixit/program-text'
import { RINGCX_FIXIT_FILE_WORDS, type RingcxFixitDescription } from './description'

const BASE64URL = `${I}static String base64url(byte[] data) {
${I}${I}return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
${I}}`

export const java: SchemeProgram<RingcxFixitDescription> = {
  library: (description) => [
    `Library: the JDK's ${description.alg === 'HS256' ? 'javax.crypto.Mac' : 'java.security.Signature'}, no dependencies (Java 17 or later).`,
    'The usual library is jjwt (io.jsonwebtoken): Jwts.builder().header().keyId(KID).and()',
    '.claims(payload).signWith(key).compact()' +
      (description.alg === 'HS256'
        ? '; but its Keys.hmacShaKeyFor refuses HMAC keys shorter than 256 bits, and a 24-character RingCX secret is 192 bits.'
        : ' with the RSA PrivateKey read as below.'),
  ],

  text: (description, comment) => {
    const hs = description.alg === 'HS256'
    const className = fileStem(RINGCX_FIXIT_FILE_WORDS, 'pascal')
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
}
