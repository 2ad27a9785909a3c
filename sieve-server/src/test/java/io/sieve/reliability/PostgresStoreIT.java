package io.sieve.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL as the store, through the launcher and the real jar, set the way a user sets it
 * (SIEVE_STORE_URL): import, train, serve, and a second `sieve train` beside the serving process,
 * reading a snapshot while the server writes.
 */
class PostgresStoreIT {
    @TempDir
    Path data;

    @Test
    void importTrainServeAndTrainAgainBesideTheServer() throws Exception {
        Map<String, String> env = Map.of("SIEVE_STORE_URL", PostgresServer.get().url("launcher"),
                "SIEVE_TRAINING_CONTENT_ENABLED", "false");
        String dir = data.toString();
        String imported = Launcher.run("postgres-import", env, "import", "--data-dir", dir, "--format", "movielens-latest",
                "--path", "datasets/ml-latest-small", "--quiet");
        assertTrue(imported.contains(" accepted, 0 rejected"), imported);
        Launcher.run("postgres-train", env, "train", "--data-dir", dir);
        try (ServedProcess server = ServedProcess.start("postgres-serve", data, env)) {
            JsonNode list = server.get("/v1/recommendations/1?n=5").json();
            assertEquals(5, list.get("items").size(), list.toString());
            String event = "{\"user\":\"new-user\",\"item\":\"%s\",\"type\":\"click\"}".formatted(list.get("items").get(0).get("id").asText());
            assertEquals(202, server.send("POST", "/v1/events", event, Map.of()).status());
            assertEquals(1, server.get("/v1/users/new-user/events").json().get("events").size());
            String again = Launcher.run("postgres-train-beside", env, "train", "--data-dir", dir);
            assertTrue(again.contains("bundle"), again);
            assertEquals(200, server.post("/v1/admin/reload").status(), "the new bundle is picked up");
            server.assertAlive();
        }
    }
}
