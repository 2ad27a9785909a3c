package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items added through the API after training are found by their text at once: in "more like
 * this" for one another and in search for words of their descriptions, with no retraining.
 */
class ContentDiscoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void anItemAddedThroughTheApiIsFoundBySimilarAndSearchWithoutRetraining() {
        try (TestServer t = new TestServer(dataDir)) {
            t.seedClusters();
            t.publish(Instant.parse("2026-02-01T00:00:00Z"));
            t.start();
            assertEquals(200, t.send("PUT", "/v1/items/heist-1", """
                    {"title": "The Sunken Vault", "description": "A crew of divers plans a heist on a sunken bank vault",
                     "categories": ["action"]}""").status());
            assertEquals(200, t.send("PUT", "/v1/items/heist-2", """
                    {"title": "Deep Water Heist", "description": "Divers rob the vault of a sunken treasure ship",
                     "categories": ["drama"]}""").status());

            List<String> similar = t.get("/v1/items/heist-1/similar?n=5").ids();
            assertEquals("heist-2", similar.get(0), similar.toString());

            var found = t.get("/v1/search?q=divers%20heist%20sunken%20vault&n=5");
            assertEquals(200, found.status(), found.body());
            assertEquals(List.of("heist-1", "heist-2"), found.ids().subList(0, 2), found.body());
            assertTrue(found.json().get("items").get(0).get("reason").asText().startsWith("matches"));

            var personal = t.get("/v1/search?q=film&user=u1&n=5");
            assertEquals(5, personal.ids().size(), personal.body());
            t.get("/v1/search").problem(400);
        }
    }
}
