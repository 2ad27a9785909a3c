package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The funnel's promises, checked through HTTP against a trained bundle. */
class ServerRecommendationsTest {
    @TempDir
    Path dir;
    TestServer api;

    @BeforeEach
    void start() {
        api = new TestServer(dir);
        api.seedClusters();
        api.publish(TestServer.T0.plusSeconds(86_400));
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void rate(String user, String... items) {
        for (String item : items) {
            String event = "{\"user\": \"" + user + "\", \"item\": \"" + item + "\", \"type\": \"rating\"}";
            assertEquals(202, api.send("POST", "/v1/events", event).status());
        }
    }

    @Test
    void ratedItemsNeverComeBackAndNeighboursLead() {
        rate("alice", "a0", "a1", "a2");
        List<String> ids = api.get("/v1/recommendations/alice?n=20").ids();
        assertEquals(20, ids.size());
        assertTrue(Collections.disjoint(ids, Set.of("a0", "a1", "a2")), "rated items came back: " + ids);
        assertTrue(ids.subList(0, 5).stream().allMatch(id -> id.startsWith("a")),
                "co-visitation neighbours of alice's action films should lead: " + ids);
    }

    /** include=title,categories puts the catalog's fields on every item of all three lists; nothing unasked. */
    @Test
    void includeAddsTheItemsCatalogFields() {
        rate("carol", "a0", "a1");
        for (String path : List.of("/v1/recommendations/carol?n=5", "/v1/items/a3/similar?n=5", "/v1/search?q=film&n=5")) {
            JsonNode items = api.get(path + "&include=title,categories").json().get("items");
            assertTrue(items.size() > 0, path);
            for (JsonNode item : items) {
                String id = item.get("id").asText();
                assertEquals("Film " + id, item.get("title").asText(), path);
                assertEquals(TestServer.categoryOf(id), item.get("categories").get(0).asText(), path);
                assertFalse(item.has("attributes"), "not asked for: " + item);
            }
            JsonNode plain = api.get(path).json().get("items").get(0);
            assertFalse(plain.has("title") || plain.has("categories"), "nothing unasked: " + plain);
        }
        JsonNode problem = api.get("/v1/recommendations/carol?include=title,price").problem(400);
        assertEquals(List.of("include"), TestServer.fields(problem));
        assertTrue(problem.get("errors").get(0).get("reason").asText().contains("'price'"), problem.toString());
    }

    @Test
    void dislikedAndHiddenItemsDisappearAtOnce() {
        rate("bob", "b0", "b1");
        String first = api.get("/v1/recommendations/bob").ids().getFirst();
        assertEquals(202, api.send("POST", "/v1/events",
                "{\"user\": \"bob\", \"item\": \"" + first + "\", \"type\": \"dislike\"}").status());
        List<String> afterDislike = api.get("/v1/recommendations/bob?n=30").ids();
        assertFalse(afterDislike.contains(first), first + " was disliked but came back: " + afterDislike);

        String next = afterDislike.getFirst();
        api.send("POST", "/v1/events/batch", "[{\"user\": \"bob\", \"item\": \"" + next + "\", \"type\": \"hide\"}]");
        assertFalse(api.get("/v1/recommendations/bob?n=30").ids().contains(next), next + " was hidden but came back");
    }

    @Test
    void unknownUserGetsPopularItemsWithReasons() {
        TestServer.Response r = api.get("/v1/recommendations/nobody-we-know?n=5");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertFalse(body.get("requestId").asText().isBlank());
        assertFalse(body.has("debug"), "debug only when asked for");
        assertEquals(5, body.get("items").size());
        assertEquals("a0", body.get("items").get(0).get("id").asText(), "a0 is the most rated item");
        for (JsonNode item : body.get("items")) {
            assertFalse(item.get("reason").asText().isBlank(), item.toString());
            assertTrue(item.get("sources").size() > 0, item.toString());
        }
    }

    @Test
    void exclusionsAndCategoriesTakeListsAndRepeats() {
        List<String> ids = api.get("/v1/recommendations/nobody?n=10&exclude=a0,a1&exclude=a2&category=comedy,drama").ids();
        assertFalse(ids.isEmpty());
        assertTrue(ids.stream().noneMatch(id -> id.startsWith("a")), "only comedy and drama were asked for: " + ids);
        List<String> repeated = api.get("/v1/recommendations/nobody?n=30&category=comedy&category=drama&exclude=b0").ids();
        assertFalse(repeated.contains("b0"));
        assertTrue(repeated.stream().allMatch(id -> id.startsWith("b") || id.startsWith("c")), repeated.toString());
    }

    @Test
    void debugAddsTheTrace() {
        JsonNode debug = api.get("/v1/recommendations/u1?debug=true").json().get("debug");
        assertEquals(api.get("/readyz").json().get("modelVersion").asText(), debug.get("modelVersion").asText());
        assertTrue(debug.get("timingsMs").has("total"), debug.toString());
        assertTrue(debug.has("candidates") && debug.has("removedBy"), debug.toString());
    }

    @Test
    void similarItemsComeFromTheSameGroup() {
        TestServer.Response r = api.get("/v1/items/c1/similar?n=5");
        assertEquals(200, r.status(), r.body());
        List<String> ids = r.ids();
        assertEquals(5, ids.size());
        assertFalse(ids.contains("c1"));
        assertTrue(ids.stream().allMatch(id -> id.startsWith("c")), ids.toString());
    }
}
