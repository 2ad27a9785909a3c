package io.sieve.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sieve.store.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document and the registered routes describe the same API. */
class ServerOpenApiTest {
    @TempDir
    Path dir;

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        try (TestServer api = new TestServer(dir).start()) {
            TestServer.Response served = api.get("/openapi.json");
            assertEquals(200, served.status());
            JsonNode doc = served.json();
            assertEquals("3.1.0", doc.get("openapi").asText());

            Set<String> registered = new TreeSet<>();
            for (SieveServer.Route r : api.server().routes()) {
                registered.add(r.method() + " " + r.path());
            }
            Set<String> documented = new TreeSet<>();
            doc.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
            assertEquals(registered, documented);

            List<String> missing = new ArrayList<>();
            doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (!op.getKey().equals("parameters") && !op.getValue().get("responses").has("500")) {
                    missing.add(op.getKey() + " " + path.getKey());
                }
            }));
            assertTrue(missing.isEmpty(), "operations without their error response: " + missing);
            assertTrue(unresolvedRefs(doc, doc).isEmpty(), "dangling $ref: " + unresolvedRefs(doc, doc));
        }
    }

    /** Every "$ref" in the document must point at something that exists. */
    private static List<String> unresolvedRefs(JsonNode node, JsonNode root) {
        List<String> bad = new ArrayList<>();
        if (node.has("$ref") && root.at(node.get("$ref").asText().substring(1)).isMissingNode()) {
            bad.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> bad.addAll(unresolvedRefs(child, root)));
        return bad;
    }

    @Test
    void theDocumentIsValidJsonOnTheClasspath() throws Exception {
        assertTrue(Json.MAPPER.readTree(DocsRoutes.openApiDocument()).has("components"));
    }
}
