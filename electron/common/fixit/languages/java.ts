/** Java 17, one source file: what every scheme's program shares (the JDK has no JSON writer: this is one). */
import { indentUnit } from '../literals'

export const I = indentUnit('java')

export const KEY_CHECK = [
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
export const JSON_HELPERS = String.raw`
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
