package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing bundles while clients hammer the server drops no request and changes the served model. */
class ServerHotSwapTest {
    private static final int CLIENTS = 6;
    private static final int MAX_REQUESTS_PER_CLIENT = 3000;
    private static final int PUBLICATIONS = 5;

    @TempDir
    Path dir;

    @Test
    void swapsUnderLoadDropNothing() throws Exception {
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            String initial = api.publish(TestServer.T0.plusSeconds(1)).version();
            api.start();

            AtomicBoolean stop = new AtomicBoolean();
            Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<Integer>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> {
                        int done = 0;
                        while (!stop.get() && done < MAX_REQUESTS_PER_CLIENT) {
                            TestServer.Response r = api.get("/v1/recommendations/u" + (client * 5 + done) % 30 + "?n=5&debug=true");
                            done++;
                            if (r.status() != 200) {
                                failures.add(r.status() + " " + r.body());
                                continue;
                            }
                            JsonNode body = r.json();
                            if (body.get("items").isEmpty()) {
                                failures.add("empty list: " + r.body());
                            }
                            versionsSeen.add(body.get("debug").get("modelVersion").asText());
                        }
                        return done;
                    }));
                }
                List<String> published = new ArrayList<>();
                for (int i = 0; i < PUBLICATIONS; i++) {
                    Thread.sleep(400);
                    String version = api.publish(TestServer.T0.plusSeconds(100 + i)).version();
                    published.add(version);
                    JsonNode reload = api.send("POST", "/v1/admin/reload", null).json();
                    assertEquals(version, reload.get("version").asText(), reload.toString());
                }
                Thread.sleep(400);
                stop.set(true);
                int total = 0;
                for (Future<Integer> f : clients) {
                    total += f.get();
                }
                assertTrue(failures.isEmpty(), failures.size() + " of " + total + " requests failed, e.g. " + failures.peek());
                assertTrue(versionsSeen.contains(initial), versionsSeen.toString());
                assertTrue(versionsSeen.contains(published.getLast()), versionsSeen + " lacks " + published.getLast());
                assertTrue(versionsSeen.size() > 2, "several versions should have served: " + versionsSeen);
            }
        }
    }
}
