package io.sieve.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.bundle.NeighbourTable;
import io.sieve.bundle.RankedList;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.ingest.StoreExport;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.server.SieveServer;
import io.sieve.store.InMemoryStore;
import io.sieve.store.Json;
import io.sieve.store.PostgresServer;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in {@code local[2]} on the data an in-process {@code sieve train} sees: its tables are
 * the same, its ALS is there, from an export and from PostgreSQL alike, and a running server
 * hot-swaps to the bundle it publishes and answers from it over HTTP.
 */
class SparkTrainingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SieveConfig CONFIG = ConfigLoader.defaults();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().appName("sieve-spark-test").master("local[2]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 4)
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** 60 items in 3 categories, 40 users in 2 countries who mostly like one category, clicks and ratings (seeded). */
    private static void seed(Store store) {
        seed(store, 60);
    }

    /** As above, a user's events three to a millisecond, {@code spacing} seconds between the threes (0: all in one). */
    private static void seed(Store store, int spacing) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(Item.of("i" + i, "Item " + i, List.of("c" + i % 3)));
        }
        store.putItems(items);
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Random random = new Random(5);
        for (int u = 0; u < 40; u++) {
            users.add(new User("u" + u, Map.of("country", u % 2 == 0 ? "de" : "fr")));
            for (int k = 0; k < 15; k++) {
                int item = random.nextInt(5) == 0 ? random.nextInt(60) : 3 * random.nextInt(20) + u % 3;
                Instant at = T0.plusSeconds(3_600L * u + (long) spacing * (k / 3));
                events.add(k % 4 == 0
                        ? new Event("u" + u, "i" + item, "rating", (double) (1 + random.nextInt(5)), at, null, null)
                        : Event.of("u" + u, "i" + item, "click", at));
            }
        }
        store.putUsers(users);
        store.appendEvents(events);
    }

    private ModelBundle trainOnSpark(String source, Path dataDir) {
        return trainOnSpark(source, dataDir, null);
    }

    private ModelBundle trainOnSpark(String source, Path dataDir, Path config) {
        Path published = SparkTraining.train(spark, new SparkTraining.Options(source, dataDir, config, 0.1));
        return new BundleStore(dataDir).load(published.getFileName().toString());
    }

    private static void assertSameList(RankedList expected, RankedList actual, String what) {
        assertArrayEquals(expected.items(), actual.items(), what);
        assertArrayEquals(expected.scores(), actual.scores(), 1e-4f, what);
    }

    @Test
    void tablesMatchInProcessTraining() throws Exception {
        InMemoryStore store = new InMemoryStore();
        seed(store);
        Path export = dir.resolve("export");
        StoreExport.write(store, store, export);
        ModelBundle trained = trainOnSpark(export.toString(), dir.resolve("data"));
        ModelBundle local = new Trainer(CONFIG, Clock.fixed(T0, ZoneOffset.UTC)).trainRetrieval(store);

        assertEquals(local.items().ids(), trained.items().ids());
        assertEquals(local.manifest().events(), trained.manifest().events());
        assertEquals(local.manifest().watermark(), trained.manifest().watermark());
        assertSameList(local.popularity(), trained.popularity(), "popularity");
        assertSameList(local.trending(), trained.trending(), "trending");
        assertEquals(local.segments().keySet(), trained.segments().keySet());
        local.segments().forEach((key, list) -> assertSameList(list, trained.segment(key), "segment " + key));
        NeighbourTable expected = local.coVisitation();
        NeighbourTable actual = trained.coVisitation();
        assertArrayEquals(expected.offsets(), actual.offsets(), "co-visitation rows");
        assertArrayEquals(expected.neighbours(), actual.neighbours(), "co-visitation neighbours");
        assertArrayEquals(expected.scores(), actual.scores(), 1e-4f, "co-visitation scores");
        assertNotNull(trained.models().als(), "ALS trained by MLlib");
        assertArrayEquals(local.models().ease().items(), trained.models().ease().items(), "EASE's items");
        assertArrayEquals(local.models().ease().weights(), trained.models().ease().weights(), 1e-5f, "EASE's weights");
        assertEquals(CONFIG.training().als().factors(), trained.models().als().items().dim());
        assertEquals("spark", trained.manifest().parameters().get("trainedBy"));

    }

    @Test
    void aRunningServerHotSwapsToTheSparkBundle() throws Exception {
        Path dataDir = dir.resolve("data");
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            seed(store);
            ModelBundle first = new Trainer(CONFIG, Clock.fixed(T0, ZoneOffset.UTC)).train(store);
            new BundleStore(dataDir).publish(first, CONFIG.training().bundlesToKeep());
            try (SieveServer server = SieveServer.start(CONFIG, store, dataDir, "127.0.0.1", 0)) {
                assertEquals(first.version(), get(server, "/readyz").get("modelVersion").asText());
                Path export = dir.resolve("export");
                StoreExport.write(store, store, export);
                String spark = trainOnSpark(export.toString(), dataDir).version();

                JsonNode reload = post(server, "/v1/admin/reload");
                assertEquals(spark, reload.get("version").asText(), reload.toString());
                JsonNode ready = get(server, "/readyz");
                assertEquals("ready", ready.get("status").asText(), ready.toString());
                JsonNode answer = get(server, "/v1/recommendations/u3?n=10&debug=true");
                assertEquals(spark, answer.get("debug").get("modelVersion").asText());
                assertEquals(10, answer.get("items").size(), answer.toString());
                boolean fromAls = false;
                for (JsonNode item : answer.get("items")) {
                    fromAls |= item.get("sources").toString().contains("\"als\"");
                }
                assertTrue(fromAls, "ALS retrieves: " + answer);
            }
        }
    }

    private static JsonNode get(SieveServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(URI.create(server.url() + path)).GET());
    }

    private static JsonNode post(SieveServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static JsonNode send(SieveServer server, HttpRequest.Builder request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return Json.MAPPER.readTree(response.body());
        }
    }

    @Test
    void coVisitationWindowsFollowTheLogOrderWithinAMillisecond() throws Exception {
        Path file = dir.resolve("sieve.yaml");
        Files.writeString(file, "training:\n  coVisitation:\n    window: 2\n    maxUserItems: 8\n");
        SieveConfig config = ConfigLoader.load(file, Map.of());
        InMemoryStore store = new InMemoryStore();
        seed(store, 0);
        Path export = dir.resolve("export");
        StoreExport.write(store, store, export);
        ModelBundle trained = trainOnSpark(export.toString(), dir.resolve("data"), file);
        ModelBundle local = new Trainer(config, Clock.fixed(T0, ZoneOffset.UTC)).trainRetrieval(store);
        assertArrayEquals(local.coVisitation().offsets(), trained.coVisitation().offsets(), "co-visitation rows");
        assertArrayEquals(local.coVisitation().neighbours(), trained.coVisitation().neighbours(), "co-visitation neighbours");
        assertArrayEquals(local.coVisitation().scores(), trained.coVisitation().scores(), 1e-4f, "co-visitation scores");
    }

    @Test
    void readsAPostgresStoreOverJdbc() {
        String url = PostgresServer.get().url("spark");
        try (Store store = StoreProviders.open(StoreUrl.parse(url), dir)) {
            seed(store);
        }
        ModelBundle trained = trainOnSpark(url, dir.resolve("data"));
        InMemoryStore same = new InMemoryStore();
        seed(same);
        ModelBundle local = new Trainer(CONFIG, Clock.fixed(T0, ZoneOffset.UTC)).trainRetrieval(same);
        assertSameList(local.popularity(), trained.popularity(), "popularity");
        assertEquals(local.segments().keySet(), trained.segments().keySet());
        assertArrayEquals(local.coVisitation().neighbours(), trained.coVisitation().neighbours());
    }
}
