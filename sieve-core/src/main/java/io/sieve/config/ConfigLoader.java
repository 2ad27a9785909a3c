package io.sieve.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the effective configuration: built-in defaults, then the user's YAML file (objects are
 * merged key by key, anything else replaces), then environment variables named
 * {@code SIEVE_<PATH>} where PATH is the key path in upper case with levels joined by '_'
 * ({@link EnvironmentVariables}: one that names no key is a mistake, unless the launcher reads it).
 * The result is bound to {@link SieveConfig} and validated once; every mistake of every step is
 * reported together in one {@link ConfigException}, each with its key.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = mapper();

    private ConfigLoader() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // A whole-number key given 2.5 is a mistake, not 2.
        yaml.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return yaml;
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
        Problems problems = new Problems();
        EnvironmentVariables.apply(YAML, tree, env, problems);
        return checked(tree, problems);
    }

    /**
     * A copy of {@code base} with settings changed, keys as dotted paths
     * ({@code retrieval.sources.popularity.enabled=false}); used by evaluation and tuning to vary
     * one configuration without writing files. Unknown keys are an error, reported with the rest.
     */
    public static SieveConfig withSettings(SieveConfig base, Map<String, String> settings) {
        ObjectNode tree = YAML.valueToTree(base);
        Problems problems = new Problems();
        settings.forEach((key, value) -> {
            if (!KeyPaths.set(YAML, tree, KeyPaths.fromDotted(key), value)) {
                problems.add(key, "no such configuration key");
            }
        });
        return checked(tree, problems);
    }

    /**
     * The configuration one experiment variant is served with: {@code base} with the variant's
     * overlay (dotted serving settings) applied, and no experiments or holdout of its own.
     */
    public static SieveConfig forVariant(SieveConfig base, Map<String, String> overlay) {
        ObjectNode tree = YAML.valueToTree(base);
        tree.putObject("experiments");
        ((ObjectNode) tree.path("holdout")).put("fraction", 0.0).putObject("overlay");
        Problems problems = new Problems();
        overlay.forEach((key, value) -> {
            if (!KeyPaths.set(YAML, tree, KeyPaths.fromDotted(key), value)) {
                problems.add(key, "no such configuration key");
            }
        });
        return checked(tree, problems);
    }

    /** Each variant's overlay applied to the configuration, its mistakes reported under the variant's key. */
    private static void checkOverlays(SieveConfig config, Problems problems) {
        Map<String, Map<String, String>> overlays = new LinkedHashMap<>();
        config.experiments().forEach((name, e) -> e.variants().forEach((variant, v) ->
                overlays.put("experiments." + name + ".variants." + variant + ".overlay", v.settings())));
        if (config.holdout().fraction() > 0) {
            overlays.put("holdout.overlay", config.holdout().asExperiment().variants().get(HoldoutConfig.HELD_OUT).settings());
        }
        overlays.forEach((key, settings) -> {
            try {
                forVariant(config, settings);
            } catch (ConfigException e) {
                // A mistake outside the overlays shows in every variant too; it is reported once, as itself.
                e.problems().stream().filter(problem -> !problems.contains(problem))
                        .forEach(problem -> problems.add(key + "." + problem));
            }
        });
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
            node.set(path[path.length - 1], KeyPaths.coerce(YAML, TextNode.valueOf(""), e.getValue()));
        }
        ObjectNode effective = readDefaults();
        merge(effective, tree);
        checked(effective, new Problems());
        try {
            YAML.writeValue(file.toFile(), tree);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
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

    /** Binds and validates the tree, adding to the problems found so far; throws them all, or returns the configuration. */
    private static SieveConfig checked(ObjectNode tree, Problems problems) {
        SieveConfig config = ConfigBinder.bind(YAML, tree, problems);
        if (config != null) {
            ConfigValidator.check(config, problems);
            checkOverlays(config, problems);
        }
        problems.throwIfAny(tree);
        return config;
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
        for (Map.Entry<String, JsonNode> f : overrides.properties()) {
            JsonNode existing = target.get(f.getKey());
            if (existing instanceof ObjectNode obj && f.getValue().isObject()) {
                merge(obj, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }
}
