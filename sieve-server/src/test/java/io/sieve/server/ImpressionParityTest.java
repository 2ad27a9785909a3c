package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.bundle.BundleStore;
import io.sieve.bundle.ModelBundle;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.model.User;
import io.sieve.funnel.Candidate;
import io.sieve.store.Store;
import io.sieve.train.Trainer;
import io.sieve.feature.EventTrail;
import io.sieve.train.rank.RequestReplay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training/serving parity: the features a served slate was logged with are exactly the features
 * the offline builder computes for the same request, replayed from the store afterwards.
 */
class ImpressionParityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void loggedImpressionFeaturesEqualTheOfflineBuildersFeatures() throws Exception {
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("ranking.gate", "false"));
        try (TestServer t = new TestServer(dataDir, config)) {
            seed(t.store);
            ModelBundle trained = new Trainer(config, Clock.systemUTC()).train(t.store);
            assertTrue(!trained.ranker().isEmpty(), "the bundle has a ranker");
            new BundleStore(dataDir).publish(trained, 2);
            t.start();

            for (String item : List.of("g1-i2", "g1-i5", "g1-i9")) {
                assertEquals(202, t.send("POST", "/v1/events",
                        "{\"user\":\"newcomer\",\"item\":\"" + item + "\",\"type\":\"click\"}").status());
            }
            JsonNode served = t.get("/v1/recommendations/newcomer?n=8&surface=home&device=web&debug=true").json();
            assertTrue(served.get("debug").get("rankedBy").asText().startsWith("learned"), served.toString());
            for (JsonNode item : served.get("items")) {
                assertEquals(5, item.get("explanation").size(), item.toString());
            }
            String requestId = served.get("requestId").asText();
            Impression logged = awaitImpression(t.store, requestId);
            assertEquals("web", logged.device());
            assertEquals(8, logged.items().size());

            EventTrail events = EventTrail.of(t.store::forEachEvent);
            List<Impression> impressions = new ArrayList<>();
            t.store.forEachImpression(impressions::add);
            ModelBundle bundle = new BundleStore(dataDir).load(logged.modelVersion());
            var request = new RequestReplay.Request("newcomer", logged.timestamp(), logged.surface(), logged.device());
            RequestReplay.Row offline = new RequestReplay(config)
                    .rows(t.store, bundle, events, impressions, List.of(request)).get(0);

            int width = bundle.ranker().features().size();
            for (Impression.Shown shown : logged.items()) {
                int row = indexOf(offline.candidates(), shown.item());
                assertTrue(row >= 0, shown.item() + " is among the offline candidates");
                float[] recomputed = Arrays.copyOfRange(offline.features(), row * width, (row + 1) * width);
                assertArrayEquals(recomputed, shown.features(), "features of " + shown.item());
            }
            assertTrue(t.get("/metrics").body().contains("sieve_pipeline_fallbacks_total{stage=\"rank\"}"));
        }
    }

    private static Impression awaitImpression(Store store, String requestId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Impression> found = new ArrayList<>();
            store.forEachImpression(i -> {
                if (i.requestId().equals(requestId)) {
                    found.add(i);
                }
            });
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("impression " + requestId + " was never logged");
    }

    private static int indexOf(List<Candidate> candidates, String item) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).itemId().equals(item)) {
                return i;
            }
        }
        return -1;
    }

    /** Three genres of 30 items; 150 users who each rate 12 items of one genre, popular ones more often. */
    private static void seed(Store store) {
        List<Item> items = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < 30; i++) {
                items.add(Item.of("g" + g + "-i" + i, "Film " + i + " of genre " + g, List.of("genre" + g)));
            }
        }
        store.putItems(items);
        Random random = new Random(11);
        List<User> users = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        long minute = 0;
        for (int u = 0; u < 150; u++) {
            int g = u % 3;
            users.add(new User("u" + u, Map.of("age", 20 + g * 10)));
            for (int v = 0; v < 12; v++) {
                int i = (int) Math.floor(Math.pow(random.nextDouble(), 2) * 30);
                events.add(new Event("u" + u, "g" + g + "-i" + i, "rating", 3.0 + random.nextInt(3),
                        T0.plusSeconds(60 * minute++), null, null));
            }
        }
        store.putUsers(users);
        store.appendEvents(events);
        assertNotNull(store.item("g1-i2").orElse(null));
    }
}
