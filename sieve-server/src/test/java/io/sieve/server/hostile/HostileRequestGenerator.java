package io.sieve.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Makes hostile HTTP requests from a seed: each starts as a valid request for one of Sieve's routes
 * and gets one to three mutations, chosen from what fuzzers and attackers send — broken escapes and
 * UTF-8 in paths and queries, huge or malformed headers, wrong methods and content types, bad HTTP
 * versions, broken framing, and malformed, deep, huge or mis-encoded JSON. The same seed gives the
 * same requests.
 */
public final class HostileRequestGenerator {
    /** A generated request: its bytes, its method (a HEAD answer has no body) and what was done to it, for reports. */
    public record HostileRequest(String description, String method, byte[] bytes) {
    }

    private record Template(String method, String path, String query, String body) {
    }

    private record Mutation(String name, BiConsumer<RequestDraft, SplittableRandom> apply) {
    }

    private static final String ID = "{id}";

    private static final List<Template> TEMPLATES = List.of(
            new Template("GET", "/v1/recommendations/{id}", "n=10", null),
            new Template("GET", "/v1/recommendations/{id}", "n=5&category=action&exclude=a1,a2&debug=true&filter=price:lte:20", null),
            new Template("GET", "/v1/items/{id}/similar", "n=5", null),
            new Template("GET", "/v1/search", "q=film&n=5&user=u1", null),
            new Template("GET", "/v1/items/{id}", null, null),
            new Template("PUT", "/v1/items/{id}", null, "{\"title\":\"Film\",\"description\":\"A film\",\"categories\":[\"action\"],\"tags\":[\"t\"],\"attributes\":{\"price\":9.5}}"),
            new Template("DELETE", "/v1/items/{id}", null, null),
            new Template("POST", "/v1/items", null, "[{\"id\":\"h1\",\"title\":\"Hostile\"},{\"id\":\"h2\"}]"),
            new Template("GET", "/v1/users/{id}", null, null),
            new Template("PUT", "/v1/users/{id}", null, "{\"attributes\":{\"age\":30,\"country\":\"DE\"}}"),
            new Template("DELETE", "/v1/users/{id}", null, null),
            new Template("POST", "/v1/users", null, "{\"users\":[{\"id\":\"hu1\",\"attributes\":{}}]}"),
            new Template("GET", "/v1/users/{id}/events", "limit=10", null),
            new Template("POST", "/v1/users/{id}/onboarding", null, "{\"categories\":[\"action\"],\"items\":[\"a1\"]}"),
            new Template("POST", "/v1/events", null, "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\"}"),
            new Template("POST", "/v1/events/batch", null, "[{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"click\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]"),
            new Template("POST", "/v1/admin/reload", null, null),
            new Template("GET", "/healthz", null, null),
            new Template("GET", "/readyz", null, null),
            new Template("GET", "/metrics", null, null),
            new Template("GET", "/openapi.json", null, null),
            new Template("GET", "/", null, null));

    private static final List<String> IDS = List.of("a0", "a1", "u1", "1", "x");
    private static final List<String> BAD_ESCAPES = List.of("%u002e", "%", "%zz", "%G0", "abc%", "%%41", "%u", "%e2%82",
            "%FF%FE", "%C0%AE", "%ED%A0%80", "%F8%88%80%80%80", "%00", "%0A", "%0D%0A", "%7F", "%1B", "..", "%2e%2e",
            "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "%2F", "%20", "+", "%E2%80%AE", "%EF%BF%BF", "%C3%A9t%C3%A9");
    private static final List<String> ODD_PATHS = List.of("*", "http://evil.example/v1/items/a1", "v1/items/a1", "/v1",
            "/v1/", "//", "/v1/items/", "/V1/ITEMS/a1", "/v1/items/a1/", "/.env", "/v1/items/a1/similar/x",
            "/v1/../v1/items/a1", "/v1/./items/a1", "/%2e%2e/%2e%2e/", "/v2/nothing", "/v1/items//similar", "/;x=1",
            "/v1/items/a1;jsessionid=1", "/v1/items/a1%00.json", "/\\..\\..\\", "/v1/events/batch/extra");
    private static final List<String> BAD_NUMBERS = List.of("0", "-1", "1e9", "99999999999999999999", "NaN", "", "%20",
            "0x10", "%D9%A1%D9%A0", "1.5", "2147483648", "+5", "5%00");
    private static final List<String> METHODS = List.of("PATCH", "OPTIONS", "TRACE", "HEAD", "CONNECT", "FOO", "get",
            "PROPFIND", "M-SEARCH", "GET\u0000", "", "G E T", "POST\t");
    private static final List<String> VERSIONS = List.of("HTTP/1.0", "HTTP/2.0", "HTTP/3.0", "", "HTTP/1.x", "HTTP/1.1 extra",
            "HTTPS/1.1", "http/1.1", "HTTP/11", "HTTP/1.10", "HTTP/0.9", "HTTP/9.9", "HTTP/", "JUNK");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/json-patch+json",
            "APPLICATION/JSON", ";;;", "application/json; charset=utf-8", "application/xml", "*/*", "application/",
            "text/json", "application/json, text/plain", "application/json; charset=\"");
    private static final List<String> BAD_JSON = List.of("{", "[", "nul", "{\"a\":}", "{\"title\":\"x\",}", "{'title':'x'}",
            "{/*c*/}", "{title:1}", "[1,2", "\"unterminated", "{\"title\":\"x\"}{\"title\":\"y\"}", "{\"a\":NaN}",
            "{\"value\":Infinity}", "{\"value\":1e999999}", "{\"value\":-}", "{\"id\":\"\\ud800\"}", "{\"id\":\"\\u0000\"}",
            "{\"id\":\"a\",\"id\":\"b\"}", "[]", "1", "\"x\"", "true", "null", "{}", "{\"events\":{}}", "{\"users\":[]}",
            "{\"items\":[null]}", "{\"categories\":null}", "{\"value\":99999999999999999999999999999}", "\u0000",
            "{\"attributes\":{\"a\":{\"b\":{\"c\":1}}}}", "{\"timestamp\":\"+999999999-12-31T23:59:59Z\"}",
            "{\"timestamp\":-99999999999999}", "{\"createdAt\":1e300}", "{\"type\":\"view\",\"user\":\"\",\"item\":\" \"}");

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("bad path escape", (d, r) -> d.path = d.path.replace(ID, pick(r, BAD_ESCAPES))),
            new Mutation("raw bytes in path", (d, r) -> d.rawPath = rawPath(d.path, r)),
            new Mutation("long id", (d, r) -> d.path = d.path.replace(ID, "i".repeat(pick(r, List.of(257, 5_000, 60_000, 300_000))))),
            new Mutation("odd target", (d, r) -> d.path = pick(r, ODD_PATHS)),
            new Mutation("bad query escape", (d, r) -> d.query = pick(r, List.of("n=%", "n=%zz", "%=1", "q=%u0041", "q=%FF%FE",
                    "n=1&n=2", "&&&==", "q", "=", "n=%00", "filter=%ZZ", "q=%C0%80"))),
            new Mutation("bad number", (d, r) -> d.query = pick(r, List.of("n=", "limit=", "before=")) + pick(r, BAD_NUMBERS)),
            new Mutation("giant query value", (d, r) -> d.query = pick(r, List.of("q", "exclude", "filter", "category", "user", "before"))
                    + "=" + "x,".repeat(pick(r, List.of(5_000, 50_000, 150_000)))),
            new Mutation("many parameters", (d, r) -> d.query = "n=1" + "&a=1".repeat(pick(r, List.of(1_000, 20_000)))),
            new Mutation("odd filter", (d, r) -> d.query = "filter=" + pick(r, List.of(":::", "a:b", "price:lte:abc",
                    "price:between:1", "%3A%3A", "a:in:" + "x|".repeat(10_000), "debug=maybe", "a:regex:(a+)+$"))),
            new Mutation("huge header", (d, r) -> d.header("X-Huge", "h".repeat(pick(r, List.of(4_000, 9_000, 70_000, 600_000))))),
            new Mutation("many headers", (d, r) -> {
                int n = pick(r, List.of(100, 1_000, 5_000));
                for (int i = 0; i < n; i++) {
                    d.header("X-H" + i, "v");
                }
            }),
            new Mutation("malformed header", (d, r) -> d.rawHeader(pick(r, List.of("NoColon", "Name : v", ": empty",
                    "X-Fold: a\r\n folded", "X(y): z", "X-Nul: a\u0000b", "X-Cr: a\rb", "X-Latin: \u00ff\u00fe", "\u0000: x",
                    "X-Tab:\tv\t", " Leading: space")).getBytes(StandardCharsets.UTF_8))),
            new Mutation("invalid UTF-8 header", (d, r) -> d.rawHeader(new byte[] {'X', '-', 'B', ':', ' ', (byte) 0xC0, (byte) 0xFF, (byte) 0x80})),
            new Mutation("host header", (d, r) -> {
                d.removeHeader("Host");
                pick(r, List.<Runnable>of(() -> { }, () -> { d.header("Host", "a"); d.header("Host", "b"); },
                        () -> d.header("Host", "[::1"), () -> d.header("Host", "a b"), () -> d.header("Host", "x:99999"))).run();
            }),
            new Mutation("content length", (d, r) -> {
                if (d.body == null) {
                    d.body = "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8);
                }
                int length = d.body.length;
                d.contentLength = pick(r, List.of("", "-1", "abc", "1e3", "999999999999", "99999999999999999999",
                        String.valueOf(length + 10), String.valueOf(Math.max(0, length - 3)), length + ", " + (length + 1), " " + length));
            }),
            new Mutation("transfer encoding", (d, r) -> {
                if (d.body == null) {
                    d.body = "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8);
                }
                pick(r, List.<Runnable>of(() -> d.chunked = true,
                        () -> { d.contentLength = ""; d.header("Transfer-Encoding", "chunked"); d.body = "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8); },
                        () -> { d.contentLength = ""; d.header("Transfer-Encoding", "chunked"); d.body = "5\r\nab".getBytes(StandardCharsets.UTF_8); },
                        () -> d.header("Transfer-Encoding", "gzip, chunked"),
                        () -> d.header("Transfer-Encoding", "chunked, gzip"),
                        () -> d.header("Transfer-Encoding", "identity"),
                        () -> d.header("Transfer-Encoding", "chunked"))).run();
            }),
            new Mutation("expect", (d, r) -> d.header("Expect", pick(r, List.of("100-continue", "something", "")))),
            new Mutation("content type", (d, r) -> {
                if (r.nextInt(4) == 0) {
                    d.removeHeader("Content-Type");
                } else {
                    d.replaceHeader("Content-Type", pick(r, CONTENT_TYPES));
                }
            }),
            new Mutation("content encoding", (d, r) -> d.header("Content-Encoding", pick(r, List.of("gzip", "br", "deflate", "x")))),
            new Mutation("accept", (d, r) -> d.header("Accept", pick(r, List.of("text/html", "application/xml", "*/*",
                    "text/html;q=0.9, */*;q=0.1", "garbage;;", "application/json;q=0")))),
            new Mutation("authorization", (d, r) -> d.header("Authorization", pick(r, List.of("Bearer ", "Bearer " + "k".repeat(5_000),
                    "Basic eDp5", "Bearer a b c", "bearer x", "Bearer \u00e9", "Digest x", "")))),
            new Mutation("upgrade", (d, r) -> {
                d.replaceHeader("Connection", "Upgrade, HTTP2-Settings");
                d.header("Upgrade", pick(r, List.of("h2c", "websocket", "TLS/1.0", "x")));
                d.header("HTTP2-Settings", "AAMAAABkAAQAAP__");
            }),
            new Mutation("wrong method", (d, r) -> d.method = pick(r, METHODS)),
            new Mutation("bad version", (d, r) -> d.version = pick(r, VERSIONS)),
            new Mutation("line ends", (d, r) -> d.lineEnd = pick(r, List.of("\n", "\r", "\n\r", "\r\r\n"))),
            new Mutation("truncated head", (d, r) -> d.endOfHead = false),
            new Mutation("garbage", (d, r) -> d.wholeRequest = garbage(r)),
            new Mutation("bad JSON", (d, r) -> d.body = pick(r, BAD_JSON).getBytes(StandardCharsets.UTF_8)),
            new Mutation("truncated JSON", (d, r) -> {
                if (d.body != null && d.body.length > 1) {
                    d.body = java.util.Arrays.copyOf(d.body, 1 + r.nextInt(d.body.length - 1));
                }
            }),
            new Mutation("deep JSON", (d, r) -> d.body = (r.nextBoolean() ? "[".repeat(100_000) : "{\"a\":".repeat(5_000))
                    .getBytes(StandardCharsets.UTF_8)),
            new Mutation("huge JSON", (d, r) -> d.body = pick(r, List.of(
                    "{\"title\":\"" + "t".repeat(1_000_000) + "\"}",
                    "{\"description\":\"" + "d".repeat(300_000) + "\"}",
                    "{\"categories\":[" + "\"c\",".repeat(50_000) + "\"c\"]}",
                    "{\"tags\":[" + "\"t\",".repeat(50_000) + "\"t\"]}",
                    "{\"categories\":[" + "\"c\",".repeat(100_000) + "\"c\"],\"items\":[]}",
                    "[" + "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\"},".repeat(20_000) + "{}]",
                    "{\"attributes\":{" + "\"k\":1,".repeat(50_000) + "\"z\":1}}",
                    "{\"id\":\"" + "i".repeat(100_000) + "\"}")).getBytes(StandardCharsets.UTF_8)),
            new Mutation("invalid UTF-8 body", (d, r) -> d.body = invalidUtf8(d.body, r)),
            new Mutation("byte order mark", (d, r) -> d.body = withBom(d.body)),
            new Mutation("UTF-16 body", (d, r) -> d.body = d.body == null ? null
                    : new String(d.body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16)),
            new Mutation("empty body", (d, r) -> d.body = new byte[0]),
            new Mutation("body on GET", (d, r) -> {
                d.method = "GET";
                d.body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
            }));

    private final SplittableRandom random;

    public HostileRequestGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public HostileRequest next() {
        Template t = pick(random, TEMPLATES);
        RequestDraft draft = new RequestDraft(t.method(), t.path(), t.query(), t.body());
        StringBuilder description = new StringBuilder();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            Mutation m = pick(random, MUTATIONS);
            m.apply().accept(draft, random);
            description.append(description.isEmpty() ? "" : " + ").append(m.name());
        }
        draft.path = draft.path.replace(ID, pick(random, IDS));
        return new HostileRequest(description + ": " + draft.summary(), draft.method, draft.render());
    }

    private static <T> T pick(SplittableRandom random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] rawPath(String path, SplittableRandom random) {
        byte[] bad = pick(random, List.of(new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC3}, new byte[] {' '},
                new byte[] {'\t'}, new byte[] {0}, new byte[] {'\r'}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {'"', '<', '>'}, new byte[] {0x7F}));
        byte[] prefix = path.replace(ID, "").getBytes(StandardCharsets.UTF_8);
        byte[] raw = java.util.Arrays.copyOf(prefix, prefix.length + bad.length);
        System.arraycopy(bad, 0, raw, prefix.length, bad.length);
        return raw;
    }

    private static byte[] garbage(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xA5, 0x01, 0x00, 0x00, (byte) 0xA1, 0x03, 0x03};
            case 2 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            default -> "\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** Puts bytes that are never valid UTF-8 into the body (inside a string value where there is one). */
    private static byte[] invalidUtf8(byte[] body, SplittableRandom random) {
        byte[] base = body == null || body.length == 0 ? "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8) : body;
        byte[] bad = pick(random, List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}));
        int quote = new String(base, StandardCharsets.ISO_8859_1).indexOf('"', 1);
        int at = quote > 0 ? quote + 1 : random.nextInt(base.length);
        byte[] out = new byte[base.length + bad.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(base, at, out, at + bad.length, base.length - at);
        return out;
    }

    private static byte[] withBom(byte[] body) {
        byte[] base = body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body;
        byte[] out = new byte[base.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(base, 0, out, 3, base.length);
        return out;
    }
}
