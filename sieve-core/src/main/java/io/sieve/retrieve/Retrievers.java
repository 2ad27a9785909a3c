package io.sieve.retrieve;

import io.sieve.config.PluginNames;
import io.sieve.config.SieveConfig.SourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of retriever types, loaded once from {@link ServiceLoader}; it also tells the
 * configuration which types exist and whether a source's own settings fit its type.
 */
public final class Retrievers implements PluginNames {
    private static final Map<String, RetrieverFactory> FACTORIES = load();

    private static Map<String, RetrieverFactory> load() {
        Map<String, RetrieverFactory> out = new TreeMap<>();
        for (RetrieverFactory f : ServiceLoader.load(RetrieverFactory.class)) {
            if (out.putIfAbsent(f.type(), f) != null) {
                throw new IllegalStateException("two retriever factories are called '" + f.type() + "'");
            }
        }
        return out;
    }

    /** The retriever the source {@code name} is configured as. */
    public static Retriever create(String name, SourceConfig source, RetrieverFactory.Shared shared) {
        RetrieverFactory factory = FACTORIES.get(source.type());
        if (factory == null) {
            throw new IllegalArgumentException("retrieval.sources." + name + ".type: no retriever type '" + source.type()
                    + "'; known: " + FACTORIES.keySet());
        }
        Map<String, Object> values = new LinkedHashMap<>(factory.defaults());
        values.putAll(source.settings());
        return factory.create(new SourceSettings(name, values), shared);
    }

    @Override
    public String key() {
        return SourceConfig.TYPE_KEY;
    }

    @Override
    public Set<String> names() {
        return FACTORIES.keySet();
    }

    @Override
    public List<String> check(String type, Map<String, Object> settings) {
        RetrieverFactory factory = FACTORIES.get(type);
        List<String> problems = new ArrayList<>();
        if (factory == null) {
            return problems;
        }
        settings.forEach((key, value) -> {
            Object expected = factory.defaults().get(key);
            if (expected == null) {
                problems.add(key + ": not a setting of a '" + type + "' source; its settings: "
                        + (factory.defaults().isEmpty() ? "none but type, enabled, quota and weight" : factory.defaults().keySet()));
            } else if (expected instanceof Number && !(value instanceof Number)) {
                problems.add(key + ": must be a number, was " + value);
            }
        });
        return problems;
    }
}
