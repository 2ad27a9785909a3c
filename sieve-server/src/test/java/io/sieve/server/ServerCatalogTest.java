package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.model.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items, users and events written through the API are what the store holds. */
class ServerCatalogTest {
    @TempDir
    Path dir;
    TestServer api;

    @BeforeEach
    void start() {
        api = new TestServer(dir).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void itemRoundTrip() {
        TestServer.Response put = api.send("PUT", "/v1/items/film%201",
                "{\"title\": \"Heat\", \"categories\": [\"crime\"], \"attributes\": {\"year\": 1995}, \"createdAt\": \"1995-12-15\"}");
        assertEquals(200, put.status(), put.body());
        assertEquals("film 1", put.json().get("id").asText(), "the path id fills a body without one");

        JsonNode got = api.get("/v1/items/film%201").json();
        assertEquals("Heat", got.get("title").asText());
        assertEquals("crime", got.get("categories").get(0).asText());
        assertEquals(1995, got.get("attributes").get("year").asInt());
        assertEquals("1995-12-15T00:00:00Z", got.get("createdAt").asText());
        assertTrue(got.get("available").asBoolean());
        assertEquals("Heat", api.store.item("film 1").orElseThrow().title());

        assertEquals(200, api.send("PUT", "/v1/items/film%201", "{\"id\": \"film 1\", \"title\": \"Heat (1995)\"}").status());
        assertEquals("Heat (1995)", api.get("/v1/items/film%201").json().get("title").asText());

        assertEquals(204, api.send("DELETE", "/v1/items/film%201", null).status());
        assertEquals(404, api.get("/v1/items/film%201").status());
        assertTrue(api.store.item("film 1").isEmpty());
    }

    @Test
    void userRoundTrip() {
        assertEquals(200, api.send("PUT", "/v1/users/ann", "{\"attributes\": {\"age\": 31, \"country\": \"DE\"}}").status());
        JsonNode got = api.get("/v1/users/ann").json();
        assertEquals(31, got.get("attributes").get("age").asInt());
        assertEquals("DE", api.store.user("ann").orElseThrow().attributes().get("country"));

        assertEquals(204, api.send("DELETE", "/v1/users/ann", null).status());
        assertEquals(404, api.get("/v1/users/ann").status());
    }

    @Test
    void batchesAcceptAnArrayOrAWrapper() {
        TestServer.Response array = api.send("POST", "/v1/items", "[{\"id\": \"i1\"}, {\"id\": \"i2\", \"available\": false}]");
        assertEquals(200, array.status(), array.body());
        assertEquals(2, array.json().get("stored").asInt());
        TestServer.Response wrapped = api.send("POST", "/v1/users", "{\"users\": [{\"id\": \"v1\"}, {\"id\": \"v2\"}]}");
        assertEquals(2, wrapped.json().get("stored").asInt());
        assertEquals(2, api.store.itemCount());
        assertFalse(api.store.item("i2").orElseThrow().isAvailable());
        assertTrue(api.store.user("v2").isPresent());
    }

    @Test
    void eventsAreStoredBeforeTheyAreAcknowledged() {
        TestServer.Response one = api.send("POST", "/v1/events",
                "{\"user\": \"ann\", \"item\": \"i1\", \"type\": \"rating\", \"value\": 4.5, \"timestamp\": 1700000000}");
        assertEquals(202, one.status(), one.body());
        assertEquals(1, one.json().get("accepted").asInt());

        Instant before = Instant.now();
        TestServer.Response batch = api.send("POST", "/v1/events/batch", """
                [{"user": "ann", "item": "i2", "type": "view"},
                 {"user": "ann", "item": "i3", "type": "purchase", "timestamp": "2024-05-01T10:00:00Z"}]
                """);
        assertEquals(202, batch.status(), batch.body());
        assertEquals(2, batch.json().get("accepted").asInt());

        List<Event> history = api.store.history("ann", 10);
        assertEquals(Set.of("i1", "i2", "i3"), api.historyItems("ann"));
        Event rating = history.stream().filter(e -> e.item().equals("i1")).findFirst().orElseThrow();
        assertEquals(4.5, rating.value());
        assertEquals(Instant.ofEpochSecond(1_700_000_000), rating.timestamp());
        Event view = history.stream().filter(e -> e.item().equals("i2")).findFirst().orElseThrow();
        assertFalse(view.timestamp().isBefore(before.minusMillis(1)), "a missing timestamp becomes the server's time");

        assertEquals(202, api.send("POST", "/v1/events/batch", "{\"events\": []}").status());
    }
}
