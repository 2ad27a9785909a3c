package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL killed while `sieve serve` (the real jar) takes events: every event the server
 * acknowledged (202) is in the database after it comes back; while it is down, writes are refused
 * with a 503 problem the client can retry, and the server stays up.
 */
class PostgresCrashIT {
    private static final int WRITERS = 2;

    @TempDir
    Path data;

    @Test
    void noAcknowledgedEventIsLostWhenPostgresDiesMidWrite() throws Exception {
        PostgresServer postgres = PostgresServer.get();
        String url = postgres.url("crash");
        Map<String, String> env = Map.of("SIEVE_STORE_URL", url);
        Set<String> acknowledged = java.util.Collections.synchronizedSet(new HashSet<>());
        Map<Integer, Integer> statuses = java.util.Collections.synchronizedMap(new TreeMap<>());
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (ServedProcess server = ServedProcess.start("postgres-crash", data, env)) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String user = "writer" + w;
                writers.add(Thread.ofPlatform().start(() -> {
                    long t = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
                    for (int n = 0; !stop.get(); n++) {
                        // Each event unique (user, item, type, millisecond): one row each when stored.
                        String item = "i" + n;
                        String body = "{\"user\":\"%s\",\"item\":\"%s\",\"type\":\"click\",\"timestamp\":\"%s\"}"
                                .formatted(user, item, Instant.ofEpochMilli(t + n));
                        try {
                            ServedProcess.Response r = server.send("POST", "/v1/events", body, Map.of());
                            statuses.merge(r.status(), 1, Integer::sum);
                            if (r.status() == 202) {
                                acknowledged.add(user + "/" + item);
                            } else if (r.status() != 503 || !r.body().contains("store-unavailable")) {
                                unexpected.add(r.status() + " " + r.body());
                            }
                        } catch (Exception e) {
                            unexpected.add(e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(1_500);
            postgres.crash();
            try {
                Thread.sleep(6_000);
            } finally {
                postgres.resume();
            }
            int before = acknowledged.size();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (acknowledged.size() < before + 50 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            server.assertAlive();
        }
        assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected answers, first: " + (unexpected.isEmpty() ? "" : unexpected.getFirst()));
        assertTrue(statuses.getOrDefault(503, 0) > 0, "writes were refused while PostgreSQL was down: " + statuses);
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT user_id, item FROM events")) {
            while (r.next()) {
                stored.add(r.getString(1) + "/" + r.getString(2));
            }
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged events missing after the crash (" + acknowledged.size() + " acknowledged, "
                + statuses + ")");
        assertTrue(acknowledged.size() > 100, "enough writes went through around the crash: " + statuses);
    }
}
