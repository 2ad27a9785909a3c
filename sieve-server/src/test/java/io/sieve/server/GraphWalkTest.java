package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph source walks the live interaction graph: an edge made by an event is walked by the
 * very next request, with no training in between, in recommendations and in "more like this".
 */
class GraphWalkTest {
    @TempDir
    Path dataDir;

    @Test
    void theNextRequestWalksAnEdgeAnEventAddedAMomentAgo() {
        // The graph source alone, blended: nothing else could bring the new item in.
        // A deadline for a loaded CI machine: this is about freshness, not speed (GraphWalkBenchmark is).
        Map<String, String> onlyGraph = new HashMap<>(Map.of("ranking.type", "blend", "retrieval.deadlineMs", "5000"));
        for (String source : List.of("covisitation", "session", "popularity", "trending", "segment", "als", "alsSession",
                "ease", "onboarding")) {
            onlyGraph.put("retrieval.sources." + source + ".enabled", "false");
        }
        onlyGraph.put("retrieval.sources.graph.enabled", "true");
        try (TestServer t = new TestServer(dataDir, ConfigLoader.withSettings(ConfigLoader.defaults(), onlyGraph))) {
            t.seedClusters();
            t.publish(Instant.parse("2026-02-01T00:00:00Z"));
            t.start();
            assertEquals(200, t.send("PUT", "/v1/items/c-new", "{\"title\": \"A new drama\", \"categories\": [\"drama\"]}").status());
            for (String film : List.of("c1", "c2")) {
                post(t, "fan", film);
            }
            JsonNode before = t.get("/v1/recommendations/fan?n=10&debug=true").json();
            assertTrue(before.get("debug").get("candidates").get("graph").asInt() > 0, before.toString());
            assertTrue(ids(before).stream().filter(id -> id.startsWith("c")).count() >= 8, "dramas, chosen by the same people: " + before);
            for (JsonNode item : before.get("items")) {
                assertEquals(List.of("graph"), List.of(item.get("sources").get(0).asText()));
                assertTrue(item.get("reason").asText().startsWith("chosen by people who "), item.toString());
            }
            assertFalse(ids(before).contains("c-new"), "nobody has chosen it yet");

            // Drama fans choose the new film; the fan's next request, in the same second, walks to it.
            for (String user : List.of("u2", "u5", "u8", "u11")) {
                post(t, user, "c-new");
            }
            JsonNode after = t.get("/v1/recommendations/fan?n=10&debug=true").json();
            assertTrue(ids(after).contains("c-new"), after.toString());

            List<String> similar = t.get("/v1/items/c-new/similar?n=5").ids();
            assertEquals(5, similar.size(), similar.toString());
            assertTrue(similar.stream().filter(id -> id.startsWith("c")).count() >= 4, similar.toString());
        }
    }

    private static void post(TestServer t, String user, String item) {
        var r = t.send("POST", "/v1/events", "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"click\"}");
        assertEquals(202, r.status(), r.body());
    }

    private static List<String> ids(JsonNode recommendations) {
        List<String> ids = new java.util.ArrayList<>();
        recommendations.get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
