package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog past {@code training.ann.exactBelow} (20,000 items) is indexed by jvector's graph,
 * whose Vector API code the shaded jar must expose (it crashed there when the jar was not
 * multi-release). Trained and served through {@code ./sieve}, as a user would.
 */
class LargeCatalogIT {
    @TempDir
    Path work;

    @Test
    void aCatalogOf25000ItemsTrainsOnTheGraphIndexAndServesFromIt() throws Exception {
        Path data = work.resolve("store");
        Launcher.syntheticStore(data, 25_000, 3_000, 40_000);
        // The ALS index is the graph path under test; the content index (1,024 dimensions) and the
        // ranker would only add minutes on the same code.
        Map<String, String> env = Map.of("SIEVE_RANKING_TYPE", "blend", "SIEVE_TRAINING_CONTENT_ENABLED", "false");
        String out = Launcher.run("train-25k", env, "train", "--data-dir", data.toString());
        assertTrue(out.contains("trained bundle") && out.contains("25,000 items"), out);
        assertFalse(out.contains("Using incubator modules"), "the launcher drops the JVM's incubator warning:\n" + out);
        assertFalse(out.contains("Copied "), "lightgbm4j's extraction lines are not shown:\n" + out);
        assertFalse(out.contains("PhysicalCoreExecutor") || out.contains("Preferred f32 species"), "jvector's notes are not shown:\n" + out);

        String version = Files.readString(data.resolve("bundles/CURRENT")).trim();
        Path bundle = data.resolve("bundles").resolve(version);
        JsonNode index = Json.MAPPER.readTree(bundle.resolve("als-index.index.json").toFile());
        assertEquals("hnsw", index.get("kind").asText(), index.toString());
        assertEquals(25_000, index.get("count").asInt());
        assertTrue(Files.size(bundle.resolve("als-index.graph")) > 0);

        try (ServedProcess server = ServedProcess.start("serve-25k", data, env)) {
            // The first requests of a fresh JVM may let the ALS source miss the retrieval deadline.
            int answeredByGraph = 0;
            for (int u = 0; u < 20; u++) {
                JsonNode r = server.get("/v1/recommendations/u" + u + "?n=10&debug=true").json();
                assertEquals(10, r.get("items").size(), r.toString());
                answeredByGraph += r.get("debug").get("candidates").path("als").asInt() > 0 ? 1 : 0;
            }
            assertTrue(answeredByGraph > 10, "the graph index answered " + answeredByGraph + " of 20 requests");
            assertEquals(200, server.get("/v1/items/i3/similar?n=5").status());
            server.assertAlive();
        }
    }
}
