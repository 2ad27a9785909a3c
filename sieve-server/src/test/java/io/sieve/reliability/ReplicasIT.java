package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.Eventually;
import io.sieve.online.RedisServer;
import io.sieve.store.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `sieve serve` processes of the real jar on one PostgreSQL, one Redis and one data directory
 * (the bundles), as docs/DEPLOY.md lays them out: they answer as one, a bundle trained beside them
 * reaches both, and Redis stopped under load degrades them without a failed request until it is back.
 */
class ReplicasIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    @TempDir
    Path data;

    private static List<String> ids(ServedProcess server, String user) throws Exception {
        ServedProcess.Response r = server.get("/v1/recommendations/" + user + "?n=10");
        assertEquals(200, r.status(), r.body());
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static double metric(ServedProcess server, String name) throws Exception {
        for (String line : server.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static String readiness(ServedProcess server) throws Exception {
        return server.get("/readyz").json().get("status").asText();
    }

    private static String click(String user, String item) {
        return "{\"user\":\"%s\",\"item\":\"%s\",\"type\":\"click\"}".formatted(user, item);
    }

    @Test
    void twoReplicasAnswerAsOneAndRideOutRedisGoingAway() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            // Deadlines for a loaded CI machine: a source skipped past 50 ms, or a ranking cut at 30,
            // would change a list between two requests, and this test compares lists, not speed.
            Map<String, String> env = Map.of("SIEVE_STORE_URL", PostgresServer.get().url("replicas"),
                    "SIEVE_ONLINE_URL", redis.url(), "SIEVE_TRAINING_CONTENT_ENABLED", "false",
                    "SIEVE_SERVER_BUNDLEPOLLSECONDS", "1", "SIEVE_RETRIEVAL_DEADLINEMS", "5000",
                    "SIEVE_RANKING_DEADLINEMS", "5000");
            Launcher.syntheticStore(data, env, 2_000, 1_000, 40_000);
            Launcher.run("replicas-train", env, "train", "--data-dir", data.toString());
            try (ServedProcess a = ServedProcess.start("replica-a", data, env);
                 ServedProcess b = ServedProcess.start("replica-b", data, env)) {
                // An event accepted by A changes B's next list, and B counts it.
                List<String> before = ids(b, "u1");
                assertEquals(202, a.send("POST", "/v1/events", click("u1", before.getFirst()), Map.of()).status());
                assertFalse(ids(b, "u1").contains(before.getFirst()), "B no longer offers what u1 saw through A");
                Eventually.await("B applies A's update", SOON, () -> metric(b, "sieve_online_updates_applied_total") >= 1);

                // Slates served by A tire u2 of them on B: fatigue (rerank.fatigue.afterImpressions: 3)
                // reads the slates Redis holds.
                List<String> first = ids(a, "u2");
                for (int i = 0; i < 2; i++) {
                    assertEquals(first, ids(a, "u2"), "A serves u2 the same list until fatigue sets in");
                }
                Eventually.await("B sees the slates A served u2", SOON, () -> !ids(b, "u2").equals(first));

                // A bundle trained beside the replicas is served by both.
                String served = a.get("/readyz").json().get("modelVersion").asText();
                Launcher.run("replicas-train-again", env, "train", "--data-dir", data.toString());
                Eventually.await("both replicas swap to the new bundle", SOON, () -> !a.get("/readyz").json().get("modelVersion").asText().equals(served)
                        && a.get("/readyz").json().get("modelVersion").equals(b.get("/readyz").json().get("modelVersion")));

                rideOutRedisGoingAway(redis, a, b);
            }
        }
    }

    /** Requests and events on both replicas while Redis is killed and started again: none fails. */
    private static void rideOutRedisGoingAway(RedisServer redis, ServedProcess a, ServedProcess b) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread load = Thread.ofPlatform().start(() -> {
            Random random = new Random(11);
            while (!stop.get()) {
                ServedProcess server = random.nextBoolean() ? a : b;
                String user = "u" + random.nextInt(1_000);
                try {
                    ServedProcess.Response r = random.nextInt(4) == 0
                            ? server.send("POST", "/v1/events", click(user, "i" + random.nextInt(2_000)), Map.of())
                            : server.get("/v1/recommendations/" + user + "?n=10");
                    statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                    if (r.status() >= 300) {
                        failures.add(r.status() + " " + r.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        try {
            Thread.sleep(1_000);
            redis.kill();
            Eventually.await("A reports the online state degraded", SOON, () -> readiness(a).equals("degraded"));
            JsonNode degraded = a.get("/readyz").json().get("degraded");
            assertEquals("online-state", degraded.get(0).get("kind").asText(), degraded.toString());
            Thread.sleep(2_000);
            double applied = metric(b, "sieve_online_updates_applied_total");
            redis.resume();
            Eventually.await("both replicas are ready again", SOON, () -> readiness(a).equals("ready") && readiness(b).equals("ready"));
            Eventually.await("updates cross again", SOON, () -> metric(b, "sieve_online_updates_applied_total") > applied);
        } finally {
            stop.set(true);
            load.join();
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed requests, first: " + (failures.isEmpty() ? "" : failures.getFirst()));
        assertNotEquals(null, statuses.get(200), "recommendations were served throughout: " + statuses);
        assertTrue(statuses.get(202).get() > 0, "events were accepted throughout: " + statuses);
        a.assertAlive();
        b.assertAlive();
    }
}
