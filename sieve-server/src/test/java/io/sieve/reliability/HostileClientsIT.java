package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.server.hostile.HostileRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server against clients that mean harm, each run through {@code ./sieve serve} in its
 * own process: 5,000 generated hostile requests (malformed paths, escapes, headers, bodies, methods,
 * versions) get no 5xx and every error as problem+json; with API keys configured, every route asks
 * for its scope and a key without it is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsIT {
    private static final String READER = "reader-key-0123456789";
    private static final String WRITER = "writer-key-0123456789";
    private static final String ADMIN = "admin-key-0123456789";
    private static final String EVENT = "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}";

    @TempDir
    static Path work;
    private Path data;

    @BeforeAll
    void store() throws Exception {
        data = work.resolve("store");
        Launcher.syntheticStore(data, 500, 500, 10_000);
        Launcher.run("hostile-train", Map.of("SIEVE_RANKING_TRAINING_MAXREQUESTS", "300"), "train", "--data-dir", data.toString());
    }

    @Test
    void fiveThousandHostileRequestsGetNoServerErrorAndOnlyProblemJson() throws Exception {
        try (ServedProcess server = ServedProcess.start("hostile-serve", data, Map.of())) {
            HostileRequests.Tally tally = HostileRequests.run("127.0.0.1", server.base.getPort(), 11, 5_000);
            assertEquals(5_000, tally.sent());
            assertEquals(0, tally.serverErrorCount(), tally.toString());
            assertEquals(0, tally.notProblemJsonCount(), tally.toString());
            server.assertAlive();
        }
    }

    @Test
    void everyRouteAsksForItsScope() throws Exception {
        Path config = Files.writeString(work.resolve("keys.yaml"), """
                security:
                  keys:
                    frontend: {key: %s, scopes: [read]}
                    ingest: {keyEnv: SIEVE_TEST_INGEST_KEY, scopes: [write]}
                    ops: {key: %s, scopes: [read, write, admin]}
                """.formatted(READER, ADMIN));
        Map<String, String> env = Map.of("SIEVE_CONFIG", config.toString(), "SIEVE_TEST_INGEST_KEY", WRITER);
        try (ServedProcess server = ServedProcess.start("scopes-serve", data, env)) {
            assertEquals(401, server.send("GET", "/v1/recommendations/u1", null, Map.of()).status(), "no key");
            assertEquals(401, server.send("GET", "/v1/recommendations/u1", null, bearer("not-a-key-0123456789")).status());
            assertEquals(200, server.send("GET", "/v1/recommendations/u1", null, bearer(READER)).status());
            assertForbidden(server.send("POST", "/v1/events", EVENT, bearer(READER)));
            assertEquals(202, server.send("POST", "/v1/events", EVENT, bearer(WRITER)).status(), "a key from the environment");
            assertForbidden(server.send("POST", "/v1/admin/reload", null, bearer(WRITER)));
            assertForbidden(server.send("DELETE", "/v1/users/u1", null, bearer(WRITER)));
            assertEquals(200, server.send("POST", "/v1/admin/reload", null, bearer(ADMIN)).status());
            assertEquals(200, server.send("GET", "/healthz", null, Map.of()).status(), "liveness stays open");
        }
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static void assertForbidden(ServedProcess.Response r) {
        assertEquals(403, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }
}
