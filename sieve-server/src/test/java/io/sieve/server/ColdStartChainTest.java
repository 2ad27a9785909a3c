package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user walks the cold-start chain through the API, and debug output names each step:
 * nothing known (global popularity), a profile (segment), picked categories (onboarding), the
 * first clicks (session), then enough history to be fully personalised.
 */
class ColdStartChainTest {
    @TempDir
    Path dataDir;

    @Test
    void aNewUserMovesAlongTheChainAndDebugSaysWhere() {
        try (TestServer t = new TestServer(dataDir)) {
            t.seedClusters();
            t.publish(Instant.parse("2026-02-01T00:00:00Z"));
            t.start();
            assertEquals("global", stage(t));

            assertEquals(200, t.send("PUT", "/v1/users/newbie", "{\"attributes\": {\"age\": 31}}").status());
            assertEquals("segment", stage(t));

            var onboarded = t.send("POST", "/v1/users/newbie/onboarding", "{\"categories\": [\"comedy\"]}");
            assertEquals(200, onboarded.status(), onboarded.body());
            assertEquals("onboarding", stage(t));
            JsonNode picks = t.get("/v1/recommendations/newbie?n=5&debug=true").json();
            for (JsonNode item : picks.get("items")) {
                assertTrue(item.get("id").asText().startsWith("b"), "comedies first: " + picks);
            }

            for (String film : new String[] {"c1", "c2"}) {
                assertEquals(202, t.send("POST", "/v1/events",
                        "{\"user\":\"newbie\",\"item\":\"" + film + "\",\"type\":\"click\"}").status());
            }
            assertEquals("session", stage(t));
            for (String film : new String[] {"c3", "c4", "c5"}) {
                t.send("POST", "/v1/events", "{\"user\":\"newbie\",\"item\":\"" + film + "\",\"type\":\"click\"}");
            }
            assertEquals("personalised", stage(t));

            t.send("POST", "/v1/users/newbie/onboarding", "{\"items\": [\"nope\"]}").problem(400);
            t.send("POST", "/v1/users/newbie/onboarding", "{}").problem(400);
        }
    }

    private static String stage(TestServer t) {
        return t.get("/v1/recommendations/newbie?n=5&debug=true").json().get("debug").get("coldStart").asText();
    }
}
