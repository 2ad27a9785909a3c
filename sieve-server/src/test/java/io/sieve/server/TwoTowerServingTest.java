package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-tower source as served: the user tower runs per request, so a user training never saw is
 * served after one click; an item added after training is placed by the item tower from its
 * category and text, and is recommended without a new training.
 */
class TwoTowerServingTest {
    @TempDir
    Path dataDir;

    @Test
    void aNewUserIsServedAfterOneClickAndABrandNewItemThroughItsCategory() {
        Map<String, String> onlyTwoTower = new HashMap<>(Map.of("ranking.type", "blend", "retrieval.deadlineMs", "5000",
                "training.twoTower.enabled", "true", "training.twoTower.dimension", "16", "training.twoTower.batchSize", "32",
                "training.twoTower.patience", "30", "retrieval.sources.twoTower.enabled", "true"));
        // The item tower reads the content vector too, and the user tower the request's hour: both served per request.
        onlyTwoTower.put("training.twoTower.content", "true");
        onlyTwoTower.put("training.twoTower.context", "true");
        // Ten items a cluster and a few hundred events: over-correcting popularity (the default 1.25, measured on
        // ml-100k) lifts the rarest old items above the new one here, which is a property of this toy world, not of serving.
        onlyTwoTower.put("training.twoTower.logQWeight", "1.0");
        for (String source : List.of("covisitation", "session", "popularity", "trending", "segment", "als", "alsSession",
                "ease", "onboarding", "graph")) {
            onlyTwoTower.put("retrieval.sources." + source + ".enabled", "false");
        }
        try (TestServer t = new TestServer(dataDir, ConfigLoader.withSettings(ConfigLoader.defaults(), onlyTwoTower))) {
            t.seedClusters();
            t.publish(Instant.parse("2026-02-01T00:00:00Z"));
            t.start();
            var click = t.send("POST", "/v1/events", "{\"user\":\"newcomer\",\"item\":\"c1\",\"type\":\"click\"}");
            assertEquals(202, click.status(), click.body());
            JsonNode first = t.get("/v1/recommendations/newcomer?n=8&debug=true").json();
            assertTrue(first.get("debug").get("candidates").get("twoTower").asInt() > 0, first.toString());
            assertTrue(ids(first).stream().filter(id -> id.startsWith("c")).count() >= 6, "dramas after one drama: " + first);

            assertEquals(200, t.send("PUT", "/v1/items/c-new", "{\"title\": \"A new drama\", \"categories\": [\"drama\"]}").status());
            JsonNode after = t.get("/v1/recommendations/newcomer?n=10").json();
            assertTrue(ids(after).contains("c-new"), after.toString());
            for (JsonNode item : after.get("items")) {
                if (item.get("id").asText().equals("c-new")) {
                    assertEquals("new, and close to your taste", item.get("reason").asText());
                    assertEquals("twoTower", item.get("sources").get(0).asText());
                }
            }
        }
    }

    private static List<String> ids(JsonNode recommendations) {
        List<String> ids = new ArrayList<>();
        recommendations.get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
