package io.sieve.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code SIEVE_*} environment variables. Each one must name a configuration key ({@code SIEVE_}
 * + its path in upper case, levels joined by '_'), be one the launcher or the command line reads
 * ({@link #LAUNCHER}), or hold an API key's secret ({@code security.keys.*.keyEnv}). Any other is a
 * mistake, reported like a misspelt key in the file: a variable that is silently ignored leaves the
 * operator sure of a setting the process does not have. Only names are reported, never values,
 * which may be secrets.
 */
final class EnvironmentVariables {
    static final String PREFIX = "SIEVE_";

    /**
     * Read by {@code ./sieve} (heap, crash-log directory, JVM options, whether to build, where it
     * lives), by the command line (data directory, config file) and by the native-library cache;
     * none is a configuration key. README's "Running Sieve" describes them.
     */
    static final Set<String> LAUNCHER = Set.of("SIEVE_CONFIG", "SIEVE_DATA_DIR", "SIEVE_HOME", "SIEVE_HEAP",
            "SIEVE_LOG_DIR", "SIEVE_LOG_FORMAT", "SIEVE_NATIVE_DIR", "SIEVE_SKIP_BUILD", "SIEVE_JAVA_OPTS");

    private EnvironmentVariables() {
    }

    /** Writes each variable into the key it names, and reports every variable that names nothing. */
    static void apply(ObjectMapper yaml, ObjectNode tree, Map<String, String> env, Problems problems) {
        List<String> unknown = new ArrayList<>();
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !LAUNCHER.contains(name)
                    && !KeyPaths.set(yaml, tree, name.substring(PREFIX.length()), value)) {
                unknown.add(name);
            }
        });
        // Read after every variable is applied: a keyEnv can itself be set by a variable.
        Set<String> secrets = keyEnvNames(tree);
        for (String name : unknown) {
            if (!secrets.contains(name)) {
                problems.add(name, "names no configuration key, no security.keys.*.keyEnv and no variable of the launcher; "
                        + KeyPaths.nearest(tree, PREFIX, name.substring(PREFIX.length())) + "; correct its name or unset it");
            }
        }
    }

    private static Set<String> keyEnvNames(ObjectNode tree) {
        Set<String> names = new TreeSet<>();
        for (JsonNode key : tree.path("security").path("keys")) {
            if (key.path("keyEnv").isTextual()) {
                names.add(key.path("keyEnv").asText());
            }
        }
        return names;
    }
}
