package io.sieve.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The client's {@link Operation}s against the server's own OpenAPI document (from sieve-server's jar
 * on the test classpath): each operation exists with its method and path, each query parameter the
 * client may send is declared, each field of a request record is a property of the request schema
 * (the server refuses unknown fields) and has every required one, and each field of a response
 * record is a property of the response schema, recursively, of a compatible JSON type.
 */
class OpenApiConformanceTest {
    private static final String DOCUMENT = "/io/sieve/server/openapi.json";
    private static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiConformanceTest.class.getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, DOCUMENT + " is not on the test classpath (sieve-server, test scope)");
            doc = new ObjectMapper().readTree(in);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationMatchesTheDocument() {
        return Arrays.stream(Operation.values()).map(op -> DynamicTest.dynamicTest(op.name() + " " + op, () -> {
            List<String> problems = new ArrayList<>();
            check(op, problems);
            assertTrue(problems.isEmpty(), op.name() + " (" + op + ") disagrees with " + DOCUMENT + ":\n  "
                    + String.join("\n  ", problems));
        }));
    }

    @Test
    void errorsAreReadAsTheDocumentsProblem() {
        List<String> problems = new ArrayList<>();
        compare(SieveException.Problem.class, ref("#/components/schemas/Problem"), "Problem", problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void includeNamesTheDocumentsFields() {
        JsonNode names = resolve(doc.at("/components/parameters/Include")).at("/schema/items/enum");
        Set<String> documented = new HashSet<>();
        names.forEach(n -> documented.add(n.asText()));
        for (Include field : Include.values()) {
            assertTrue(documented.contains(field.wireName()), "include=" + field.wireName() + " is not in " + documented);
        }
    }

    private static void check(Operation op, List<String> problems) {
        JsonNode path = doc.path("paths").path(op.path);
        JsonNode operation = path.path(op.method.toLowerCase(Locale.ROOT));
        if (path.isMissingNode()) {
            problems.add("no path " + op.path + " (the document has " + names(doc.path("paths")) + ")");
            return;
        }
        if (operation.isMissingNode()) {
            problems.add(op.path + " has no " + op.method + " (it has " + names(path) + ")");
            return;
        }
        Set<String> queryParams = new HashSet<>();
        for (JsonNode p : concat(path.path("parameters"), operation.path("parameters"))) {
            JsonNode param = resolve(p);
            if ("query".equals(param.path("in").asText())) {
                queryParams.add(param.path("name").asText());
            }
        }
        op.queryParams.stream().filter(q -> !queryParams.contains(q)).sorted()
                .forEach(q -> problems.add("query parameter '" + q + "' is not declared (declared: " + queryParams + ")"));

        JsonNode requestSchema = operation.at("/requestBody/content/application~1json/schema");
        if (op.requestType == null) {
            if (!requestSchema.isMissingNode()) {
                problems.add("the document takes a JSON body, the client sends none");
            }
        } else if (requestSchema.isMissingNode()) {
            problems.add("the client sends a " + op.requestType.getSimpleName() + " body, the document takes none");
        } else {
            String where = "request " + op.requestType.getSimpleName();
            compare(op.requestType, requestSchema, where, problems);
            JsonNode object = objectSchema(requestSchema);
            Set<String> fields = new HashSet<>();
            Arrays.stream(op.requestType.getRecordComponents()).forEach(c -> fields.add(jsonName(c)));
            object.path("required").forEach(r -> {
                if (!fields.contains(r.asText())) {
                    problems.add(where + " lacks the required field '" + r.asText() + "'");
                }
            });
        }
        checkResponse(op, operation.path("responses"), problems);
    }

    /** The first 2xx answer the document gives, against what the client reads it as. */
    private static void checkResponse(Operation op, JsonNode responses, List<String> problems) {
        String code = names(responses).stream().filter(c -> c.startsWith("2")).sorted().findFirst().orElse(null);
        if (code == null) {
            problems.add("the document gives no 2xx answer");
            return;
        }
        JsonNode content = resolve(responses.get(code)).path("content");
        if (op.responseType == Void.class) {
            if (!content.isMissingNode() && !content.isEmpty()) {
                problems.add(code + " has a body " + names(content) + "; the client reads none");
            }
        } else if (op.responseType == String.class) {
            if (!content.has("text/plain")) {
                problems.add(code + " is not text/plain (it is " + names(content) + "); the client reads text");
            }
        } else if (!content.has("application/json")) {
            problems.add(code + " is not application/json (it is " + names(content) + ")");
        } else {
            compare(op.responseType, content.at("/application~1json/schema"),
                    "response " + op.responseType.getSimpleName(), problems);
        }
    }

    /**
     * Checks a Java type against a schema: a record's components as the schema's properties
     * (recursively), a collection's elements as its items, a map's values as its additionalProperties.
     */
    private static void compare(Type type, JsonNode schemaOrRef, String where, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        Class<?> raw = raw(type);
        Set<String> types = jsonTypes(schema);
        String expected = expectedType(raw);
        if (expected != null && !types.isEmpty() && types.stream().noneMatch(t -> compatible(expected, t))) {
            problems.add(where + ": the client reads " + raw.getSimpleName() + ", the document says " + types);
        }
        if (raw.isPrimitive() && types.contains("null")) {
            problems.add(where + ": the document allows null, the client's " + raw.getSimpleName() + " cannot hold it");
        }
        if (raw.isRecord()) {
            JsonNode object = objectSchema(schema);
            JsonNode properties = object.path("properties");
            for (RecordComponent c : raw.getRecordComponents()) {
                String name = jsonName(c);
                if (!properties.has(name)) {
                    problems.add(where + "." + name + ": no property '" + name + "' in " + describe(schemaOrRef)
                            + " (it has " + names(properties) + ")");
                } else {
                    compare(c.getGenericType(), properties.get(name), where + "." + name, problems);
                }
            }
        } else if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            JsonNode items = arraySchema(schema).path("items");
            if (!items.isMissingNode()) {
                compare(p.getActualTypeArguments()[0], items, where + "[]", problems);
            }
        } else if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            JsonNode values = objectSchema(schema).path("additionalProperties");
            if (values.isObject()) {
                compare(p.getActualTypeArguments()[1], values, where + "{}", problems);
            }
        }
    }

    /** The JSON type a Java type is written and read as; null for one that takes anything (Object). */
    private static String expectedType(Class<?> raw) {
        if (raw == String.class || raw == Instant.class || raw.isEnum()) {
            return "string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "number";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        return null;
    }

    /** An integer field reads "integer" only (a "number" may hold fractions); a double reads both. */
    private static boolean compatible(String expected, String documented) {
        return expected.equals(documented) || expected.equals("number") && documented.equals("integer");
    }

    /** The schema's types: its {@code type} (a name or a list), or those of its oneOf/anyOf branches. */
    private static Set<String> jsonTypes(JsonNode schema) {
        Set<String> types = new HashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        if (types.isEmpty() && schema.has("properties")) {
            types.add("object");
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            schema.path(alternatives).forEach(branch -> types.addAll(jsonTypes(resolve(branch))));
        }
        return types;
    }

    /** The schema itself when it describes an object, else its first oneOf/anyOf branch that does (a batch's envelope). */
    private static JsonNode objectSchema(JsonNode schema) {
        return branch(schema, s -> s.has("properties") || s.has("additionalProperties") || "object".equals(s.path("type").asText()));
    }

    private static JsonNode arraySchema(JsonNode schema) {
        return branch(schema, s -> s.has("items"));
    }

    private static JsonNode branch(JsonNode schema, java.util.function.Predicate<JsonNode> wanted) {
        JsonNode resolved = resolve(schema);
        if (wanted.test(resolved)) {
            return resolved;
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            for (JsonNode b : resolved.path(alternatives)) {
                if (wanted.test(resolve(b))) {
                    return resolve(b);
                }
            }
        }
        return resolved;
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new AssertionError("unresolvable $ref " + ref);
            }
            node = target;
        }
        return node;
    }

    private static JsonNode ref(String ref) {
        return doc.at(ref.substring(1));
    }

    private static String describe(JsonNode schemaOrRef) {
        return schemaOrRef.has("$ref") ? schemaOrRef.get("$ref").asText() : "the inline schema";
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty renamed = c.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        b.forEach(out::add);
        return out;
    }
}
