package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-request filters and per-surface list lengths, through the HTTP API. */
class RequestRulesTest {
    @TempDir
    Path dataDir;

    @Test
    void aRequestsFiltersHoldAndAMalformedOneIsAProblemNamingIt() {
        var config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("ranking.type", "blend"));
        try (TestServer t = new TestServer(dataDir, config)) {
            t.seedClusters();
            t.start();
            assertFalse(t.get("/v1/recommendations/u0?n=5").ids().stream().allMatch(id -> id.startsWith("b")));
            var comedy = t.get("/v1/recommendations/u0?n=5&filter=category:eq:comedy");
            assertEquals(200, comedy.status(), comedy.body());
            assertFalse(comedy.ids().isEmpty());
            assertTrue(comedy.ids().stream().allMatch(id -> id.startsWith("b")), comedy.body());

            JsonNode problem = t.get("/v1/recommendations/u0?filter=price:below:20").problem(400);
            assertEquals("filter", problem.get("errors").get(0).get("field").asText());
            assertTrue(problem.get("errors").get(0).get("reason").asText().contains("op"), problem.toString());
        }
    }

    @Test
    void eachSurfaceHasItsOwnDefaultLength() throws Exception {
        Path file = dataDir.resolve("sieve.yaml");
        java.nio.file.Files.writeString(file, "ranking: {type: blend}\nserver: {itemsPerSurface: {email: 3}}\n");
        var config = ConfigLoader.load(file, Map.of());
        try (TestServer t = new TestServer(dataDir, config)) {
            t.seedClusters();
            t.start();
            assertEquals(3, t.get("/v1/recommendations/u0?surface=email").ids().size());
            assertEquals(10, t.get("/v1/recommendations/u0?surface=home").ids().size());
        }
    }
}
