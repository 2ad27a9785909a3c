package io.sieve.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.server.SieveServer;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real Sieve server in this JVM, and its retries against a scripted one. */
class SieveClientTest {
    private static final String OPS = "ops-key-0123456789abcdef";
    private static final String READER = "reader-key-0123456789abc";

    @TempDir
    static Path dir;
    private static Store store;
    private static SieveServer server;
    private static SieveClient sieve;

    @BeforeAll
    static void start() throws IOException {
        Path yaml = Files.writeString(dir.resolve("sieve.yaml"), """
                security:
                  keys:
                    ops: {key: %s, scopes: [read, write, admin]}
                    frontend: {key: %s, scopes: [read]}
                """.formatted(OPS, READER));
        SieveConfig config = ConfigLoader.load(yaml, Map.of());
        store = StoreProviders.open(StoreUrl.parse("memory:"), dir.resolve("data"));
        server = SieveServer.start(config, store, dir.resolve("data"), 0);
        sieve = client(OPS).build();
    }

    @AfterAll
    static void stop() {
        if (sieve != null) {
            sieve.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static SieveClient.Builder client(String key) {
        return SieveClient.builder(URI.create(server.url())).apiKey(key).timeout(Duration.ofSeconds(20));
    }

    /** A server started on an empty store has nothing to serve: a not-ready answer, not an exception. */
    @Test
    void anEmptyServerIsNotReady() {
        try (Store empty = StoreProviders.open(StoreUrl.parse("memory:"), dir.resolve("empty"));
             SieveServer bare = SieveServer.start(ConfigLoader.defaults(), empty, dir.resolve("empty"), 0)) {
            Readiness ready = SieveClient.builder(URI.create(bare.url())).build().ready();
            assertFalse(ready.serving(), ready.toString());
            assertEquals(Readiness.NOT_READY, ready.status());
            assertTrue(ready.degraded().getFirst().detail().contains("catalog is empty"), ready.toString());
        }
    }

    /** The example of sieve-client/README.md, word for word but for the address and the key. */
    @Test
    void theReadmeExample() {
        sieve.putItems(List.of(Item.of("movie-7", "Seven", "Drama"), Item.of("movie-8", "Eight", "Drama")));
        // ---- from the README
        SieveClient sieve = SieveClient.builder(URI.create(server.url()))
                .apiKey(OPS)                                  // sent as Authorization: Bearer <key>
                .timeout(Duration.ofSeconds(2))
                .retries(2, Duration.ofMillis(200))
                .build();

        sieve.sendEvent(Event.of("42", "movie-7", "view"));
        try {
            Recommendations list = sieve.recommend(RecommendationQuery.forUser("42").n(10).include(Include.TITLE));
            for (RecommendedItem item : list.items()) {
                System.out.println(item.title() + ": " + item.reason());
            }
            // A click on the list carries its requestId, so training learns what was shown.
            sieve.sendEvent(Event.of("42", list.ids().getFirst(), "click").withRequestId(list.requestId()));
        } catch (SieveException e) {
            // e.status(): 400 with e.errors() naming each field, 401/403 for the key, 0 when no answer came
            System.err.println(e.status() + " " + e.type() + ": " + e.detail() + " " + e.errors());
        }
        // ---- end
        Recommendations after = sieve.recommend(RecommendationQuery.forUser("42").n(10).include(Include.TITLE));
        assertTrue(after.items().stream().allMatch(i -> i.title() != null), after.toString());
        assertEquals(2, sieve.userEvents("42", 10, null).events().size(), "the view and the click");
        sieve.close();
    }

    @Test
    void catalogAndEventsThenRecommendationsWithTitles() {
        List<Item> movies = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> Item.of("m" + i, "Movie number " + i, i % 2 == 0 ? "Drama" : "Comedy"))
                .toList();
        assertEquals(12, sieve.putItems(movies));
        Item stored = sieve.putItem(Item.of("m13", "The thirteenth movie", "Drama").withTags(List.of("late"))
                .withAttributes(Map.of("price", 12.5, "regions", List.of("FR", "DE"))));
        assertEquals("The thirteenth movie", stored.title());
        assertEquals(Boolean.TRUE, stored.available(), "the server's default comes back");
        assertEquals(List.of("Drama"), sieve.item("m13").orElseThrow().categories());
        assertTrue(sieve.item("no-such-item").isEmpty());

        assertEquals(2, sieve.putUsers(List.of(User.of("u1", Map.of("country", "FR")), User.of("u2", Map.of()))));
        assertEquals("FR", sieve.putUser(User.of("u3", Map.of("country", "FR"))).attributes().get("country"));
        assertEquals("FR", sieve.user("u1").orElseThrow().attributes().get("country"));

        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int u = 1; u <= 5; u++) {
            for (int i = 1; i <= 6; i++) {
                events.add(Event.of("u" + u, "m" + (i + u % 3), i % 3 == 0 ? "click" : "view").withTimestamp(t0.plusSeconds(60L * i)));
            }
        }
        assertEquals(events.size(), sieve.sendEvents(events));
        sieve.sendEvent(Event.of("u1", "m2", "like")); // stamped by the client, see Event
        EventPage page = sieve.userEvents("u1", 3, null);
        assertEquals("u1", page.user());
        assertEquals("like", page.events().getFirst().type(), "newest first");
        assertNotNull(page.next(), "six more events are older");
        EventPage older = sieve.userEvents("u1", 100, page.next());
        assertTrue(older.events().stream().allMatch(e -> e.timestamp().isBefore(page.next())));
        assertNull(older.next(), "the last page");

        Recommendations titled = sieve.recommend(RecommendationQuery.forUser("u1").n(5).include(Include.TITLE));
        assertFalse(titled.items().isEmpty(), titled.toString());
        assertTrue(titled.items().size() <= 5);
        assertNotNull(titled.requestId());
        for (RecommendedItem item : titled.items()) {
            assertEquals(sieve.item(item.id()).orElseThrow().title(), item.title(), item.toString());
            assertNull(item.categories(), "only what was asked for");
        }
        Recommendations plain = sieve.recommend(RecommendationQuery.forUser("u1").n(5)
                .exclude(titled.ids().getFirst()).debug(true).include(Include.CATEGORIES, Include.ATTRIBUTES));
        assertFalse(plain.ids().contains(titled.ids().getFirst()), "excluded");
        assertNotNull(plain.debug(), "debug asked for");
        assertTrue(plain.items().stream().allMatch(i -> i.title() == null && i.categories() != null));
        Recommendations dramas = sieve.recommend(RecommendationQuery.forUser("u1").n(20).category("Drama")
                .include(Include.CATEGORIES));
        assertFalse(dramas.items().isEmpty());
        assertTrue(dramas.items().stream().allMatch(i -> i.categories().contains("Drama")), dramas.toString());
        Recommendations cheap = sieve.recommend(RecommendationQuery.forUser("u1").n(5).filter("price:lte:20"));
        assertEquals(List.of("m13"), cheap.ids(), "the only item with a price");

        sieve.sendEvent(Event.of("u1", titled.ids().getFirst(), "click").withRequestId(titled.requestId()));
        ItemStatistics statistics = sieve.itemStatistics("m2");
        assertEquals("m2", statistics.item());
        assertTrue(statistics.engaged() > 0, statistics.toString());
        assertEquals(statistics.impressions() == 0, statistics.responseRate() == null, statistics.toString());
    }

    @Test
    void similarAndSearch() {
        sieve.putItems(List.of(Item.of("s1", "A quiet harbour at dawn", "Drama"), Item.of("s2", "Harbour lights", "Drama"),
                Item.of("s3", "Loud city nights", "Action")));
        sieve.sendEvents(List.of(Event.of("v1", "s1", "view"), Event.of("v1", "s2", "view"), Event.of("v2", "s1", "view"),
                Event.of("v2", "s2", "view")));
        Recommendations similar = sieve.similar("s1", 5, Set.of(Include.TITLE));
        assertFalse(similar.ids().contains("s1"), similar.toString());
        SieveException unknown = assertThrows(SieveException.class, () -> sieve.similar("no-such-item", 5, Set.of()));
        assertEquals(404, unknown.status());
        Recommendations found = sieve.search("harbour", 5, Set.of(Include.TITLE));
        // This server serves the popularity-only bundle it built at start, which has no content
        // model, so search answers an empty list (as the document says) until a training adds one.
        assertNotNull(found.requestId());
        found.items().forEach(i -> assertTrue(i.title().contains("arbour"), i.toString()));
    }

    @Test
    void idsThatAreNotPlainTextStayOnePathSegment() {
        for (String id : List.of("a/b c?d#e%f+g", "é-ü-日本", "..", "x.y")) {
            sieve.putItem(Item.of(id, "odd id " + id, "Odd"));
            assertEquals("odd id " + id, sieve.item(id).orElseThrow().title(), id);
            sieve.deleteItem(id);
            assertTrue(sieve.item(id).isEmpty(), id);
        }
    }

    @Test
    void deletingTwiceIsA404() {
        sieve.putItem(Item.of("gone", "Soon gone", "Drama"));
        sieve.deleteItem("gone");
        SieveException again = assertThrows(SieveException.class, () -> sieve.deleteItem("gone"));
        assertEquals(404, again.status());
        assertEquals("urn:sieve:problem:not-found", again.type());
    }

    @Test
    void aBadRequestNamesTheField() {
        for (int n : new int[] {0, -1}) {
            SieveException e = assertThrows(SieveException.class, () -> sieve.recommend(RecommendationQuery.forUser("u1").n(n)));
            assertEquals(400, e.status(), e.getMessage());
            assertEquals("urn:sieve:problem:validation", e.type());
            assertTrue(e.reasonFor("n").isPresent(), e.errors().toString());
            assertEquals(1, e.attempts(), "a 400 is not retried");
        }
        SieveException badType = assertThrows(SieveException.class, () -> sieve.sendEvent(Event.of("u1", "m1", "bought")));
        assertEquals(400, badType.status());
        assertTrue(badType.reasonFor("type").orElseThrow().contains("bought"), badType.errors().toString());

        SieveException badBatch = assertThrows(SieveException.class,
                () -> sieve.sendEvents(List.of(Event.of("u1", "m1", "view"), Event.of("u1", "m1", "bought"))));
        assertTrue(badBatch.reasonFor("events[1].type").isPresent(), badBatch.errors().toString());
    }

    @Test
    void aValueTheServerWouldSplitIsRefusedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> sieve.recommend(RecommendationQuery.forUser("u1").exclude("a,b")));
    }

    @Test
    void keysAndScopes() {
        SieveException wrong = assertThrows(SieveException.class,
                () -> client("not-the-key-0123456789").build().recommend(RecommendationQuery.forUser("u1")));
        assertEquals(401, wrong.status());
        assertEquals("urn:sieve:problem:unauthorized", wrong.type());
        SieveException none = assertThrows(SieveException.class, () -> client(null).build().item("m1"));
        assertEquals(401, none.status());

        SieveClient frontend = client(READER).build();
        frontend.recommend(RecommendationQuery.forUser("u1").n(3));
        SieveException forbidden = assertThrows(SieveException.class, () -> frontend.deleteItem("m1"));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.detail().contains("admin"), forbidden.getMessage());
    }

    @Test
    void operations() {
        sieve.putItem(Item.of("ops1", "For operations", "Drama"));
        Readiness ready = sieve.ready();
        assertTrue(ready.serving(), ready.toString());
        assertTrue(Set.of("ready", "degraded").contains(ready.status()), ready.toString());
        assertNotNull(ready.modelVersion());
        assertTrue(sieve.metrics().contains("http_server_requests"), "Prometheus text");
        DataHealth health = sieve.health();
        assertTrue(Set.of("ok", "alert").contains(health.status()), health.toString());
        assertEquals(3, health.freshness().size(), health.toString());
        assertEquals(ready.modelVersion(), health.drift().modelVersion());
        Reload reload = sieve.reload();
        assertEquals(ready.modelVersion(), reload.version());
        assertFalse(reload.swapped(), "nothing new was published");
    }

    // ---- retries, against a scripted local server: status after status, then a valid answer

    private static final String LIST = """
            {"requestId":"r1","items":[{"id":"a","score":1.5,"sources":["popularity"],"reason":"Popular",
             "aFieldFromANewerServer":{"x":1}}],"anotherNewField":true}""";

    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();

    /** Answers each status of {@code script} in turn (with Retry-After: 0), then 200 (202 to a POST) with {@code body}. */
    private HttpServer scripted(String body, int... script) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int n = requests.getAndIncrement();
            byte[] out;
            if (n < script.length) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                out = ("{\"type\":\"urn:sieve:problem:store-unavailable\",\"title\":\"Store unavailable\",\"status\":"
                        + script[n] + ",\"detail\":\"try again\",\"errors\":[]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(script[n], out.length);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                out = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 202 : 200, out.length);
            }
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        http.start();
        return http;
    }

    private static SieveClient.Builder against(HttpServer http) {
        return SieveClient.builder(URI.create("http://127.0.0.1:" + http.getAddress().getPort())).retries(3, Duration.ofMillis(1));
    }

    @Test
    void a503IsRetriedUntilItSucceeds() throws IOException {
        HttpServer http = scripted(LIST, 503, 503);
        try {
            Recommendations list = against(http).build().recommend(RecommendationQuery.forUser("1"));
            assertEquals(List.of("a"), list.ids(), "read despite fields this client does not know");
            assertEquals(3, requests.get(), "two 503s, then the answer");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void withoutRetriesThe503IsThrown() throws IOException {
        HttpServer http = scripted(LIST, 503, 503);
        try {
            SieveException e = assertThrows(SieveException.class,
                    () -> against(http).retries(0, Duration.ofMillis(1)).build().recommend(RecommendationQuery.forUser("1")));
            assertEquals(503, e.status());
            assertEquals("urn:sieve:problem:store-unavailable", e.type());
            assertEquals(Duration.ZERO, e.retryAfter().orElseThrow());
            assertEquals(1, e.attempts());
            assertEquals(1, requests.get());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void retriesRunOut() throws IOException {
        HttpServer http = scripted(LIST, 429, 503, 503, 503, 503);
        try {
            SieveException e = assertThrows(SieveException.class, () -> against(http).build().recommend(RecommendationQuery.forUser("1")));
            assertEquals(503, e.status());
            assertEquals(4, e.attempts(), "the first attempt and 3 retries");
            assertEquals(4, requests.get());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aRetriedEventKeepsItsTimeSoTheServerStoresItOnce() throws IOException {
        HttpServer http = scripted("{\"accepted\":1}", 503, 503);
        try {
            against(http).build().sendEvent(Event.of("u1", "m1", "click"));
            assertEquals(3, bodies.size());
            assertTrue(bodies.getFirst().contains("\"timestamp\":\""), bodies.getFirst());
            assertEquals(1, Set.copyOf(bodies).size(), "every attempt sent the same event: " + bodies);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void otherErrorsAreNotRetried() throws IOException {
        HttpServer http = scripted(LIST, 500);
        try {
            SieveException e = assertThrows(SieveException.class, () -> against(http).build().recommend(RecommendationQuery.forUser("1")));
            assertEquals(500, e.status());
            assertEquals(1, requests.get());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        SieveClient nowhere = SieveClient.builder(URI.create("http://127.0.0.1:" + port)).retries(2, Duration.ofMillis(1)).build();
        SieveException e = assertThrows(SieveException.class, nowhere::reload);
        assertEquals(SieveException.NO_RESPONSE, e.status());
        assertEquals(3, e.attempts(), "nothing was sent, so even reload is tried again");
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
    }
}
