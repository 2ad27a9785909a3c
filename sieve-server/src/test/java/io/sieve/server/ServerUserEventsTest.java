package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /v1/users/{id}/events and /impressions read back what was stored and shown, newest first. */
class ServerUserEventsTest {
    @TempDir
    Path dir;

    @Test
    void eventsComeBackNewestFirstPageByPage() {
        try (TestServer api = new TestServer(dir).start()) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 25; i++) {
                batch.append(i == 0 ? "" : ",").append("{\"user\":\"reader\",\"item\":\"i").append(i)
                        .append("\",\"type\":\"rating\",\"value\":").append(i % 5 + 1)
                        .append(",\"timestamp\":").append(1_700_000_000 + i).append(",\"surface\":\"home\"}");
            }
            assertEquals(202, api.send("POST", "/v1/events/batch", batch + "]").status());

            List<String> items = new ArrayList<>();
            String before = null;
            int pages = 0;
            do {
                JsonNode page = api.get("/v1/users/reader/events?limit=10"
                        + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8))).json();
                assertEquals("reader", page.get("user").asText());
                page.get("events").forEach(e -> items.add(e.get("item").asText()));
                before = page.has("next") ? page.get("next").asText() : null;
                pages++;
            } while (before != null);
            assertEquals(3, pages);
            List<String> expected = new ArrayList<>();
            for (int i = 24; i >= 0; i--) {
                expected.add("i" + i);
            }
            assertEquals(expected, items);

            JsonNode newest = api.get("/v1/users/reader/events?limit=1").json().get("events").get(0);
            assertEquals("2023-11-14T22:13:44Z", newest.get("timestamp").asText());
            assertEquals(5.0, newest.get("value").asDouble());
            assertEquals("home", newest.get("surface").asText());
            assertEquals(5, api.get("/v1/users/reader/events?before=1700000005").json().get("events").size(),
                    "before takes epoch seconds too, and is exclusive");
        }
    }

    @Test
    void unknownUsersAndBadParametersAreProblems() {
        try (TestServer api = new TestServer(dir).start()) {
            api.get("/v1/users/nobody/events").problem(404);
            assertEquals(200, api.send("PUT", "/v1/users/profile-only", "{}").status());
            JsonNode empty = api.get("/v1/users/profile-only/events").json();
            assertEquals(0, empty.get("events").size());
            assertFalse(empty.has("next"));
            for (String limit : List.of("0", "1001", "abc")) {
                JsonNode p = api.get("/v1/users/profile-only/events?limit=" + limit).problem(400);
                assertEquals("limit", p.get("errors").get(0).get("field").asText());
            }
            JsonNode p = api.get("/v1/users/profile-only/events?before=yesterday").problem(400);
            assertEquals("before", p.get("errors").get(0).get("field").asText());
            assertTrue(api.get("/v1/users/profile-only/events?before=99999999999999999").problem(400).toString().contains("before"));
        }
    }

    /**
     * GET /v1/users/{id}/impressions gives back the slates the user was served, newest first; a
     * preview (the console's "view as this user") is answered like any list but never logged.
     */
    @Test
    void shownSlatesComeBackAndAPreviewIsNotLogged() throws InterruptedException {
        try (TestServer api = TestServer.seeded(dir)) {
            String served = api.get("/v1/recommendations/u1?n=5").json().get("requestId").asText();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (api.store.impressionCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode preview = api.get("/v1/recommendations/u1?n=5&preview=true").json();
            assertEquals(5, preview.get("items").size());
            Thread.sleep(300);
            assertEquals(1, api.store.impressionCount(), "the preview was logged");

            JsonNode page = api.get("/v1/users/u1/impressions").json();
            assertEquals(1, page.get("impressions").size(), page.toString());
            JsonNode slate = page.get("impressions").get(0);
            assertEquals(served, slate.get("requestId").asText());
            assertEquals(5, slate.get("items").size());
            assertEquals(1, slate.get("items").get(0).get("position").asInt());
            assertFalse(slate.get("items").get(0).has("features"), "feature values stay in the log");
            assertEquals(0, api.get("/v1/users/nobody/impressions").json().get("impressions").size());
            assertEquals("limit", api.get("/v1/users/u1/impressions?limit=0").problem(400).get("errors").get(0).get("field").asText());
            assertEquals("preview", api.get("/v1/recommendations/u1?preview=maybe").problem(400).get("errors").get(0).get("field").asText());
        }
    }
}
