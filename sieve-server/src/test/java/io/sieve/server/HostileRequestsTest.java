package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.server.hostile.HostileRequests;
import java.net.URI;
import java.nio.file.Path;
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
}
