package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged bundle never reaches the requests: a reload of it is refused with a problem response
 * and the served bundle stays; a server that starts on it serves the newest intact bundle; both
 * say they are degraded until an intact bundle is published.
 */
class ServerBundleIntegrityTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedModelFileIsRefusedOnReloadAndAtStart() throws Exception {
        String intact;
        String damaged;
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            api.start();
            intact = api.publish(TestServer.T0.plusSeconds(1)).version();
            assertTrue(api.send("POST", "/v1/admin/reload", null).json().get("swapped").asBoolean());

            damaged = api.publish(TestServer.T0.plusSeconds(2)).version();
            truncate(dir.resolve("bundles").resolve(damaged).resolve("als.bin"));
            JsonNode p = api.send("POST", "/v1/admin/reload", null).problem(409);
            assertEquals("urn:sieve:problem:bundle-refused", p.get("type").asText());
            assertTrue(p.get("detail").asText().contains("als.bin"), p.toString());
            assertTrue(p.get("detail").asText().contains("still serving " + intact), p.toString());

            assertDegraded(api, intact, damaged);
            String metrics = api.get("/metrics").body();
            assertTrue(metrics.contains("sieve_model_degraded{reason=\"bundle-refused\"} 1.0"), metrics);
            assertTrue(metrics.contains("sieve_model_bundles_refused_total 1.0"), metrics);
            JsonNode served = api.get("/v1/recommendations/u1?debug=true").json();
            assertEquals(intact, served.get("debug").get("modelVersion").asText());
        }

        try (TestServer restarted = new TestServer(dir).start()) {
            assertDegraded(restarted, intact, damaged);
            assertEquals(200, restarted.get("/v1/recommendations/u1").status());

            String fixed = restarted.publish(TestServer.T0.plusSeconds(3)).version();
            assertTrue(restarted.send("POST", "/v1/admin/reload", null).json().get("swapped").asBoolean());
            JsonNode ready = restarted.get("/readyz").json();
            assertEquals("ready", ready.get("status").asText(), ready.toString());
            assertEquals(fixed, ready.get("modelVersion").asText());
        }
    }

    private static void assertDegraded(TestServer api, String served, String refused) {
        JsonNode ready = api.get("/readyz").json();
        assertEquals("degraded", ready.get("status").asText(), ready.toString());
        assertEquals(served, ready.get("modelVersion").asText());
        JsonNode why = ready.get("degraded").get(0);
        assertEquals("bundle-refused", why.get("kind").asText());
        assertTrue(why.get("detail").asText().contains("bundle " + refused + " refused"), why.toString());
    }

    private static void truncate(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }
}
