package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.config.ConfigLoader;
import io.sieve.config.SieveConfig;
import io.sieve.model.Impression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment through the HTTP API: who sees what, what is logged, and the results a client reads. */
class ServerExperimentsTest {
    private static final String READER = "reader-key-0123456789";
    private static final String ADMIN = "admin-key-0123456789";

    @TempDir
    Path dir;

    private SieveConfig config() throws IOException {
        Path file = Files.writeString(dir.resolve("sieve.yaml"), """
                security:
                  keys:
                    frontend: {key: %s, scopes: [read, write]}
                    ops: {key: %s, scopes: [read, write, admin]}
                experiments:
                  ranker:
                    salt: ranker-1
                    variants:
                      control: {weight: 0.5}
                      popular: {weight: 0.5, overlay: {retrieval.sources.als.enabled: false, retrieval.sources.ease.enabled: false,
                                                       retrieval.sources.covisitation.enabled: false, retrieval.sources.graph.enabled: false, ranking.type: blend}}
                """.formatted(READER, ADMIN));
        return ConfigLoader.load(file, Map.of());
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Test
    void variantsAreServedLoggedAndAnalysed() throws Exception {
        try (TestServer api = new TestServer(dir.resolve("data"), config())) {
            api.seedClusters();
            api.publish(TestServer.T0.plus(Duration.ofDays(30)));
            api.start();

            Map<String, String> variantOf = new HashMap<>();
            Map<String, String> requestOf = new HashMap<>();
            for (int u = 0; u < 30; u++) {
                TestServer.Response r = api.send("GET", "/v1/recommendations/u" + u + "?n=5", null, bearer(READER));
                assertEquals(200, r.status(), r.body());
                JsonNode body = r.json();
                String variant = body.path("experiments").path("ranker").asText();
                assertTrue(variant.equals("control") || variant.equals("popular"), r.body());
                variantOf.put("u" + u, variant);
                requestOf.put("u" + u, body.get("requestId").asText());
                // Sticky: asked again, the same variant.
                assertEquals(variant, api.send("GET", "/v1/recommendations/u" + u + "?n=5", null, bearer(READER))
                        .json().path("experiments").path("ranker").asText());
            }
            assertEquals(2, new java.util.HashSet<>(variantOf.values()).size(), "30 users fill both arms: " + variantOf);

            // Clicks carry the requestId of the list they came from.
            List<String> clicks = new ArrayList<>();
            variantOf.forEach((user, variant) -> clicks.add("{\"user\":\"%s\",\"item\":\"c9\",\"type\":\"click\",\"requestId\":\"%s\"}"
                    .formatted(user, requestOf.get(user))));
            assertEquals(202, api.send("POST", "/v1/events/batch", "[" + String.join(",", clicks) + "]", bearer(READER)).status());

            // QA: choosing a variant needs the admin scope, and is not an exposure.
            TestServer.Response refused = api.send("GET", "/v1/recommendations/u1?variant=ranker:popular", null, bearer(READER));
            assertEquals("variant", TestServer.fields(refused.problem(403)).get(0));
            // A preview is not logged, so it is the admin's too.
            assertEquals("preview", TestServer.fields(api.send("GET", "/v1/recommendations/u1?preview=true", null, bearer(READER))
                    .problem(403)).get(0));
            assertEquals(200, api.send("GET", "/v1/recommendations/u1?preview=true", null, bearer(ADMIN)).status());
            TestServer.Response forced = api.send("GET", "/v1/recommendations/u1?variant=ranker:popular&debug=true", null, bearer(ADMIN));
            assertEquals("popular", forced.json().path("experiments").path("ranker").asText());
            assertFalse(forced.json().path("debug").path("candidates").has("als"), "the popular arm runs without ALS");
            assertEquals("variant", TestServer.fields(api.send("GET", "/v1/recommendations/u1?variant=ranker:nope", null,
                    bearer(ADMIN)).problem(400)).get(0));
            assertEquals("variant", TestServer.fields(api.send("GET", "/v1/recommendations/u1?variant=ranker", null,
                    bearer(ADMIN)).problem(400)).get(0));
            String forcedId = forced.json().get("requestId").asText();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (api.store.impressionCount() < 61 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<Impression> logged = new ArrayList<>();
            api.store.forEachImpression(logged::add);
            for (Impression i : logged) {
                if (i.requestId().equals(forcedId)) {
                    assertNull(i.experiments(), "a forced variant is not an exposure");
                } else {
                    assertEquals(variantOf.get(i.user()), i.experiments().get("ranker"));
                    assertTrue(i.latencyMs() != null && i.latencyMs() > 0);
                }
            }

            api.get("/v1/experiments").problem(401);
            JsonNode list = api.send("GET", "/v1/experiments", null, bearer(ADMIN)).json();
            assertEquals("ranker", list.get("experiments").get(0).get("name").asText());
            JsonNode results = api.send("GET", "/v1/experiments/ranker/results", null, bearer(ADMIN)).json();
            assertEquals("ranker", results.get("name").asText());
            long control = variantOf.values().stream().filter("control"::equals).count();
            assertEquals(control, results.at("/variants/control/users").asLong());
            assertEquals(2 * control, results.at("/variants/control/impressions").asLong());
            assertEquals(control, results.at("/variants/control/clicks").asLong());
            assertEquals(0.5, results.at("/variants/control/ctr/value").asDouble(), 1e-9);
            assertEquals(2, results.at("/variants/control/ctr/ci").size());
            JsonNode ctr = results.get("comparisons").get(0);
            assertEquals("popular", ctr.get("variant").asText());
            assertEquals("control", ctr.get("against").asText());
            assertEquals("ctr", ctr.get("metric").asText());
            for (String field : List.of("lift", "pValue", "significant")) {
                assertTrue(ctr.has(field), field + " in " + ctr);
            }
            assertTrue(results.at("/srm/ok").isBoolean() && results.at("/srm/pValue").isNumber(), results.toString());
            api.send("GET", "/v1/experiments/nope/results", null, bearer(ADMIN)).problem(404);
        }
    }
}
