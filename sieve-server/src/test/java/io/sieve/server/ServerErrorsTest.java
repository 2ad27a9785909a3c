package io.sieve.server;

import static io.sieve.server.TestServer.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.ingest.ImportReport;
import io.sieve.ingest.ImportSources;
import io.sieve.ingest.Importer;
import io.sieve.ingest.ProgressListener;
import io.sieve.model.FieldError;
import io.sieve.store.Store;
import io.sieve.store.StoreProviders;
import io.sieve.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a request can be wrong gets a problem+json naming the field and the reason. */
class ServerErrorsTest {
    @TempDir
    static Path dir;
    static TestServer api;

    @BeforeAll
    static void start() {
        api = new TestServer(dir);
        api.seedClusters();
        api.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String reason(JsonNode problem, int i) {
        return problem.get("errors").get(i).get("reason").asText();
    }

    @Test
    void malformedJsonSaysWhere() {
        JsonNode p = api.send("PUT", "/v1/items/x", "{\n  \"title\": \"A\",\n  \"categories\": [\"a\" \"b\"]\n}").problem(400);
        assertEquals("urn:sieve:problem:malformed-json", p.get("type").asText());
        assertTrue(p.get("detail").asText().contains("line 3, column"), p.toString());
        assertTrue(fields(p).getFirst().startsWith("categories"), p.toString());
    }

    @Test
    void malformedJsonInABatchNamesTheEvent() {
        JsonNode p = api.send("POST", "/v1/events/batch",
                "[{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\"}, {\"user\": }]").problem(400);
        assertEquals("urn:sieve:problem:malformed-json", p.get("type").asText());
        assertEquals(List.of("events[1].user"), fields(p));
    }

    @Test
    void unknownFieldIsNamed() {
        JsonNode p = api.send("PUT", "/v1/items/x", "{\"titel\": \"A\"}").problem(400);
        assertEquals("urn:sieve:problem:unknown-field", p.get("type").asText());
        assertEquals(List.of("titel"), fields(p));
        assertTrue(reason(p, 0).contains("title"), "should list the known fields: " + p);
    }

    @Test
    void unknownFieldInABatchIsNamedWithItsIndex() {
        JsonNode p = api.send("POST", "/v1/items", "[{\"id\":\"n1\"}, {\"id\":\"n2\", \"colour\":\"red\"}]").problem(400);
        assertEquals(List.of("items[1].colour"), fields(p));
        assertEquals(404, api.get("/v1/items/n1").status(), "nothing of a refused batch is stored");
    }

    @Test
    void unknownWrapperFieldIsNamed() {
        JsonNode p = api.send("POST", "/v1/users", "{\"people\": []}").problem(400);
        assertEquals(List.of("people"), fields(p));
    }

    @Test
    void wrongTypesAreNamed() {
        JsonNode value = api.send("POST", "/v1/events", "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"rating\",\"value\":\"high\"}").problem(400);
        assertEquals("urn:sieve:problem:wrong-type", value.get("type").asText());
        assertEquals(List.of("value"), fields(value));
        assertTrue(reason(value, 0).startsWith("must be a number"), value.toString());

        JsonNode categories = api.send("PUT", "/v1/items/x", "{\"categories\": \"action\"}").problem(400);
        assertEquals(List.of("categories"), fields(categories));
        assertTrue(reason(categories, 0).contains("array"), categories.toString());

        JsonNode time = api.send("POST", "/v1/events", "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\",\"timestamp\":\"yesterday\"}").problem(400);
        assertEquals(List.of("timestamp"), fields(time));

        JsonNode notAnObject = api.send("POST", "/v1/events", "[1, 2]").problem(400);
        assertEquals(List.of("body"), fields(notAnObject));
    }

    @Test
    void emptyAndNullBodiesAreRefused() {
        assertEquals(List.of("body"), fields(api.send("POST", "/v1/events", "").problem(400)));
        assertEquals(List.of("body"), fields(api.send("POST", "/v1/events", "null").problem(400)));
        assertEquals(List.of("body"), fields(api.send("POST", "/v1/events/batch", "42").problem(400)));
        assertEquals(List.of("events[0]"), fields(api.send("POST", "/v1/events/batch", "[null]").problem(400)));
    }

    @Test
    void nullBatchesAndNullRecordsNameTheField() {
        assertEquals(List.of("events"), fields(api.send("POST", "/v1/events/batch", "{\"events\": null}").problem(400)));
        assertEquals(List.of("items"), fields(api.send("POST", "/v1/items", "{\"items\": null}").problem(400)));
        assertEquals(List.of("users"), fields(api.send("POST", "/v1/users", "{\"users\": null}").problem(400)));
        assertEquals(List.of("events[1]"), fields(api.send("POST", "/v1/events/batch",
                "{\"events\": [{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\"}, null]}").problem(400)));
        assertEquals(List.of("items[0]", "items[2]"), fields(api.send("POST", "/v1/items", "[null, {\"id\":\"n\"}, null]").problem(400)));
        assertEquals(List.of("users[0]"), fields(api.send("POST", "/v1/users", "[null]").problem(400)));
        assertEquals(List.of("body"), fields(api.send("PUT", "/v1/items/x", "null").problem(400)));
        assertEquals(List.of("body"), fields(api.send("PUT", "/v1/users/x", "null").problem(400)));
    }

    /** A record refused by the API and the same record in an imported file get the same field and reason. */
    @Test
    void theApiAndTheImporterWordAMistakeAlike(@TempDir Path files) throws IOException {
        List<String> mistakes = List.of(
                "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"rating\",\"value\":\"high\",\"timestamp\":1700000000}",
                "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\",\"timestamp\":\"yesterday\"}",
                "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\",\"timestamp\":1700000000,\"colour\":\"red\"}",
                "{\"user\":[\"u1\"],\"item\":\"a1\",\"type\":\"view\",\"timestamp\":1700000000}");
        Path events = Files.write(files.resolve("events.jsonl"), mistakes);
        ImportReport imported;
        try (Store store = StoreProviders.open(StoreUrl.parse("memory:"), files)) {
            imported = new Importer(store, store, api.config.types(), ProgressListener.NONE)
                    .run(ImportSources.resolve(null, null, null, null, events));
        }

        assertEquals(mistakes.size(), imported.firstRejected().size());
        for (int i = 0; i < mistakes.size(); i++) {
            JsonNode error = api.send("POST", "/v1/events", mistakes.get(i)).problem(400).get("errors").get(0);
            FieldError fromApi = new FieldError(error.get("field").asText(), error.get("reason").asText());
            assertEquals(imported.firstRejected().get(i).errors(), List.of(fromApi), mistakes.get(i));
        }
    }

    @Test
    void invalidEventTypeIsExplained() {
        JsonNode p = api.send("POST", "/v1/events", "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"teleport\"}").problem(400);
        assertEquals("urn:sieve:problem:validation", p.get("type").asText());
        assertEquals(List.of("type"), fields(p));
        assertTrue(reason(p, 0).contains("teleport") && reason(p, 0).contains("view"), p.toString());
    }

    @Test
    void batchWithBadEventsStoresNothingAndNamesEachOne() {
        String batch = """
                [{"user": "batch-user", "item": "a1", "type": "view"},
                 {"user": "batch-user", "item": "a2", "type": "teleport"},
                 {"item": "a3", "type": "view"},
                 {"user": "batch-user", "item": "a4", "type": "view"}]
                """;
        JsonNode p = api.send("POST", "/v1/events/batch", batch).problem(400);
        assertEquals(List.of("events[1].type", "events[2].user"), fields(p));
        assertTrue(api.historyItems("batch-user").isEmpty(), "a refused batch stores nothing");
    }

    @Test
    void pathAndBodyIdsMustAgree() {
        JsonNode p = api.send("PUT", "/v1/items/x", "{\"id\": \"y\"}").problem(400);
        assertEquals(List.of("id"), fields(p));
        JsonNode tooLong = api.get("/v1/users/" + "u".repeat(300)).problem(400);
        assertEquals(List.of("id"), fields(tooLong));
    }

    @Test
    void badCountsAndFlagsNameTheParameter() {
        for (String n : List.of("0", "abc", "201", "-3", "1.5")) {
            JsonNode p = api.get("/v1/recommendations/u1?n=" + n).problem(400);
            assertEquals(List.of("n"), fields(p), "n=" + n);
            assertTrue(reason(p, 0).contains("1 to 200"), p.toString());
        }
        assertEquals(List.of("n"), fields(api.get("/v1/items/a1/similar?n=0").problem(400)));
        assertEquals(List.of("debug"), fields(api.get("/v1/recommendations/u1?debug=maybe").problem(400)));
    }

    @Test
    void unknownRecordsAre404() {
        api.get("/v1/items/no-such-item/similar").problem(404);
        api.get("/v1/items/no-such-item").problem(404);
        api.get("/v1/users/no-such-user").problem(404);
        api.send("DELETE", "/v1/items/no-such-item", null).problem(404);
        api.send("DELETE", "/v1/users/no-such-user", null).problem(404);
    }

    @Test
    void unknownRouteAndWrongMethod() {
        JsonNode notFound = api.get("/v2/nothing/here").problem(404);
        assertTrue(notFound.get("detail").asText().contains("/v2/nothing/here"), notFound.toString());

        TestServer.Response wrongMethod = api.send("PATCH", "/v1/items/a1", "{}");
        JsonNode p = wrongMethod.problem(405);
        assertTrue(p.get("detail").asText().contains("GET"), p.toString());
        api.send("GET", "/v1/events", null).problem(405);
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "[" + "{\"user\":\"u1\",\"item\":\"a1\",\"type\":\"view\"},".repeat(api.config.limits().bodyBytes() / 40) + "]";
        JsonNode p = api.send("POST", "/v1/events/batch", huge).problem(413);
        assertEquals("urn:sieve:problem:body-too-large", p.get("type").asText());
    }
}
