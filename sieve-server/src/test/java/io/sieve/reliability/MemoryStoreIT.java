package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sieve serve} on {@code store.url: memory:}, set the way a user would set it (an
 * environment variable): the server says at start that nothing will survive, serves what it is
 * sent, and after a restart has none of it; nothing is written into the data directory's store.
 */
class MemoryStoreIT {
    private static final Map<String, String> MEMORY = Map.of("SIEVE_STORE_URL", "memory:");
    private static final String ITEM = "{\"id\": \"a\", \"title\": \"Alpha\"}";
    private static final String EVENT = "{\"user\": \"u1\", \"item\": \"a\", \"type\": \"view\"}";

    @TempDir
    Path data;

    @Test
    void aServerOnAMemoryStoreWarnsServesAndForgetsOnRestart() throws Exception {
        try (ServedProcess server = ServedProcess.start("memory-serve", data, MEMORY)) {
            assertEquals(200, server.send("PUT", "/v1/items/a", ITEM, Map.of()).status());
            assertEquals(202, server.send("POST", "/v1/events", EVENT, Map.of()).status());
            assertEquals("u1", server.get("/v1/users/u1/events").json().get("user").asText());
            assertEquals(200, server.get("/v1/recommendations/u2").status());
            String log = Files.readString(server.log());
            assertTrue(log.contains("WARN") && log.contains("store.url memory: is not durable: what is written is lost when this "
                    + "process stops, and nothing survives a restart"), log);
        }
        assertTrue(Files.notExists(data.resolve("store")), "no RocksDB store was made");
        try (ServedProcess restarted = ServedProcess.start("memory-restart", data, MEMORY)) {
            assertEquals(404, restarted.get("/v1/items/a").status());
            assertEquals(404, restarted.get("/v1/users/u1/events").status());
        }
    }
}
