package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.model.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, metrics, reload and the front page. */
class ServerOperationsTest {
    @TempDir
    Path dir;

    @Test
    void emptyStoreIsAliveButNotReady() {
        try (TestServer api = new TestServer(dir).start()) {
            assertEquals("up", api.get("/healthz").json().get("status").asText());
            JsonNode p = api.get("/readyz").problem(503);
            assertTrue(p.get("detail").asText().contains("the catalog is empty"), p.toString());
            TestServer.Response r = api.get("/v1/recommendations/anyone");
            assertEquals(200, r.status(), "a server with nothing to recommend still answers: " + r.body());
            assertEquals(0, r.json().get("items").size());
        }
    }

    @Test
    void aStoreWithItemsButNoEventsServesTheNewestItemsAndSaysSo() {
        try (TestServer api = new TestServer(dir)) {
            api.store.putItems(List.of(
                    new Item("old", "Old", null, List.of("x"), List.of(), Map.of(), TestServer.T0, true),
                    new Item("new", "New", null, List.of("x"), List.of(), Map.of(), TestServer.T0.plusSeconds(60), true)));
            api.start();
            JsonNode ready = api.get("/readyz").json();
            assertEquals("degraded", ready.get("status").asText(), ready.toString());
            assertEquals("no-events", ready.get("degraded").get(0).get("kind").asText(), ready.toString());
            assertEquals(List.of("new", "old"), api.get("/v1/recommendations/anyone?n=5").ids());
            assertTrue(api.get("/metrics").body().contains("sieve_model_degraded{reason=\"no-events\"} 1.0"));
        }
    }

    @Test
    void withoutABundleThePopularityOfTheStoreIsServed() {
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            api.start();
            JsonNode ready = api.get("/readyz").json();
            assertEquals("ready", ready.get("status").asText(), ready.toString());
            assertEquals("a0", api.get("/v1/recommendations/newcomer?n=3").ids().getFirst());
        }
    }

    @Test
    void reloadSwapsInAPublishedBundleAndSurvivesABrokenOne() throws Exception {
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            api.start();
            String first = api.publish(TestServer.T0.plusSeconds(1)).version();
            JsonNode reload = api.send("POST", "/v1/admin/reload", null).json();
            assertEquals(first, reload.get("version").asText());
            assertTrue(reload.get("swapped").asBoolean());
            assertEquals(false, api.send("POST", "/v1/admin/reload", null).json().get("swapped").asBoolean());

            // A bundle directory with a corrupt manifest, named by CURRENT: the old bundle must keep serving.
            Path broken = api.dataDir.resolve("bundles").resolve("29990101-000000-000");
            Files.createDirectories(broken);
            Files.writeString(broken.resolve("manifest.json"), "{ not json");
            Files.writeString(api.dataDir.resolve("bundles").resolve("CURRENT"), "29990101-000000-000\n");
            JsonNode p = api.send("POST", "/v1/admin/reload", null).problem(409);
            assertEquals("urn:sieve:problem:bundle-refused", p.get("type").asText());
            assertTrue(p.get("detail").asText().contains("still serving " + first), p.toString());
            JsonNode ready = api.get("/readyz").json();
            assertEquals(first, ready.get("modelVersion").asText());
            assertEquals("degraded", ready.get("status").asText());
            assertEquals(200, api.get("/v1/recommendations/u1").status());
        }
    }

    @Test
    void metricsCountRequestsPerRouteWithHistograms() {
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            api.start();
            api.get("/v1/recommendations/u1");
            api.get("/v1/recommendations/u2?n=0");
            api.get("/no/such/route");
            TestServer.Response m = api.get("/metrics");
            assertEquals(200, m.status());
            assertTrue(m.contentType().startsWith("text/plain"), m.contentType());
            String text = m.body();
            assertTrue(text.contains("http_server_requests_seconds_bucket{"), "histogram buckets for p50/p99");
            assertTrue(text.contains("route=\"/v1/recommendations/{userId}\",status=\"200\""), text);
            assertTrue(text.contains("route=\"/v1/recommendations/{userId}\",status=\"400\""), text);
            assertTrue(text.contains("route=\"unmatched\",status=\"404\""), text);
            assertTrue(text.contains("sieve_model_age_seconds "), text);
            assertTrue(text.contains("sieve_retrieval_source_timeouts_total{source=\"covisitation\"} 0.0"),
                    "counters exist before the first timeout: " + text);
        }
    }

    @Test
    void frontPageListsTheRoutes() {
        try (TestServer api = new TestServer(dir)) {
            api.seedClusters();
            api.start();
            TestServer.Response r = api.get("/");
            assertEquals(200, r.status());
            assertTrue(r.contentType().startsWith("text/html"), r.contentType());
            assertTrue(r.body().contains("/v1/recommendations/{userId}"), r.body());
            assertTrue(r.body().contains("/v1/items/a0/similar?n=10"), r.body());
        }
    }
}
