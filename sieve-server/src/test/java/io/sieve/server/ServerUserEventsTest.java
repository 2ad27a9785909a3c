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

/** GET /v1/users/{id}/events reads back what was stored, newest first, page by page. */
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
}
