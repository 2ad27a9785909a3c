package io.sieve.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keys named the way environment variables name them: the key path in upper case, levels joined by
 * '_' ({@code RETRIEVAL_SOURCES_ALS_WEIGHT}), matched case-insensitively against the keys the
 * configuration tree has, so that the open maps (sources, event types) work for the names they hold.
 */
final class KeyPaths {
    private KeyPaths() {
    }

    /** {@code retrieval.sources.als.weight} as {@code RETRIEVAL_SOURCES_ALS_WEIGHT}. */
    static String fromDotted(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replaceAll("[^A-Z0-9_]", "");
    }

    /** Sets the leaf {@code path} names to {@code value}; false when it names none. */
    static boolean set(ObjectMapper yaml, ObjectNode node, String path, String value) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String key = normalise(f.getKey());
            if (path.equals(key) && !f.getValue().isObject()) {
                node.set(f.getKey(), coerce(yaml, f.getValue(), value));
                return true;
            }
            // Each key consumes as many segments as it has: a path is tried below every key it starts with.
            if (path.startsWith(key + "_") && f.getValue() instanceof ObjectNode child
                    && set(yaml, child, path.substring(key.length() + 1), value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code path} could have meant, for a message: the keys of the deepest group it leads into
     * ({@code SERVER_PROT}: those of {@code server}), or at the top level also the launcher's variables.
     */
    static String nearest(ObjectNode root, String prefix, String path) {
        ObjectNode node = root;
        String matched = prefix;
        for (boolean deeper = true; deeper; ) {
            deeper = false;
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String key = normalise(f.getKey());
                if (path.startsWith(key + "_") && f.getValue() instanceof ObjectNode child) {
                    node = child;
                    matched += key + "_";
                    path = path.substring(key.length() + 1);
                    deeper = true;
                    break;
                }
            }
        }
        List<String> keys = new ArrayList<>();
        node.properties().forEach(f -> keys.add(normalise(f.getKey()) + (f.getValue().isObject() ? "_…" : "")));
        String known = "the keys there: " + matched + " + " + keys;
        return node == root ? known + "; the launcher's variables: " + new java.util.TreeSet<>(EnvironmentVariables.LAUNCHER) : known;
    }

    private static String normalise(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    /** The text of a variable as the kind of value the key holds now. */
    static JsonNode coerce(ObjectMapper yaml, JsonNode existing, String value) {
        if (existing.isArray()) {
            var array = yaml.createArrayNode();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    array.add(part.trim());
                }
            }
            return array;
        }
        // Let YAML decide numbers and booleans; binding then reports a wrong type with its key.
        try {
            JsonNode parsed = yaml.readTree(value);
            return parsed == null || parsed.isContainerNode() ? new TextNode(value) : parsed;
        } catch (IOException e) {
            return new TextNode(value);
        }
    }
}
