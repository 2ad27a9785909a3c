package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 202 from the events API is a promise: the event survives the server being killed right after. */
class ServerDurabilityTest {
    private static final int EVENTS = 200;

    @TempDir
    Path tmp;

    @Test
    void everyEventAcknowledgedWith202SurvivesKillMinus9() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path log = tmp.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The output goes to a file: a pipe nobody drains would stall the server once full.
        Process server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ServedEventsProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int acknowledged = 0;
        try {
            URI events = URI.create("http://127.0.0.1:" + awaitPort(server, log) + "/v1/events");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int n = 0; n < EVENTS; n++) {
                HttpRequest post = HttpRequest.newBuilder(events)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"user\":\"u" + n % 7 + "\",\"item\":\"i" + n + "\",\"type\":\"view\"}"))
                        .build();
                HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
                assertEquals(202, response.statusCode(), response.body());
                acknowledged++;
            }
        } finally {
            // SIGKILL: no shutdown hook, no server stop, no store close, no memtable flush.
            server.destroyForcibly();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        }

        Set<String> stored = new HashSet<>();
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dataDir)) {
            store.forEachEvent(e -> stored.add(e.item()));
        }
        for (int n = 0; n < acknowledged; n++) {
            assertTrue(stored.contains("i" + n), "acknowledged event i" + n + " was lost");
        }
        assertEquals(EVENTS, acknowledged);
    }

    /** Waits for the line announcing the port; the server's log lines come before it. */
    private static int awaitPort(Process server, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> announced = Files.readAllLines(log).stream().filter(l -> l.startsWith("PORT ")).findFirst();
            if (announced.isPresent()) {
                return Integer.parseInt(announced.get().substring("PORT ".length()));
            }
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server process did not start listening:\n" + Files.readString(log));
    }
}
