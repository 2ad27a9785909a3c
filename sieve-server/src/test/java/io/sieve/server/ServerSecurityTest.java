package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigException;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and scopes, the JSON-only rule for bodies, and the refusal to serve the network openly. */
class ServerSecurityTest {
    private static final String READER = "reader-key-0123456789";
    private static final String WRITER = "writer-key-0123456789";
    private static final String ADMIN = "admin-key-0123456789";
    private static final String EVENT = "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\"}";

    @TempDir
    Path dir;

    private SieveConfig config(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("sieve.yaml"), yaml);
        return ConfigLoader.load(file, Map.of());
    }

    private SieveConfig withKeys(boolean openRead) throws IOException {
        return config("""
                security:
                  openRead: %s
                  keys:
                    frontend: {key: %s, scopes: [read]}
                    ingest: {key: %s, scopes: [write]}
                    ops: {key: %s, scopes: [read, write, admin]}
                """.formatted(openRead, READER, WRITER, ADMIN));
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Test
    void eachRouteNeedsItsScope() throws IOException {
        try (TestServer api = new TestServer(dir.resolve("data"), withKeys(false))) {
            api.seedClusters();
            api.start();

            TestServer.Response anonymous = api.send("GET", "/v1/recommendations/u1", null);
            JsonNode missing = anonymous.problem(401);
            assertEquals("urn:sieve:problem:unauthorized", missing.get("type").asText());
            assertEquals("Authorization", missing.get("errors").get(0).get("field").asText());
            assertTrue(anonymous.challenge().startsWith("Bearer realm=\"sieve\""), anonymous.challenge());

            TestServer.Response wrong = api.send("GET", "/v1/recommendations/u1", null, bearer("not-a-key-0123456789"));
            wrong.problem(401);
            assertTrue(wrong.challenge().contains("invalid_token"), wrong.challenge());
            api.send("GET", "/v1/recommendations/u1", null, Map.of("Authorization", "Basic dTpw")).problem(401);

            assertEquals(200, api.send("GET", "/v1/recommendations/u1", null, bearer(READER)).status());
            assertEquals(200, api.send("GET", "/v1/search?q=film", null, bearer(READER)).status());
            assertEquals(200, api.send("GET", "/metrics", null, bearer(READER)).status());
            TestServer.Response readerWrites = api.send("POST", "/v1/events", EVENT, bearer(READER));
            JsonNode forbidden = readerWrites.problem(403);
            assertTrue(forbidden.get("detail").asText().contains("'write'"), forbidden.toString());
            assertTrue(readerWrites.challenge().contains("scope=\"write\""), readerWrites.challenge());

            assertEquals(202, api.send("POST", "/v1/events", EVENT, bearer(WRITER)).status());
            assertEquals(200, api.send("GET", "/v1/items/a1", null, bearer(WRITER)).status());
            api.send("GET", "/v1/recommendations/u1", null, bearer(WRITER)).problem(403);
            api.send("DELETE", "/v1/items/a9", null, bearer(WRITER)).problem(403);
            api.send("POST", "/v1/admin/reload", null, bearer(WRITER)).problem(403);

            assertEquals(204, api.send("DELETE", "/v1/items/a9", null, bearer(ADMIN)).status());
            assertEquals(200, api.send("POST", "/v1/admin/reload", null, bearer(ADMIN)).status());

            // Probes and the API description stay open: orchestrators call them without keys.
            for (String open : new String[] {"/healthz", "/readyz", "/openapi.json", "/"}) {
                assertEquals(200, api.get(open).status(), open);
            }
        }
    }

    @Test
    void openReadLeavesRecommendationsOpenButNotWrites() throws IOException {
        try (TestServer api = new TestServer(dir.resolve("data"), withKeys(true))) {
            api.seedClusters();
            api.start();
            assertEquals(200, api.get("/v1/recommendations/u1").status());
            assertEquals(200, api.get("/v1/items/a1/similar").status());
            api.send("POST", "/v1/events", EVENT).problem(401);
            api.send("GET", "/v1/users/u1", null).problem(401);
        }
    }

    @Test
    void aKeyCanComeFromTheEnvironment() throws IOException {
        SieveConfig config = config("""
                security:
                  keys:
                    ci: {keyEnv: SIEVE_TEST_CI_KEY, scopes: [write]}
                """);
        ApiKeys keys = ApiKeys.from(config.security(), Map.of("SIEVE_TEST_CI_KEY", WRITER));
        assertEquals("ci", keys.match(WRITER).orElseThrow().name());
        assertTrue(keys.match(READER).isEmpty());
        ConfigException unset = assertThrows(ConfigException.class, () -> ApiKeys.from(config.security(), Map.of()));
        assertTrue(unset.getMessage().contains("SIEVE_TEST_CI_KEY is not set"), unset.getMessage());
        ConfigException shortKey = assertThrows(ConfigException.class,
                () -> ApiKeys.from(config.security(), Map.of("SIEVE_TEST_CI_KEY", "short")));
        assertTrue(shortKey.getMessage().contains("at least 16"), shortKey.getMessage());
    }

    @Test
    void bodiesMustBeSentAsJson() {
        try (TestServer api = new TestServer(dir.resolve("data")).start()) {
            // What a web page can make a browser send to any address without asking first.
            for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
                JsonNode p = api.send("POST", "/v1/events", EVENT, Map.of("Content-Type", type)).problem(415);
                assertEquals("Content-Type", p.get("errors").get(0).get("field").asText(), p.toString());
            }
            for (String odd : new String[] {"application/json; charset=latin1", ";;;", "application/"}) {
                api.send("POST", "/v1/events", EVENT, Map.of("Content-Type", odd)).problem(415);
            }
            assertEquals(202, api.send("POST", "/v1/events", EVENT, Map.of("Content-Type", "application/json; charset=UTF-8")).status());
            assertEquals(202, api.send("POST", "/v1/events", EVENT).status());
        }
    }

    @Test
    void aServerWithoutKeysRefusesToServeTheNetwork() throws IOException {
        try (Store store = StoreProviders.open(StoreUrl.parse("rocksdb:store"), dir.resolve("data"))) {
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> SieveServer.start(ConfigLoader.defaults(), store, dir.resolve("data"), "0.0.0.0", 0));
            assertTrue(refused.getMessage().contains("security.allowUnauthenticatedRemote"), refused.getMessage());

        }
        // Allowed explicitly, it starts (checked without binding: tests stay on loopback).
        SieveConfig allowed = config("security: {allowUnauthenticatedRemote: true}\n");
        ApiKeyAuth.forServer(allowed.security(), "0.0.0.0", Map.of());
        ApiKeyAuth.forServer(ConfigLoader.defaults().security(), "localhost", Map.of());
    }
}
