package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.server.hostile.RawExchange;
import io.sieve.store.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests that Jetty refuses before any route runs, or that break Javalin's decoding, get problem+json too. */
class HttpEdgeCasesTest {
    @TempDir
    static Path dir;
    static TestServer api;
    static RawExchange raw;

    @BeforeAll
    static void start() {
        api = new TestServer(dir);
        api.seedClusters();
        api.start();
        URI url = URI.create(api.server().url());
        raw = new RawExchange(url.getHost(), url.getPort(), 10_000);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode problem(String request, int status) throws Exception {
        RawExchange.Response response = raw.send(request.getBytes(StandardCharsets.UTF_8));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.status(), body);
        assertEquals(Problem.CONTENT_TYPE, response.header("content-type"), body);
        JsonNode problem = Json.MAPPER.readTree(body);
        assertEquals(status, problem.get("status").asInt(), body);
        return problem;
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + String.join("", headers) + "\r\n";
    }

    @Test
    void aBrokenEscapeInAnIdIsABadRequestNamingThePath() throws Exception {
        for (String method : new String[] {"GET", "DELETE"}) {
            JsonNode p = problem(method + " /v1/items/%u002e HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400);
            assertEquals("path", p.get("errors").get(0).get("field").asText(), p.toString());
        }
        // Jetty refuses this escape itself, before any route: a problem still, without a field.
        problem(get("/v1/users/%zz"), 400);
    }

    @Test
    void invalidUtf8InAnIdOrQueryIsRefusedNotReplaced() throws Exception {
        JsonNode p = problem(get("/v1/users/%FF%FE"), 400);
        assertTrue(p.get("errors").get(0).get("reason").asText().contains("UTF-8"), p.toString());
        assertEquals("query", problem(get("/v1/search?q=%C0%AF"), 400).get("errors").get(0).get("field").asText());
    }

    @Test
    void anUnknownHttpVersionIsAClientError() throws Exception {
        for (String version : new String[] {"HTTP/9.9", "HTTP/1.x", "HTTP/3.0"}) {
            JsonNode p = problem("GET /healthz " + version + "\r\nHost: x\r\n\r\n", 400);
            assertTrue(p.get("detail").asText().contains("HTTP/1.1"), p.toString());
        }
        problem("GET /healthz\r\n\r\n", 400);
    }

    @Test
    void oversizedTargetsAndHeadersAreProblems() throws Exception {
        problem(get("/v1/search?q=" + "x".repeat(20_000)), 414);
        problem(get("/healthz", "X-Big: " + "h".repeat(20_000) + "\r\n"), 431);
    }

    /** Jackson guesses UTF-32 from these first bytes and cannot decode them: still the client's mistake. */
    @Test
    void aBodyThatIsNotTextIsABadRequest() throws Exception {
        byte[] head = "POST /v1/events/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head, head.length + 4);
        System.arraycopy(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0}, 0, request, head.length, 4);
        RawExchange.Response response = raw.send(request);
        assertEquals(400, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(Problem.CONTENT_TYPE, response.header("content-type"));
    }

    @Test
    void malformedHeadersAreProblemsWhateverTheClientAccepts() throws Exception {
        problem(get("/healthz", "Accept: text/html\r\n", "X-Fold: a\r\n folded\r\n"), 400);
        problem("GET /healthz HTTP/1.1\r\n\r\n", 400);
        problem("POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}", 400);
    }
}
