package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.bundle.BundleStore;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.model.Event;
import io.sieve.model.Item;
import io.sieve.store.Json;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import io.sieve.train.Trainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brand-new user posts three clicks through the API and the very next response, from the ALS
 * source alone (no retraining), follows them: the user's vector is folded in at request time.
 */
class FoldInTest {
    private static final String[] GENRES = {"western", "comedy", "horror", "musical"};

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void threeClicksOfANewUserSteerTheNextRecommendations() throws Exception {
        // ALS alone: no co-visitation, session or popularity source could explain the result, and
        // no learned ranker either, whose reasons would come from its own features.
        Map<String, String> onlyAls = new java.util.HashMap<>(Map.of("ranking.type", "blend",
                "training.als.factors", "8", "training.als.regularization", "0.5", "training.ease.enabled", "false"));
        for (String source : List.of("covisitation", "session", "popularity", "trending", "segment", "bpr", "ease", "graph")) {
            onlyAls.put("retrieval.sources." + source + ".enabled", "false");
        }
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), onlyAls);
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            seed(store);
            new BundleStore(dataDir).publish(new Trainer(config, Clock.systemUTC()).train(store), 2);
            try (SieveServer server = SieveServer.start(config, store, dataDir, 0)) {
                assertEquals(0, items(server, "newcomer").size(), "ALS knows nothing of a user with no events");

                for (String film : List.of("horror-3", "horror-7", "horror-12")) {
                    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/events"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"user\":\"newcomer\",\"item\":\"" + film + "\",\"type\":\"click\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, posted.statusCode(), posted.body());
                }

                JsonNode after = items(server, "newcomer");
                assertEquals(10, after.size());
                for (JsonNode item : after) {
                    assertTrue(item.get("id").asText().startsWith("horror-"), "not a horror film: " + after);
                    assertEquals("als", item.get("sources").get(0).asText());
                    assertTrue(item.get("reason").asText().startsWith("because you viewed Film horror-"), item.toString());
                }
            }
        }
    }

    private JsonNode items(SieveServer server, String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/recommendations/" + user + "?n=10"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("items");
    }

    /** Four genres of 30 films; 200 users, each watching 12 films of one genre. */
    private static void seed(Store store) {
        List<Item> items = new ArrayList<>();
        for (String genre : GENRES) {
            for (int i = 0; i < 30; i++) {
                items.add(Item.of(genre + "-" + i, "Film " + genre + "-" + i, List.of(genre)));
            }
        }
        store.putItems(items);
        Random random = new Random(3);
        List<Event> events = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int u = 0; u < 200; u++) {
            String genre = GENRES[u % GENRES.length];
            for (int v = 0; v < 12; v++) {
                events.add(Event.of("user-" + u, genre + "-" + random.nextInt(30), "view", t = t.plusSeconds(60)));
            }
        }
        store.appendEvents(events);
    }
}
