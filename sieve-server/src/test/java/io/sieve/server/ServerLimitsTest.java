package io.sieve.server;

import static io.sieve.server.TestServer.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default limits: each refusal names the field, and nothing of a refused request is stored. */
class ServerLimitsTest {
    @TempDir
    Path dir;

    private static String list(String element, int n) {
        StringJoiner joined = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            joined.add(element.replace("#", Integer.toString(i)));
        }
        return joined.toString();
    }

    @Test
    void aLongTitleOrDescriptionIsRefusedAndNotStored() {
        try (TestServer api = TestServer.seeded(dir)) {
            JsonNode title = api.send("PUT", "/v1/items/long", "{\"title\": \"" + "t".repeat(2_000_000) + "\"}").problem(400);
            assertEquals(List.of("title"), fields(title));
            assertTrue(title.get("errors").get(0).get("reason").asText().contains("at most 1000"), title.toString());
            api.get("/v1/items/long").problem(404);

            JsonNode description = api.send("PUT", "/v1/items/long", "{\"description\": \"" + "d".repeat(20_001) + "\"}").problem(400);
            assertEquals(List.of("description"), fields(description));
        }
    }

    @Test
    void listsOfAnItemAreBounded() {
        try (TestServer api = TestServer.seeded(dir)) {
            JsonNode p = api.send("PUT", "/v1/items/many", "{\"categories\": " + list("\"c#\"", 101)
                    + ", \"tags\": " + list("\"t#\"", 101) + "}").problem(400);
            assertEquals(List.of("categories", "tags"), fields(p));
            assertEquals(200, api.send("PUT", "/v1/items/many", "{\"categories\": " + list("\"c#\"", 100) + "}").status());
        }
    }

    @Test
    void attributesAreBounded() {
        try (TestServer api = TestServer.seeded(dir)) {
            StringJoiner attributes = new StringJoiner(",", "{", "}");
            for (int i = 0; i < 101; i++) {
                attributes.add("\"k" + i + "\": 1");
            }
            assertEquals(List.of("attributes"), fields(api.send("PUT", "/v1/users/wide",
                    "{\"attributes\": " + attributes + "}").problem(400)));
            assertEquals(List.of("attributes.likes"), fields(api.send("PUT", "/v1/users/wide",
                    "{\"attributes\": {\"likes\": " + list("\"x#\"", 101) + "}}").problem(400)));
            // In a batch, the record's index comes first.
            assertEquals(List.of("items[1].title"), fields(api.send("POST", "/v1/items",
                    "[{\"id\": \"ok\"}, {\"id\": \"bad\", \"title\": \"" + "t".repeat(1_001) + "\"}]").problem(400)));
        }
    }

    @Test
    void onboardingWithAMillionCategoriesIsRefusedAtOnce() {
        try (TestServer api = TestServer.seeded(dir)) {
            JsonNode p = api.send("POST", "/v1/users/greedy/onboarding",
                    "{\"categories\": " + list("\"c#\"", 900_000) + "}").problem(400);
            assertEquals(List.of("categories"), fields(p));
            assertEquals(List.of("items"), fields(api.send("POST", "/v1/users/greedy/onboarding",
                    "{\"items\": " + list("\"a1\"", 51) + "}").problem(400)));
            api.get("/v1/users/greedy").problem(404);
        }
    }

    @Test
    void batchesAreBounded() {
        try (TestServer api = TestServer.seeded(dir)) {
            String event = "{\"user\":\"bulk\",\"item\":\"a1\",\"type\":\"view\",\"timestamp\":#}";
            JsonNode p = api.send("POST", "/v1/events/batch", list(event.replace("#", "1700000000"), 10_001)).problem(413);
            assertEquals("urn:sieve:problem:batch-too-large", p.get("type").asText());
            assertEquals(List.of("events"), fields(p));
            assertEquals(List.of("items"), fields(api.send("POST", "/v1/items", "{\"items\": " + list("{\"id\":\"b#\"}", 10_001) + "}")
                    .problem(413)));
            assertTrue(api.historyItems("bulk").isEmpty());
            assertEquals(202, api.send("POST", "/v1/events/batch", list(event, 10_000)).status());
        }
    }
}
