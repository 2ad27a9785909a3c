package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.config.ConfigLoader;
import io.sieve.server.hostile.HostileRequests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 5,000 generated hostile requests over raw sockets: no 5xx, and every error is problem+json. */
class HostileRequestsTest {
    private static final long SEED = 20_260_101L;
    private static final int REQUESTS = 5_000;

    @TempDir
    Path dir;

    @Test
    void theServerAnswersHostileRequestsWithClientErrors() {
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            api.start();
            URI url = URI.create(api.server().url());
            HostileRequests.Tally tally = HostileRequests.run(url.getHost(), url.getPort(), SEED, REQUESTS);

            assertEquals(REQUESTS, tally.sent());
            assertEquals(0, tally.serverErrorCount(), tally.toString());
            assertEquals(0, tally.notProblemJsonCount(), tally.toString());
            // Garbage may be answered by closing the connection, but most requests must get an answer.
            assertTrue(tally.unansweredCount() < REQUESTS / 20, tally.toString());
            assertEquals(200, api.get("/healthz").status(), "the server is still up");
        }
    }

    /** With API keys the same requests meet the key check first: refusals there are problems too. */
    @Test
    void hostileRequestsToAServerWithKeysGetProblemsToo() throws IOException {
        Path file = Files.writeString(dir.resolve("sieve.yaml"),
                "security: {keys: {ops: {key: hostile-test-key-0123, scopes: [read, write, admin]}}}\n");
        try (TestServer api = new TestServer(dir.resolve("data"), ConfigLoader.load(file, Map.of()))) {
            api.seedClusters();
            api.start();
            URI url = URI.create(api.server().url());
            HostileRequests.Tally tally = HostileRequests.run(url.getHost(), url.getPort(), SEED + 1, REQUESTS / 5);

            assertEquals(0, tally.serverErrorCount(), tally.toString());
            assertEquals(0, tally.notProblemJsonCount(), tally.toString());
            assertTrue(tally.byStatus().getOrDefault(401, 0) > 0, tally.toString());
        }
    }
}
