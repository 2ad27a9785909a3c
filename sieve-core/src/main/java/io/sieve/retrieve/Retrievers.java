package io.sieve.retrieve;

import io.sieve.config.PluginNames;
import io.sieve.config.SieveConfig.SourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of retriever types, loaded once from {@link ServiceLoader}; it also tells the
 * configuration which types exist and whether a source's own settings fit its type.
 */
public final class Retrievers implements PluginNames {
    private static final Map<String, RetrieverFactory> FACTORIES = PluginNames.load(RetrieverFactory.class, RetrieverFactory::type);

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
    public Map<String, Set<String>> names() {
        return Map.of(SourceConfig.TYPE_KEY, FACTORIES.keySet());
    }

    @Override
    public List<String> check(String key, String type, Map<String, Object> settings) {
        RetrieverFactory factory = FACTORIES.get(type);
        List<String> problems = new ArrayList<>();
        if (factory == null) {
            return problems;
        }
        settings.forEach((setting, value) -> {
            Object expected = factory.defaults().get(setting);
            if (expected == null) {
                problems.add(setting + ": not a setting of a '" + type + "' source; its settings: "
                        + (factory.defaults().isEmpty() ? "none but type, enabled, quota and weight" : factory.defaults().keySet()));
            } else if (expected instanceof Number && !(value instanceof Number)) {
                problems.add(setting + ": must be a number, was " + value);
            }
        });
        return problems;
    }
}
