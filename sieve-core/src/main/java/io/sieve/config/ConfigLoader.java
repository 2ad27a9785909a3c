package io.sieve.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the effective configuration: built-in defaults, then the user's YAML file (objects are
 * merged key by key, anything else replaces), then environment variables named
 * {@code SIEVE_<PATH>} where PATH is the key path in upper case with levels joined by '_'.
 * Environment variables that name no existing key are left alone (the CLI uses a few of its own).
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static SieveConfig defaults() {
        return load(null, Map.of());
    }

    /** Loads with {@code file} (may be null) and the given environment. */
    public static SieveConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = readDefaults();
        if (file != null) {
            merge(tree, readFile(file));
        }
        applyEnvironment(tree, env);
        SieveConfig config = bind(tree);
        ConfigValidator.check(config);
        return config;
    }

    /**
     * A copy of {@code base} with settings changed, keys as dotted paths
     * ({@code retrieval.sources.popularity.enabled=false}); used by evaluation and tuning to vary
     * one configuration without writing files. Unknown keys are an error.
     */
    public static SieveConfig withSettings(SieveConfig base, Map<String, String> settings) {
        ObjectNode tree = YAML.valueToTree(base);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String path = e.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replaceAll("[^A-Z0-9_]", "");
            if (!setByPath(tree, path, e.getValue())) {
                throw new ConfigException(List.of(e.getKey() + ": no such configuration key"));
            }
        }
        SieveConfig config = bind(tree);
        ConfigValidator.check(config);
        return config;
    }

    /**
     * Writes dotted-path settings into a YAML config file, keeping what the file already says
     * about other keys, and checks that the result is a valid configuration before writing.
     */
    public static void writeSettings(Path file, Map<String, String> settings) {
        ObjectNode tree = Files.isRegularFile(file) ? (ObjectNode) readFile(file) : YAML.createObjectNode();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            ObjectNode node = tree;
            String[] path = e.getKey().split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                node = node.get(path[i]) instanceof ObjectNode child ? child : node.putObject(path[i]);
            }
            node.set(path[path.length - 1], coerce(TextNode.valueOf(""), e.getValue()));
        }
        ObjectNode effective = readDefaults();
        merge(effective, tree);
        ConfigValidator.check(bind(effective));
        try {
            YAML.writeValue(file.toFile(), tree);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** The effective configuration as YAML, for {@code sieve validate}; API key secrets are replaced by a marker. */
    public static String toYaml(SieveConfig config) {
        ObjectNode tree = YAML.valueToTree(config);
        if (tree.path("security").path("keys") instanceof ObjectNode keys) {
            keys.forEach(k -> {
                if (k instanceof ObjectNode key && key.hasNonNull("key")) {
                    key.put("key", "<redacted>");
                }
            });
        }
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("built-in defaults are unreadable", e);
        }
    }

    private static JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of(file + ": no such file"));
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(List.of(file + ": the top level must be a mapping of keys"));
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    static void merge(ObjectNode target, JsonNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode existing = target.get(f.getKey());
            if (existing instanceof ObjectNode obj && f.getValue().isObject()) {
                merge(obj, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("SIEVE_")) {
                setByPath(tree, e.getKey().substring("SIEVE_".length()), e.getValue());
            }
        }
    }

    /** Walks down the tree matching keys case-insensitively, letting each key consume path segments. */
    private static boolean setByPath(ObjectNode node, String path, String value) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = normalise(f.getKey());
            if (path.equals(key) && !f.getValue().isObject()) {
                node.set(f.getKey(), coerce(f.getValue(), value));
                return true;
            }
            if (path.startsWith(key + "_") && f.getValue() instanceof ObjectNode child
                    && setByPath(child, path.substring(key.length() + 1), value)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    private static JsonNode coerce(JsonNode existing, String value) {
        if (existing.isArray()) {
            var array = YAML.createArrayNode();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    array.add(part.trim());
                }
            }
            return array;
        }
        // Let YAML decide numbers and booleans; binding then reports a wrong type with its key.
        try {
            JsonNode parsed = YAML.readTree(value);
            return parsed == null || parsed.isContainerNode() ? new TextNode(value) : parsed;
        } catch (IOException e) {
            return new TextNode(value);
        }
    }

    private static SieveConfig bind(JsonNode tree) {
        try {
            return YAML.treeToValue(tree, SieveConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String path = pathOf(e);
            List<String> problems = new ArrayList<>();
            problems.add(path + ": unknown key; known keys here: " + e.getKnownPropertyIds());
            throw new ConfigException(problems);
        } catch (JsonMappingException e) {
            throw new ConfigException(List.of(pathOf(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }
}
