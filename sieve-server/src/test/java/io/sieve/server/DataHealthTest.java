package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.cli.SieveCommand;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data's health as operators see it (GET /v1/admin/health and the gauges behind the alerts):
 * drift of the learned ranker's inputs, serving against training, on MovieLens 100K; and events
 * that stop arriving.
 */
class DataHealthTest {
    private static final Path DATA = Path.of(System.getProperty("sieve.shared.data", "../../shared/data"));

    @TempDir
    Path dir;

    /**
     * Requests from the users the ranker was trained on leave every feature's PSI under the
     * threshold; requests from a segment it never saw (new users, each known by one rating) push
     * features past it, in the health report and the Prometheus gauges.
     */
    @Test
    void trafficFromANewSegmentRaisesTheDriftGaugesAndUnchangedTrafficDoesNot() {
        assertEquals(0, SieveCommand.commandLine().execute("import", "--data-dir", dir.toString(), "--format", "movielens-100k",
                "--path", DATA.resolve("ml-100k").toString(), "--quiet"));
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of(
                // Served whatever its validation says: drift is watched on the learned ranker's inputs.
                "ranking.gate", "false", "ranking.training.maxRequests", "400",
                "retrieval.deadlineMs", "60000", "ranking.deadlineMs", "60000",
                "monitoring.drift.windowRequests", "400", "monitoring.drift.minRequests", "200",
                "monitoring.drift.sampleEvery", "1"));
        try (TestServer api = new TestServer(dir, config)) {
            api.publish(Instant.parse("2026-12-01T00:00:00Z"));
            api.start();
            JsonNode before = api.get("/v1/admin/health").json().get("drift");
            assertFalse(before.get("measured").asBoolean(), before.toString());

            // Unchanged traffic: the active users, as the reference's are (those with the latest events).
            for (String user : latestUsers(api, 300)) {
                assertEquals(200, api.get("/v1/recommendations/" + user + "?n=10").status());
            }
            JsonNode unchanged = api.get("/v1/admin/health").json().get("drift");
            assertTrue(unchanged.get("measured").asBoolean(), unchanged.toString());
            assertEquals(0, drifted(unchanged).size(), "drifted on unchanged traffic: " + unchanged);
            assertEquals(0.0, gauge(api, "sieve_drift_features_over_threshold"), 0.0);

            // A new market: users the ranker never saw, each known by one rating of a popular film.
            for (int user = 0; user < 300; user++) {
                String event = "{\"user\":\"new-%d\",\"item\":\"%d\",\"type\":\"rating\",\"value\":5}".formatted(user, 1 + user % 5);
                assertEquals(202, api.send("POST", "/v1/events", event).status());
                assertEquals(200, api.get("/v1/recommendations/new-" + user + "?n=10").status());
            }
            JsonNode health = api.get("/v1/admin/health").json();
            List<String> moved = drifted(health.get("drift"));
            assertFalse(moved.isEmpty(), health.toString());
            assertEquals("alert", health.get("status").asText(), health.toString());
            assertTrue(health.get("alerts").toString().contains("drift: feature " + moved.getFirst()), health.toString());
            assertEquals(moved.size(), gauge(api, "sieve_drift_features_over_threshold"), 0.0);
            assertTrue(gauge(api, "sieve_drift_psi{feature=\"" + moved.getFirst() + "\"}") > config.monitoring().drift().psiThreshold());
        }
    }

    /** Events that stop arriving make the events signal stale once its threshold passes; the next event clears it. */
    @Test
    void stoppedIngestionFiresTheFreshnessAlertAfterItsThreshold() throws InterruptedException {
        SieveConfig config = ConfigLoader.withSettings(ConfigLoader.defaults(), Map.of("monitoring.freshness.eventsMaxAge", "PT2S"));
        try (TestServer api = new TestServer(dir, config)) {
            api.seedClusters();
            api.start();
            assertEquals(202, api.send("POST", "/v1/events", "{\"user\":\"u1\",\"item\":\"b3\",\"type\":\"rating\"}").status());
            JsonNode events = signal(api, "events");
            assertFalse(events.get("stale").asBoolean(), events.toString());
            assertEquals(2.0, events.get("thresholdSeconds").asDouble(), 0.0);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (gauge(api, "sieve_freshness_stale{signal=\"events\"}") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(1.0, gauge(api, "sieve_freshness_stale{signal=\"events\"}"), 0.0);
            JsonNode health = api.get("/v1/admin/health").json();
            assertEquals("alert", health.get("status").asText(), health.toString());
            assertTrue(health.get("alerts").get(0).asText().startsWith("events: no event accepted for"), health.toString());
            assertTrue(signal(api, "events").get("ageSeconds").asDouble() > 2.0);
            assertFalse(signal(api, "counters").get("stale").asBoolean(), "the counters' threshold is an hour");

            assertEquals(202, api.send("POST", "/v1/events", "{\"user\":\"u2\",\"item\":\"c3\",\"type\":\"rating\"}").status());
            assertFalse(signal(api, "events").get("stale").asBoolean());
        }
    }

    private static List<String> latestUsers(TestServer api, int n) {
        Map<String, Instant> latest = new HashMap<>();
        api.store.forEachEvent(e -> latest.merge(e.user(), e.timestamp(), (a, b) -> a.isAfter(b) ? a : b));
        return latest.entrySet().stream().sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
                .limit(n).map(Map.Entry::getKey).toList();
    }

    private static JsonNode signal(TestServer api, String name) {
        for (JsonNode s : api.get("/v1/admin/health").json().get("freshness")) {
            if (s.get("signal").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no signal " + name);
    }

    private static List<String> drifted(JsonNode drift) {
        List<String> out = new ArrayList<>();
        drift.get("features").forEach(f -> {
            if (f.get("drifted").asBoolean()) {
                out.add(f.get("feature").asText());
            }
        });
        return out;
    }

    /** A sample's value in the Prometheus text GET /metrics returns. */
    private static double gauge(TestServer api, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(api.get("/metrics").body());
        assertTrue(m.find(), sample + " is not in /metrics");
        return Double.parseDouble(m.group(1));
    }
}
